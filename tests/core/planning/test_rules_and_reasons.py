"""Hard rules, voluntary-only, reasons and metrics on hand-made instances."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.explain import CaseReason, EmployeeReason
from overgang.core.planning.policy import Policy, Weights
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from tests.core.factories import (
    ISHOEJ,
    VALLENSBAEK,
    case,
    citizen,
    dataset,
    employee,
    interview,
    worked_example,
)
from tests.core.planning.strategies import small_instances


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(max_employees=4, max_cases=6), st.booleans())
def test_every_plan_keeps_every_hard_rule_and_its_cost_recomputes(data, voluntary_only):
    policy = Policy(voluntary_only=voluntary_only)
    problem = build_problem(data, policy)
    result = plan(problem, policy)
    assert hard_rule_violations(problem, policy, result.employer(), result.contacts()) == []
    assert plan_cost(problem, policy, result.employer(), result.contacts()) == result.cost
    assert result.solve.objective == result.cost.total
    assert result.solve.bound <= result.solve.objective
    assert {d.employee_id for d in result.employees} == {s.id for s in problem.staff}
    assert {d.case_id for d in result.cases} == {a.id for a in problem.assignments}
    assert all(d.reason.code for d in (*result.employees, *result.cases))


def _shortage_in_vallensbaek():
    """Vallensbæk has heavy cases and nobody who wishes to go there."""
    return dataset(
        employees=[employee("A"), employee("B"), employee("C", hours=18.5)],
        interviews=[interview("A", ISHOEJ), interview("B", ISHOEJ)],
        citizens=[citizen("v1", VALLENSBAEK), citizen("v2", VALLENSBAEK), citizen("i1", ISHOEJ)],
        cases=[
            case("s1", "v1", VALLENSBAEK, "A", load=5),
            case("s2", "v2", VALLENSBAEK, "A", load=4),
            case("s3", "i1", ISHOEJ, "B", load=3),
        ],
    )


def test_a_municipality_without_willing_staff_gets_someone_moved_against_their_wish():
    policy = Policy()
    result = plan(build_problem(_shortage_in_vallensbaek(), policy), policy)
    moved = [d for d in result.employees if d.municipality == VALLENSBAEK]
    assert len(moved) == 1
    assert moved[0].reason.code == EmployeeReason.AGAINST_WISH
    # Moving A keeps both Vallensbæk children's contact person: 200 + 0 beats C (200 + 20).
    assert moved[0].employee_id == "A"
    assert result.cost.terms["wish_not_met"] == 100
    assert result.cost.terms["moved_from_host_against_wish"] == 100


def test_voluntary_only_never_moves_an_employee_against_a_stated_wish():
    policy = Policy(voluntary_only=True)
    result = plan(build_problem(_shortage_in_vallensbaek(), policy), policy)
    assert all(d.municipality == ISHOEJ for d in result.employees)
    unstaffed = {d.case_id for d in result.cases if d.contact_person is None}
    assert unstaffed == {"s1", "s2"}
    assert all(
        d.reason.code == CaseReason.UNSTAFFED for d in result.cases if d.case_id in unstaffed
    )
    assert result.cost.terms["unstaffed"] == 9 * 1000


def test_worked_example_reasons_name_the_wish_and_the_former_contact():
    policy = Policy()
    result = plan(build_problem(worked_example(), policy), policy)
    employees = {d.employee_id: d.reason for d in result.employees}
    assert employees["A"].code == EmployeeReason.STAYS_BY_WISH
    assert employees["B"].code == EmployeeReason.MOVES_BY_WISH
    assert employees["C"].code == EmployeeReason.NOT_INTERVIEWED
    cases = {d.case_id: d.reason for d in result.cases}
    assert cases["c1"].code == CaseReason.FORMER_ELSEWHERE
    assert cases["c1"].get("former_municipality") == ISHOEJ
    assert cases["c3"].code == CaseReason.FORMER_ELSEWHERE
    assert cases["c3"].get("former_municipality") == VALLENSBAEK
    assert cases["c2"].code == CaseReason.KEEPS_CONTACT
    assert cases["c4"].code == CaseReason.KEEPS_CONTACT


def test_worked_example_metrics_equal_figures_counted_by_hand():
    policy = Policy()
    result = plan(build_problem(worked_example(), policy), policy)
    continuity = {(r["kommune"], r["faggruppe"]): r for r in result.metrics["continuity"]}
    assert continuity[VALLENSBAEK, "PSY"]["beholder"] == 1  # c2 stays with B
    assert continuity[VALLENSBAEK, "PSY"]["skifter"] == 1  # c1 leaves A
    assert continuity[ISHOEJ, "PSY"]["beholder"] == 1  # c4 stays with C
    assert continuity[ISHOEJ, "PSY"]["skifter"] == 1  # c3 leaves B
    # A can keep c1 (Vallensbæk) or nothing in Ishøj; B can keep c3 or c2; C keeps c4: 3 at most.
    assert result.metrics["keep_upper_bound"] == {
        "sager_med_kontaktperson": 4,
        "hoejst_mulige_beholder": 3,
    }
    staff = {(r["kommune"], r["faggruppe"]): r for r in result.metrics["employees"]}
    assert (
        staff[ISHOEJ, "PSY"]["bliver_efter_oenske"] == 2
    )  # A by wish, C counted as wishing to stay
    assert staff[ISHOEJ, "PSY"]["ikke_interviewet"] == 1
    assert staff[VALLENSBAEK, "PSY"]["flyttet_efter_oenske"] == 1
    capacity = {(r["kommune"], r["faggruppe"]): r for r in result.metrics["capacity"]}
    assert capacity[VALLENSBAEK, "PSY"]["belastning"] == 9
    assert capacity[VALLENSBAEK, "PSY"]["kapacitet"] == 10
    assert capacity[ISHOEJ, "PSY"]["belastning"] == 10
    assert capacity[ISHOEJ, "PSY"]["kapacitet"] == 15
    assert capacity[ISHOEJ, "PSY"]["nyansaettelser_fte"] == 0
    # B carries 6 (Ishøj) + 5 (Vallensbæk) today: primarily attached to neither... 6/11 to Ishøj.
    attachment = {r["medarbejder_id"]: r for r in result.metrics["attachment"]}
    assert attachment["B"]["primaert_tilknyttet"] == ISHOEJ
    assert attachment["A"]["primaert_tilknyttet"] == VALLENSBAEK
    children = {r["kommune"]: r for r in result.metrics["children"]}
    assert children[VALLENSBAEK] == {
        "kommune": VALLENSBAEK,
        "i_alt": 2,
        "beholder": 1,
        "skifter": 1,
    }
    families = {r["kommune"]: r for r in result.metrics["families"]}
    assert families[VALLENSBAEK]["i_alt"] == 1 and families[VALLENSBAEK]["skifter"] == 1


def test_changed_weights_change_the_decision():
    # If moving someone against their wish were cheap, keeping c1 with A would win.
    weights = Weights(wish_not_met=1, moved_from_host_against_wish=1)
    policy = Policy(weights=weights)
    result = plan(build_problem(worked_example(), policy), policy)
    assert result.employer()["A"] == VALLENSBAEK
    assert result.solve.status == "optimal"
    # A moves with c1 (1 + 1), B stays to keep c3 (wish not met: 1), c2 joins its sibling at A (10).
    assert result.employer() == {"A": VALLENSBAEK, "B": ISHOEJ, "C": ISHOEJ}
    assert result.contacts() == {"c1": "A", "c2": "A", "c3": "B", "c4": "C"}
    assert result.cost.total == Fraction(1 + 1 + 1 + 10)


def test_cooperation_service_keeps_the_host_contact_across_municipal_lines():
    data = dataset(
        employees=[employee("A", profession="FYS")],
        interviews=[interview("A", ISHOEJ)],
        citizens=[citizen("v1", VALLENSBAEK)],
        cases=[case("s1", "v1", VALLENSBAEK, "A", profession="FYS", service="Fysioterapi")],
        professions=(("FYS", 10),),
    )
    split = Policy()
    kept = Policy(cooperation_services=frozenset({"Fysioterapi"}))
    # Split: A must move to Vallensbæk against her wish to keep the child (200 < 1000 unstaffed).
    assert plan(build_problem(data, split), split).employer() == {"A": VALLENSBAEK}
    result = plan(build_problem(data, kept), kept)
    assert result.employer() == {"A": ISHOEJ}
    assert result.contacts() == {"s1": "A"}
    assert result.cost.total == 0
    assert result.cases[0].reason.get("cooperation") == 1
