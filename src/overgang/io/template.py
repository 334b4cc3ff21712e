"""The empty transition workbook an HR officer fills in, explained in the active language.

The template has a first sheet `vejledning` (the guide: every sheet and column, what
it holds, whether it is required and in which format), then every sheet of the
schema with its header row. Each header carries its explanation as a comment, and
cells offer what they accept: drop-down lists for the fixed choices and for ids
from the other sheets, number ranges for hours and loads. An import passes over
the guide, so a filled-in template imports as it is.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext, pgettext
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from overgang.io.schema import GUIDE_SHEET, NO, SHEETS, SHEETS_BY_NAME, YES, CellKind, Column, Sheet
from overgang.io.settlement_sheet import SETTLEMENT_SHEET

# Rows 2 to this one get the drop-downs and checks; an import reads any number of rows.
TEMPLATE_ROWS = 5000

_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_AUTHOR = "Overgang"
# The data set's sheets, then the settlement register (optional, read beside the data set).
TEMPLATE_SHEETS = (*SHEETS, SETTLEMENT_SHEET)


def write_template(path: Path) -> None:
    """Write the empty workbook, in the active language (Danish by default), to an .xlsx file."""
    workbook = Workbook()
    guide = workbook.active
    assert isinstance(guide, Worksheet)
    guide.title = GUIDE_SHEET
    _write_guide(guide)
    for sheet in TEMPLATE_SHEETS:
        _write_sheet(workbook.create_sheet(sheet.name), sheet)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def header_label(name: str) -> str:
    """Return a column's name as the template heads it: spelt with æ, ø and å.

    An import reads either spelling (see `normalise_header`); the template shows
    the one a Danish reader expects, e.g. `fratrædelsesårsag` for `fratraedelsesaarsag`.
    """
    return name.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")


def describe_format(column: Column) -> str:
    """Return, in the active language, what a column's cells accept."""
    if column.kind is CellKind.CODES and column.references is not None:
        target_sheet, target_column = column.references
        return gettext("%(column)s values from the sheet %(sheet)s, separated by ';'") % {
            "column": target_column,
            "sheet": target_sheet,
        }
    if column.references is not None:
        target_sheet, target_column = column.references
        return gettext("a %(column)s from the sheet %(sheet)s") % {
            "column": target_column,
            "sheet": target_sheet,
        }
    if column.choices:
        return gettext("one of %(choices)s") % {"choices": ", ".join(column.choices)}
    text = {
        CellKind.TEXT: pgettext("workbook", "text"),
        CellKind.INT: pgettext("workbook", "whole number"),
        CellKind.DECIMAL: gettext("number, decimal comma or point"),
        CellKind.DATE: gettext("date, YYYY-MM-DD or DD-MM-YYYY"),
        CellKind.TAGS: gettext("words separated by ';'"),
        CellKind.CPR: gettext("CPR number, ten digits, with or without hyphen"),
    }.get(column.kind, "")
    if column.minimum is not None and column.maximum is not None:
        text += " " + gettext("from %(low)s to %(high)s") % {
            "low": column.minimum,
            "high": column.maximum,
        }
    elif column.minimum is not None:
        text += " " + gettext("of at least %(low)s") % {"low": column.minimum}
    return text


def _write_guide(guide: Worksheet) -> None:
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    guide.append(
        [
            pgettext("workbook", "Sheet"),
            pgettext("workbook", "Column"),
            pgettext("workbook", "Required"),
            pgettext("workbook", "Format"),
            pgettext("workbook", "Explanation"),
        ]
    )
    for cell in guide[1]:
        cell.font = bold
    for sheet in TEMPLATE_SHEETS:
        guide.append([sheet.name, None, YES if sheet.required else NO, None, str(sheet.help)])
        for cell in guide[guide.max_row]:
            cell.font = bold
            cell.alignment = wrap
        for column in sheet.columns:
            guide.append(
                [
                    sheet.name,
                    header_label(column.name),
                    YES if column.required else NO,
                    describe_format(column),
                    str(column.help),
                ]
            )
            for cell in guide[guide.max_row]:
                cell.alignment = wrap
    for letter, width in zip("ABCDE", (14, 22, 10, 34, 80), strict=True):
        guide.column_dimensions[letter].width = width
    guide.freeze_panes = "A2"


def _write_sheet(worksheet: Worksheet, sheet: Sheet) -> None:
    bold = Font(bold=True)
    worksheet.append([header_label(column.name) for column in sheet.columns])
    for number, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(number)
        cell = worksheet.cell(row=1, column=number)
        cell.font = bold
        if column.required:
            cell.fill = _REQUIRED_FILL
        cell.comment = _header_comment(column)
        worksheet.column_dimensions[letter].width = max(column.width, len(column.name) + 4)
        if column.kind is CellKind.CODES:
            # Kept as text: Danish Excel would read '187,175' as the number 187.175.
            worksheet.column_dimensions[letter].number_format = "@"
        validation = _validation(column)
        if validation is not None:
            worksheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}1"


def _header_comment(column: Column) -> Comment:
    required = (
        pgettext("workbook", "Required.") if column.required else pgettext("workbook", "Optional.")
    )
    text = f"{column.help}\n{required} {_first_upper(describe_format(column))}."
    comment = Comment(text, _AUTHOR)
    comment.width, comment.height = 320, 140
    return comment


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _validation(column: Column) -> DataValidation | None:
    """Return the check Excel makes as the cell is filled in, or None for free text.

    A cell that lists several codes gets none: Excel's list check takes one value only.
    """
    if column.kind is CellKind.CODES:
        return None
    if column.choices:
        validation = DataValidation(
            type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True
        )
        validation.error = gettext("Choose one of: %(choices)s") % {
            "choices": ", ".join(column.choices)
        }
    elif column.references is not None:
        target_sheet, target_column = column.references
        target = get_column_letter(SHEETS_BY_NAME[target_sheet].names.index(target_column) + 1)
        validation = DataValidation(
            type="list",
            # Stored without the leading '=' one types in Excel, as Excel itself stores it.
            formula1=f"{target_sheet}!${target}$2:${target}${TEMPLATE_ROWS}",
            allow_blank=True,
        )
        # A warning, not a stop: the referenced sheet may run beyond the template's rows.
        validation.errorStyle = "warning"
        validation.error = gettext("Expected a %(column)s from the sheet %(sheet)s.") % {
            "column": target_column,
            "sheet": target_sheet,
        }
    elif column.kind in (CellKind.INT, CellKind.DECIMAL) and column.minimum is not None:
        number_type = "whole" if column.kind is CellKind.INT else "decimal"
        if column.maximum is not None:
            validation = DataValidation(
                type=number_type,
                operator="between",
                formula1=str(column.minimum),
                formula2=str(column.maximum),
                allow_blank=True,
            )
        else:
            validation = DataValidation(
                type=number_type,
                operator="greaterThanOrEqual",
                formula1=str(column.minimum),
                allow_blank=True,
            )
        validation.error = _first_upper(describe_format(column))
    else:
        return None
    validation.errorTitle = header_label(column.name)
    validation.showErrorMessage = True
    return validation
