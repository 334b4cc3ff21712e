"""The hash of a plan's inputs is the SHA-256 of one JSON document of the data set and the
settings; taken up to the interviews and finished with others, it is the same hash."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date

from overgang.core.domain import Dataset, Interview
from overgang.core.planning.fingerprint import _plain, hash_before_interviews, input_hash
from overgang.core.planning.policy import Policy, policy_as_dict


def _whole_document_hash(dataset: Dataset, policy: Policy) -> str:
    """The hash as every stored plan's was taken: one json.dumps of the whole document."""
    settings = policy_as_dict(policy)
    settings.pop("time_limit")
    document = {"dataset": _plain(dataset), "settings": settings}
    encoded = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def test_the_hash_is_that_of_the_whole_document(demo_dataset: Dataset) -> None:
    policy = Policy()
    assert input_hash(demo_dataset, policy) == _whole_document_hash(demo_dataset, policy)
    other = Policy(voluntary_only=True)
    assert input_hash(demo_dataset, other) == _whole_document_hash(demo_dataset, other)
    assert input_hash(demo_dataset, other) != input_hash(demo_dataset, policy)


def test_a_hash_taken_up_to_the_interviews_finishes_as_the_whole(demo_dataset: Dataset) -> None:
    policy = Policy()
    taken = hash_before_interviews(demo_dataset, policy)
    assert taken.finish(demo_dataset.interviews) == input_hash(demo_dataset, policy)
    first = demo_dataset.interviews[0]
    changed = (
        dataclasses.replace(first, note="Ændret: vil gerne flytte", held_on=date(2021, 5, 2)),
        *demo_dataset.interviews[1:],
        Interview(
            employee_id=first.employee_id,
            held_on=date(2021, 6, 1),
            wished_municipality=None,
            note="Ny",
        ),
    )
    with_changes = dataclasses.replace(demo_dataset, interviews=changed)
    assert taken.finish(changed) == input_hash(with_changes, policy)
    assert taken.finish(changed) != input_hash(demo_dataset, policy)
    # Finishing does not use the taken hash up: it can be finished again.
    assert taken.finish(()) == input_hash(dataclasses.replace(demo_dataset, interviews=()), policy)
    assert taken.finish(demo_dataset.interviews) == input_hash(demo_dataset, policy)
