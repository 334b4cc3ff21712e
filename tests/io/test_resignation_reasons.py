"""Resignation reasons in HR's own words import; the dissolution's wording is recognised."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from overgang.core.domain import ResignationReason
from overgang.io.read import read_workbook
from overgang.io.write import write_workbook
from tests.io.factories import CPR_KEY, read_csv, rewrite_csv, small_dataset

WORDINGS = {
    "pga. ophør": ResignationReason.DISSOLUTION,
    "Ophør af samarbejdet": ResignationReason.DISSOLUTION,
    "OPHOER": ResignationReason.DISSOLUTION,
    "Andet job": ResignationReason.NEW_JOB,
    "nyt_job": ResignationReason.NEW_JOB,
    "Pension": ResignationReason.RETIREMENT,
    "Egen opsigelse": ResignationReason.OTHER,
    "Afsked": ResignationReason.OTHER,
    "andet": ResignationReason.OTHER,
}


def test_free_text_reasons_import_and_unclear_ones_are_warned_about_as_andet(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "csv"
    write_workbook(small_dataset(), folder)
    rows = read_csv(folder, "medarbejdere")
    header = rows[0]
    template = rows[1]
    wordings = list(WORDINGS)
    people = []
    for number, wording in enumerate(wordings):
        row = list(template)
        row[header.index("medarbejder_id")] = f"R{number}"
        row[header.index("fratraadt_dato")] = "2021-06-30"
        row[header.index("fratraedelsesaarsag")] = wording
        people.append(row)
    rewrite_csv(folder, "medarbejdere", [*rows, *people])

    result = read_workbook(folder, cpr_key=CPR_KEY)

    assert result.dataset is not None, [i.format() for i in result.errors]
    read = {e.id: e for e in result.dataset.employees}
    assert {
        wording: read[f"R{number}"].resignation_reason for number, wording in enumerate(wordings)
    } == WORDINGS
    assert read["R0"].resigned_on == date(2021, 6, 30)
    warned = {(i.row, i.column) for i in result.warnings if i.sheet == "medarbejdere"}
    first = len(rows) + 1  # the spreadsheet row of R0: after the header and the others
    unclear = {first + wordings.index(w) for w in ("Egen opsigelse", "Afsked")}
    assert {row for row, column in warned if column == "fratraedelsesaarsag"} == unclear
