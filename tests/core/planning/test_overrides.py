"""A scenario's norm and staffing need overrides reach the problem, the cost and the settings."""

from __future__ import annotations

from decimal import Decimal

from overgang.core.domain import StaffingNeed
from overgang.core.planning.overrides import apply_overrides, unmatched_settings
from overgang.core.planning.policy import Policy, policy_as_dict, policy_from_dict
from overgang.core.planning.problem import build_problem
from tests.core.factories import ISHOEJ, VALLENSBAEK, worked_example


def test_a_norm_override_changes_every_capacity_of_the_profession():
    policy = Policy(norm_overrides=(("PSY", Decimal(12)),))
    problem = build_problem(worked_example(), policy)
    assert {s.id: s.capacity for s in problem.staff} == {
        "A": Decimal(12),
        "B": Decimal(12),
        "C": Decimal(6),  # 18.5 / 37 * 12
    }
    assert problem.dataset.professions[0].norm == 12


def test_a_need_override_replaces_the_need_of_its_municipality_and_profession_only():
    data = worked_example()
    data = data.__class__(
        **{
            **data.__dict__,
            "needs": (
                StaffingNeed(VALLENSBAEK, "PSY", Decimal(1)),
                StaffingNeed(VALLENSBAEK, "PSY", Decimal("0.5")),
                StaffingNeed(ISHOEJ, "PSY", Decimal(2)),
            ),
        }
    )
    policy = Policy(need_overrides=((VALLENSBAEK, "PSY", Decimal("2.5")),))
    assert build_problem(data, policy).needs == {
        (VALLENSBAEK, "PSY"): Decimal("2.5"),
        (ISHOEJ, "PSY"): Decimal(2),
    }
    removed = Policy(need_overrides=((ISHOEJ, "PSY", Decimal(0)),))
    assert build_problem(data, removed).needs == {(VALLENSBAEK, "PSY"): Decimal("1.5")}


def test_overrides_survive_the_settings_round_trip_and_are_absent_when_unset():
    policy = Policy(
        norm_overrides=(("PSY", Decimal("12.5")),),
        need_overrides=((VALLENSBAEK, "PSY", Decimal("1.5")),),
        cooperation_services=frozenset({"PPR"}),
    )
    assert policy_from_dict(policy_as_dict(policy)) == policy
    assert "norm_overrides" not in policy_as_dict(Policy())
    assert "need_overrides" not in policy_as_dict(Policy())


def test_no_overrides_leave_the_data_set_as_it_is():
    data = worked_example()
    assert apply_overrides(data, Policy()) is data


def test_settings_that_name_nothing_in_the_data_are_listed():
    policy = Policy(
        norm_overrides=(("XYZ", Decimal(3)),),
        need_overrides=((999, "PSY", Decimal(1)),),
        cooperation_services=frozenset({"PPR", "Familiebehandling"}),
    )
    unmatched = unmatched_settings(worked_example(), policy)
    assert unmatched.professions == ("XYZ",)
    assert unmatched.municipalities == (999,)
    assert unmatched.services == ("Familiebehandling",)
    assert not unmatched_settings(worked_example(), Policy())
    # ... and change nothing in the problem.
    assert build_problem(worked_example(), policy).needs == {}
    assert build_problem(worked_example(), policy).dataset.professions[0].norm == 10
