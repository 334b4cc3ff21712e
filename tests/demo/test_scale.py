"""scale multiplies the data set: ten times the rows at scale 10, give or take 2 %."""

from __future__ import annotations

import re

from overgang.core.domain import Dataset
from overgang.demo import generate
from tests.demo.invariants import consistency_problems

GROWING = ("medarbejdere", "samtaler", "borgere", "sager")


def test_scale_10_has_ten_times_the_rows(demo: Dataset) -> None:
    big = generate(scale=10)
    base, counts = demo.row_counts(), big.row_counts()
    for sheet in GROWING:
        assert abs(counts[sheet] / (10 * base[sheet]) - 1) <= 0.02, sheet
    assert counts["institutioner"] > 5 * base["institutioner"]  # daycares multiply
    assert counts["distrikter"] == base["distrikter"]
    assert consistency_problems(big) == []


def test_ids_keep_their_width_as_the_set_grows(demo: Dataset) -> None:
    big = generate(scale=10)
    for dataset in (demo, big):
        assert all(re.fullmatch(r"M\d{5}", e.id) for e in dataset.employees)
        assert all(re.fullmatch(r"B\d{6}", c.id) for c in dataset.citizens)
        assert all(re.fullmatch(r"S\d{7}", c.id) for c in dataset.cases)
        assert all(re.fullmatch(r"F\d{6}", c.family_id) for c in dataset.citizens)


def test_a_small_scale_gives_a_small_but_complete_set() -> None:
    small = generate(scale=0.1)
    assert consistency_problems(small) == []
    assert 10 <= len(small.employees) <= 25
    assert {e.profession for e in small.employees} >= {"PSY", "FAM", "ADM", "LED"}
