"""Robustness on a hand-made instance: every figure equals the one worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.robustness import assess_robustness
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, citizen, dataset, employee, interview
from tests.core.teams.instances import hand_plan, robustness_instance


def test_supply_demand_critical_mass_and_hires_per_municipality_and_profession():
    problem, plan = robustness_instance()
    robustness = assess_robustness(problem, plan, critical_fte=1, rank_services=False)
    rows = {
        (s.municipality, s.profession): (
            s.supply_fte,
            s.demand_load,
            s.demand_fte,
            s.capacity,
            s.unstaffed_load,
            s.overload,
            s.hires_for_load_fte,
            s.below_critical_mass,
            s.hires_fte,
        )
        for s in robustness.supply
    }
    assert rows == {
        # the staffing need of one leader is met; leaders are not checked for critical mass
        (ISHOEJ, "LED"): (1, 0, 1, 0, 0, 0, 0, False, 0),
        # P1 + P2 = 1.5 FTE, capacity 15; load 20 = 2 FTE; 3 unstaffed, P1 2 above capacity:
        # (3 + 2) / 10 = 0.5 FTE to hire
        (ISHOEJ, "PSY"): (Fraction(3, 2), 20, 2, 15, 3, 2, Fraction(1, 2), False, Fraction(1, 2)),
        (ISHOEJ, "TAL"): (1, 10, Fraction(1, 2), 20, 0, 0, 0, False, 0),
        (VALLENSBAEK, "PSY"): (1, 6, Fraction(3, 5), 10, 0, 0, 0, False, 0),
        # T2's 30 hours are 30/37 FTE, below the critical mass of 1: 7/37 FTE to hire
        (VALLENSBAEK, "TAL"): (
            Fraction(30, 37),
            4,
            Fraction(1, 5),
            Fraction(600, 37),
            0,
            0,
            0,
            True,
            Fraction(7, 37),
        ),
    }
    assert robustness.hires_fte(ISHOEJ) == Fraction(1, 2)
    assert robustness.hires_fte() == Fraction(1, 2) + Fraction(7, 37)


def test_competences_with_one_or_two_holders_and_competences_lost_in_the_split():
    problem, plan = robustness_instance()
    robustness = assess_robustness(problem, plan, rank_services=False)
    scarce = {(c.municipality, c.competence): c.holders for c in robustness.scarce_competences}
    assert scarce == {
        (ISHOEJ, "autisme"): ("P1", "P2"),
        (ISHOEJ, "ledelse"): ("L1",),
        (ISHOEJ, "stammen"): ("T1",),
        (ISHOEJ, "tegnsprog"): ("P1",),
        (VALLENSBAEK, "ADHD"): ("P3",),
        (VALLENSBAEK, "autisme"): ("P3",),
        (VALLENSBAEK, "stammen"): ("T2",),
        (VALLENSBAEK, "tegnsprog"): ("T2",),
    }
    lost = [
        (c.municipality, c.competence, c.holders_in_centre) for c in robustness.lost_competences
    ]
    assert lost == [(ISHOEJ, "ADHD", 1), (VALLENSBAEK, "ledelse", 1)]
    assert len(robustness.single_points_of_failure()) == 7


def test_warnings_name_each_finding_per_municipality_in_order():
    problem, plan = robustness_instance()
    robustness = assess_robustness(problem, plan, critical_fte=1, rank_services=False)
    assert [(w.municipality, w.code, w.subject) for w in robustness.warnings] == [
        (ISHOEJ, "hires_needed", "PSY"),
        (ISHOEJ, "single_holder", "ledelse"),
        (ISHOEJ, "single_holder", "stammen"),
        (ISHOEJ, "single_holder", "tegnsprog"),
        (ISHOEJ, "few_holders", "autisme"),
        (ISHOEJ, "competence_lost", "ADHD"),
        (VALLENSBAEK, "below_critical_mass", "TAL"),
        (VALLENSBAEK, "hires_needed", "TAL"),
        (VALLENSBAEK, "single_holder", "ADHD"),
        (VALLENSBAEK, "single_holder", "autisme"),
        (VALLENSBAEK, "single_holder", "stammen"),
        (VALLENSBAEK, "single_holder", "tegnsprog"),
        (VALLENSBAEK, "competence_lost", "ledelse"),
    ]
    below = robustness.warnings[6]
    assert dict(below.params) == {"fte": 0.811, "critical_fte": 1.0}


def test_a_higher_critical_mass_flags_more_professions_and_calls_for_more_hires():
    problem, plan = robustness_instance()
    robustness = assess_robustness(problem, plan, critical_fte=2, rank_services=False)
    below = {(s.municipality, s.profession): s.hires_fte for s in robustness.below_critical_mass()}
    assert below == {
        (ISHOEJ, "PSY"): Fraction(1, 2),
        (ISHOEJ, "TAL"): 1,
        (VALLENSBAEK, "PSY"): 1,
        (VALLENSBAEK, "TAL"): 2 - Fraction(30, 37),
    }


def _cooperation_instance():
    """A (wishes Ishøj) and B (wishes Vallensbæk), PSY norm 10.

    x1 (service X, Vallensbæk) is A's; y1 (service Y, Vallensbæk) is B's; h1 and z1
    (services Y and Z, Ishøj) are A's. Split, x1 must go to B in Vallensbæk: one
    contact change (10). Kept shared, X stays with A in Ishøj: no change, 10 saved.
    Kept shared, Y's Vallensbæk case must leave B for A: y1 changes and x1 still
    does, 10 lost. Z has no case in Vallensbæk and is not ranked.
    """
    data = dataset(
        employees=[employee("A"), employee("B")],
        interviews=[interview("A", ISHOEJ), interview("B", VALLENSBAEK)],
        citizens=[citizen(c, m) for c, m in (("bx", 187), ("by", 187), ("bh", 183), ("bz", 183))],
        cases=[
            case("x1", "bx", VALLENSBAEK, "A", load=4, service="X"),
            case("y1", "by", VALLENSBAEK, "B", load=4, service="Y"),
            case("h1", "bh", ISHOEJ, "A", load=4, service="Y"),
            case("z1", "bz", ISHOEJ, "A", load=1, service="Z"),
        ],
    )
    policy = Policy()
    problem = build_problem(data, policy)
    employer = {"A": ISHOEJ, "B": VALLENSBAEK}
    contact = {"x1": "B", "y1": "B", "h1": "A", "z1": "A"}
    return problem, hand_plan(problem, employer, contact, policy)


def test_services_are_ranked_by_the_coverage_and_continuity_a_cooperation_saves():
    problem, plan = _cooperation_instance()
    robustness = assess_robustness(problem, plan, replan_seconds=1)
    ranked = [
        (b.service, b.contact_changes_saved, b.unstaffed_load_saved, b.value, b.proven)
        for b in robustness.cooperation
    ]
    assert ranked == [("X", 1, 0, 10, True), ("Y", -1, 0, -10, True)]
    x = robustness.cooperation[0]
    assert [(c.municipality, c.contact_changes) for c in x.split] == [(183, 0), (187, 1)]
    assert [(c.municipality, c.contact_changes) for c in x.shared] == [(183, 0), (187, 0)]
    assert x.member_cases == 1


def test_a_service_kept_in_cooperation_already_is_not_ranked_again():
    problem, plan = _cooperation_instance()
    shared_x = replace(plan, policy=replace(plan.policy, cooperation_services=frozenset({"X"})))
    robustness = assess_robustness(problem, shared_x, replan_seconds=1)
    assert [b.service for b in robustness.cooperation] == ["Y"]
