"""The fast worksheet reader gives the values openpyxl gives, on every kind of file we meet."""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from openpyxl import Workbook, load_workbook

from overgang.core.domain import Dataset
from overgang.io.issues import WorkbookError
from overgang.io.read import read_workbook
from overgang.io.template import write_template
from overgang.io.write import write_workbook
from overgang.io.xlsx import XlsxReader
from tests.io.bad_corpus import CORPUS
from tests.io.factories import CPR_KEY, small_dataset
from tests.io.strategies import datasets

Rows = dict[str, dict[int, list[object]]]


def _trimmed(values: list[object]) -> list[object]:
    while values and values[-1] is None:
        values.pop()
    return values


def by_openpyxl(path: Path) -> Rows:
    workbook = load_workbook(path, read_only=True, data_only=True)
    result: Rows = {}
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()  # type: ignore[union-attr]
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        result[sheet.title] = {
            n: _trimmed(list(v)) for n, v in rows if any(x is not None for x in v)
        }
    workbook.close()
    return result


def by_fast_reader(path: Path) -> Rows:
    with zipfile.ZipFile(path) as archive:
        reader = XlsxReader(archive)
        return {
            sheet.title: {
                n: _trimmed(v) for n, v in reader.rows(sheet) if any(x is not None for x in v)
            }
            for sheet in reader.sheets
        }


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.xlsx")), ids=lambda path: path.name)
def test_the_fast_reader_agrees_with_openpyxl_on_the_corpus(path: Path) -> None:
    assert by_fast_reader(path) == by_openpyxl(path)


def test_the_fast_reader_agrees_with_openpyxl_on_the_template(tmp_path: Path) -> None:
    write_template(tmp_path / "t.xlsx")
    assert by_fast_reader(tmp_path / "t.xlsx") == by_openpyxl(tmp_path / "t.xlsx")


@settings(max_examples=20, deadline=None)
@given(datasets())
def test_the_fast_reader_agrees_with_openpyxl_on_any_export(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.xlsx"
        write_workbook(dataset, path)
        assert by_fast_reader(path) == by_openpyxl(path)


def test_shared_strings_dates_numbers_booleans_and_gaps_are_read_as_openpyxl_does(
    tmp_path: Path,
) -> None:
    workbook = Workbook()  # not write-only: strings go to the shared string table
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ark & <1>"
    sheet.append(["tekst", "heltal", "decimal", "dato", "tid", "sand", "tom", "sidst"])
    sheet.append(["Ærø & <Søn>", 183, 18.5, date(2021, 5, 31), datetime(2021, 5, 31, 13, 45)])
    sheet.append([" mellemrum ", -7, 1e-7, datetime(1900, 1, 1), None, True, None, "x"])
    sheet.cell(row=6, column=3, value="efter tomme rækker")
    sheet.cell(row=7, column=2, value=1.0)
    sheet["A8"] = "=SUM(B2:B3)"  # a formula without a cached value reads as None
    workbook.save(tmp_path / "typer.xlsx")
    fast = by_fast_reader(tmp_path / "typer.xlsx")
    assert fast == by_openpyxl(tmp_path / "typer.xlsx")
    assert fast["Ark & <1>"][2][:4] == ["Ærø & <Søn>", 183, 18.5, datetime(2021, 5, 31)]
    assert sorted(fast["Ark & <1>"]) == [1, 2, 3, 6, 7]


def _with_namespace_prefix(source: Path, target: Path) -> None:
    """Rewrite every worksheet with an 'x:' prefix on its elements, as some programs write."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                text = re.sub(r"<(/?)(?!\?)([a-zA-Z])", r"<\1x:\2", text)
                text = text.replace('xmlns="', 'xmlns:x="', 1)
                data = text.encode()
            new.writestr(item, data)


def test_a_workbook_whose_elements_carry_a_namespace_prefix_reads_the_same(
    tmp_path: Path,
) -> None:
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    _with_namespace_prefix(tmp_path / "plain.xlsx", tmp_path / "prefixed.xlsx")
    assert (
        "<x:row"
        in zipfile.ZipFile(tmp_path / "prefixed.xlsx").read("xl/worksheets/sheet1.xml").decode()
    )
    plain = read_workbook(tmp_path / "plain.xlsx", cpr_key=CPR_KEY)
    assert read_workbook(tmp_path / "prefixed.xlsx", cpr_key=CPR_KEY) == plain


def test_rows_and_cells_without_references_are_numbered_in_order(tmp_path: Path) -> None:
    # The sheet kommuner has no blank cells, so its cells need no reference to be placed.
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as old,
        zipfile.ZipFile(tmp_path / "bare.xlsx", "w") as new,
    ):
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb' r="[A-Z]*\d+"', b"", data)
            new.writestr(item, data)
    assert by_fast_reader(tmp_path / "bare.xlsx") == by_fast_reader(tmp_path / "plain.xlsx")


def test_a_damaged_sheet_is_a_refusal_not_a_crash(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as old,
        zipfile.ZipFile(tmp_path / "damaged.xlsx", "w") as new,
    ):
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>183</v>", b"<v>18\xff3</v>")
            new.writestr(item, data)
    with pytest.raises(WorkbookError, match="cannot be read"):
        read_workbook(tmp_path / "damaged.xlsx", cpr_key=CPR_KEY)
