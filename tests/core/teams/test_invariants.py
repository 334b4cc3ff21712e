"""What holds for the teams and family plans of any plan: checked on planned demo data sets."""

from __future__ import annotations

from collections import Counter

import pytest

from overgang.core.family_plans import FAMILY_COUNSELLOR, joint_family_plans
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan as make_plan
from overgang.core.teams import form_teams
from overgang.demo import generate


@pytest.fixture(scope="module", params=[(0.1, 2), (0.2, 3)], ids=["two", "three"])
def planned(request):
    scale, municipalities = request.param
    data = generate(scale=scale, municipalities=municipalities)
    policy = Policy(time_limit=2)
    problem = build_problem(data, policy)
    return problem, make_plan(problem, policy)


@pytest.mark.parametrize("min_team_fte", [0, 2, 8])
def test_every_district_institution_and_caseworker_has_exactly_one_team(planned, min_team_fte):
    problem, plan = planned
    teams = form_teams(problem, plan, min_team_fte=min_team_fte)
    data = problem.dataset
    districts = Counter(d for t in teams.teams for d in t.districts)
    assert districts == Counter(d.id for d in data.districts)
    institutions = Counter(i for t in teams.teams for i in t.institutions)
    assert institutions == Counter(i.id for i in data.institutions)
    municipality = {d.id: d.municipality for d in data.districts}
    assert all(municipality[d] == t.municipality for t in teams.teams for d in t.districts)

    norms = {p.code: p.norm for p in data.professions}
    employer = plan.employer()
    members = Counter(m.employee_id for t in teams.teams for m in t.members)
    shared = {s.employee_id for s in teams.shared_staff}
    for s in problem.staff:
        assert members[s.id] + (s.id in shared) == 1
        if not s.employee.is_leader and norms[s.employee.profession] > 0:
            assert members[s.id] == 1
            team = teams.team_of_employee()[s.id]
            assert team.startswith(f"{employer[s.id]}-")


@pytest.mark.parametrize("min_team_fte", [0, 8])
def test_no_team_lacks_a_profession_or_leader_the_municipality_could_spare(planned, min_team_fte):
    problem, plan = planned
    teams = form_teams(problem, plan, min_team_fte=min_team_fte)
    employer = plan.employer()
    norms = {p.code: p.norm for p in problem.dataset.professions}
    for m in problem.municipalities:
        in_m = teams.in_municipality(m)
        staff = [s for s in problem.staff if employer[s.id] == m]
        caseworkers = Counter(
            s.employee.profession
            for s in staff
            if not s.employee.is_leader and norms[s.employee.profession] > 0
        )
        for team in in_m:
            for profession in team.missing_professions:
                needing = [
                    t
                    for t in in_m
                    if any(b.profession == profession and b.demand_load > 0 for b in t.balance)
                ]
                assert caseworkers[profession] < len(needing), (team.id, profession)
        leaders = sum(1 for s in staff if s.employee.is_leader)
        assert sum(1 for t in in_m if t.leader) == min(leaders, len(in_m))


def test_every_family_with_two_professions_has_one_plan_coordinated_by_the_rule(planned):
    problem, plan = planned
    plans = joint_family_plans(problem, plan, form_teams(problem, plan))
    professions: dict[str, set[str]] = {}
    for a in problem.assignments:
        professions.setdefault(a.family_id, set()).add(a.case.profession)
    expected = {f for f, p in professions.items() if len(p) >= 2}
    assert Counter(p.family_id for p in plans) == Counter(expected)
    contact = plan.contacts()
    for p in plans:
        counsellors = {
            contact[a.id]
            for a in problem.assignments
            if a.family_id == p.family_id
            and a.case.profession == FAMILY_COUNSELLOR
            and contact[a.id]
        }
        if counsellors:
            assert p.coordinator in counsellors
        elif p.coordinator is not None:
            assert p.coordinator in p.contact_persons
