"""The plan's figures tell a met wish, an acceptable municipality and a move against the wish
apart, and count the children by which change of contact person the plan gives them."""

from __future__ import annotations

from dataclasses import replace

from overgang.core.planning.metrics import (
    change_order,
    employee_figures,
    keep_upper_bound,
    plan_metrics,
)
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from tests.core.factories import (
    ISHOEJ,
    VALLENSBAEK,
    case,
    citizen,
    dataset,
    employee,
    interview,
)

ROEDOVRE = 175


def _with_acceptable(wish: int | None, *acceptable: int, employee_id: str = "A"):
    return replace(interview(employee_id, wish), acceptable_municipalities=acceptable)


def _staff_problem():
    """A wishes Ishøj and can accept Vallensbæk; B wishes Ishøj and accepts nothing else;
    C wishes Vallensbæk and can accept Ishøj, the host; D wishes Vallensbæk and accepts Rødovre."""
    data = dataset(
        employees=[employee("A"), employee("B"), employee("C"), employee("D")],
        interviews=[
            _with_acceptable(ISHOEJ, VALLENSBAEK),
            interview("B", ISHOEJ),
            _with_acceptable(VALLENSBAEK, ISHOEJ, employee_id="C"),
            _with_acceptable(VALLENSBAEK, ROEDOVRE, employee_id="D"),
        ],
        citizens=[],
        cases=[],
        codes=(ISHOEJ, VALLENSBAEK, ROEDOVRE),
    )
    return build_problem(data, Policy())


def _totals(rows: list[dict[str, object]]) -> dict[str, int]:
    keys = [k for k in rows[0] if k not in ("kommune", "faggruppe", "fte")]
    return {k: sum(int(r[k]) for r in rows) for k in keys}  # type: ignore[call-overload]


def test_a_move_to_an_acceptable_municipality_is_a_wish_not_met_but_not_against_it():
    problem = _staff_problem()
    # A and B both moved to Vallensbæk; C stays in Ishøj; D moves to Rødovre
    employer = {"A": VALLENSBAEK, "B": VALLENSBAEK, "C": ISHOEJ, "D": ROEDOVRE}
    totals = _totals(employee_figures(problem, employer, ()))
    assert totals["oenske_ikke_opfyldt"] == 4
    assert totals["acceptabel"] == 3  # A (Vallensbæk), C (Ishøj, the host), D (Rødovre)
    assert totals["imod_oenske"] == 1  # B
    assert totals["flyttet_mod_oenske"] == 1  # B only: A and D moved to one they accept
    assert totals["bliver_efter_oenske"] + totals["flyttet_efter_oenske"] == 0


def test_a_met_wish_is_neither_acceptable_nor_against_it():
    problem = _staff_problem()
    employer = {"A": ISHOEJ, "B": ISHOEJ, "C": VALLENSBAEK, "D": VALLENSBAEK}
    totals = _totals(employee_figures(problem, employer, ()))
    assert (totals["bliver_efter_oenske"], totals["flyttet_efter_oenske"]) == (2, 2)
    assert totals["acceptabel"] == totals["imod_oenske"] == totals["oenske_ikke_opfyldt"] == 0


def test_staying_with_the_host_against_a_wish_to_move_is_against_it_but_not_a_move():
    problem = _staff_problem()
    employer = {"A": ISHOEJ, "B": ISHOEJ, "C": VALLENSBAEK, "D": ISHOEJ}
    totals = _totals(employee_figures(problem, employer, ()))
    assert (totals["imod_oenske"], totals["flyttet_mod_oenske"]) == (1, 0)


def test_the_keep_bound_lets_voluntary_only_employees_go_where_they_can_accept():
    data = dataset(
        employees=[employee("A")],
        interviews=[_with_acceptable(ISHOEJ, VALLENSBAEK)],
        citizens=[citizen("b1", VALLENSBAEK), citizen("b2", VALLENSBAEK)],
        cases=[case("c1", "b1", VALLENSBAEK, "A"), case("c2", "b2", VALLENSBAEK, "A")],
    )
    voluntary = Policy(voluntary_only=True)
    bound = keep_upper_bound(build_problem(data, voluntary), voluntary)
    assert bound["hoejst_mulige_beholder"] == 2
    strict = replace(data, interviews=(interview("A", ISHOEJ),))
    assert (
        keep_upper_bound(build_problem(strict, voluntary), voluntary)["hoejst_mulige_beholder"] == 0
    )


def _history_problem():
    """Five children in Vallensbæk whose cases have had 0, 1, 2, 3 and 6 changes; b2 has a
    second case with none; b6 in Ishøj keeps their contact person despite 5 changes."""
    cases = [
        replace(case(f"c{i}", f"b{i}", VALLENSBAEK, "A"), earlier_changes=k)
        for i, k in ((1, 0), (2, 1), (3, 2), (4, 3), (5, 6))
    ]
    cases.append(case("c2b", "b2", VALLENSBAEK, "A", profession="PSY"))
    cases.append(replace(case("c6", "b6", ISHOEJ, "B"), earlier_changes=5))
    cases.append(case("c7", "b7", VALLENSBAEK, None))  # had none: no change
    data = dataset(
        employees=[employee("A"), employee("B"), employee("N")],
        interviews=[interview("A", ISHOEJ), interview("B", ISHOEJ)],
        citizens=[citizen(f"b{i}", VALLENSBAEK) for i in (1, 2, 3, 4, 5, 7)]
        + [citizen("b6", ISHOEJ)],
        cases=cases,
    )
    return build_problem(data, Policy())


def test_children_are_counted_by_which_change_of_contact_person_the_plan_gives_them():
    problem = _history_problem()
    contact = {a.id: "N" for a in problem.assignments}  # every case to N ...
    contact["c6"] = "B"  # ... but c6, which keeps B
    rows = {r["kommune"]: r for r in change_order(problem, contact)}
    assert set(rows) == {VALLENSBAEK}
    vallensbaek = rows[VALLENSBAEK]
    assert vallensbaek["boern"] == 5
    assert [vallensbaek[k] for k in ("skift_1", "skift_2", "skift_3", "skift_4_eller_flere")] == [
        1,  # b1
        1,  # b2: the case with one earlier change decides, not the one with none
        1,  # b3
        2,  # b4 (3 earlier changes) and b5 (6)
    ]
    assert vallensbaek["sager"] == 6
    assert [
        vallensbaek[k]
        for k in ("sager_skift_1", "sager_skift_2", "sager_skift_3", "sager_skift_4_eller_flere")
    ] == [2, 1, 1, 2]


def test_a_child_who_keeps_every_contact_person_is_not_counted_whatever_their_history():
    problem = _history_problem()
    contact = {a.id: a.current_contact for a in problem.assignments}
    assert change_order(problem, contact) == []


def test_a_case_left_unstaffed_counts_as_a_change():
    problem = _history_problem()
    contact = {a.id: a.current_contact for a in problem.assignments}
    contact["c5"] = None
    [row] = change_order(problem, contact)
    assert (row["kommune"], row["boern"], row["skift_4_eller_flere"]) == (VALLENSBAEK, 1, 1)


def test_a_plans_figures_carry_the_change_order_beside_the_children():
    problem = _history_problem()
    contact = {a.id: "N" for a in problem.assignments}
    employer = {s.id: ISHOEJ for s in problem.staff}
    metrics = plan_metrics(problem, Policy(), employer, contact, ())
    assert metrics["history"] == change_order(problem, contact)
    assert "acceptabel" in metrics["employees"][0]
