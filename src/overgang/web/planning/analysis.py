"""Use cases of a plan's analysis: form its district teams, joint family plans and robustness, and store them.

The core computes (`overgang.core.teams`, `overgang.core.family_plans`,
`overgang.core.robustness`); this module turns the results into rows once,
beside the plan, which itself is never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.core.family_plans import FamilyPlan, joint_family_plans
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.fingerprint import input_hash
from overgang.core.planning.plan import CaseDecision, EmployeeDecision, Plan, Reason, SolveReport
from overgang.core.planning.policy import policy_from_dict
from overgang.core.planning.problem import Problem
from overgang.core.robustness import (
    DEFAULT_CRITICAL_FTE,
    DEFAULT_MAX_HOLDERS,
    DEFAULT_REPLAN_SECONDS,
    Robustness,
    assess_robustness,
)
from overgang.core.teams import DEFAULT_MIN_TEAM_FTE, TeamPlan, form_teams
from overgang.web.planning import models as m
from overgang.web.planning.services import PlanningUnavailable, load_problem


@dataclass(frozen=True)
class AnalysisSettings:
    min_team_fte: Fraction = DEFAULT_MIN_TEAM_FTE
    critical_fte: Fraction = DEFAULT_CRITICAL_FTE
    max_holders: int = DEFAULT_MAX_HOLDERS
    rank_services: bool = True
    replan_seconds: float = DEFAULT_REPLAN_SECONDS
    # The ranking's re-plans use the deterministic search, whatever search made the plan,
    # so that the same plan ranks the services the same way each time (docs/planning.md).
    deterministic: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "min_team_fte": float(self.min_team_fte),
            "critical_fte": float(self.critical_fte),
            "max_holders": self.max_holders,
            "rank_services": self.rank_services,
            "replan_seconds": self.replan_seconds,
            "deterministic": self.deterministic,
        }


@dataclass(frozen=True)
class Analysis:
    teams: TeamPlan
    families: tuple[FamilyPlan, ...]
    robustness: Robustness


def analyse(
    problem: Problem,
    plan: Plan,
    settings: AnalysisSettings,
    progress: Callable[[str, int, int], None] | None = None,
) -> Analysis:
    """Return a plan's district teams, joint family plans and robustness."""
    teams = form_teams(problem, plan, min_team_fte=settings.min_team_fte)
    return Analysis(
        teams=teams,
        families=joint_family_plans(problem, plan, teams),
        robustness=assess_robustness(
            problem,
            plan,
            critical_fte=settings.critical_fte,
            max_holders=settings.max_holders,
            rank_services=settings.rank_services,
            replan_seconds=settings.replan_seconds,
            deterministic=settings.deterministic,
            progress=progress,
        ),
    )


def analyse_and_store(
    *,
    stored: m.StoredPlan,
    plan: Plan,
    problem: Problem,
    settings: AnalysisSettings | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> m.PlanAnalysis:
    """Analyse a stored plan and store the analysis beside it, once."""
    settings = settings or AnalysisSettings()
    return save_analysis(stored, analyse(problem, plan, settings, progress), settings)


def stored_as_plan(stored: m.StoredPlan) -> tuple[Problem, Plan]:
    """Return a stored plan as the core's plan, with the problem of the data it was made from.

    The data stored now must be those the plan was made from (the same inputs' hash).
    """
    policy = policy_from_dict(stored.settings)
    problem = load_problem(policy)
    if input_hash(problem.dataset, policy) != stored.input_hash:
        raise PlanningUnavailable(
            _("plan %(id)s was made from other data than those stored now; make a new plan")
            % {"id": stored.pk}
        )
    employees = tuple(
        EmployeeDecision(
            d.employee_id, d.municipality, Reason(d.reason_code, tuple(d.reason_params.items()))
        )
        for d in stored.employee_decisions.all()
    )
    cases = tuple(
        CaseDecision(
            d.case_id,
            d.contact_person or None,
            Reason(d.reason_code, tuple(d.reason_params.items())),
        )
        for d in stored.case_decisions.all()
    )
    employer = {d.employee_id: d.municipality for d in employees}
    contact = {d.case_id: d.contact_person for d in cases}
    plan = Plan(
        policy=policy,
        employees=employees,
        cases=cases,
        cost=plan_cost(problem, policy, employer, contact),
        solve=SolveReport(
            stored.status, Fraction(stored.objective), Fraction(stored.bound), stored.seconds
        ),
        professions=(),
        metrics=stored.metrics,
    )
    return problem, plan


def analyse_stored_plan(
    *,
    stored: m.StoredPlan,
    settings: AnalysisSettings | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> m.PlanAnalysis:
    """Analyse a plan stored without an analysis (made by compare or on a page) and store it."""
    if m.PlanAnalysis.objects.filter(plan=stored).exists():
        raise PlanningUnavailable(
            _("plan %(id)s has its teams and robustness already; they are never changed")
            % {"id": stored.pk}
        )
    problem, plan = stored_as_plan(stored)
    return analyse_and_store(
        stored=stored, plan=plan, problem=problem, settings=settings, progress=progress
    )


def _f(value: Fraction, digits: int = 3) -> float:
    return round(float(value), digits)


@transaction.atomic
def save_analysis(
    stored: m.StoredPlan, analysis: Analysis, settings: AnalysisSettings
) -> m.PlanAnalysis:
    """Store an analysis beside its plan: the teams with their members, the family plans, the robustness."""
    teams = analysis.teams
    record = m.PlanAnalysis.objects.create(
        plan=stored,
        settings=settings.as_dict(),
        teams_proven_optimal=teams.proven_optimal,
        shared_staff=[
            {
                "medarbejder_id": s.employee_id,
                "kommune": s.municipality,
                "faggruppe": s.profession,
                "leder": s.is_leader,
                "aarsag": s.reason,
            }
            for s in teams.shared_staff
        ],
        outside_load=[
            {
                "kommune": o.municipality,
                "faggruppe": o.profession,
                "sager": o.cases,
                "belastning": _f(o.load),
            }
            for o in teams.outside_load
        ],
        robustness=robustness_record(analysis.robustness),
        warnings=[
            {"kode": w.code, "kommune": w.municipality, "emne": w.subject, "params": dict(w.params)}
            for w in analysis.robustness.warnings
        ],
    )
    for team in teams.teams:
        row = m.PlanTeam.objects.create(
            plan=stored,
            team_id=team.id,
            municipality=team.municipality,
            name=team.name,
            leader=team.leader or "",
            districts=list(team.districts),
            institutions=list(team.institutions),
            missing_professions=list(team.missing_professions),
            balance=[
                {
                    "faggruppe": b.profession,
                    "efterspoergsel_belastning": _f(b.demand_load),
                    "efterspoergsel_fte": _f(b.demand_fte),
                    "udbud_fte": _f(b.supply_fte),
                    "udbud_kapacitet": _f(b.supply_capacity),
                    "medarbejdere": b.members,
                }
                for b in team.balance
            ],
        )
        m.TeamMembership.objects.bulk_create(
            m.TeamMembership(
                team=row,
                employee_id=member.employee_id,
                profession=member.profession,
                is_leader=member.is_leader,
                fte=_f(member.fte),
                cases=member.cases,
                cases_inside=member.cases_inside,
                load=_f(member.load),
                load_inside=_f(member.load_inside),
            )
            for member in team.members
        )
    m.FamilyPlan.objects.bulk_create(
        (
            m.FamilyPlan(
                plan=stored,
                family_id=f.family_id,
                municipality=f.municipality,
                team_id=f.team_id or "",
                coordinator=f.coordinator or "",
                coordinator_rule=f.coordinator_rule,
                professions=list(f.professions),
                contacts=[
                    {
                        "faggruppe": c.profession,
                        "medarbejder_id": c.employee_id,
                        "sager": c.cases,
                        "belastning": _f(c.load),
                    }
                    for c in f.contacts
                ],
                cases=f.cases,
                unstaffed_cases=f.unstaffed_cases,
            )
            for f in analysis.families
        ),
        batch_size=2000,
    )
    return record


def robustness_record(robustness: Robustness) -> dict[str, Any]:
    """Return the robustness figures as a JSON-ready record in the workbook's words."""
    return {
        "kritisk_masse_fte": _f(robustness.critical_fte),
        "hoejst_antal_indehavere": robustness.max_holders,
        "udbud": [
            {
                "kommune": s.municipality,
                "faggruppe": s.profession,
                "udbud_fte": _f(s.supply_fte),
                "efterspoergsel_fte": _f(s.demand_fte),
                "behov_fte": _f(s.need_fte),
                "balance_fte": _f(s.balance_fte),
                "belastning": _f(s.demand_load),
                "kapacitet": _f(s.capacity),
                "ubemandet_belastning": _f(s.unstaffed_load),
                "belastning_over_norm": _f(s.overload),
                "nyansaettelser_belastning_fte": _f(s.hires_for_load_fte),
                "under_kritisk_masse": s.below_critical_mass,
                "nyansaettelser_fte": _f(s.hires_fte),
            }
            for s in robustness.supply
        ],
        "faa_indehavere": [
            {
                "kommune": c.municipality,
                "kompetence": c.competence,
                "indehavere": list(c.holders),
                "indehavere_i_centret": c.holders_in_centre,
            }
            for c in robustness.scarce_competences
        ],
        "tabte_kompetencer": [
            {
                "kommune": c.municipality,
                "kompetence": c.competence,
                "indehavere_i_centret": c.holders_in_centre,
            }
            for c in robustness.lost_competences
        ],
        "samarbejde_rangeret": robustness.cooperation_ranked,
        "samarbejde": [
            {
                "ydelse": b.service,
                "faggrupper": list(b.professions),
                "sager_i_medlemskommuner": b.member_cases,
                "sparet_ubemandet_belastning": _f(b.unstaffed_load_saved),
                "sparede_kontaktskift": b.contact_changes_saved,
                "vaerdi": _f(b.value, 2),
                "sparet_samlet_omkostning": _f(b.cost_saved, 2),
                "bevist_optimal": b.proven,
                "delt_op": [
                    {
                        "kommune": c.municipality,
                        "ubemandet_belastning": _f(c.unstaffed_load),
                        "kontaktskift": c.contact_changes,
                    }
                    for c in b.split
                ],
                "holdt_samlet": [
                    {
                        "kommune": c.municipality,
                        "ubemandet_belastning": _f(c.unstaffed_load),
                        "kontaktskift": c.contact_changes,
                    }
                    for c in b.shared
                ],
            }
            for b in robustness.cooperation
        ],
    }
