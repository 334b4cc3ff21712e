"""Where a voluntary cooperation agreement would help most: each service re-planned as kept shared.

For every in-house service that a member municipality's citizens receive, the
service's professions are planned again with the service kept in cooperation
with the host (`Policy.cooperation_services`: its cases stay with the host's
staff across municipal lines), under a short time limit. The cost splits by
profession, so only the service's own professions need planning again. The
help of the agreement is the drop in the two terms the split hurts most:
coverage (the unstaffed load) and continuity (contact persons changed), from
the plan as it is (the service split) to the re-plan (the service kept
shared), priced with the plan's own weights. A re-plan cut short by its time
limit may cost more than the best plan with the service shared, and then
understates the total cost saved; each benefit says whether it was proven.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from overgang.core.planning.cost import plan_cost
from overgang.core.planning.plan import Plan, SolveStatus
from overgang.core.planning.problem import Problem, build_problem, restricted_to
from overgang.core.planning.solve import plan as make_plan
from overgang.core.progress import Progress


@dataclass(frozen=True)
class Continuity:
    """The coverage and continuity of one profession's cases, per acting municipality."""

    municipality: int
    unstaffed_load: Fraction
    contact_changes: int


@dataclass(frozen=True)
class CooperationBenefit:
    """What keeping one service in cooperation with the host would save, against splitting it."""

    service: str
    professions: tuple[str, ...]
    member_cases: int  # the service's in-house cases acted on by a member municipality
    split: tuple[Continuity, ...]  # the plan as it is
    shared: tuple[Continuity, ...]  # the re-plan with the service kept shared
    unstaffed_load_saved: Fraction
    contact_changes_saved: int
    value: Fraction  # the unstaffed and contact_change cost terms saved, at the plan's weights
    cost_saved: Fraction  # the whole cost saved, every term
    proven: bool  # the re-plan was proven optimal


def rank_cooperation(
    problem: Problem,
    plan: Plan,
    *,
    replan_seconds: float,
    deterministic: bool | None = None,
    progress: Progress | None = None,
) -> tuple[CooperationBenefit, ...]:
    """Return every service a member's citizens receive in-house, the most helpful to keep shared first.

    Each re-plan keeps the plan's own settings, its search too (`Policy.deterministic`),
    unless `deterministic` says which search to use: with the deterministic search the
    same plan and data give the same ranking, run after run.
    """
    policy = plan.policy
    search = policy.deterministic if deterministic is None else deterministic
    employer, contact = plan.employer(), plan.contacts()
    services: dict[str, set[str]] = defaultdict(set)
    member_cases: dict[str, int] = defaultdict(int)
    for a in problem.assignments:
        if a.case.service in policy.cooperation_services:
            continue
        services[a.case.service].add(a.case.profession)
        if a.case.acting_municipality != problem.host:
            member_cases[a.case.service] += 1
    candidates = sorted(s for s in services if member_cases[s])
    benefits = []
    for done, service in enumerate(candidates):
        if progress:
            progress(service, done, len(candidates))
        shared_policy = replace(
            policy,
            cooperation_services=policy.cooperation_services | {service},
            time_limit=replan_seconds,
            deterministic=search,
        )
        shared_problem = build_problem(problem.dataset, shared_policy)
        split: list[Continuity] = []
        shared: list[Continuity] = []
        value = cost_saved = Fraction(0)
        proven = True
        for profession in sorted(services[service]):
            before = restricted_to(problem, profession)
            after_problem = restricted_to(shared_problem, profession)
            after = make_plan(after_problem, shared_policy)
            proven = proven and after.solve.status == SolveStatus.OPTIMAL
            split += _continuity(before, contact)
            shared += _continuity(after_problem, after.contacts())
            cost_before = plan_cost(before, policy, employer, contact)
            cost_after = after.cost
            for term in ("unstaffed", "contact_change"):
                value += cost_before.terms[term] - cost_after.terms[term]
            cost_saved += cost_before.total - cost_after.total
        split_totals, shared_totals = _merge(split), _merge(shared)
        benefits.append(
            CooperationBenefit(
                service=service,
                professions=tuple(sorted(services[service])),
                member_cases=member_cases[service],
                split=split_totals,
                shared=shared_totals,
                unstaffed_load_saved=sum((c.unstaffed_load for c in split_totals), Fraction(0))
                - sum((c.unstaffed_load for c in shared_totals), Fraction(0)),
                contact_changes_saved=sum(c.contact_changes for c in split_totals)
                - sum(c.contact_changes for c in shared_totals),
                value=value,
                cost_saved=cost_saved,
                proven=proven,
            )
        )
    if progress:
        progress("", len(candidates), len(candidates))
    return tuple(
        sorted(
            benefits,
            key=lambda b: (-b.value, -b.unstaffed_load_saved, -b.contact_changes_saved, b.service),
        )
    )


def _continuity(problem: Problem, contact: Mapping[str, str | None]) -> list[Continuity]:
    unstaffed: dict[int, Fraction] = defaultdict(Fraction)
    changes: dict[int, int] = defaultdict(int)
    for a in problem.assignments:
        m = a.case.acting_municipality
        person = contact.get(a.id)
        unstaffed[m] += Fraction(a.case.load) if person is None else Fraction(0)
        changes[m] += int(a.current_contact is not None and person != a.current_contact)
    return [Continuity(m, unstaffed[m], changes[m]) for m in sorted(set(unstaffed) | set(changes))]


def _merge(rows: list[Continuity]) -> tuple[Continuity, ...]:
    unstaffed: dict[int, Fraction] = defaultdict(Fraction)
    changes: dict[int, int] = defaultdict(int)
    for row in rows:
        unstaffed[row.municipality] += row.unstaffed_load
        changes[row.municipality] += row.contact_changes
    return tuple(Continuity(m, unstaffed[m], changes[m]) for m in sorted(unstaffed))
