"""What the pages show of fixed decisions: an employee's fix and its form, the plan rows' marks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from overgang.core.planning.plan import Reason
from overgang.texts.reasons import fixed_text
from overgang.web.access import can
from overgang.web.dataset.models import Employee, Municipality
from overgang.web.pages.forms import FixEmployeeForm
from overgang.web.planning.models import (
    CaseDecision,
    EmployeeDecision,
    FixedDecision,
    FixKind,
    StoredPlan,
)
from overgang.web.planning.selectors import fixes_of


def fix_note(fix: FixedDecision) -> str:
    """Who fixed it, when and why, e.g. 'Fastlagt af anna 15. september 2021: aftalt med HR'."""
    params = {"by": fix.fixed_by_name, "on": fix.fixed_on.isoformat(), "reason": fix.reason}
    return fixed_text(Reason("fixed", tuple(params.items())))


def employee_fix_context(
    user: Any, employee: Employee, decision: EmployeeDecision | None
) -> dict[str, Any]:
    """The employee page's fixed decision: the fix in force, and the transition lead's form."""
    fix = fixes_of(user, FixKind.EMPLOYEE, [employee.ext_id]).get(employee.ext_id)
    may_fix = can(user, "fix_decision", employee)
    initial = fix.value if fix else (str(decision.municipality) if decision else "")
    return {
        "fix": fix,
        "fix_note": fix_note(fix) if fix else "",
        "fix_municipality": (
            Municipality.objects.filter(code=int(fix.value)).first() if fix else None
        ),
        "may_fix": may_fix,
        "fix_form": FixEmployeeForm(prefix="fix", initial={"municipality": initial})
        if may_fix
        else None,
    }


def default_reason(plan: StoredPlan) -> str:
    """The reason a fix made with one click on a plan's row is given."""
    return _("Fixed from plan %(number)s") % {"number": plan.pk}


@dataclass(frozen=True)
class FixMark:
    """A plan row's mark: the fix in force of its employee or case."""

    fix: FixedDecision
    note: str  # who fixed it, when and why
    same: bool  # the fix is what this plan decided
    shown: str  # the fixed value as shown: a municipality's name, an employee's id


def fix_marks(
    user: Any,
    kind: FixKind,
    decisions: Iterable[EmployeeDecision | CaseDecision],
    names: Mapping[int, str],
) -> dict[str, FixMark]:
    """The marks of a page of a plan's rows, by employee or case id (rows without a fix: none)."""
    if kind == FixKind.EMPLOYEE:
        proposed = {d.employee_id: str(d.municipality) for d in decisions}  # type: ignore[union-attr]
    else:
        proposed = {d.case_id: d.contact_person for d in decisions}  # type: ignore[union-attr]
    return {
        subject: mark_of(fix, proposed[subject], names)
        for subject, fix in fixes_of(user, kind, list(proposed)).items()
    }


def mark_of(fix: FixedDecision, proposed: str, names: Mapping[int, str]) -> FixMark:
    shown = fix.value
    if fix.kind == FixKind.EMPLOYEE:
        shown = names.get(int(fix.value), fix.value)
    return FixMark(fix, fix_note(fix), fix.value == proposed, shown)
