"""The words and numbers of a scenario comparison, in the active language (Danish by default).

The terminal (`overgang compare`) and the reports show the same rows from
`overgang.core.comparison`; this module gives each row its label and each value
its written form.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from overgang.core.comparison import Kind, Row, Value
from overgang.texts.numbers import formatted


def _labels() -> dict[str, str]:
    return {
        "status": _("Solver status"),
        "gap": _("Gap to the proven bound"),
        "total_cost": _("Total cost"),
        "unstaffed_load": _("Unstaffed load (load units)"),
        "hires_fte": _("Hires needed (FTE)"),
        "moved_by_wish": _("Employees moved by their wish"),
        "placed_acceptable": _("Employees in a municipality they can accept, not their wish"),
        "moved_against_wish": _("Employees moved against their wish"),
        "wish_not_met": _("Employees whose wish is not met"),
        "contact_changes": _("Cases that change contact person"),
        "children_by_change": _("Children who change contact person"),
        "teams_without_leader": _("Teams without a leader"),
        "teams_missing_profession": _("Teams lacking a profession they need"),
        "robustness_warnings": _("Robustness warnings"),
    }


def change_order_text(order: int) -> str:
    """Return which change of contact person it is for a child: 'first change', ... '4th or later'."""
    if order <= 1:
        return _("their first change")
    if order == 2:
        return _("their second change")
    if order == 3:
        return _("their third change")
    return _("their fourth change or later")


def row_label(row: Row, municipalities: Mapping[int, str]) -> str:
    """Return a row's label; a breakdown row is the municipality's name or the profession's code
    (or, for the children who change contact person, which change it is for them)."""
    if row.detail is None:
        return _labels().get(row.key, row.key)
    if row.key == "children_by_change":
        return f"  {change_order_text(int(row.detail))}"
    if isinstance(row.detail, int):
        return f"  {municipalities.get(row.detail, str(row.detail))}"
    return f"  {row.detail}"


def status_text(status: str) -> str:
    return _("proven optimal") if status == "optimal" else _("not proven optimal")


def value_text(kind: str, value: Value) -> str:
    """Return a value as shown: Danish decimal comma, percent for shares, '-' where missing."""
    if value is None:
        return "-"
    if kind == Kind.TEXT:
        return status_text(str(value))
    if kind == Kind.COUNT:
        return number_format(int(value), use_l10n=True, force_grouping=True)
    if kind == Kind.PERCENT:
        return f"{formatted(100 * float(value), 2)} %"
    return formatted(float(value), 2, grouping=True)


def difference_text(kind: str, difference: float | None) -> str:
    """Return a difference from the first scenario with its sign, '' when there is none."""
    if difference is None or difference == 0:
        return ""
    sign = "+" if difference > 0 else "−"
    magnitude = abs(difference)
    if kind == Kind.PERCENT:
        return _("%(sign)s%(value)s pp") % {
            "sign": sign,
            "value": formatted(100 * magnitude, 2),
        }
    if kind == Kind.COUNT:
        return f"{sign}{number_format(int(magnitude), use_l10n=True, force_grouping=True)}"
    return f"{sign}{formatted(magnitude, 2, grouping=True)}"
