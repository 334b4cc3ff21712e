"""The family letters' records: the families whose child gets a new contact person in a plan.

A family is written to once per municipality that serves its changed cases from the
effective date (in practice once: a family's children live in one municipality; a
family with one parent in each municipality gets a letter from each, each naming only
its own children and cases). The cases are those of `handover_decisions`, as the data
set holds them now; a retired case or citizen is not written about.

Scoping: with a user, only the plan's decisions `CaseDecision.objects.for_user(user)`
returns, and of a municipal lead only those their municipality serves, so that no
letter names another municipality or its families.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import translation

from overgang.reports.family_letters import (
    ChildService,
    FamilyChild,
    FamilyLetterSources,
    FamilyRecord,
    family_letter_files,
)
from overgang.web.access import profile_of
from overgang.web.accounts.models import Role
from overgang.web.dataset.models import Case, Employee
from overgang.web.planning.models import CaseDecision, StoredPlan
from overgang.web.process import clock
from overgang.web.reporting.documents import Export
from overgang.web.reporting.handovers import handover_decisions
from overgang.web.reporting.held import Held
from overgang.web.reporting.sources import plan_effective_date, plan_labels


def family_letter_decisions(
    plan: StoredPlan, user: Any = None, municipality: int | None = None
) -> QuerySet[CaseDecision]:
    """Return the plan's decisions that change a contact person, as far as the user may write."""
    decisions = handover_decisions(plan)
    if user is not None:
        visible = CaseDecision.objects.for_user(user).filter(plan=plan).values("pk")
        decisions = decisions.filter(pk__in=visible)
        profile = profile_of(user)
        if profile is not None and profile.role == Role.MUNICIPAL_LEAD:
            decisions = decisions.filter(municipality=profile.municipality_code or 0)
    if municipality is not None:
        decisions = decisions.filter(municipality=municipality)
    return decisions


def load_family_letters(
    plan: StoredPlan, user: Any = None, municipality: int | None = None
) -> FamilyLetterSources:
    """Return the families to write to about this plan (those the user may write to)."""
    decisions = list(
        family_letter_decisions(plan, user, municipality)
        .order_by("case_id")
        .values_list("case_id", "contact_person", "municipality")
    )
    cases = {
        row[0]: row[1:]
        for row in Case.objects.filter(
            retired_at__isnull=True,
            citizen__retired_at__isnull=True,
            ext_id__in=[case_id for case_id, _new, _code in decisions],
        ).values_list(
            "ext_id",
            "citizen__ext_id",
            "citizen__family_id",
            "citizen__birth_year",
            "service",
            "profession__code",
        )
    }
    names = dict(
        Employee.objects.filter(
            retired_at__isnull=True, ext_id__in={new for _c, new, _m in decisions if new}
        ).values_list("ext_id", "name")
    )
    municipalities, professions, _host = plan_labels(plan)
    # (municipality, family) -> citizen -> (birth year, services)
    grouped: dict[tuple[int, str], dict[str, tuple[int | None, list[ChildService]]]] = defaultdict(
        dict
    )
    for case_id, new, code in decisions:
        if case_id not in cases:
            continue  # no longer in the data set
        citizen, family, born, service, profession = cases[case_id]
        child = grouped[(code, family or citizen)].setdefault(citizen, (born, []))
        child[1].append(
            ChildService(
                case_id=case_id,
                service=service,
                profession=professions.get(profession, profession),
                new_contact=new,
                new_contact_name=names.get(new, ""),
            )
        )
    families = tuple(
        FamilyRecord(
            family_id=family,
            municipality=code,
            children=tuple(
                FamilyChild(citizen, born, tuple(services))
                for citizen, (born, services) in sorted(children.items())
            ),
        )
        for (code, family), children in sorted(grouped.items())
    )
    writing = {f.municipality for f in families}
    return FamilyLetterSources(
        plan_id=plan.pk,
        municipalities={code: name for code, name in municipalities.items() if code in writing},
        effective_date=plan_effective_date(plan),
        dated=clock.today(),
        families=families,
    )


def family_letters_held(src: FamilyLetterSources) -> Held:
    """The letters' children (citizens), their cases and the new contact persons named."""
    services = [
        (child.citizen_id, service)
        for family in src.families
        for child in family.children
        for service in child.services
    ]
    return {
        "employees": sorted({s.new_contact for _c, s in services if s.new_contact}),
        "cases": sorted({s.case_id for _c, s in services}),
        "citizens": sorted({citizen for citizen, _s in services}),
    }


def family_letters_export(
    plan: StoredPlan,
    fmt: str = "docx",
    lang: str = "da",
    *,
    user: Any = None,
    municipality: int | None = None,
    combined: bool = False,
) -> Export:
    """Return the family letters as files, with the children, cases and people they name."""
    with translation.override(lang):
        src = load_family_letters(plan, user, municipality)
        files = family_letter_files(src, fmt, lang, combined=combined)
        return Export(files, family_letters_held(src))
