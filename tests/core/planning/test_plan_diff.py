"""Two plans compared decision by decision (core/planning/plan_diff.py): pure, no database."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from overgang.core.planning.fixes import Reference
from overgang.core.planning.plan import Reason
from overgang.core.planning.plan_diff import (
    CaseDifference,
    CaseSide,
    Change,
    ChangeCount,
    Decisions,
    EmployeeDifference,
    EmployeeSide,
    changes_from_reference,
    diff_plans,
)

STAYS = Reason("stays_by_wish", (("municipality", 183),))
MOVES = Reason("moves_by_wish", (("municipality", 187),))
KEEPS = Reason("keeps_contact")
LEAVES = Reason("former_leaves")


def test_a_plan_compared_with_itself_has_no_difference():
    plan = Decisions({"A": (183, STAYS)}, {"c1": ("A", KEEPS), "c2": (None, LEAVES)})
    diff = diff_plans(plan, plan)
    assert not diff
    assert diff.changed() == ChangeCount(0, 0)


def test_a_decision_with_another_value_is_listed_with_both_decisions_and_both_reasons():
    first = Decisions({"A": (183, STAYS), "B": (187, MOVES)}, {"c1": ("A", KEEPS)})
    second = Decisions({"A": (187, MOVES), "B": (187, MOVES)}, {"c1": ("B", LEAVES)})
    diff = diff_plans(first, second)
    assert diff.employees == (
        EmployeeDifference("A", EmployeeSide(183, STAYS), EmployeeSide(187, MOVES)),
    )
    assert diff.cases == (CaseDifference("c1", CaseSide("A", KEEPS), CaseSide("B", LEAVES)),)
    assert [d.change for d in (*diff.employees, *diff.cases)] == [Change.CHANGED] * 2
    assert diff.changed() == ChangeCount(1, 1)


def test_the_same_decision_under_another_reason_is_not_a_difference():
    first = Decisions({"A": (183, STAYS)}, {"c1": ("A", KEEPS)})
    second = Decisions({"A": (183, Reason("fixed"))}, {"c1": ("A", Reason("fixed"))})
    assert not diff_plans(first, second)


def test_a_case_that_becomes_unstaffed_differs_from_one_with_a_contact_person():
    first = Decisions({}, {"c1": ("A", KEEPS)})
    second = Decisions({}, {"c1": (None, LEAVES)})
    (difference,) = diff_plans(first, second).cases
    assert (difference.before, difference.after) == (CaseSide("A", KEEPS), CaseSide(None, LEAVES))


def test_decisions_of_one_plan_only_are_added_or_removed_and_not_counted_as_changed():
    first = Decisions({"A": (183, STAYS), "GONE": (183, STAYS)}, {"c1": ("A", KEEPS)})
    second = Decisions({"A": (183, STAYS), "NEW": (187, MOVES)}, {"c2": ("A", KEEPS)})
    diff = diff_plans(first, second)
    assert [(d.employee_id, d.change) for d in diff.employees] == [
        ("GONE", Change.REMOVED),
        ("NEW", Change.ADDED),
    ]
    assert diff.employees[0].after is None and diff.employees[1].before is None
    assert [(d.case_id, d.change) for d in diff.cases] == [
        ("c1", Change.REMOVED),
        ("c2", Change.ADDED),
    ]
    assert diff.changed() == ChangeCount(0, 0)


def test_differences_are_sorted_by_id():
    first = Decisions({e: (183, STAYS) for e in "CAB"}, {})
    second = Decisions({e: (187, MOVES) for e in "BCA"}, {})
    assert [d.employee_id for d in diff_plans(first, second).employees] == ["A", "B", "C"]


def test_changes_from_the_reference_count_only_decisions_both_make():
    reference = Reference(
        plan_id=4,
        employer=(("A", 183), ("B", 187), ("LEFT", 187)),
        contact=(("c1", "A"), ("c2", None), ("c3", "B")),
    )
    count = changes_from_reference(
        reference,
        employer={"A": 187, "B": 187, "NEW": 183},
        contact={"c1": "A", "c2": "B", "c3": None, "c-new": "A"},
    )
    assert count == ChangeCount(employees=1, cases=2)


municipality = st.sampled_from([183, 187, 190])
contact = st.sampled_from(["A", "B", None])
ids = st.sampled_from(["1", "2", "3", "4", "5"])
employees = st.dictionaries(ids, st.tuples(municipality, st.just(STAYS)))
cases = st.dictionaries(ids, st.tuples(contact, st.just(KEEPS)))


# No deadline: a loaded machine (tests in parallel) is not a slow diff.
@settings(deadline=None)
@given(employees, cases, employees, cases)
def test_every_differing_decision_is_listed_once_and_nothing_else(e1, c1, e2, c2):
    diff = diff_plans(Decisions(e1, c1), Decisions(e2, c2))
    listed = {d.employee_id for d in diff.employees}
    assert listed == {e for e in e1.keys() | e2.keys() if e1.get(e) != e2.get(e)}
    assert {d.case_id for d in diff.cases} == {
        c for c in c1.keys() | c2.keys() if c1.get(c) != c2.get(c)
    }
    assert len(listed) == len(diff.employees)
    # Swapping the plans swaps every difference's sides.
    back = diff_plans(Decisions(e2, c2), Decisions(e1, c1))
    assert [(d.after, d.before) for d in back.employees] == [
        (d.before, d.after) for d in diff.employees
    ]
    # The count of changes from a reference is the diff's count of changed decisions.
    reference = Reference(
        1, tuple((e, m) for e, (m, _r) in e1.items()), tuple((c, p) for c, (p, _r) in c1.items())
    )
    counted = changes_from_reference(
        reference, {e: m for e, (m, _r) in e2.items()}, {c: p for c, (p, _r) in c2.items()}
    )
    assert counted == diff.changed()
