"""The hash of a plan's inputs: the data set and the settings that decide the plan."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from overgang.core.domain import Dataset, Interview
from overgang.core.planning.policy import Policy, policy_as_dict


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A field added later ("since") is hashed only where it is set, so that the
        # hash of data without it is what it always was.
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if "since" not in f.metadata or getattr(value, f.name) != f.default
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, int | str | bool) or value is None:
        return value
    return str(value.normalize()) if hasattr(value, "normalize") else str(value)


def _encoded(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def hashed_settings(policy: Policy) -> dict[str, Any]:
    """The settings the inputs' hash covers: all that decide the plan, not the time limit."""
    settings = policy_as_dict(policy)
    settings.pop("time_limit")
    return settings


def _document_pieces(dataset: Dataset, policy: Policy) -> list[tuple[str | None, str]]:
    """The hashed document in pieces, each with the data set's field it encodes (None: the
    JSON between them). Joined, they are what `json.dumps(..., sort_keys=True)` writes of
    `{"dataset": ..., "settings": ...}`."""
    settings = hashed_settings(policy)
    pieces: list[tuple[str | None, str]] = [(None, '{"dataset":{')]
    for n, (name, value) in enumerate(sorted(_plain(dataset).items())):
        pieces.append((None, ("," if n else "") + _encoded(name) + ":"))
        pieces.append((name, _encoded(value)))
    pieces.append((None, '},"settings":' + _encoded(settings) + "}"))
    return pieces


def input_hash(dataset: Dataset, policy: Policy) -> str:
    """Return a SHA-256 over the data set and the settings (not the time limit), stable across runs."""
    digest = hashlib.sha256()
    for _field, text in _document_pieces(dataset, policy):
        digest.update(text.encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class HashBeforeInterviews:
    """`input_hash` of a data set taken up to its interviews, to be finished with any
    interviews: between two imports only they change (web/planning/freshness.py), and the
    rest need not be read and encoded again for each."""

    before: Any  # a hashlib object fed with the document up to the interviews
    after: bytes  # the document after them

    def finish(self, interviews: Sequence[Interview]) -> str:
        """Return `input_hash` of the data set with these interviews in place of its own."""
        digest = self.before.copy()
        digest.update(_encoded(_plain(tuple(interviews))).encode())
        digest.update(self.after)
        return str(digest.hexdigest())


def hash_before_interviews(dataset: Dataset, policy: Policy) -> HashBeforeInterviews:
    """Return the data set's `input_hash` taken up to its interviews."""
    pieces = _document_pieces(dataset, policy)
    at = next(i for i, (name, _text) in enumerate(pieces) if name == "interviews")
    before = hashlib.sha256()
    for _field, text in pieces[:at]:
        before.update(text.encode())
    return HashBeforeInterviews(before, "".join(t for _f, t in pieces[at + 1 :]).encode())
