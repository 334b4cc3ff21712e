"""Joint family plans: which families get one, and who coordinates it, by the documented rule."""

from __future__ import annotations

from overgang.core.family_plans import CoordinatorRule, joint_family_plans
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.teams import form_teams
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, dataset, employee
from tests.core.teams.instances import citizen, hand_plan, with_places

ROWS = [
    # family f1: a family counsellor with less load than the psychologist still coordinates
    ("f1", "D1", "FAM", "F1", 1),
    ("f1", "D1", "PSY", "P1", 3),
    # f2: no family counsellor: the contact person with the most load coordinates
    ("f2", "D2", "PSY", "P1", 1),
    ("f2", "D2", "FYS", "Y1", 2),
    # f3: the family's FAM case is unstaffed, so the largest load rule applies
    ("f3", "D1", "FAM", None, 5),
    ("f3", "D1", "PSY", "P1", 1),
    # f4: two family counsellors: the one with more of the family's FAM load
    ("f4", "D2", "FAM", "F1", 1),
    ("f4", "D2", "FAM", "F2", 2),
    ("f4", "D2", "PSY", "P1", 3),
    # f5: two children, one profession: no joint plan
    ("f5", "D1", "PSY", "P1", 1),
    ("f5", "D1", "PSY", "P1", 1),
    # f6: nobody staffs any case: the plan lacks a coordinator
    ("f6", "D3", "FAM", None, 1),
    ("f6", "D3", "PSY", None, 1),
]


def _problem_and_plan():
    citizens, cases = [], []
    for i, (family, district, profession, contact, load) in enumerate(ROWS):
        where = VALLENSBAEK if district == "D3" else ISHOEJ
        citizens.append(citizen(f"b{i}", where, district, family))
        cases.append(case(f"c{i}", f"b{i}", where, contact, load, profession=profession))
    staff = [employee("P1"), employee("Y1", "FYS"), employee("F1", "FAM"), employee("F2", "FAM")]
    data = with_places(dataset(staff, [], citizens, cases), (("PSY", 30), ("FAM", 30), ("FYS", 30)))
    policy = Policy()
    problem = build_problem(data, policy)
    employer = {s.id: ISHOEJ for s in problem.staff}
    contact = {a.id: a.current_contact for a in problem.assignments}
    return problem, hand_plan(problem, employer, contact, policy)


def test_the_family_counsellor_coordinates_otherwise_the_contact_person_with_most_load():
    problem, plan = _problem_and_plan()
    plans = {p.family_id: p for p in joint_family_plans(problem, plan, form_teams(problem, plan))}
    assert {f: (p.coordinator, p.coordinator_rule) for f, p in plans.items()} == {
        "f1": ("F1", CoordinatorRule.FAMILY_COUNSELLOR),
        "f2": ("Y1", CoordinatorRule.LARGEST_LOAD),
        "f3": ("P1", CoordinatorRule.LARGEST_LOAD),
        "f4": ("F2", CoordinatorRule.FAMILY_COUNSELLOR),
        "f6": (None, CoordinatorRule.NONE),
    }


def test_a_family_plan_names_its_professions_contact_persons_and_team():
    problem, plan = _problem_and_plan()
    teams = form_teams(problem, plan, min_team_fte=0)
    plans = {p.family_id: p for p in joint_family_plans(problem, plan, teams)}
    f4 = plans["f4"]
    assert f4.professions == ("FAM", "PSY")
    assert f4.contact_persons == ("F1", "F2", "P1")
    assert [(c.profession, c.employee_id, c.cases) for c in f4.contacts] == [
        ("FAM", "F1", 1),
        ("FAM", "F2", 1),
        ("PSY", "P1", 1),
    ]
    assert f4.team_id == teams.team_of_district()["D2"] == "183-2"
    assert (plans["f3"].cases, plans["f3"].unstaffed_cases) == (2, 1)
    assert (plans["f6"].municipality, plans["f6"].team_id) == (VALLENSBAEK, "187-1")
