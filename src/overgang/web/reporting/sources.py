"""The records of the status report, the letters and the transfer lists, and the plan to use.

The plan is found through the planning selectors (`current_plan`), and "today" and
the effective date come from the transition's clock (`overgang.web.process.clock`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from overgang.core.domain import Dataset
from overgang.core.planning.plan import EmployeeDecision, Reason
from overgang.reports.sources import (
    MilestoneRow,
    PlanFacts,
    ReportSources,
    SettlementTotal,
    StoredCaseDecision,
)
from overgang.web.dataset.store import current_batch, load_dataset
from overgang.web.planning.models import PlanAnalysis, StoredPlan
from overgang.web.planning.selectors import current_plan
from overgang.web.process import clock
from overgang.web.process.milestones import default_milestones
from overgang.web.process.models import DecisionNotification, Milestone, Transition
from overgang.web.reporting.followup import followup
from overgang.web.settlement.selectors import totals as settlement_totals


class ReportUnavailable(RuntimeError):
    """There is nothing to report on: no plan, or no such plan, or no data set."""


def select_plan(plan_id: int | None) -> StoredPlan:
    """Return the stored plan with this id, or the current plan (the approved one, else the latest)."""
    if plan_id is not None:
        plan = StoredPlan.objects.filter(pk=plan_id).first()
        if plan is None:
            raise ReportUnavailable(_("No plan with id %(id)s.") % {"id": plan_id})
        return plan
    plan = current_plan()
    if plan is None:
        raise ReportUnavailable(_("There is no stored plan yet; run 'overgang plan' first."))
    return plan


def select_plans(plan_ids: list[int]) -> list[StoredPlan]:
    """Return the stored plans with these ids, in the order given."""
    plans = {p.pk: p for p in StoredPlan.objects.filter(pk__in=plan_ids)}
    missing = [str(i) for i in plan_ids if i not in plans]
    if missing:
        raise ReportUnavailable(_("No plan with id %(id)s.") % {"id": ", ".join(missing)})
    return [plans[i] for i in plan_ids]


def plan_labels(plan: StoredPlan) -> tuple[dict[int, str], dict[str, str], int]:
    """Return the names the plan was made with: municipalities, professions, the host's code."""
    labels = plan.labels or {}
    return (
        {int(k): v for k, v in labels.get("kommuner", {}).items()},
        dict(labels.get("faggrupper", {})),
        int(labels.get("vaert", {}).get("kode", 0)),
    )


def plan_effective_date(plan: StoredPlan) -> date:
    """Return the effective date the plan was made for (the transition's, if it names none)."""
    stored = plan.settings.get("effective_date")
    return date.fromisoformat(stored) if stored else clock.effective_date()


def _settlement() -> tuple[SettlementTotal, ...]:
    """The settlement register's items and value by status (every status, none too)."""
    found = settlement_totals()
    return tuple(SettlementTotal(s, t.count, t.value) for s, t in found.by_status.items())


def _milestones(effective: date) -> tuple[MilestoneRow, ...]:
    stored = list(Milestone.objects.order_by("due_on", "pk"))
    if stored:
        return tuple(
            MilestoneRow(m.kind, m.title, m.due_on, m.done_on, m.legal_basis) for m in stored
        )
    # No process record yet: the legal milestones with their default deadlines.
    return tuple(
        MilestoneRow(str(m.kind), m.title, m.due_on, None, m.legal_basis)
        for m in default_milestones(effective)
    )


def _analysis(plan: StoredPlan, dataset: Dataset) -> dict[str, Any]:
    """Return the district teams, family plans and robustness stored beside the plan, if any."""
    analysis = PlanAnalysis.objects.filter(plan=plan).first()
    if analysis is None:
        return {}
    district_names = {d.id: d.name for d in dataset.districts}
    teams = [
        {
            "navn": t.name,
            "kommune": t.municipality,
            "distrikter": [district_names.get(d, d) for d in t.districts],
            "institutioner": len(t.institutions),
            "leder": bool(t.leader),
            "manglende_faggrupper": list(t.missing_professions),
            "medarbejdere": t.members,
            "fte": t.fte or 0.0,
        }
        for t in plan.teams.annotate(members=Count("memberships"), fte=Sum("memberships__fte"))
    ]
    families = plan.family_plans.aggregate(
        with_coordinator=Count("pk", filter=~Q(coordinator="")),
        without_coordinator=Count("pk", filter=Q(coordinator="")),
    )
    return {
        "teams": teams,
        "family_plans": {
            "med_koordinator": families["with_coordinator"],
            "uden_koordinator": families["without_coordinator"],
        },
        "robustness": analysis.robustness,
        "warnings": analysis.warnings,
    }


def load_sources(plan: StoredPlan, *, as_of: date | None = None) -> ReportSources:
    """Return everything a report on this plan needs, read once."""
    if current_batch() is None:
        raise ReportUnavailable(_("no data set has been imported; run 'overgang import' first"))
    municipalities, professions, host = plan_labels(plan)
    effective = plan_effective_date(plan)
    dataset = load_dataset()
    transition = Transition.current()
    return ReportSources(
        plan=PlanFacts(
            id=plan.pk,
            created_at=plan.created_at,
            status=plan.status,
            scenario_name=plan.scenario_name,
            cooperation_services=tuple(plan.settings.get("cooperation_services") or ()),
        ),
        metrics=plan.metrics,
        municipalities=municipalities,
        professions=professions,
        host=host,
        effective_date=effective,
        as_of=as_of or clock.today(),
        # The day the document is made is the computer's, also when the demo sets the clock.
        made_on=date.today(),
        dataset=dataset,
        employee_decisions=tuple(
            EmployeeDecision(e, m, Reason(code, tuple(params.items())))
            for e, m, code, params in plan.employee_decisions.order_by("employee_id").values_list(
                "employee_id", "municipality", "reason_code", "reason_params"
            )
        ),
        case_decisions=tuple(
            StoredCaseDecision(c, former, new, m, Reason(code, tuple(params.items())))
            for c, former, new, m, code, params in plan.case_decisions.order_by(
                "case_id"
            ).values_list(
                "case_id",
                "former_contact",
                "contact_person",
                "municipality",
                "reason_code",
                "reason_params",
            )
        ),
        milestones=_milestones(effective),
        notified=DecisionNotification.objects.filter(decision__plan=plan).count(),
        extras=_analysis(plan, dataset),
        legal_basis=transition.legal_basis,
        legal_basis_note=transition.legal_basis_note,
        settlement=_settlement(),
        **followup(plan, transition),
    )
