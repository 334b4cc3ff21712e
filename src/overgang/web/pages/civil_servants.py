"""Civil servants (tjenestemænd) on the plan page and the dashboard.

Civil servants move by their own rules, not the transfer of undertakings act (LEGAL-NOTES
§1.5): the receiving municipality offers a suitable post, which they may decline and keep a
civil servant's rights. Everyone who may see a plan sees how many each municipality gets
(small counts hidden from committees, as every count); the transition lead also sees, by
employee, those the plan moves against their wish, to act on before they are notified.
The figures are the plan's own (`metrics["civil_servants"]`); the employees named are read
through the scoped decisions, so the read is logged like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from overgang.web.access import can
from overgang.web.pages.figures import figures
from overgang.web.pages.reasons import municipality_names
from overgang.web.planning.models import EmployeeDecision, StoredPlan

COLUMNS = ("tjenestemaend", "overfoert", "flyttet_mod_oenske")


@dataclass(frozen=True)
class CountsRow:
    municipality: str
    count: str
    transferred: str
    against_wish: str


@dataclass(frozen=True)
class Flagged:
    """A civil servant the plan moves against their wish, for the transition lead."""

    employee_id: str
    municipality: str  # where the plan sends them
    plan_id: int


@dataclass(frozen=True)
class CivilServants:
    counted: bool  # False: the plan was made before civil servants were counted
    rows: tuple[CountsRow, ...]
    total: CountsRow | None
    flagged: tuple[Flagged, ...]

    @property
    def any(self) -> bool:
        return self.total is not None and self.total.count not in ("0", "–")


def is_transition_lead(user: Any) -> bool:
    """Whether the user leads the transition: the one who approves plans and acts on flags."""
    return can(user, "approve_plan")


def flagged_for_lead(plan: StoredPlan | None, user: Any) -> tuple[Flagged, ...]:
    """Return the civil servants the plan moves against their wish, for the transition lead
    only (nobody else, whatever they may see of the plan); () where none or not counted."""
    if plan is None or not is_transition_lead(user):
        return ()
    figures_ = (plan.metrics or {}).get("civil_servants") or {}
    ids = [str(row["medarbejder_id"]) for row in figures_.get("mod_oenske", [])]
    if not ids:
        return ()
    names = municipality_names(plan)
    decisions = (
        EmployeeDecision.objects.for_user(user)
        .filter(plan=plan, employee_id__in=ids)
        .order_by("employee_id")
        .values_list("employee_id", "municipality")
    )
    return tuple(Flagged(e, names.get(m, str(m)), plan.pk) for e, m in decisions)


def civil_servants_of(plan: StoredPlan, user: Any) -> CivilServants:
    """Return the plan's civil servants per municipality as the user may see them."""
    stored = (plan.metrics or {}).get("civil_servants")
    if stored is None:
        return CivilServants(False, (), None, ())
    names = municipality_names(plan)
    rows = {int(r["kommune"]): r for r in stored["pr_kommune"]}
    codes = sorted(rows)
    shown = figures(
        user,
        [str(code) for code in codes],
        COLUMNS,
        [[int(rows[code][key]) for key in COLUMNS] for code in codes],
        row_totals=False,
        column_totals=True,
    )

    return CivilServants(
        counted=True,
        rows=tuple(
            CountsRow(names.get(code, str(code)), *(shown.cell(str(code), c)[1] for c in COLUMNS))
            for code in codes
        ),
        total=CountsRow("", *(shown.column_totals[c][1] for c in COLUMNS)) if codes else None,
        flagged=flagged_for_lead(plan, user),
    )
