"""The cooperation ranking re-plans with the deterministic search, so that the same plan
ranks the services the same way each time (issue 20, point 3)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan as make_plan
from overgang.core.robustness import assess_robustness, cooperation
from tests.core.teams.test_robustness import _cooperation_instance


def _table(benefits):
    return [
        (
            b.service,
            b.member_cases,
            b.unstaffed_load_saved,
            b.contact_changes_saved,
            b.value,
            b.cost_saved,
            b.proven,
        )
        for b in benefits
    ]


def test_the_ranking_computed_twice_on_the_same_plan_is_the_same_table(small_dataset):
    policy = Policy(time_limit=2)
    problem = build_problem(small_dataset, policy)
    plan = make_plan(problem, policy)
    first = assess_robustness(problem, plan, replan_seconds=0.5, deterministic=True)
    again = assess_robustness(problem, plan, replan_seconds=0.5, deterministic=True)
    assert len(first.cooperation) > 1
    assert _table(first.cooperation) == _table(again.cooperation)
    assert first.cooperation == again.cooperation  # per municipality too


@pytest.mark.parametrize(
    ("plans_search", "asked", "used"),
    [(True, None, True), (False, None, False), (False, True, True), (True, False, False)],
)
def test_each_re_plan_keeps_the_plans_search_unless_another_is_asked_for(
    monkeypatch, plans_search, asked, used
):
    problem, plan = _cooperation_instance()
    plan = replace(plan, policy=replace(plan.policy, deterministic=plans_search))
    searches = []

    def recording(problem, policy, *args, **kwargs):  # type: ignore[no-untyped-def]
        searches.append(policy.deterministic)
        return make_plan(problem, policy, *args, **kwargs)

    monkeypatch.setattr(cooperation, "make_plan", recording)
    assess_robustness(problem, plan, replan_seconds=1, deterministic=asked)
    assert searches and set(searches) == {used}
