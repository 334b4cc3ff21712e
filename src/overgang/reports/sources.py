"""What a report is made from: a stored plan, the current data set and the process record.

This is the one place the reports read the database. Everything after it works
on the plain `ReportSources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from overgang.core.domain import Dataset, Delivery
from overgang.web.planning.models import StoredPlan


class ReportUnavailable(RuntimeError):
    """There is nothing to report on: no plan, or no such plan."""


@dataclass(frozen=True)
class MilestoneRow:
    kind: str
    title: str
    due_on: date
    done_on: date | None
    legal_basis: str


@dataclass(frozen=True)
class ReportSources:
    plan: StoredPlan
    metrics: dict[str, Any]
    municipalities: dict[int, str]
    professions: dict[str, str]
    host: int
    effective_date: date
    as_of: date  # today, or the demo's clock
    dataset: Dataset
    # From the plan's decisions.
    employer: dict[str, int]  # employee id -> municipality from the effective date
    decision_reasons: dict[str, str]  # employee id -> reason code
    case_contacts: dict[str, tuple[str, str]]  # case id -> (former, new) contact ("" for none)
    case_serving: dict[str, int]  # in-house case id -> the municipality that serves it
    # From the process record.
    milestones: tuple[MilestoneRow, ...] = ()
    notified: int = 0
    extras: dict[str, Any] = field(default_factory=dict)  # teams, robustness, ... where stored

    def municipality(self, code: int | str) -> str:
        return self.municipalities.get(int(code), str(code))

    def profession(self, code: str) -> str:
        return self.professions.get(code, code)

    @property
    def external_case_ids(self) -> set[str]:
        return {c.id for c in self.dataset.cases if c.delivery is Delivery.EXTERNAL}


def select_plan(plan_id: int | None) -> StoredPlan:
    """Return the stored plan with this id, or the current plan (the approved one, else the latest)."""
    if plan_id is not None:
        plan = StoredPlan.objects.filter(pk=plan_id).first()
        if plan is None:
            raise ReportUnavailable(_("No plan with id %(id)s.") % {"id": plan_id})
        return plan
    from overgang.web.planning.selectors import current_plan

    plan = current_plan()
    if plan is None:
        raise ReportUnavailable(_("There is no stored plan yet; run 'overgang plan' first."))
    return plan


def _milestones(effective: date) -> tuple[MilestoneRow, ...]:
    from overgang.web.process.milestones import default_milestones
    from overgang.web.process.models import Milestone

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


def _as_of() -> date:
    from django.utils import timezone

    from overgang.web.process.models import Transition

    transition = Transition.objects.filter(pk=1).first()
    if transition is not None and transition.today_override is not None:
        return transition.today_override
    return timezone.localdate()


def _analysis(plan: StoredPlan, dataset: Dataset) -> dict[str, Any]:
    """Return the district teams, family plans and robustness stored beside the plan, if any."""
    from django.db.models import Count, Q, Sum

    from overgang.web.planning.models import PlanAnalysis

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
    from overgang.web.dataset.store import current_batch, load_dataset
    from overgang.web.process.models import DecisionNotification

    if current_batch() is None:
        raise ReportUnavailable(_("no data set has been imported; run 'overgang import' first"))
    labels = plan.labels or {}
    effective = date.fromisoformat(plan.settings.get("effective_date") or "2022-01-01")
    decisions = list(
        plan.employee_decisions.values_list("employee_id", "municipality", "reason_code")
    )
    cases = list(
        plan.case_decisions.values_list(
            "case_id", "former_contact", "contact_person", "municipality"
        )
    )
    dataset = load_dataset()
    return ReportSources(
        plan=plan,
        metrics=plan.metrics,
        municipalities={int(k): v for k, v in labels.get("kommuner", {}).items()},
        professions=dict(labels.get("faggrupper", {})),
        host=int(labels.get("vaert", {}).get("kode", 0)),
        effective_date=effective,
        as_of=as_of or _as_of(),
        dataset=dataset,
        employer={e: m for e, m, _r in decisions},
        decision_reasons={e: r for e, _m, r in decisions},
        case_contacts={c: (f, n) for c, f, n, _m in cases},
        case_serving={c: m for c, _f, _n, m in cases},
        milestones=_milestones(effective),
        notified=DecisionNotification.objects.filter(decision__plan=plan).count(),
        extras=_analysis(plan, dataset),
    )
