"""The hash of a plan's inputs: the data set and the settings that decide the plan."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from overgang.core.domain import Dataset
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


def input_hash(dataset: Dataset, policy: Policy) -> str:
    """Return a SHA-256 over the data set and the settings (not the time limit), stable across runs."""
    settings = policy_as_dict(policy)
    settings.pop("time_limit")
    document = {"dataset": _plain(dataset), "settings": settings}
    encoded = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()
