"""Make the corpus of bad workbooks under tests/io/bad_workbooks/ (see bad_corpus.py).

Run from the repository root when a mistake is added:

    .venv/bin/python -m tests.io.make_bad_workbooks

Every file starts as the export of `factories.small_dataset()` and gets one mistake.
The rows of that export are in canonical order: kommuner 183, 187; faggrupper FYS,
LED, PSY; medarbejdere M001..M004; samtaler M001 (April), M001 (May), M002;
borgere B1, B2, B3; sager S1 (PSY, M001), S2 (ekstern), S3 (FYS, M003); behov 183, 187.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overgang.web.settings")
django.setup()

from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from overgang.io.write import write_workbook  # noqa: E402
from tests.io.bad_corpus import CORPUS, EXPECTED, WARNINGS_ONLY  # noqa: E402
from tests.io.factories import small_dataset  # noqa: E402

VALID_CPR = "0101901234"

# One cell set to a bad value: file -> (sheet, row, column, value).
CELL_MISTAKES: dict[str, tuple[str, int, str, object]] = {
    "required_cell_blank.xlsx": ("sager", 3, "ydelse", None),
    "code_not_whole.xlsx": ("kommuner", 3, "kode", 187.5),
    "code_is_text.xlsx": ("distrikter", 2, "kommune", "Ishøj"),
    "hours_not_a_number.xlsx": ("medarbejdere", 2, "timer", "fuld tid"),
    "impossible_date.xlsx": ("samtaler", 3, "dato", "31-02-2021"),
    "leader_not_yes_no.xlsx": ("medarbejdere", 5, "leder", "måske"),
    "unknown_delivery.xlsx": ("sager", 2, "levering", "delvis"),
    "unknown_institution_type.xlsx": ("institutioner", 2, "type", "gymnasium"),
    "unknown_role.xlsx": ("kommuner", 3, "rolle", "formand"),
    "hours_above_48.xlsx": ("medarbejdere", 3, "timer", 60),
    "negative_load.xlsx": ("sager", 2, "vaegt", -1),
    "negative_norm.xlsx": ("faggrupper", 4, "norm", -2),
    "vulnerability_4.xlsx": ("sager", 4, "saarbarhed", 4),
    "negative_min_fte.xlsx": ("behov", 2, "min_fte", -0.5),
    "birth_year_1850.xlsx": ("borgere", 3, "foedselsaar", 1850),
    "duplicate_case_id.xlsx": ("sager", 3, "sag_id", "S1"),
    "duplicate_need.xlsx": ("behov", 3, "kommune", 183),
    "unknown_contact_person.xlsx": ("sager", 2, "kontaktperson", "M999"),
    "unknown_citizen.xlsx": ("sager", 4, "borger_id", "B999"),
    "unknown_case_profession.xlsx": ("sager", 3, "faggruppe", "XYZ"),
    "unknown_employee_profession.xlsx": ("medarbejdere", 5, "faggruppe", "ABC"),
    "district_in_unknown_municipality.xlsx": ("distrikter", 2, "kommune", 175),
    "institution_in_unknown_district.xlsx": ("institutioner", 2, "distrikt_id", "D9"),
    "interview_of_unknown_employee.xlsx": ("samtaler", 4, "medarbejder_id", "M999"),
    "wish_for_unknown_municipality.xlsx": ("samtaler", 4, "oensket_kommune", 175),
    "citizen_in_unknown_district.xlsx": ("borgere", 2, "distrikt_id", "D9"),
    "citizen_at_unknown_institution.xlsx": ("borgere", 3, "institution_id", "I9"),
    "unknown_acting_municipality.xlsx": ("sager", 2, "handlekommune", 175),
    "contact_of_other_profession.xlsx": ("sager", 4, "kontaktperson", "M001"),
    "external_case_with_contact.xlsx": ("sager", 3, "kontaktperson", "M002"),
    "two_hosts.xlsx": ("kommuner", 3, "rolle", "vaert"),
    "no_host.xlsx": ("kommuner", 2, "rolle", "medlem"),
    "reason_without_date.xlsx": ("medarbejdere", 2, "fratraedelsesaarsag", "ophoer"),
    "leaves_before_hired.xlsx": ("medarbejdere", 2, "fratraadt_dato", date(2010, 1, 1)),
    "cpr_key_not_hex.xlsx": ("borgere", 2, "cpr_noegle", "xyz"),
    "institution_in_other_district.xlsx": ("borgere", 3, "distrikt_id", "D1"),
    "external_case_without_provider.xlsx": ("sager", 3, "leverandoer", None),
}


def column_of(sheet: Worksheet, name: str) -> int:
    """Return the 1-based column of a header, adding the column if the sheet has none."""
    header = [cell.value for cell in sheet[1]]
    if name in header:
        return header.index(name) + 1
    sheet.cell(row=1, column=len(header) + 1, value=name)
    return len(header) + 1


def set_cell(workbook: Workbook, sheet: str, row: int, column: str, value: object) -> None:
    worksheet = workbook[sheet]
    worksheet.cell(row=row, column=column_of(worksheet, column)).value = value


def _delete_column(sheet: str, name: str) -> Callable[[Workbook], None]:
    def mistake(workbook: Workbook) -> None:
        workbook[sheet].delete_cols(column_of(workbook[sheet], name))

    return mistake


def _empty_sheet(workbook: Workbook) -> None:
    position = workbook.sheetnames.index("faggrupper")
    workbook.remove(workbook["faggrupper"])
    workbook.create_sheet("faggrupper", position)


def _duplicate_column(workbook: Workbook) -> None:
    sheet = workbook["medarbejdere"]
    extra = sheet.max_column + 1
    sheet.cell(row=1, column=extra, value="Timer")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=extra, value=37)


def _unknown_sheet(workbook: Workbook) -> None:
    workbook.create_sheet("Ark1").append(["noter"])


def _cpr(row: int, cpr: str) -> Callable[[Workbook], None]:
    def mistake(workbook: Workbook) -> None:
        set_cell(workbook, "borgere", row, "cpr", cpr)

    return mistake


def _unnamed_values(workbook: Workbook) -> None:
    workbook["sager"]["O2"] = "husk at ringe"


def _unknown_column(workbook: Workbook) -> None:
    set_cell(workbook, "sager", 1, "Noter", "Noter")
    set_cell(workbook, "sager", 2, "Noter", "haster")


WORKBOOK_MISTAKES: dict[str, Callable[[Workbook], None]] = {
    "missing_sheet_sager.xlsx": lambda workbook: workbook.remove(workbook["sager"]),
    "missing_column_navn.xlsx": _delete_column("medarbejdere", "navn"),
    "duplicate_column_timer.xlsx": _duplicate_column,
    "empty_sheet_faggrupper.xlsx": _empty_sheet,
    "cpr_impossible_date.xlsx": _cpr(4, "3102901234"),
    "cpr_wrong_length.xlsx": _cpr(4, "12345"),
    "cpr_disagrees_with_key.xlsx": _cpr(2, VALID_CPR),  # B1 has a different key
    "unknown_column.xlsx": _unknown_column,
    "unknown_sheet.xlsx": _unknown_sheet,
    "values_without_header.xlsx": _unnamed_values,
}


def _edit_csv(
    folder: Path,
    sheet: str,
    edit: Callable[[list[list[str]]], None],
    *,
    separator: str = ",",
    encoding: str = "utf-8",
) -> None:
    """Edit one CSV file in place, read and written with the given separator and encoding."""
    path = folder / f"{sheet}.csv"
    with path.open(encoding=encoding, newline="") as file:
        rows = list(csv.reader(file, delimiter=separator))
    edit(rows)
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=separator).writerows(rows)


def _set(row: int, column: str, value: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[row - 1][rows[0].index(column)] = value

    return edit


def _danish_decimals(rows: list[list[str]]) -> None:
    column = rows[0].index("timer")
    for row in rows[1:]:
        row[column] = row[column].replace(".", ",")


def _convert_all(folder: Path, *, separator: str, encoding: str) -> None:
    """Resave an export's CSV files (UTF-8, ',') with another separator and encoding."""
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        with path.open("w", encoding=encoding, newline="") as file:
            csv.writer(file, delimiter=separator).writerows(rows)


def _csv_semicolon_bad_date(folder: Path) -> None:
    _convert_all(folder, separator=";", encoding="utf-8")
    _edit_csv(folder, "samtaler", _set(2, "dato", "2021-13-01"), separator=";")


def _csv_cp1252_bad_number(folder: Path) -> None:
    _convert_all(folder, separator=";", encoding="cp1252")
    for edit in (_danish_decimals, _set(3, "timer", "37,5 timer")):
        _edit_csv(folder, "medarbejdere", edit, separator=";", encoding="cp1252")


def _csv_cp1252_unknown_employment_form(folder: Path) -> None:
    _convert_all(folder, separator=";", encoding="cp1252")
    edit = _set(2, "ansaettelsesform", "fastansættelse")
    _edit_csv(folder, "medarbejdere", edit, separator=";", encoding="cp1252")


FOLDER_MISTAKES: dict[str, Callable[[Path], None]] = {
    "csv_semicolon_bad_date": _csv_semicolon_bad_date,
    "csv_missing_file": lambda folder: (folder / "sager.csv").unlink(),
    "csv_cp1252_bad_number": _csv_cp1252_bad_number,
    "csv_formula_in_number": lambda folder: _edit_csv(folder, "sager", _set(2, "vaegt", "'=1+1")),
    "csv_cp1252_unknown_employment_form": _csv_cp1252_unknown_employment_form,
    "csv_unknown_file": lambda folder: (folder / "noter.csv").write_text("note\nhej\n"),
}


def make_corpus(target: Path = CORPUS) -> None:
    """Write every bad workbook of the corpus into `target`, replacing what is there."""
    names = set(CELL_MISTAKES) | set(WORKBOOK_MISTAKES) | set(FOLDER_MISTAKES)
    assert names == set(EXPECTED) | set(WARNINGS_ONLY), names ^ (set(EXPECTED) | set(WARNINGS_ONLY))
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        good = Path(scratch) / "good.xlsx"
        write_workbook(small_dataset(), good)
        for name in sorted(set(CELL_MISTAKES) | set(WORKBOOK_MISTAKES)):
            workbook = load_workbook(good)
            if name in CELL_MISTAKES:
                set_cell(workbook, *CELL_MISTAKES[name])
            else:
                WORKBOOK_MISTAKES[name](workbook)
            workbook.save(target / name)
        for name, mistake in sorted(FOLDER_MISTAKES.items()):
            write_workbook(small_dataset(), target / name)
            mistake(target / name)


if __name__ == "__main__":
    make_corpus()
    print(f"wrote {len(EXPECTED) + len(WARNINGS_ONLY)} bad workbooks to {CORPUS}")
