from overgang.core.hearing import needs_hearing
from overgang.core.planning.explain import EmployeeReason
from overgang.core.planning.plan import Reason


def reason(code: str, **params: int | str) -> Reason:
    return Reason(code, tuple(params.items()))


def test_a_decision_against_a_stated_wish_needs_a_hearing() -> None:
    assert needs_hearing(
        reason(EmployeeReason.AGAINST_WISH, municipality=187, wish=183, interviewed=1)
    )


def test_a_municipality_the_employee_can_accept_is_a_wish_not_met_and_needs_a_hearing() -> None:
    assert needs_hearing(
        reason(EmployeeReason.ACCEPTABLE, municipality=187, wish=185, interviewed=1)
    )


def test_decisions_that_meet_the_wish_need_no_hearing() -> None:
    for code in (
        EmployeeReason.STAYS_BY_WISH,
        EmployeeReason.MOVES_BY_WISH,
        EmployeeReason.NO_PREFERENCE,
        EmployeeReason.NOT_INTERVIEWED,
    ):
        assert not needs_hearing(reason(code, municipality=183))


def test_an_employee_never_interviewed_stated_no_wish_to_be_heard_on() -> None:
    assert not needs_hearing(
        reason(EmployeeReason.AGAINST_WISH, municipality=187, wish=183, interviewed=0)
    )


def test_a_fixed_decision_is_heard_only_where_it_differs_from_the_wish() -> None:
    assert needs_hearing(reason(EmployeeReason.FIXED, municipality=187, wish=183))
    assert not needs_hearing(reason(EmployeeReason.FIXED, municipality=187, wish=187))
    assert not needs_hearing(reason(EmployeeReason.FIXED, municipality=187))
