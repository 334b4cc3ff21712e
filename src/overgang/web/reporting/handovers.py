"""The handover lists' records: a plan's handovers, every caseworker's or one caseworker's only.

A handover is an in-house case whose contact person changes in the plan (not one
the plan keeps with its contact person). For one caseworker only the cases they
hand over or receive are read, with the names of the other contact persons, so
their list is made without reading, let alone rendering, everyone's.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from overgang.core.planning.plan import Reason
from overgang.reports.sources import Handover, HandoverSources
from overgang.web.dataset.models import Case, Employee
from overgang.web.planning.models import CaseDecision, StoredPlan
from overgang.web.process.models import HandoverMeeting
from overgang.web.reporting.sources import plan_effective_date, plan_labels


def handover_decisions(plan: StoredPlan, employee_id: str | None = None) -> QuerySet[CaseDecision]:
    """Return the plan's case decisions that change the contact person (of one caseworker)."""
    decisions = plan.case_decisions.exclude(reason_code="keeps_contact").exclude(
        former_contact=F("contact_person")
    )
    if employee_id is not None:
        decisions = decisions.filter(Q(former_contact=employee_id) | Q(contact_person=employee_id))
    return decisions


def load_handovers(plan: StoredPlan, employee_id: str | None = None) -> HandoverSources:
    """Return the plan's handovers with their cases and meetings; with an id, theirs only."""
    decisions = handover_decisions(plan, employee_id)
    # The cases as the data set holds them now (retired rows are not part of it).
    cases = {
        row[0]: row[1:]
        for row in Case.objects.filter(
            retired_at__isnull=True, ext_id__in=decisions.values("case_id")
        ).values_list(
            "ext_id",
            "citizen__ext_id",
            "citizen__family_id",
            "citizen__retired_at",
            "service",
            "profession__code",
            "acting_municipality__code",
            "paying_municipality__code",
            "vulnerability",
        )
    }
    meetings = {
        case_id: (held_on, done)
        for case_id, held_on, done in HandoverMeeting.objects.filter(
            decision__in=decisions.values("pk")
        ).values_list("decision__case_id", "held_on", "done")
    }
    handovers = []
    for case_id, former, new, code, params in decisions.order_by("case_id").values_list(
        "case_id", "former_contact", "contact_person", "reason_code", "reason_params"
    ):
        if case_id not in cases:
            continue  # no longer in the data set
        citizen, family, citizen_retired, service, profession, acting, paying, vulnerability = (
            cases[case_id]
        )
        held_on, done = meetings.get(case_id, (None, False))
        handovers.append(
            Handover(
                case_id=case_id,
                citizen_id=citizen,
                family_id=family if citizen_retired is None else "",
                service=service,
                profession=profession,
                acting=acting,
                paying=paying,
                vulnerability=vulnerability,
                former=former,
                new=new,
                meeting=held_on,
                done=done,
                reason=Reason(code, tuple(params.items())),
            )
        )
    contacts = Q(ext_id__in=decisions.values("former_contact")) | Q(
        ext_id__in=decisions.values("contact_person")
    )
    municipalities, professions, host = plan_labels(plan)
    return HandoverSources(
        municipalities=municipalities,
        professions=professions,
        host=host,
        effective_date=plan_effective_date(plan),
        handovers=tuple(handovers),
        names=dict(
            Employee.objects.filter(contacts, retired_at__isnull=True).values_list("ext_id", "name")
        ),
    )
