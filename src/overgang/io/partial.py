"""A workbook that brings only some sheets: the rest is taken from the stored data set.

HR sends a new `medarbejdere` sheet every few weeks, the case system a new
`borgere` and `sager`; neither should have to send the whole workbook. The
sheets a partial workbook leaves out are filled in from the stored data set, as
its export would write them, so that the whole is validated together. Where the
file's sheets no longer list what a stored row refers to, the stored row gives
way: an interview of an employee no longer listed is left out (one recorded in
Overgang is kept by the store), a case whose contact person is no longer listed
keeps no contact person, and a case of a citizen no longer listed is retired.
"""

from __future__ import annotations

from dataclasses import replace

from overgang.core.domain import Dataset
from overgang.io.issues import Issue
from overgang.io.records import export_rows
from overgang.io.sheets import ParsedSheet, parse_sheet


def _ids(sheets: dict[str, ParsedSheet], sheet: str, column: str) -> set[object] | None:
    if sheet not in sheets:
        return None
    return {row[column] for row in sheets[sheet].rows}


def _fitted(stored: Dataset, sheets: dict[str, ParsedSheet]) -> Dataset:
    """The stored data set less what the file's own sheets no longer allow."""
    fitted = stored
    employees = _ids(sheets, "medarbejdere", "medarbejder_id")
    if employees is not None:
        fitted = replace(
            fitted,
            interviews=tuple(i for i in fitted.interviews if i.employee_id in employees),
            cases=tuple(
                c
                if c.contact_person in employees or c.contact_person is None
                else replace(c, contact_person=None)
                for c in fitted.cases
            ),
        )
    citizens = _ids(sheets, "borgere", "borger_id")
    if citizens is not None:
        fitted = replace(fitted, cases=tuple(c for c in fitted.cases if c.citizen_id in citizens))
    return fitted


def fill_from_stored(
    sheets: dict[str, ParsedSheet], stored: Dataset, *, cpr_key: bytes
) -> tuple[set[str], list[Issue]]:
    """Add the sheets the file left out, from the stored data set; return their names and
    any issue reading them (none, for a data set that was valid when it was stored)."""
    filled: set[str] = set()
    issues: list[Issue] = []
    for sheet, columns, values in export_rows(_fitted(stored, sheets)):
        if sheet.name in sheets:
            continue
        rows = iter(
            [(1, [column.name for column in columns])]
            + [(number, list(row)) for number, row in enumerate(values, start=2)]
        )
        parsed, found = parse_sheet(sheet, sheet.name, rows, cpr_key=cpr_key)
        sheets[sheet.name] = parsed
        issues.extend(found)
        filled.add(sheet.name)
    return filled, issues
