"""District teams on hand-made instances whose best answer is worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from overgang.core.teams import form_teams
from overgang.core.teams.areas import group_districts
from tests.core.teams.instances import hand_plan, two_districts


def test_each_psychologist_joins_the_team_that_keeps_the_most_load_home_within_sizing():
    # D1 needs 28 of PSY load, D2 20: of the 40 capacity D1's share is 23.3 and D2's 16.7,
    # each within half a psychologist (5). {P1, P2} and {P3, P4} both lie in their bands
    # and leave 1 + 7 + 2 = 10 load outside its team; any other split leaves a band or more load.
    problem, plan = two_districts()
    teams = {t.id: t for t in form_teams(problem, plan, min_team_fte=2).teams}
    members = {
        team_id: {m.employee_id for m in t.members if m.profession == "PSY"}
        for team_id, t in teams.items()
    }
    assert members == {"183-1": {"P1", "P2"}, "183-2": {"P3", "P4"}, "187-1": {"P5"}}


def test_a_team_whose_districts_need_a_profession_gets_one_of_it_while_there_are_enough():
    # Two family counsellors for two teams that both need one: F2, who has cases in D2,
    # goes there, though sizing alone would keep both where most of their load is (D1).
    problem, plan = two_districts()
    teams = {t.id: t for t in form_teams(problem, plan, min_team_fte=2).teams}
    fam = {
        tid: [m.employee_id for m in t.members if m.profession == "FAM"] for tid, t in teams.items()
    }
    assert fam == {"183-1": ["F1"], "183-2": ["F2"], "187-1": []}
    assert all(not t.missing_professions for t in teams.values())


def test_each_leader_leads_the_team_most_of_whose_members_come_from_their_unit():
    problem, plan = two_districts()
    result = form_teams(problem, plan, min_team_fte=2)
    leaders = {t.id: t.leader for t in result.teams}
    assert leaders == {"183-1": "L2", "183-2": "L1", "187-1": None}
    assert [t.id for t in result.lacking_leader()] == ["187-1"]
    assert result.teams[0].members[0].employee_id == "L2" and result.teams[0].members[0].is_leader


def test_staff_without_cases_are_shared_by_the_municipality_and_not_in_a_team():
    problem, plan = two_districts()
    result = form_teams(problem, plan, min_team_fte=2)
    assert [(s.employee_id, s.municipality, s.reason) for s in result.shared_staff] == [
        ("A1", 187, "no_cases")
    ]
    assert "A1" not in result.team_of_employee()


def test_every_district_and_institution_belongs_to_exactly_one_team():
    problem, plan = two_districts()
    for min_fte in (0, 2, 8, 100):
        result = form_teams(problem, plan, min_team_fte=min_fte)
        districts = [d for t in result.teams for d in t.districts]
        institutions = [i for t in result.teams for i in t.institutions]
        assert sorted(districts) == ["D1", "D2", "D3"]
        assert sorted(institutions) == ["B1", "B3", "S1", "S2", "S3"]
        assert result.team_of_institution()["S2"] == result.team_of_district()["D2"]


def test_small_districts_share_a_team_and_one_leader_is_left_over():
    # D1 needs 4.1 FTE (PSY 28/10, FAM 13/10), D2 2.2: each below 8, so they share one team.
    problem, plan = two_districts()
    result = form_teams(problem, plan)
    ishoej = result.in_municipality(183)
    assert [t.districts for t in ishoej] == [("D1", "D2")]
    assert ishoej[0].name == "Nord / Syd"
    assert ishoej[0].leader in ("L1", "L2")
    spare = [s.employee_id for s in result.shared_staff if s.reason == "spare_leader"]
    assert spare == sorted({"L1", "L2"} - {ishoej[0].leader})


def test_team_figures_give_demand_supply_and_each_members_share_inside():
    problem, plan = two_districts()
    team = {t.id: t for t in form_teams(problem, plan, min_team_fte=2).teams}["183-2"]
    psy = next(b for b in team.balance if b.profession == "PSY")
    assert (psy.demand_load, psy.demand_fte, psy.supply_fte, psy.members) == (20, 2, 2, 2)
    fam = next(b for b in team.balance if b.profession == "FAM")
    assert (fam.demand_load, fam.demand_fte, fam.supply_fte) == (2, Fraction(1, 5), 1)
    shares = {m.employee_id: m.share_inside for m in team.members}
    assert shares == {"L1": None, "F2": Fraction(1, 2), "P3": Fraction(1, 2), "P4": Fraction(1, 2)}
    p4 = next(m for m in team.members if m.employee_id == "P4")
    assert (p4.cases, p4.cases_inside, p4.load, p4.load_inside) == (2, 1, 10, 8)


def test_a_team_lacks_a_profession_only_when_the_municipality_has_too_few_of_it():
    # One family counsellor for two teams that both need one: one team must do without.
    problem, plan = two_districts()
    without_f1 = replace(problem, staff=tuple(s for s in problem.staff if s.id != "F1"))
    contact = {
        a.id: (None if a.current_contact == "F1" else a.current_contact)
        for a in problem.assignments
    }
    one_fam = hand_plan(
        without_f1,
        {d.employee_id: d.municipality for d in plan.employees if d.employee_id != "F1"},
        contact,
        plan.policy,
    )
    teams = form_teams(without_f1, one_fam, min_team_fte=2).in_municipality(183)
    assert sorted(t.missing_professions for t in teams) == [(), ("FAM",)]


def test_the_smallest_area_joins_the_one_it_shares_the_most_work_with():
    fte = {"A": Fraction(5), "B": Fraction(2), "C": Fraction(6)}
    load = {"e1": {"B": Fraction(3), "C": Fraction(3)}, "e2": {"A": Fraction(1), "B": Fraction(1)}}
    assert group_districts(["A", "B", "C"], fte, load, Fraction(4)) == [("A",), ("B", "C")]
    assert group_districts(["A", "B", "C"], fte, load, Fraction(7)) == [("A", "B", "C")]
    assert group_districts(["A", "B", "C"], fte, load, Fraction(1)) == [("A",), ("B",), ("C",)]
