from fractions import Fraction

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from tests.core.factories import ISHOEJ, VALLENSBAEK, worked_example


def test_worked_example_grants_every_wish_at_cost_50():
    problem = build_problem(worked_example(), Policy())
    result = plan(problem, Policy())
    assert result.employer() == {"A": ISHOEJ, "B": VALLENSBAEK, "C": ISHOEJ}
    assert result.contacts() == {"c1": "B", "c2": "B", "c3": "A", "c4": "C"}
    assert result.cost.total == Fraction(50)
    assert result.solve.status == "optimal"
    assert result.solve.bound == Fraction(50)
