"""The later columns: samtaler.kan_accepteres and sager.tidligere_skift, read, checked, written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from overgang.core.domain import Dataset
from overgang.io.cells import CellError, to_codes
from overgang.io.read import read_workbook
from overgang.io.schema import SHEETS_BY_NAME
from overgang.io.template import write_template
from overgang.io.write import canonical, write_workbook
from tests.io.factories import (
    CPR_KEY,
    ISHOJ,
    VALLENSBAEK,
    read_csv,
    rewrite_csv,
    small_dataset,
    with_wishes_and_history,
)


def read_back(dataset: Dataset, target: Path) -> Dataset:
    write_workbook(dataset, target)
    result = read_workbook(target, cpr_key=CPR_KEY)
    assert result.issues == (), [issue.format() for issue in result.issues]
    assert result.dataset is not None
    return result.dataset


@pytest.mark.parametrize("name", ["wishes.xlsx", "wishes"])
def test_acceptable_municipalities_and_earlier_changes_survive_export_and_import(
    tmp_path: Path, name: str
) -> None:
    dataset = with_wishes_and_history()
    back = read_back(dataset, tmp_path / name)
    assert back == canonical(dataset)
    by_day = {(i.employee_id, i.held_on.month): i for i in back.interviews}
    assert by_day["M001", 5].acceptable_municipalities == (VALLENSBAEK,)
    assert by_day["M002", 5].acceptable_municipalities == (ISHOJ, VALLENSBAEK)
    assert {c.id: c.earlier_changes for c in back.cases} == {"S1": 2, "S2": 0, "S3": 0}


def test_an_export_of_data_without_them_has_the_columns_it_always_had(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "old")
    assert "kan_accepteres" not in read_csv(tmp_path / "old", "samtaler")[0]
    assert "tidligere_skift" not in read_csv(tmp_path / "old", "sager")[0]
    write_workbook(with_wishes_and_history(), tmp_path / "new")
    assert read_csv(tmp_path / "new", "samtaler")[0][-1] == "kan_accepteres"
    assert read_csv(tmp_path / "new", "sager")[0][-1] == "tidligere_skift"


def test_a_workbook_without_the_columns_imports_with_the_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    write_workbook(with_wishes_and_history(), folder)
    for sheet, column in (("samtaler", "kan_accepteres"), ("sager", "tidligere_skift")):
        rows = read_csv(folder, sheet)
        at = rows[0].index(column)
        rewrite_csv(folder, sheet, [row[:at] + row[at + 1 :] for row in rows])
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.issues == ()
    assert result.dataset is not None
    assert all(i.acceptable_municipalities == () for i in result.dataset.interviews)
    assert all(c.earlier_changes == 0 for c in result.dataset.cases)


def test_blank_cells_mean_none_acceptable_and_no_earlier_change(tmp_path: Path) -> None:
    folder = tmp_path / "blank"
    write_workbook(with_wishes_and_history(), folder)
    for sheet, column in (("samtaler", "kan_accepteres"), ("sager", "tidligere_skift")):
        rows = read_csv(folder, sheet)
        for row in rows[1:]:
            row[rows[0].index(column)] = " "
        rewrite_csv(folder, sheet, rows)
    dataset = read_workbook(folder, cpr_key=CPR_KEY).dataset
    assert dataset is not None
    assert all(i.acceptable_municipalities == () for i in dataset.interviews)
    assert all(c.earlier_changes == 0 for c in dataset.cases)


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("187;175", (187, 175)),
        ("187, 175", (187, 175)),
        (" 187 ; 175 ;", (187, 175)),
        ("187;187", (187,)),
        (187, (187,)),
        (187.0, (187,)),
        ("187", (187,)),
    ],
)
def test_codes_are_read_as_people_type_them(raw: object, codes: tuple[int, ...]) -> None:
    assert to_codes(raw) == codes


@pytest.mark.parametrize("raw", ["187 175", "Vallensbæk", "187.5", 187.175, True])
def test_anything_but_whole_codes_is_refused(raw: object) -> None:
    with pytest.raises(CellError):
        to_codes(raw)


def _edited(tmp_path: Path, sheet: str, row: int, column: str, value: str) -> Path:
    folder = tmp_path / "edited"
    write_workbook(with_wishes_and_history(), folder)
    rows = read_csv(folder, sheet)
    rows[row - 1][rows[0].index(column)] = value
    rewrite_csv(folder, sheet, rows)
    return folder


def test_an_unknown_acceptable_municipality_is_an_error_naming_sheet_row_column_and_code(
    tmp_path: Path,
) -> None:
    # samtaler in canonical order: M001 (April), M001 (May), M002; row 3 is M001's May
    folder = _edited(tmp_path, "samtaler", 3, "kan_accepteres", "187;999;998")
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.dataset is None
    assert [(i.sheet, i.row, i.column, i.value) for i in result.errors] == [
        ("samtaler", 3, "kan_accepteres", "999"),
        ("samtaler", 3, "kan_accepteres", "998"),
    ]
    assert result.errors[0].format() == (
        "samtaler, row 3, column kan_accepteres: '999' — unknown kode; "
        "expected a kode from the sheet kommuner"
    )


def test_acceptable_municipalities_that_are_not_codes_are_an_error(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "samtaler", 2, "kan_accepteres", "Vallensbæk")
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [
        ("samtaler", 2, "kan_accepteres")
    ]
    assert "whole numbers separated by ';'" in result.errors[0].message


@pytest.mark.parametrize(
    ("value", "expected"), [("-1", "a number of at least 0"), ("to", "a whole number")]
)
def test_earlier_changes_must_be_a_whole_number_of_at_least_0(
    tmp_path: Path, value: str, expected: str
) -> None:
    folder = _edited(tmp_path, "sager", 3, "tidligere_skift", value)
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("sager", 3, "tidligere_skift")]
    assert result.errors[0].message == f"expected {expected}"


def test_the_template_documents_both_columns_and_keeps_codes_as_text(tmp_path: Path) -> None:
    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    guide = {(row[0], row[1]): row for row in workbook["vejledning"].iter_rows(values_only=True)}
    assert ("samtaler", "kan_accepteres") in guide
    assert ("sager", "tidligere_skift") in guide
    samtaler = workbook["samtaler"]
    letter = "ABCDEFGH"[SHEETS_BY_NAME["samtaler"].names.index("kan_accepteres")]
    # Danish Excel would otherwise read '187,175' as a decimal number
    assert samtaler.column_dimensions[letter].number_format == "@"
    assert not any(letter in str(v.sqref) for v in samtaler.data_validations.dataValidation), (
        "a list check would allow one code only"
    )


def test_a_template_filled_in_with_both_columns_imports(tmp_path: Path) -> None:
    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    rows = {
        "kommuner": [
            [183, "Ishøj", "vaert"],
            [187, "Vallensbæk", "medlem"],
            [175, "Rødovre", "medlem"],
        ],
        "faggrupper": [["PSY", "Psykolog", 10]],
        "medarbejdere": [["M1", "Søren Ærø", "PSY", 37]],
        "samtaler": [["M1", datetime(2021, 5, 3), 187, None, "175,183"]],
        "borgere": [["B1", 187]],
        "sager": [["S1", "B1", "PPR", "PSY", "intern"] + [None] * 8 + [3]],
    }
    for sheet, values in rows.items():
        for row in values:
            workbook[sheet].append(row)
    workbook.save(path)
    result = read_workbook(path, cpr_key=CPR_KEY)
    assert result.issues == (), [i.format() for i in result.issues]
    assert result.dataset is not None
    assert result.dataset.interviews[0].acceptable_municipalities == (175, 183)
    assert result.dataset.cases[0].earlier_changes == 3
