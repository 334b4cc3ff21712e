"""Handed-on siblings end up with one colleague where loads allow it, at no other cost."""

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.model import build_profession_model
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.regroup import consolidate_families, regroup_families
from tests.core.factories import ISHOEJ, case, citizen, dataset, employee, interview


def _siblings_and_strangers(sibling_loads=(2, 3), stranger_loads=(2, 3)):
    """Two siblings and two single children, all of Ishøj; their contact person P left."""
    employees = [
        employee("A", hours=37),
        employee("B", hours=37),
        employee("P", hours=37, resigned_on=date(2021, 6, 1)),
    ]
    citizens = [
        citizen("k1", ISHOEJ, family="F1"),
        citizen("k2", ISHOEJ, family="F1"),
        citizen("k3", ISHOEJ),
        citizen("k4", ISHOEJ),
    ]
    cases = [
        case("s1", "k1", ISHOEJ, "P", load=sibling_loads[0]),
        case("s2", "k2", ISHOEJ, "P", load=sibling_loads[1]),
        case("s3", "k3", ISHOEJ, "P", load=stranger_loads[0]),
        case("s4", "k4", ISHOEJ, "P", load=stranger_loads[1]),
    ]
    interviews = [interview("A", ISHOEJ), interview("B", ISHOEJ)]
    return dataset(employees, interviews, citizens, cases)


def test_a_swap_of_equal_loads_puts_siblings_with_one_colleague():
    policy = Policy()
    problem = build_problem(_siblings_and_strangers(), policy)
    employer = {"A": ISHOEJ, "B": ISHOEJ}
    # Each colleague has one sibling and one stranger, of loads 2 and 3: the family is split.
    contact: dict[str, str | None] = {"s1": "A", "s4": "A", "s2": "B", "s3": "B"}
    before = plan_cost(problem, policy, employer, dict(contact))
    assert before.terms["family_split"] == Fraction(5)

    regroup_families(list(problem.assignments), contact)

    after = plan_cost(problem, policy, employer, contact)
    assert contact["s1"] == contact["s2"]
    assert after.terms["family_split"] == 0
    assert after.total == before.total - 5
    load = Counter()
    for a in problem.assignments:
        load[contact[a.id]] += a.case.load
    assert load == {"A": 5, "B": 5}  # nobody's load changed


def test_a_swap_that_would_split_another_family_is_not_made():
    policy = Policy()
    data = _siblings_and_strangers()
    # Now s3 and s4 are siblings too: any swap splits one family to join the other.
    data = data.__class__(
        **{
            **data.__dict__,
            "citizens": tuple(
                c.__class__(**{**c.__dict__, "family_id": "F2"}) if c.id in ("k3", "k4") else c
                for c in data.citizens
            ),
        }
    )
    problem = build_problem(data, policy)
    contact: dict[str, str | None] = {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}
    regroup_families(list(problem.assignments), contact)
    assert contact == {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}


def test_the_first_plan_hands_a_family_on_together():
    # One by one, largest first and to the least loaded, the strangers (3 each) would go
    # to A and B, and the siblings (1 each) one to each of them.
    policy = Policy()
    problem = build_problem(_siblings_and_strangers((1, 1), (3, 3)), policy)
    staff = list(problem.staff)
    pm = build_profession_model(
        problem, policy, "PSY", staff, list(problem.assignments), relaxed=True
    )
    _, contact = pm.first_plan
    assert contact["s1"] == contact["s2"] is not None


def _consolidated(contact, hours=None, sibling_loads=(2, 3), stranger_loads=(2, 3)):
    """Consolidate a plan of _siblings_and_strangers in place, everyone in Ishøj, with
    `hours` per employee where given; return its cost before and after."""
    policy = Policy()
    data = _siblings_and_strangers(sibling_loads=sibling_loads, stranger_loads=stranger_loads)
    hours = hours or {}
    data = replace(
        data,
        employees=tuple(
            replace(e, hours=Decimal(hours[e.id])) if e.id in hours else e for e in data.employees
        ),
    )
    problem = build_problem(data, policy)
    employer = {"A": ISHOEJ, "B": ISHOEJ}
    pm = build_profession_model(
        problem, policy, "PSY", list(problem.staff), list(problem.assignments), place=employer
    )
    before = plan_cost(problem, policy, employer, dict(contact))
    consolidate_families(
        list(problem.assignments), contact, pm.capacity, pm.limit, pm.weights, pm.keep_value
    )
    assert not hard_rule_violations(problem, policy, employer, contact)
    return before, plan_cost(problem, policy, employer, contact)


def test_a_sibling_moves_to_the_colleague_who_holds_the_other_where_it_fits():
    # A (capacity 10) holds s1 (2) and s3 (2); B holds s2 (3) and s4 (3): moving s2 to A
    # (load 7) leaves the family one contact person, at no overload.
    contact: dict[str, str | None] = {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}
    before, after = _consolidated(contact)
    assert contact["s1"] == contact["s2"]
    assert before.terms["family_split"] == 5 and after.terms["family_split"] == 0
    assert after.total == before.total - 5


def test_where_the_hard_limit_forbids_one_move_the_sibling_goes_the_other_way():
    # A works 18.5 h (capacity 5, limit 6) and carries s1 and s3 (4): taking s2 (3)
    # would break the hard limit. B (capacity 10) carries s2 and s4 (6): taking s1 (2)
    # makes 8, no overload, so the family goes to B instead.
    contact: dict[str, str | None] = {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}
    before, after = _consolidated(contact, hours={"A": "18.5"})
    assert contact["s1"] == contact["s2"] == "B"
    assert after.total == before.total - 5


PART_TIME = {"A": "18.5", "B": "18.5"}


def test_no_move_when_the_overload_it_adds_exceeds_the_split():
    # Both work 18.5 h (capacity 5, limit 6). A holds s1 (1) and s3 (3), B holds s2 (2)
    # and s4 (3). s2 to A makes A's load 6: overload 1 x 20 = 20 against the split's 5;
    # s1 to B makes B's load 6, the same: nothing moves.
    contact: dict[str, str | None] = {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}
    before, after = _consolidated(contact, PART_TIME, (1, 2), (3, 3))
    assert after.total <= before.total
    assert contact == {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}


def test_a_move_that_takes_overload_off_the_giver_is_made():
    # As above, but s4 has load 4: B carries 6, one above capacity. s2 to A moves that
    # overload to A (20 both ways) and saves the split: made.
    contact: dict[str, str | None] = {"s1": "A", "s3": "A", "s2": "B", "s4": "B"}
    before, after = _consolidated(contact, PART_TIME, (1, 2), (3, 4))
    assert after.total <= before.total
    assert contact == {"s1": "A", "s3": "A", "s2": "A", "s4": "B"}
