"""The corpus of bad workbooks: one mistake per file, and where the import must point.

The files under `bad_workbooks/` are made by `make_bad_workbooks.py` from one good
workbook (`factories.small_dataset`), each with one mistake an HR officer could
make. `EXPECTED` says where the error must be reported: (sheet, row, column), row
and column None where the mistake is a whole sheet or file. `WARNINGS_ONLY` lists
files that import, with the one warning expected.

Other tests (the database must be unchanged after a rejected import) use
`BAD_WORKBOOKS`: every file that must be rejected, with its expected place.
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).parent / "bad_workbooks"

Place = tuple[str, int | None, str | None]

EXPECTED: dict[str, Place] = {
    # The shape of the workbook
    "missing_sheet_sager.xlsx": ("sager", None, None),
    "missing_column_navn.xlsx": ("medarbejdere", 1, "navn"),
    "duplicate_column_timer.xlsx": ("medarbejdere", 1, "timer"),
    "empty_sheet_faggrupper.xlsx": ("faggrupper", None, None),
    "required_cell_blank.xlsx": ("sager", 3, "ydelse"),
    # Types
    "code_not_whole.xlsx": ("kommuner", 3, "kode"),
    "code_is_text.xlsx": ("distrikter", 2, "kommune"),
    "hours_not_a_number.xlsx": ("medarbejdere", 2, "timer"),
    "impossible_date.xlsx": ("samtaler", 3, "dato"),
    "leader_not_yes_no.xlsx": ("medarbejdere", 5, "leder"),
    "unknown_delivery.xlsx": ("sager", 2, "levering"),
    "unknown_institution_type.xlsx": ("institutioner", 2, "type"),
    "unknown_role.xlsx": ("kommuner", 3, "rolle"),
    # Ranges
    "hours_above_48.xlsx": ("medarbejdere", 3, "timer"),
    "negative_load.xlsx": ("sager", 2, "vaegt"),
    "negative_norm.xlsx": ("faggrupper", 4, "norm"),
    "vulnerability_4.xlsx": ("sager", 4, "saarbarhed"),
    "negative_min_fte.xlsx": ("behov", 2, "min_fte"),
    "birth_year_1850.xlsx": ("borgere", 3, "foedselsaar"),
    # Keys
    "duplicate_case_id.xlsx": ("sager", 3, "sag_id"),
    "duplicate_need.xlsx": ("behov", 3, "faggruppe"),
    # References
    "unknown_contact_person.xlsx": ("sager", 2, "kontaktperson"),
    "unknown_citizen.xlsx": ("sager", 4, "borger_id"),
    "unknown_case_profession.xlsx": ("sager", 3, "faggruppe"),
    "unknown_employee_profession.xlsx": ("medarbejdere", 5, "faggruppe"),
    "district_in_unknown_municipality.xlsx": ("distrikter", 2, "kommune"),
    "institution_in_unknown_district.xlsx": ("institutioner", 2, "distrikt_id"),
    "interview_of_unknown_employee.xlsx": ("samtaler", 4, "medarbejder_id"),
    "wish_for_unknown_municipality.xlsx": ("samtaler", 4, "oensket_kommune"),
    "citizen_in_unknown_district.xlsx": ("borgere", 2, "distrikt_id"),
    "citizen_at_unknown_institution.xlsx": ("borgere", 3, "institution_id"),
    "unknown_acting_municipality.xlsx": ("sager", 2, "handlekommune"),
    # The domain's rules
    "contact_of_other_profession.xlsx": ("sager", 4, "kontaktperson"),
    "external_case_with_contact.xlsx": ("sager", 3, "kontaktperson"),
    "two_hosts.xlsx": ("kommuner", 3, "rolle"),
    "no_host.xlsx": ("kommuner", None, "rolle"),
    "reason_without_date.xlsx": ("medarbejdere", 2, "fratraedelsesaarsag"),
    "leaves_before_hired.xlsx": ("medarbejdere", 2, "fratraadt_dato"),
    # CPR
    "cpr_impossible_date.xlsx": ("borgere", 4, "cpr"),
    "cpr_wrong_length.xlsx": ("borgere", 4, "cpr"),
    "cpr_disagrees_with_key.xlsx": ("borgere", 2, "cpr"),
    "cpr_key_not_hex.xlsx": ("borgere", 2, "cpr_noegle"),
    # Folders of CSV files
    "csv_semicolon_bad_date": ("samtaler", 2, "dato"),
    "csv_missing_file": ("sager", None, None),
    "csv_cp1252_bad_number": ("medarbejdere", 3, "timer"),
    "csv_formula_in_number": ("sager", 2, "vaegt"),
    "csv_cp1252_unknown_employment_form": ("medarbejdere", 2, "ansaettelsesform"),
}

WARNINGS_ONLY: dict[str, Place] = {
    "unknown_column.xlsx": ("sager", 1, "Noter"),
    "unknown_sheet.xlsx": ("Ark1", None, None),
    "institution_in_other_district.xlsx": ("borgere", 3, "institution_id"),
    "external_case_without_provider.xlsx": ("sager", 3, "leverandoer"),
    "values_without_header.xlsx": ("sager", 2, "O"),
    "csv_unknown_file": ("noter", None, None),
}

BAD_WORKBOOKS: list[tuple[Path, str, int | None, str | None]] = [
    (CORPUS / name, *place) for name, place in EXPECTED.items()
]
