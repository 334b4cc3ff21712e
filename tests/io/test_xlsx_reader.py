"""An .xlsx workbook is read as a person sees it: every kind of cell, at its own row and column."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from overgang.io.issues import WorkbookError
from overgang.io.read import read_workbook
from overgang.io.tables import open_tables
from overgang.io.write import canonical, write_workbook
from tests.io.factories import CPR_KEY, small_dataset


def rows_of(path: Path) -> dict[str, dict[int, list[object]]]:
    """Return each sheet's non-blank rows by number, as the reader gives them."""
    with open_tables(path) as tables:
        return {
            table.title: {number: list(values) for number, values in table.rows if any(values)}
            for table in tables
        }


def rewrite_part(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Copy a workbook, changing the bytes of one part of the package."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, change(data) if item.filename == part else data)


def test_text_numbers_dates_and_booleans_come_as_python_values(tmp_path: Path) -> None:
    workbook = Workbook()  # not write-only: text goes to the shared string table
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ark & <1>"
    sheet.append(["tekst", "heltal", "decimal", "dato", "tid", "sand"])
    sheet.append(["Ærø & <Søn>", 183, 18.5, date(2021, 5, 31), datetime(2021, 5, 31, 13, 45), True])
    sheet.append([" mellemrum ", -7, 1e-7, datetime(1900, 1, 1), None, False])
    workbook.save(tmp_path / "typer.xlsx")
    rows = rows_of(tmp_path / "typer.xlsx")["Ark & <1>"]
    assert rows[2] == [
        "Ærø & <Søn>",
        183,
        18.5,
        date(2021, 5, 31),
        datetime(2021, 5, 31, 13, 45),
        True,
    ]
    assert rows[3] == [" mellemrum ", -7, 1e-7, date(1900, 1, 1), "", False]
    assert type(rows[2][1]) is float  # a whole number comes as 183.0; the cell parsers take it


def test_rows_and_columns_keep_their_numbers_past_blank_rows_and_an_offset_table(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.xlsx"
    write_workbook(small_dataset(), path)
    workbook = load_workbook(path)
    sager = workbook["sager"]
    sager.insert_rows(1, 2)  # the header now in row 3 ...
    sager.insert_cols(1, 2)  # ... and column C
    sager.insert_rows(5, 3)  # three blank rows after the first case
    column = {cell.value: cell.column for cell in sager[3]}
    sager.cell(row=8, column=column["kontaktperson"], value="M999")  # S2, first after the gap
    sager.cell(row=8, column=column["levering"], value="intern")  # so M999 is looked up
    sager.cell(row=9, column=sager.max_column + 1, value="no header")
    workbook.save(path)

    result = read_workbook(path, cpr_key=CPR_KEY)

    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("sager", 8, "kontaktperson")]
    assert [(i.sheet, i.row, i.column) for i in result.warnings] == [("sager", 9, "P")]


def test_whole_numbers_stored_as_decimals_are_read_and_fractions_refused(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "a.xlsx")
    kommuner = "xl/worksheets/sheet1.xml"
    rewrite_part(
        tmp_path / "a.xlsx",
        tmp_path / "decimals.xlsx",
        kommuner,
        lambda xml: xml.replace(b"<v>183</v>", b"<v>183.0</v>").replace(
            b"<v>187</v>", b"<v>1.87E2</v>"
        ),
    )
    assert read_workbook(tmp_path / "decimals.xlsx", cpr_key=CPR_KEY).dataset == canonical(
        small_dataset()
    )
    rewrite_part(
        tmp_path / "a.xlsx",
        tmp_path / "fraction.xlsx",
        kommuner,
        lambda xml: xml.replace(b"<v>187</v>", b"<v>187.5</v>"),
    )
    result = read_workbook(tmp_path / "fraction.xlsx", cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column, i.value) for i in result.errors][:1] == [
        ("kommuner", 3, "kode", "187.5")
    ]


def test_dates_are_read_from_date_cells_with_or_without_a_time_and_from_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.xlsx"
    write_workbook(small_dataset(), path)
    workbook = load_workbook(path)
    samtaler = workbook["samtaler"]
    samtaler["B2"].value = datetime(2021, 4, 12, 9, 30)  # a date cell with a time of day
    samtaler["B3"].value = "10-05-2021"
    samtaler["B4"].value = "2021-05-20"
    workbook.save(path)
    result = read_workbook(path, cpr_key=CPR_KEY)
    assert result.dataset is not None
    assert [i.held_on for i in result.dataset.interviews] == [
        date(2021, 4, 12),
        date(2021, 5, 10),
        date(2021, 5, 20),
    ]


def test_a_cell_showing_an_error_is_read_as_blank(tmp_path: Path) -> None:
    # python-calamine gives "" for #N/A, #DIV/0! and the like (dimastbk/python-calamine#105);
    # in a required column that is an error, so a broken lookup cannot go unnoticed there.
    path = tmp_path / "a.xlsx"
    write_workbook(small_dataset(), path)
    damaged = tmp_path / "error.xlsx"
    rewrite_part(
        path,
        damaged,
        "xl/worksheets/sheet8.xml",  # sager
        lambda xml: re.sub(
            rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2" t="e"><f>NA()</f><v>#N/A</v></c>', xml
        ),
    )
    assert rows_of(damaged)["sager"][2][2] == ""
    result = read_workbook(damaged, cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("sager", 2, "ydelse")]
    assert "empty" in result.errors[0].message


def test_a_workbook_whose_elements_carry_a_namespace_prefix_reads_the_same(
    tmp_path: Path,
) -> None:
    def prefixed(xml: bytes) -> bytes:
        text = re.sub(r"<(/?)(?!\?)([a-zA-Z])", r"<\1x:\2", xml.decode())
        return text.replace('xmlns="', 'xmlns:x="', 1).encode()

    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    rewrite_part(tmp_path / "plain.xlsx", tmp_path / "x.xlsx", "xl/worksheets/sheet1.xml", prefixed)
    assert b"<x:row" in zipfile.ZipFile(tmp_path / "x.xlsx").read("xl/worksheets/sheet1.xml")
    plain = read_workbook(tmp_path / "plain.xlsx", cpr_key=CPR_KEY)
    assert read_workbook(tmp_path / "x.xlsx", cpr_key=CPR_KEY) == plain


def test_rows_and_cells_without_references_are_numbered_in_order(tmp_path: Path) -> None:
    # The sheet kommuner has no blank cells, so its cells need no reference to be placed.
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    rewrite_part(
        tmp_path / "plain.xlsx",
        tmp_path / "bare.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb' r="[A-Z]*\d+"', b"", xml),
    )
    assert rows_of(tmp_path / "bare.xlsx") == rows_of(tmp_path / "plain.xlsx")


def test_a_damaged_sheet_is_a_refusal_not_a_crash(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    rewrite_part(
        tmp_path / "plain.xlsx",
        tmp_path / "damaged.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<v>183</v>", b"<v>18\xff3</v>"),
    )
    with pytest.raises(WorkbookError, match="cannot be read"):
        read_workbook(tmp_path / "damaged.xlsx", cpr_key=CPR_KEY)


def test_a_cell_reference_past_the_last_column_is_a_refusal_not_a_crash(tmp_path: Path) -> None:
    # calamine's Rust code panics on it; pyo3 raises that as a BaseException.
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    rewrite_part(
        tmp_path / "plain.xlsx",
        tmp_path / "far.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'r="A2"', b'r="ZZZZZZ99999999999"'),
    )
    with pytest.raises(WorkbookError, match="cannot be read"):
        read_workbook(tmp_path / "far.xlsx", cpr_key=CPR_KEY)


def test_a_sheet_spanning_the_whole_grid_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # Two cells, A1 and XFD1048576: calamine would ask for 550 GB and abort the process.
    write_workbook(small_dataset(), tmp_path / "plain.xlsx")
    rewrite_part(
        tmp_path / "plain.xlsx",
        tmp_path / "corners.xlsx",
        "xl/worksheets/sheet9.xml",  # behov
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
        ),
    )
    assert (tmp_path / "corners.xlsx").stat().st_size < 20_000
    with pytest.raises(WorkbookError, match="memory") as refusal:
        read_workbook(tmp_path / "corners.xlsx", cpr_key=CPR_KEY)
    assert refusal.value.issues[0].sheet == "corners.xlsx"


def test_a_filled_in_template_reads_its_values_not_its_drop_downs(tmp_path: Path) -> None:
    from overgang.io.template import write_template

    write_template(tmp_path / "t.xlsx")
    workbook = load_workbook(tmp_path / "t.xlsx")
    workbook["faggrupper"].append(["PSY", "Psykolog", "12,5"])
    workbook.save(tmp_path / "t.xlsx")
    rows = rows_of(tmp_path / "t.xlsx")
    assert rows["faggrupper"] == {1: ["faggruppe", "navn", "norm"], 2: ["PSY", "Psykolog", "12,5"]}
