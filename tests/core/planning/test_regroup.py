"""Handed-on siblings end up with one colleague where loads allow it, at no other cost."""

from collections import Counter
from datetime import date
from fractions import Fraction

from overgang.core.planning.cost import plan_cost
from overgang.core.planning.model import build_profession_model
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.regroup import regroup_families
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
