"""The optional sheet `fastlagt`: decisions fixed by hand, beside the data set.

A row fixes where an employee works (`type` medarbejder, `vaerdi` the municipality's
code or name) or who is a case's contact person (`type` sag, `vaerdi` the contact
person's medarbejder_id), with the reason (`begrundelse`). The sheet is carried
beside the Dataset, not in it: `read_workbook` gives its rows in `ReadResult.fixed`,
and `write_workbook(..., fixed=...)` writes them. What an import does with them
(each row adds or replaces that fix; fixes recorded in Overgang and not in the sheet
stay) is the import's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext

from overgang.core.domain import Dataset, Delivery
from overgang.core.planning.fixes import Fixes
from overgang.io.cells import display
from overgang.io.issues import Issue, error
from overgang.io.schema import FIXED_SHEET, Column, Sheet
from overgang.io.sheets import ParsedSheet

EMPLOYEE, CASE = "medarbejder", "sag"


@dataclass(frozen=True)
class FixedRow:
    """One row of the sheet: `value` is a municipality's code (medarbejder, as text) or the
    contact person's medarbejder_id (sag). `row` is the spreadsheet row, 0 when written."""

    kind: str
    subject_id: str
    value: str
    reason: str
    row: int = 0


def _municipality_code(text: str, dataset: Dataset) -> int | None:
    """The code of the municipality the cell names, by code or by name ('Vallensbæk' for
    'Vallensbæk Kommune' too), None when none does."""
    wanted = text.strip()
    codes = {m.code for m in dataset.municipalities}
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 3:
        return int(wanted) if int(wanted) in codes else None
    folded = wanted.casefold()
    for m in dataset.municipalities:
        if m.name.casefold() == folded:
            return m.code
    fits = [m.code for m in dataset.municipalities if m.name.casefold().startswith(folded + " ")]
    return fits[0] if len(fits) == 1 else None


def fixed_rows(sheet: ParsedSheet, dataset: Dataset) -> tuple[tuple[FixedRow, ...], list[Issue]]:
    """Return the sheet's fixes, checked against the data set the same workbook gives, and an
    error for each id or value that names nothing there (sheet, row and column named)."""
    employees = {e.id: e for e in dataset.employees}
    cases = {c.id: c for c in dataset.cases}
    rows: list[FixedRow] = []
    issues: list[Issue] = []

    def refuse(row: int, column: str, value: str, message: str) -> None:
        issues.append(error(FIXED_SHEET.name, message, row=row, column=column, value=value))

    for parsed in sheet.rows:
        kind, subject, value, reason = (
            parsed["type"],
            parsed["id"],
            parsed["vaerdi"],
            parsed["begrundelse"],
        )
        if None in (kind, subject, value, reason):
            continue  # a required cell is empty or unreadable: an error already
        subject, value, number = str(subject), display(value), parsed.number
        if kind == EMPLOYEE:
            if subject not in employees:
                refuse(
                    number,
                    "id",
                    subject,
                    gettext(
                        "unknown employee; expected a medarbejder_id from the sheet medarbejdere"
                    ),
                )
                continue
            code = _municipality_code(value, dataset)
            if code is None:
                refuse(
                    number,
                    "vaerdi",
                    value,
                    gettext(
                        "unknown municipality; expected a code or name from the sheet kommuner"
                    ),
                )
                continue
            rows.append(FixedRow(EMPLOYEE, subject, str(code), str(reason), number))
            continue
        case = cases.get(subject)
        if case is None:
            refuse(
                number,
                "id",
                subject,
                gettext("unknown case; expected a sag_id from the sheet sager"),
            )
        elif case.delivery is not Delivery.IN_HOUSE:
            refuse(
                number,
                "id",
                subject,
                gettext("an external case has no contact person to fix; expected an in-house case"),
            )
        elif value not in employees:
            refuse(
                number,
                "vaerdi",
                value,
                gettext("unknown employee; expected a medarbejder_id from the sheet medarbejdere"),
            )
        elif employees[value].profession != case.profession:
            refuse(
                number,
                "vaerdi",
                value,
                gettext(
                    "the employee is of the profession %(theirs)s; expected one of the case's, "
                    "%(needed)s"
                )
                % {"theirs": employees[value].profession, "needed": case.profession},
            )
        else:
            rows.append(FixedRow(CASE, subject, value, str(reason), number))
    return tuple(rows), issues


def rows_of(fixes: Fixes) -> tuple[FixedRow, ...]:
    """The sheet's rows of the fixes in force, in the plan file's order (employees, then cases)."""
    return tuple(
        FixedRow(EMPLOYEE, f.employee_id, str(f.municipality), f.reason)
        for f in sorted(fixes.employees, key=lambda f: f.employee_id)
    ) + tuple(
        FixedRow(CASE, f.case_id, f.contact_person, f.reason)
        for f in sorted(fixes.cases, key=lambda f: f.case_id)
    )


def export_fixed(
    rows: Iterable[FixedRow],
) -> tuple[Sheet, tuple[Column, ...], Iterator[list[object]]]:
    """The sheet, its columns and its rows of plain values, as `records.export_rows` gives the
    data set's sheets, so that the writer writes it alike."""
    values: Iterator[list[object]] = ([r.kind, r.subject_id, r.value, r.reason] for r in rows)
    return FIXED_SHEET, FIXED_SHEET.columns, values
