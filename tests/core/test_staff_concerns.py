"""The committees' figures in the core: competences counted by profession (never named), the
workload per FTE before and after the split, and the simulation's spread without names."""

from __future__ import annotations

from datetime import date

from overgang.core.attrition import simulate_attrition
from overgang.core.attrition.summary import COMMITTEE_FIGURES, summarise
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.robustness.counts import CompetenceCount, competence_counts
from overgang.core.workload import workload_per_fte
from tests.core.factories import ISHOEJ, VALLENSBAEK, dataset, employee


def test_competences_held_by_fewer_than_five_are_counted_per_profession_and_the_lost_too():
    staff = [
        employee("A", competences=("autisme",)),
        employee("B", competences=("autisme", "marte meo")),
        employee("C", profession="FYS", competences=("autisme",)),
        *(employee(f"D{i}", competences=("sprog",)) for i in range(5)),
    ]
    problem = build_problem(
        dataset(staff, [], [], [], professions=(("PSY", 10), ("FYS", 10))), Policy()
    )
    employer = {"A": ISHOEJ, "B": VALLENSBAEK, "C": ISHOEJ, **{f"D{i}": ISHOEJ for i in range(5)}}
    assert set(competence_counts(problem, employer)) == {
        # Ishøj: autisme held by A (PSY) and C (FYS); marte meo lost; sprog held by five: safe.
        CompetenceCount(ISHOEJ, "FYS", few=1, holders=1, lost=0),
        CompetenceCount(ISHOEJ, "PSY", few=1, holders=1, lost=1),
        # Vallensbæk: autisme and marte meo held by B alone; sprog lost (held by PSY today).
        CompetenceCount(VALLENSBAEK, "PSY", few=2, holders=1, lost=1),
    }


def test_workload_per_fte_is_shown_for_groups_of_five_or_more_only():
    capacity = [
        {"kommune": ISHOEJ, "faggruppe": "PSY", "fte": 6.0, "belastning": 60.0},
        {"kommune": VALLENSBAEK, "faggruppe": "PSY", "fte": 2.0, "belastning": 30.0},
        {"kommune": ISHOEJ, "faggruppe": "LED", "fte": 1.0, "belastning": 0.0},
    ]
    heads = {(ISHOEJ, "PSY"): 6, (VALLENSBAEK, "PSY"): 2, (ISHOEJ, "LED"): 1}
    (psy,) = workload_per_fte(capacity, heads)  # leaders carry no load: left out
    assert (psy.profession, psy.before, psy.employees_before) == ("PSY", 11.25, 8)
    assert psy.after == ((ISHOEJ, 10.0, 6), (VALLENSBAEK, None, 2))


def test_the_summary_keeps_the_percentiles_and_drops_who_was_drawn():
    staff = [employee(f"E{i}") for i in range(6)]
    data = dataset(staff, [], [], [])
    policy = Policy()
    employer = {e.id: ISHOEJ for e in staff}
    simulation = simulate_attrition(
        data,
        policy,
        employer,
        {},
        runs=20,
        seed=7,
        monthly_rate=0.1,
        against_wish_rate=0.1,
        start=date(2021, 7, 1),
    )
    summary = summarise(simulation)
    assert {s.figure for s in summary.spreads} == set(COMMITTEE_FIGURES)
    resignations = summary.spread("resignations")
    assert resignations.p10 <= resignations.median <= resignations.p90
    assert resignations.median == simulation.percentiles("resignations").median
    assert "E0" not in repr(summary)
