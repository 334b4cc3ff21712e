"""Checks across rows of the schema's declarations: unique keys and references.

Every `Column.references` of the schema is checked here, so a new reference in
the schema is validated without new code. The domain's own rules live in `rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from django.utils.translation import gettext

from overgang.io.cells import display
from overgang.io.issues import Issue, error
from overgang.io.schema import CellKind
from overgang.io.sheets import ParsedSheet


def duplicate_keys(sheet: ParsedSheet) -> list[Issue]:
    """Return an error for each row whose key another row above already has."""
    key = sheet.sheet.key
    if not key or not all(column in sheet.present for column in key):
        return []
    issues: list[Issue] = []
    first_row: dict[tuple[object, ...], int] = {}
    for row, values in zip(
        sheet.rows, zip(*(sheet.column(c) for c in key), strict=True), strict=True
    ):
        if None in values:
            continue
        if values not in first_row:
            first_row[values] = row.number
            continue
        if len(key) == 1:
            message = gettext(
                "the id appears twice; expected it once, it is already in row %(row)s"
            ) % {"row": first_row[values]}
        else:
            message = gettext(
                "the combination of %(columns)s appears twice; expected it once, "
                "it is already in row %(row)s"
            ) % {"columns": " + ".join(key), "row": first_row[values]}
        issues.append(
            error(
                sheet.name,
                message,
                row=row.number,
                column=key[-1],
                value=" / ".join(display(value) for value in values),
            )
        )
    return issues


def dangling_references(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return an error for each value that names a row no other sheet has.

    A cell that lists several values (`kan_accepteres`) gets an error for each unknown one.

    A reference is not checked into a sheet or column that is missing, nor into a
    sheet where some id could not be read: those are errors already, and every row
    that names the unreadable id would only bury them.
    """
    issues: list[Issue] = []
    known: dict[tuple[str, str], set[object]] = {}
    for sheet in sheets.values():
        for column in sheet.sheet.columns:
            if column.references is None or column.name not in sheet.present:
                continue
            target_name, target_column = column.references
            target = sheets.get(target_name)
            if target is None or target_column not in target.present:
                continue
            if column.references not in known:
                known[column.references] = set(target.column(target_column))
            values = known[column.references]
            if None in values:
                continue
            listed = column.kind is CellKind.CODES  # several values in one cell
            for row, value in zip(sheet.rows, sheet.column(column.name), strict=True):
                if value is None or (not listed and value in values):
                    continue
                items = cast(tuple[object, ...], value) if listed else (value,)
                for item in (item for item in items if item not in values):
                    issues.append(
                        error(
                            sheet.name,
                            gettext(
                                "unknown %(column)s; expected a %(column)s from the sheet %(sheet)s"
                            )
                            % {"column": target_column, "sheet": target_name},
                            row=row.number,
                            column=column.name,
                            value=display(item),
                        )
                    )
    return issues
