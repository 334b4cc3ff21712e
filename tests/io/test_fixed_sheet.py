"""The optional sheet `fastlagt`: decisions fixed by hand, written beside the data set and read
back alike; each mistake named by sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from overgang.core.planning.fixes import CaseFix, EmployeeFix, Fixes
from overgang.io.fixed import FixedRow, rows_of
from overgang.io.read import read_workbook
from overgang.io.write import canonical, write_workbook
from tests.io.factories import CPR_KEY, ISHOJ, VALLENSBAEK, read_csv, rewrite_csv, small_dataset

FIXED = (
    FixedRow("medarbejder", "M002", str(VALLENSBAEK), "Leder i Vallensbæk"),
    FixedRow("sag", "S1", "M002", "=kender familien"),  # text like a formula stays text
)


@pytest.mark.parametrize("name", ["overgang.xlsx", "overgang"])
def test_the_fixed_sheet_reads_back_as_written_beside_the_same_dataset(
    tmp_path: Path, name: str
) -> None:
    write_workbook(small_dataset(), tmp_path / name, fixed=FIXED)
    result = read_workbook(tmp_path / name, cpr_key=CPR_KEY)
    assert result.issues == ()
    assert result.dataset == canonical(small_dataset())
    assert [(r.kind, r.subject_id, r.value, r.reason) for r in result.fixed] == [
        (r.kind, r.subject_id, r.value, r.reason) for r in FIXED
    ]
    assert [r.row for r in result.fixed] == [2, 3]


def test_a_workbook_without_the_sheet_has_no_fixes_and_an_empty_sheet_none(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "without.xlsx")
    assert read_workbook(tmp_path / "without.xlsx", cpr_key=CPR_KEY).fixed == ()
    write_workbook(small_dataset(), tmp_path / "empty.xlsx", fixed=())
    result = read_workbook(tmp_path / "empty.xlsx", cpr_key=CPR_KEY)
    assert (result.ok, result.fixed) == (True, ())


def test_the_fixes_in_force_are_written_as_the_sheets_rows() -> None:
    fixes = Fixes(
        employees=(EmployeeFix("M002", VALLENSBAEK, "anna", "2021-09-15", "Leder"),),
        cases=(CaseFix("S1", "M002", "anna", "2021-09-15", "kender familien"),),
    )
    assert rows_of(fixes) == (
        FixedRow("medarbejder", "M002", "187", "Leder"),
        FixedRow("sag", "S1", "M002", "kender familien"),
    )


def test_a_municipality_may_be_named_by_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, fixed=())
    rewrite_csv(
        folder,
        "fastlagt",
        [["type", "id", "vaerdi", "begrundelse"], ["Medarbejder", "M001", "ishøj", "bliver"]],
    )
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.fixed == (FixedRow("medarbejder", "M001", str(ISHOJ), "bliver", 2),)


BAD_ROWS = [
    (["sted", "M001", "183", "r"], "type", "one of medarbejder, sag"),
    (["medarbejder", "M999", "183", "r"], "id", "unknown employee"),
    (["medarbejder", "M001", "Gotham", "r"], "vaerdi", "unknown municipality"),
    (["medarbejder", "M001", "999", "r"], "vaerdi", "unknown municipality"),
    (["medarbejder", "M001", "183", ""], "begrundelse", "the column is required"),
    (["sag", "S9", "M001", "r"], "id", "unknown case"),
    (["sag", "S2", "M001", "r"], "id", "external case"),
    (["sag", "S1", "M999", "r"], "vaerdi", "unknown employee"),
    (["sag", "S3", "M001", "r"], "vaerdi", "profession PSY"),
]


@pytest.mark.parametrize(("row", "column", "words"), BAD_ROWS)
def test_a_bad_row_is_an_error_naming_sheet_row_and_column(
    tmp_path: Path, row: list[str], column: str, words: str
) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, fixed=())
    good = ["medarbejder", "M002", "187", "Leder"]
    rewrite_csv(folder, "fastlagt", [["type", "id", "vaerdi", "begrundelse"], good, row])
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.dataset is None and result.fixed == ()
    (issue,) = result.errors
    assert (issue.sheet, issue.row, issue.column) == ("fastlagt", 3, column)
    assert words in issue.format()


def test_the_same_employee_fixed_twice_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, fixed=FIXED[:1] * 2)
    assert read_csv(folder, "fastlagt")[1] == read_csv(folder, "fastlagt")[2]
    (issue,) = read_workbook(folder, cpr_key=CPR_KEY).errors
    assert (issue.sheet, issue.row, issue.column) == ("fastlagt", 3, "id")


def test_a_missing_column_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, fixed=())
    rewrite_csv(folder, "fastlagt", [["type", "id", "vaerdi"], ["medarbejder", "M001", "183"]])
    (issue,) = read_workbook(folder, cpr_key=CPR_KEY).errors
    assert (issue.sheet, issue.column) == ("fastlagt", "begrundelse")


def test_danish_messages_for_the_sheet(tmp_path: Path, compiled_danish: None) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, fixed=())
    rewrite_csv(
        folder,
        "fastlagt",
        [["type", "id", "vaerdi", "begrundelse"], ["sag", "S9", "M001", "r"]],
    )
    (issue,) = read_workbook(folder, cpr_key=CPR_KEY).errors
    assert (
        issue.format()
        == "fastlagt, række 2, kolonne id: 'S9' — ukendt sag; forventet et sag_id fra arket sager"
    )
