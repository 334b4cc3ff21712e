"""What an import found wrong: one `Issue` per bad cell, row, column or sheet.

An issue names the place (sheet, spreadsheet row, column), the value found and
what was expected, so that an HR officer can find and fix it without help.
Messages are translated when the issue is created (the language active while
reading); the frame words of `Issue.format` ("row", "column") when it is
formatted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import pgettext

# Long values are cut in messages; the row and column still say where they are.
_MAX_VALUE_CHARS = 60


class Severity(StrEnum):
    ERROR = "error"  # the file is rejected
    WARNING = "warning"  # the file is accepted; the officer should look


@dataclass(frozen=True)
class Issue:
    """One problem found in a workbook.

    `row` is the spreadsheet row number: the header is row 1, the first data row 2.
    For a CSV file it is the line number, counted the same way. `row` and `column`
    are None where the issue concerns a whole sheet, column or file. `value` is the
    cell as found, never a CPR number in clear (those are masked as `010203-****`).
    """

    severity: Severity
    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """Return the issue as one line in the active language."""
        place = []
        if self.sheet:
            place.append(self.sheet)
        if self.row is not None:
            place.append(pgettext("workbook", "row %(row)s") % {"row": self.row})
        if self.column:
            place.append(pgettext("workbook", "column %(column)s") % {"column": self.column})
        text = self.message
        if self.value is not None:
            text = f"'{_shorten(self.value)}' — {text}"
        return f"{', '.join(place)}: {text}" if place else text


def _shorten(value: str) -> str:
    value = " ".join(value.split())
    if len(value) <= _MAX_VALUE_CHARS:
        return value
    return value[: _MAX_VALUE_CHARS - 1] + "…"


def error(
    sheet: str,
    message: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Issue:
    """Return an issue that rejects the file."""
    return Issue(Severity.ERROR, sheet, row, column, value, message)


def warning(
    sheet: str,
    message: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Issue:
    """Return an issue that lets the file through but deserves a look."""
    return Issue(Severity.WARNING, sheet, row, column, value, message)


class WorkbookError(Exception):
    """The file was refused before its content was read.

    Raised for a missing file, a file that is not a workbook or a folder of CSV
    files, one over the size limits and a zip bomb. Problems in the content are
    never raised: they are issues of the `ReadResult`.
    """

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(issue.message for issue in issues))
        self.issues = issues

    @classmethod
    def refuse(cls, message: str, *, file: str = "") -> WorkbookError:
        """Return the error for one reason to refuse the file."""
        return cls([error(file, message)])
