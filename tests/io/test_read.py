"""Reading follows what people type: any header spelling, blank rows, defaults, all issues at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from overgang.io.read import read_workbook
from overgang.io.write import write_workbook
from tests.io.factories import CPR_KEY, VALLENSBAEK, read_csv, rewrite_csv, small_dataset


def exported_csv(tmp_path: Path) -> Path:
    folder = tmp_path / "csv"
    write_workbook(small_dataset(), folder)
    return folder


def test_headers_are_matched_in_any_case_and_with_danish_letters(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    rows = read_csv(folder, "samtaler")
    assert rows[0] == ["medarbejder_id", "dato", "oensket_kommune", "bemaerkning"]
    rows[0] = ["Medarbejder-ID", "DATO", "Ønsket kommune", "Bemærkning"]
    rewrite_csv(folder, "samtaler", rows)
    rows = read_csv(folder, "medarbejdere")
    rows[0] = [name.replace("aa", "å").replace("ae", "æ").upper() for name in rows[0]]
    assert "FRATRÆDELSESÅRSAG" in rows[0]
    rewrite_csv(folder, "medarbejdere", rows)
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.issues == ()
    assert (
        result.dataset == read_workbook(exported_csv(tmp_path / "again"), cpr_key=CPR_KEY).dataset
    )


def test_sheet_names_are_matched_in_any_case_and_the_guide_is_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    write_workbook(small_dataset(), path)
    workbook = load_workbook(path)
    for name, spelling in (("sager", "Sager"), ("medarbejdere", "MEDARBEJDERE")):
        workbook[name].title = "renamed"  # openpyxl refuses a title differing only in case
        workbook["renamed"].title = spelling
    workbook.create_sheet("Vejledning", 0).append(["Ark", "Kolonne"])
    workbook.save(path)
    result = read_workbook(path, cpr_key=CPR_KEY)
    assert result.issues == ()
    assert result.dataset is not None
    assert len(result.dataset.cases) == 3


def test_the_optional_needs_sheet_may_be_left_out(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    (folder / "behov.csv").unlink()
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.ok
    assert result.dataset is not None
    assert result.dataset.needs == ()


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_number(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    rows = read_csv(folder, "sager")
    blank = [""] * len(rows[0])
    kontakt = rows[0].index("kontaktperson")
    rows[3][kontakt] = "M999"  # S2 ...
    rows[3][rows[0].index("levering")] = "intern"
    rewrite_csv(folder, "sager", [rows[0], blank, rows[1], blank, ["  "] * len(blank), rows[3]])
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert [(i.row, i.column) for i in result.errors] == [(6, "kontaktperson")]


def test_blank_optional_cells_take_the_documented_defaults(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    for sheet, columns in {
        "medarbejdere": ("leder", "kompetencer", "enhed"),
        "borgere": ("familie_id",),
        "sager": ("vaegt", "handlekommune", "betalingskommune", "saarbarhed", "paragraf"),
    }.items():
        rows = read_csv(folder, sheet)
        for column in columns:
            for row in rows[1:]:
                row[rows[0].index(column)] = ""
        rewrite_csv(folder, sheet, rows)
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.dataset is not None
    employee = result.dataset.employees[0]
    assert (employee.is_leader, employee.competences, employee.unit) == (False, (), "")
    assert all(c.family_id == c.id for c in result.dataset.citizens)
    case = result.dataset.cases[1]  # S2, for B2 who lives in Vallensbæk
    assert case.load == Decimal(1)
    assert case.acting_municipality == case.paying_municipality == VALLENSBAEK
    assert case.vulnerability == 1
    assert case.legal_basis == ""


def test_a_paying_municipality_defaults_to_the_acting_one_not_the_residence(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    rows = read_csv(folder, "sager")
    rows[1][rows[0].index("handlekommune")] = "183"
    rows[1][rows[0].index("betalingskommune")] = ""
    rewrite_csv(folder, "sager", rows)
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.dataset is not None
    assert result.dataset.cases[0].paying_municipality == 183


def test_every_mistake_of_the_whole_file_is_reported_in_sheet_order(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    rows = read_csv(folder, "sager")
    rows[1][rows[0].index("vaegt")] = "tung"
    rows[3][rows[0].index("saarbarhed")] = "5"
    rewrite_csv(folder, "sager", rows)
    rows = read_csv(folder, "kommuner")
    rows[1][rows[0].index("rolle")] = "medlem"
    rewrite_csv(folder, "kommuner", rows)
    rows = read_csv(folder, "medarbejdere")
    rows[0].append("løn")
    rows[1].append("42000")
    rewrite_csv(folder, "medarbejdere", rows)

    result = read_workbook(folder, cpr_key=CPR_KEY)

    assert result.dataset is None
    assert not result.ok
    assert [(i.severity, i.sheet, i.row, i.column) for i in result.issues] == [
        ("error", "kommuner", None, "rolle"),
        ("warning", "medarbejdere", 1, "løn"),
        ("error", "sager", 2, "vaegt"),
        ("error", "sager", 4, "saarbarhed"),
    ]
    assert len(result.errors) == 3
    assert len(result.warnings) == 1


def test_a_csv_file_in_an_unknown_encoding_is_an_error_of_its_sheet(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    (folder / "behov.csv").write_bytes(b"kommune,faggruppe,min_fte\n\x81\x8d,PSY,1\n")
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("behov", None, None)]


def test_a_tab_or_semicolon_separated_file_is_recognised(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    text = (folder / "kommuner.csv").read_text(encoding="utf-8")
    (folder / "kommuner.csv").write_text(text.replace(",", "\t"), encoding="utf-8")
    text = (folder / "faggrupper.csv").read_text(encoding="utf-8")
    (folder / "faggrupper.csv").write_text(text.replace(",", ";"), encoding="utf-8")
    assert read_workbook(folder, cpr_key=CPR_KEY).issues == ()


def test_a_header_given_twice_is_an_error_naming_the_column(tmp_path: Path) -> None:
    folder = exported_csv(tmp_path)
    rows = read_csv(folder, "faggrupper")
    rewrite_csv(folder, "faggrupper", [row + [row[2]] for row in rows])
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("faggrupper", 1, "norm")]
