"""The template explains itself, offers drop-downs, and imports once filled in by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from overgang.core.domain import Delivery, MunicipalityRole
from overgang.io.read import read_workbook
from overgang.io.schema import GUIDE_SHEET, SHEETS, SHEETS_BY_NAME, normalise_header
from overgang.io.template import TEMPLATE_ROWS, header_label, write_template
from tests.io.factories import CPR_KEY


def template(tmp_path: Path) -> Path:
    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    return path


def validations(workbook: Workbook, sheet: str) -> dict[str, tuple[str, str | None]]:
    """Return each validated range of a sheet with its type and first formula."""
    return {
        str(validation.sqref): (validation.type, validation.formula1)
        for validation in workbook[sheet].data_validations.dataValidation
    }


def column_range(sheet: str, column: str) -> str:
    letter = get_column_letter(SHEETS_BY_NAME[sheet].names.index(column) + 1)
    return f"{letter}2:{letter}{TEMPLATE_ROWS}"


def test_the_template_has_the_guide_first_then_every_sheet_with_its_header(tmp_path: Path) -> None:
    workbook = load_workbook(template(tmp_path))
    # the settlement register last: optional, read beside the data set
    assert workbook.sheetnames == [GUIDE_SHEET] + [sheet.name for sheet in SHEETS] + ["deling"]
    for sheet in SHEETS:
        header = [cell.value for cell in workbook[sheet.name][1]]
        assert [normalise_header(name) for name in header] == list(sheet.names)
        assert workbook[sheet.name].freeze_panes == "A2"
    assert "fratrædelsesårsag" in [cell.value for cell in workbook["medarbejdere"][1]]
    assert "ønsket_kommune" in [cell.value for cell in workbook["samtaler"][1]]


def test_every_header_label_reads_back_as_its_column() -> None:
    for sheet in SHEETS:
        for column in sheet.columns:
            assert normalise_header(header_label(column.name)) == column.name
    assert header_label("saarbarhed") == "sårbarhed"
    assert header_label("foedselsaar") == "fødselsår"


def test_every_header_carries_its_explanation_as_a_comment(tmp_path: Path) -> None:
    workbook = load_workbook(template(tmp_path))
    for sheet in SHEETS:
        for number, column in enumerate(sheet.columns, start=1):
            comment = workbook[sheet.name].cell(row=1, column=number).comment
            assert comment is not None
            assert str(column.help) in comment.text
            assert ("Required." if column.required else "Optional.") in comment.text


def test_every_enumerated_column_offers_a_drop_down_of_its_choices(tmp_path: Path) -> None:
    workbook = load_workbook(template(tmp_path))
    enumerated = [(s.name, c) for s in SHEETS for c in s.columns if c.choices]
    assert {c.name for _, c in enumerated} >= {"rolle", "type", "leder", "levering", "saarbarhed"}
    for sheet, column in enumerated:
        kind, formula = validations(workbook, sheet)[column_range(sheet, column.name)]
        assert kind == "list"
        assert formula == '"' + ",".join(column.choices) + '"'
    assert validations(workbook, "kommuner")[column_range("kommuner", "rolle")][1] == (
        f'"{MunicipalityRole.HOST},{MunicipalityRole.MEMBER}"'
    )
    assert validations(workbook, "sager")[column_range("sager", "levering")][1] == (
        f'"{Delivery.IN_HOUSE},{Delivery.EXTERNAL}"'
    )
    assert validations(workbook, "sager")[column_range("sager", "saarbarhed")][1] == '"1,2,3"'


@pytest.mark.parametrize(
    ("sheet", "column", "source"),
    [
        ("medarbejdere", "faggruppe", "faggrupper!$A$2:$A$5000"),
        ("sager", "kontaktperson", "medarbejdere!$A$2:$A$5000"),
        ("sager", "handlekommune", "kommuner!$A$2:$A$5000"),
        ("institutioner", "distrikt_id", "distrikter!$A$2:$A$5000"),
        ("borgere", "institution_id", "institutioner!$A$2:$A$5000"),
    ],
)
def test_a_reference_column_offers_the_ids_of_the_other_sheet(
    tmp_path: Path, sheet: str, column: str, source: str
) -> None:
    workbook = load_workbook(template(tmp_path))
    assert validations(workbook, sheet)[column_range(sheet, column)] == ("list", source)


def test_hours_are_checked_to_lie_between_0_and_48(tmp_path: Path) -> None:
    workbook = load_workbook(template(tmp_path))
    [hours] = [
        v
        for v in workbook["medarbejdere"].data_validations.dataValidation
        if str(v.sqref) == column_range("medarbejdere", "timer")
    ]
    assert (hours.type, hours.operator, hours.formula1, hours.formula2) == (
        "decimal",
        "between",
        "0",
        "48",
    )


def test_the_guide_explains_every_sheet_and_column(tmp_path: Path) -> None:
    guide = load_workbook(template(tmp_path))[GUIDE_SHEET]
    rows = list(guide.iter_rows(values_only=True))
    assert rows[0] == ("Sheet", "Column", "Required", "Format", "Explanation")
    explained = {(row[0], row[1]) for row in rows[1:]}
    for sheet in SHEETS:
        assert (sheet.name, None) in explained
        for column in sheet.columns:
            assert (sheet.name, header_label(column.name)) in explained
    required = {(row[0], row[1]): row[2] for row in rows[1:]}
    assert required[("sager", "sag_id")] == "ja"
    assert required[("sager", "vægt")] == "nej"
    assert required[("behov", None)] == "nej"


def test_an_empty_template_reads_with_only_the_missing_host_as_error(tmp_path: Path) -> None:
    result = read_workbook(template(tmp_path), cpr_key=CPR_KEY)
    assert [(i.sheet, i.row, i.column) for i in result.errors] == [("kommuner", None, "rolle")]
    assert result.warnings == ()


def fill(workbook: Workbook, sheet: str, *records: dict[str, object]) -> None:
    """Type records under the template's headers, left as they are, as an HR officer would."""
    worksheet = workbook[sheet]
    header = [normalise_header(str(cell.value)) for cell in worksheet[1]]
    for record in records:
        worksheet.append([record.get(name) for name in header])


def test_a_template_filled_in_by_hand_imports_cleanly(tmp_path: Path) -> None:
    path = template(tmp_path)
    workbook = load_workbook(path)
    fill(
        workbook,
        "kommuner",
        {"kode": 183, "navn": "Ishøj", "rolle": "vaert"},
        {"kode": 187, "navn": "Vallensbæk", "rolle": "Medlem"},
    )
    fill(workbook, "faggrupper", {"faggruppe": "PSY", "navn": "Psykolog", "norm": 10})
    fill(workbook, "distrikter", {"distrikt_id": "D1", "kommune": 183, "navn": "Ishøj Øst"})
    fill(
        workbook,
        "institutioner",
        {"institution_id": "I1", "navn": "Strandskolen", "type": "skole", "distrikt_id": "D1"},
    )
    fill(
        workbook,
        "medarbejdere",
        {"medarbejder_id": "M1", "navn": "Søren Ærø", "faggruppe": "PSY", "timer": 37},
        {
            "medarbejder_id": "M2",
            "navn": "Åse Øberg",
            "faggruppe": "PSY",
            "timer": 18.5,
            "leder": "ja",
            "ansat_dato": datetime(2012, 3, 1),
            "kompetencer": "autisme; ADHD",
        },
    )
    fill(
        workbook,
        "samtaler",
        {"medarbejder_id": "M1", "dato": datetime(2021, 5, 3), "oensket_kommune": 187},
    )
    fill(
        workbook,
        "borgere",
        {"borger_id": "B1", "kommune": 187, "distrikt_id": "D1", "institution_id": "I1"},
    )
    fill(
        workbook,
        "sager",
        {
            "sag_id": "S1",
            "borger_id": "B1",
            "ydelse": "Psykologbistand",
            "faggruppe": "PSY",
            "levering": "intern",
            "kontaktperson": "M1",
            "saarbarhed": 2,
        },
    )
    workbook.save(path)

    result = read_workbook(path, cpr_key=CPR_KEY)

    assert result.issues == ()
    dataset = result.dataset
    assert dataset is not None
    assert dataset.host.name == "Ishøj"
    assert [e.name for e in dataset.employees] == ["Søren Ærø", "Åse Øberg"]
    assert dataset.employees[1].competences == ("autisme", "ADHD")
    [case] = dataset.cases
    assert (case.acting_municipality, case.paying_municipality, case.vulnerability) == (187, 187, 2)
    assert dataset.needs == ()


def test_the_template_speaks_danish_by_default(tmp_path: Path, compiled_danish: None) -> None:
    workbook = load_workbook(template(tmp_path))
    guide = list(workbook[GUIDE_SHEET].iter_rows(values_only=True))
    assert guide[0] == ("Ark", "Kolonne", "Påkrævet", "Format", "Forklaring")
    comment = workbook["kommuner"]["A1"].comment
    assert comment is not None
    assert comment.text.startswith("Kommunens officielle kode")


def test_the_format_documentation_names_every_sheet_and_column() -> None:
    documentation = (Path(__file__).parents[2] / "docs" / "workbook.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"### `{sheet.name}`" in documentation
        for column in sheet.columns:
            assert (
                f"| {column.name} |" in documentation or f"| **{column.name}** |" in documentation
            )
