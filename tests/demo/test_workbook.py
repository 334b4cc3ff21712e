"""The demo set is a valid transition workbook: the import accepts it and reads it back equal."""

from __future__ import annotations

from pathlib import Path

import pytest

from overgang.core.domain import Dataset
from overgang.demo import generate
from overgang.io.read import read_workbook
from overgang.io.records import canonical
from overgang.io.write import write_workbook


def test_the_data_set_comes_in_the_order_a_read_gives(demo: Dataset) -> None:
    assert canonical(demo) == demo


@pytest.mark.parametrize("municipalities", [2, 3])
def test_the_import_accepts_the_demo_workbook_without_an_issue_and_reads_it_back(
    tmp_path: Path, municipalities: int
) -> None:
    dataset = generate(municipalities=municipalities, scale=0.5)
    path = tmp_path / "demo.xlsx"
    write_workbook(dataset, path)
    result = read_workbook(path, cpr_key=b"demo")
    assert [issue.format() for issue in result.issues] == []
    assert result.dataset == dataset
