"""What an import found wrong: one `Issue` per bad cell, row, column or sheet.

An issue names the place (sheet, spreadsheet row, column), the value found and
what was expected, so that an HR officer can find and fix it without help.
Messages are translated when the issue is created (the language active while
reading); the frame words of `Issue.format` ("row", "column") when it is
formatted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import pgettext

# Long values are cut in messages; the row and column still say where they are.
_MAX_VALUE_CHARS = 60
# What an issue keeps of a value, a column's or a sheet's name: enough to recognise it,
# not the 100,000 characters a hostile cell may hold.
_MAX_KEPT_CHARS = 200
# Shown as their code: the control characters (but tab and line feed), DEL and the C1
# controls, which a terminal may take as commands, and lone surrogates, which no page
# or file can encode.
_SHOWN_AS_CODE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


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


def printable(text: str) -> str:
    """Return text fit to show anywhere: control characters as [U+XXXX], at most 200 characters."""
    if len(text) > _MAX_KEPT_CHARS:
        text = text[: _MAX_KEPT_CHARS - 1] + "…"
    if text.isprintable():
        return text
    return _SHOWN_AS_CODE.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)


def _kept(text: str | None) -> str | None:
    return None if text is None else printable(text)


def error(
    sheet: str,
    message: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Issue:
    """Return an issue that rejects the file; names and value made printable (`printable`)."""
    return Issue(Severity.ERROR, printable(sheet), row, _kept(column), _kept(value), message)


def warning(
    sheet: str,
    message: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Issue:
    """Return an issue that lets the file through but deserves a look; names made printable."""
    return Issue(Severity.WARNING, printable(sheet), row, _kept(column), _kept(value), message)


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
