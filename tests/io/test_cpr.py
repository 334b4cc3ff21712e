"""CPR numbers are validated, kept only as a keyed hash, and never shown in clear."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest
from openpyxl import load_workbook

from overgang.io.read import ReadResult, read_workbook
from overgang.io.write import write_workbook
from tests.io.factories import CPR_KEY, read_csv, rewrite_csv, small_dataset

# Fails the old modulus-11 check (weighted sum 84), yet is a valid number since 2007.
FAILS_MODULUS_11 = "0101901234"


def expected_hash(digits: str) -> str:
    return hmac.new(CPR_KEY, digits.encode(), hashlib.sha256).hexdigest()


def read_with_cpr(tmp_path: Path, cpr: str, cpr_key_cell: str = "") -> ReadResult:
    """Return the small dataset read with one CPR cell for citizen B1 (row 2)."""
    folder = tmp_path / "csv"
    write_workbook(small_dataset(), folder)
    rows = read_csv(folder, "borgere")
    header = rows[0]
    rows = [header + ["cpr"]] + [row + [""] for row in rows[1:]]
    rows[1][header.index("cpr_noegle")] = cpr_key_cell
    rows[1][-1] = cpr
    rewrite_csv(folder, "borgere", rows)
    return read_workbook(folder, cpr_key=CPR_KEY)


def test_modulus_11_check_is_not_made() -> None:
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(int(d) * w for d, w in zip(FAILS_MODULUS_11, weights, strict=True)) % 11 != 0


@pytest.mark.parametrize(
    "cpr",
    [
        FAILS_MODULUS_11,
        "010190-1234",
        "2902004000",  # 29 Feb 2000: seventh digit 4 and year 00 give the 2000s
        "0101605000",  # seventh digit 5 and year 60 give 1860
        "0101379000",  # seventh digit 9 and year 37 give 1937
    ],
)
def test_valid_cpr_numbers_are_stored_as_their_keyed_hash_only(tmp_path: Path, cpr: str) -> None:
    result = read_with_cpr(tmp_path, cpr)
    assert result.ok, [issue.format() for issue in result.issues]
    assert result.dataset is not None
    citizen = next(c for c in result.dataset.citizens if c.id == "B1")
    digits = cpr.replace("-", "")
    assert citizen.cpr_hash == expected_hash(digits)
    assert digits not in repr(result.dataset)
    assert cpr not in repr(result.dataset)


@pytest.mark.parametrize(
    ("cpr", "shown"),
    [
        ("3102901234", "310290-****"),  # 31 February
        ("2902000000", "290200-****"),  # 1900 was no leap year (seventh digit 0)
        ("2902014000", "290201-****"),  # 2001 was no leap year either
        ("0113901234", "011390-****"),  # month 13
        ("12345", "*****"),
        ("01019012345", "010190-****"),
        ("010190-12a4", "010190-****"),
    ],
)
def test_invalid_cpr_numbers_are_errors_that_show_only_a_masked_number(
    tmp_path: Path, cpr: str, shown: str
) -> None:
    result = read_with_cpr(tmp_path, cpr)
    assert [(i.sheet, i.row, i.column, i.value) for i in result.errors] == [
        ("borgere", 2, "cpr", shown)
    ]
    digits = cpr.replace("-", "")
    for issue in result.issues:
        assert digits not in issue.format()
        if len(digits) > 6:
            assert digits[6:] not in (issue.value or "")


def test_a_cpr_number_and_a_disagreeing_cpr_key_in_one_row_are_an_error(tmp_path: Path) -> None:
    result = read_with_cpr(tmp_path, FAILS_MODULUS_11, cpr_key_cell="b" * 64)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("borgere", 2, "cpr")]
    assert FAILS_MODULUS_11 not in result.errors[0].format()


def test_a_cpr_number_and_its_own_key_in_one_row_agree(tmp_path: Path) -> None:
    result = read_with_cpr(tmp_path, FAILS_MODULUS_11, expected_hash(FAILS_MODULUS_11).upper())
    assert result.ok


def test_an_export_writes_the_key_and_never_a_cpr_column(tmp_path: Path) -> None:
    result = read_with_cpr(tmp_path, FAILS_MODULUS_11)
    assert result.dataset is not None
    write_workbook(result.dataset, tmp_path / "again")
    rows = read_csv(tmp_path / "again", "borgere")
    assert "cpr" not in rows[0]
    assert expected_hash(FAILS_MODULUS_11) in rows[1]
    assert FAILS_MODULUS_11 not in (tmp_path / "again" / "borgere.csv").read_text()


def test_a_cpr_number_whose_leading_zero_excel_dropped_is_read(tmp_path: Path) -> None:
    path = tmp_path / "overgang.xlsx"
    write_workbook(small_dataset(), path)
    workbook = load_workbook(path)
    sheet = workbook["borgere"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=1, column=len(header) + 1, value="cpr")
    sheet.cell(row=2, column=len(header) + 1, value=int(FAILS_MODULUS_11))  # 101901234
    sheet.cell(row=2, column=header.index("cpr_noegle") + 1).value = None
    workbook.save(path)
    result = read_workbook(path, cpr_key=CPR_KEY)
    assert result.dataset is not None, [issue.format() for issue in result.issues]
    citizen = next(c for c in result.dataset.citizens if c.id == "B1")
    assert citizen.cpr_hash == expected_hash(FAILS_MODULUS_11)
