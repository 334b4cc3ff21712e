"""The same seed gives the same data set, to the byte; another seed gives another."""

from __future__ import annotations

import hashlib

import pytest

from overgang.core.domain import Dataset
from overgang.demo import generate


def _fingerprint(dataset: Dataset) -> str:
    return hashlib.sha256(repr(dataset).encode()).hexdigest()


def test_the_same_seed_gives_an_equal_data_set_with_an_equal_repr_hash(demo: Dataset) -> None:
    again = generate(seed=2021)
    assert again == demo
    assert _fingerprint(again) == _fingerprint(demo)


def test_the_default_seed_is_2021(demo: Dataset) -> None:
    assert _fingerprint(generate(seed=2021)) == _fingerprint(demo)


def test_another_seed_gives_another_data_set(demo: Dataset) -> None:
    other = generate(seed=7)
    assert other != demo
    assert [e.name for e in other.employees] != [e.name for e in demo.employees]
    assert [c.load for c in other.cases] != [c.load for c in demo.cases]


def test_variants_are_reproducible_too() -> None:
    first = generate(seed=11, scale=0.5, municipalities=3)
    assert _fingerprint(first) == _fingerprint(generate(seed=11, scale=0.5, municipalities=3))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"scale": 0}, "scale"),
        ({"scale": -1.0}, "scale"),
        ({"municipalities": 1}, "municipalities"),
        ({"municipalities": 99}, "municipalities"),
    ],
)
def test_arguments_out_of_range_are_refused(arguments: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**arguments)  # type: ignore[arg-type]


def test_progress_is_reported_and_ends_complete() -> None:
    calls: list[tuple[int, int]] = []
    generate(scale=0.5, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 2
    assert all(0 <= done <= total for done, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1]
