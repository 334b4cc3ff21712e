"""No exported cell runs as a formula when a spreadsheet opens it."""

from __future__ import annotations

import csv
import dataclasses
import tempfile
from pathlib import Path

from hypothesis import given, settings
from openpyxl import load_workbook

from overgang.core.domain import Dataset
from overgang.io.read import read_workbook
from overgang.io.write import canonical, write_workbook
from tests.io.factories import CPR_KEY, small_dataset
from tests.io.strategies import datasets

FORMULA_STARTS = ("=", "+", "-", "@")


def formula_cells(path: Path) -> list[str]:
    workbook = load_workbook(path)
    return [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_text_that_looks_like_a_formula_is_stored_as_quoted_text_in_xlsx(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "a.xlsx")
    assert formula_cells(tmp_path / "a.xlsx") == []
    sheet = load_workbook(tmp_path / "a.xlsx")["medarbejdere"]
    names = {cell.value: cell for cell in sheet["B"]}
    for text in ("=SUM(A1)", "-Anna Æbelø"):
        assert names[text].data_type == "s"
        assert names[text].quotePrefix


def test_text_shaped_like_cell_xml_is_stored_as_that_text_never_as_a_cell(tmp_path: Path) -> None:
    # XlsxWriter would write text from <r> to </r> into the sheet as XML, unescaped.
    smuggled = (
        '<r><t>x</t></r></is></c><c r="Z2"><f>HYPERLINK("http://x")</f></c><c><is><r><t>y</t></r>'
    )
    dataset = small_dataset()
    employees = tuple(
        dataclasses.replace(e, name=smuggled if e.id == "M001" else f"<r>{e.name}</r>")
        for e in dataset.employees
    )
    dataset = dataclasses.replace(dataset, employees=employees)
    write_workbook(dataset, tmp_path / "a.xlsx")
    assert formula_cells(tmp_path / "a.xlsx") == []
    assert read_workbook(tmp_path / "a.xlsx", cpr_key=CPR_KEY).dataset == canonical(dataset)


def test_text_that_looks_like_a_formula_gets_an_apostrophe_in_csv(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "csv")
    cells = [
        cell
        for path in (tmp_path / "csv").glob("*.csv")
        for row in csv.reader(path.open(encoding="utf-8", newline=""))
        for cell in row
    ]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert {"'=SUM(A1)", "'-Anna Æbelø", "'@ændret ønske", "'+Privat skole ApS"} <= set(cells)


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_no_generated_dataset_exports_a_formula(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_workbook(dataset, Path(folder) / "d.xlsx")
        assert formula_cells(Path(folder) / "d.xlsx") == []
        write_workbook(dataset, Path(folder) / "csv")
        for path in (Path(folder) / "csv").glob("*.csv"):
            for row in csv.reader(path.open(encoding="utf-8", newline="")):
                assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)]
