"""The exported workbook is a tidy spreadsheet: frozen, filterable header, widths, date cells."""

from __future__ import annotations

import dataclasses
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.demo import generate
from overgang.io.read import read_workbook
from overgang.io.schema import SHEETS
from overgang.io.write import canonical, write_workbook
from tests.io.factories import CPR_KEY, small_dataset


def test_every_sheet_has_a_bold_frozen_filterable_header_and_column_widths(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "a.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl warns about parts it does not understand
        workbook = load_workbook(tmp_path / "a.xlsx")
    assert workbook.sheetnames == [sheet.name for sheet in SHEETS]
    sager = workbook["sager"]
    assert sager.freeze_panes == "A2"
    assert sager.auto_filter.ref == "A1:M4"
    assert all(cell.font.b for cell in sager[1])
    # 28 characters wide, stored as Excel stores it: 7 pixels a character, 5 of padding,
    # in 256ths of a character.
    assert sager.column_dimensions["C"].width == int((28 * 7 + 5) / 7 * 256) / 256
    assert "cpr" not in [cell.value for cell in workbook["borgere"][1]]
    assert "cpr_noegle" in [cell.value for cell in workbook["borgere"][1]]


def test_dates_are_date_cells_and_numbers_are_numbers(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "a.xlsx")
    sheet = load_workbook(tmp_path / "a.xlsx")["medarbejdere"]
    hired = sheet["G2"]
    assert hired.is_date
    assert hired.value == datetime(2015, 8, 1)
    assert sheet["D2"].value == 18.5
    assert sheet["D2"].data_type == "n"


@pytest.mark.parametrize(
    "day", [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2099, 12, 31)]
)
def test_dates_around_excels_leap_year_mistake_survive(tmp_path: Path, day: date) -> None:
    dataset = small_dataset()
    employees = tuple(
        dataclasses.replace(e, hired_on=day) if e.id == "M001" else e for e in dataset.employees
    )
    dataset = dataclasses.replace(dataset, employees=employees)
    write_workbook(dataset, tmp_path / "a.xlsx")
    assert read_workbook(tmp_path / "a.xlsx", cpr_key=CPR_KEY).dataset == canonical(dataset)
    cell = load_workbook(tmp_path / "a.xlsx")["medarbejdere"]["G2"]
    assert cell.value == datetime(day.year, day.month, day.day)


def test_the_same_data_set_gives_the_same_bytes(tmp_path: Path) -> None:
    dataset = generate(seed=5, scale=0.1)
    write_workbook(dataset, tmp_path / "a.xlsx")
    write_workbook(dataset, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    # Not by luck within one second: the file states a fixed date, not today's.
    properties = zipfile.ZipFile(tmp_path / "a.xlsx").read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in properties
    assert str(date.today().year) not in properties


def test_demo_data_with_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a.xlsx", "b.xlsx"):
        arguments = ["demo-data", str(tmp_path / name), "--seed", "5", "--scale", "0.1"]
        assert runner.invoke(app, arguments, catch_exceptions=False).exit_code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_an_export_replaces_an_older_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"old content")
    write_workbook(small_dataset(), path)
    assert read_workbook(path, cpr_key=CPR_KEY).ok
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_a_csv_export_is_utf8_with_commas_and_iso_dates(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "csv")
    text = (tmp_path / "csv" / "medarbejdere.csv").read_bytes().decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text.splitlines()[1].startswith("M001,'-Anna Æbelø,PSY,18.5,nej,Team Øst,2015-08-01,")
