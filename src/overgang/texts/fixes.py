"""Fixed decisions and their conflicts in words, in the active language (Danish by default).

When fixed decisions cannot all hold, planning stops before it starts
(`overgang.core.planning.fixes.fix_conflicts`); each conflict is told here in one
sentence that names every fix it concerns, who fixed it and when, so the transition
lead knows which to change or unfix.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from overgang.core.planning.fixes import ConflictKind, EmployeeFix, Fix, FixConflict


def _day(iso: str) -> str:
    with contextlib.suppress(ValueError):  # not an ISO date: shown as given
        return date_format(date.fromisoformat(iso))
    return iso


def fix_text(fix: Fix, names: Mapping[int, str]) -> str:
    """Name one fix, e.g. 'medarbejder M001 til Vallensbæk (fastlagt af anna 15. september 2021)'."""
    if isinstance(fix, EmployeeFix):
        text = _("employee %(id)s to %(municipality)s") % {
            "id": fix.employee_id,
            "municipality": names.get(fix.municipality, str(fix.municipality)),
        }
    else:
        text = _("case %(case)s with contact person %(person)s") % {
            "case": fix.case_id,
            "person": fix.contact_person,
        }
    if fix.by and fix.fixed_on:
        text += " " + _("(fixed by %(by)s %(on)s)") % {"by": fix.by, "on": _day(fix.fixed_on)}
    elif fix.by:
        text += " " + _("(fixed by %(by)s)") % {"by": fix.by}
    return text


def conflict_text(conflict: FixConflict, names: Mapping[int, str]) -> str:
    """Say why the fixes of one conflict cannot hold, naming every one of them."""
    fixes = "; ".join(fix_text(fix, names) for fix in conflict.fixes)
    values = {"person": conflict.person, "fixes": fixes}
    kind = conflict.kind
    if kind == ConflictKind.TWO_PLACES:
        text = _("%(person)s is fixed to work for more than one municipality: %(fixes)s.")
    elif kind == ConflictKind.OVER_LIMIT:
        text = _("More load is fixed on %(person)s than their hard limit allows: %(fixes)s.")
    elif kind == ConflictKind.UNKNOWN_EMPLOYEE:
        text = _(
            "%(person)s is not among the employees planned (resigned, no longer listed, or "
            "left out of this plan): %(fixes)s."
        )
    elif kind == ConflictKind.UNKNOWN_MUNICIPALITY:
        text = _("The municipality is not in the data set: %(fixes)s.")
    elif kind == ConflictKind.UNKNOWN_CASE:
        text = _("The case is not among the in-house cases planned: %(fixes)s.")
    elif kind == ConflictKind.UNKNOWN_CONTACT:
        text = _("The contact person %(person)s is not among the employees planned: %(fixes)s.")
    else:  # ConflictKind.OTHER_PROFESSION
        text = _("The contact person %(person)s is of another profession than the case: %(fixes)s.")
    return text % values


def conflicts_headline() -> str:
    """The sentence above the conflicts: planning has stopped, and what to do."""
    return _("Planning stopped: the fixed decisions cannot all hold. Change or unfix these:")


def conflict_texts(conflicts: Sequence[FixConflict], names: Mapping[int, str]) -> list[str]:
    """Each conflict in words, in the order the planner found them."""
    return [conflict_text(conflict, names) for conflict in conflicts]
