"""A letter to an employee placed in a municipality they can accept never says "against your
wish"; a letter to one placed against their wish still does."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from django.utils import translation

from overgang.core.planning.explain import explain_employees
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.reports.letters import build_letters
from overgang.reports.sources import PlanFacts, ReportSources
from tests.core.factories import ISHOEJ, VALLENSBAEK, dataset, employee, interview

ROEDOVRE = 175
NAMES = {ISHOEJ: "Ishøj", VALLENSBAEK: "Vallensbæk", ROEDOVRE: "Rødovre"}


def _sources() -> ReportSources:
    """A wishes Ishøj and can accept Vallensbæk; B wishes Ishøj only; C wishes Rødovre and
    can accept Vallensbæk. The plan sends all three to Vallensbæk."""
    data = dataset(
        employees=[employee("A"), employee("B"), employee("C")],
        interviews=[
            replace(interview("A", ISHOEJ), acceptable_municipalities=(VALLENSBAEK,)),
            interview("B", ISHOEJ),
            replace(interview("C", ROEDOVRE), acceptable_municipalities=(VALLENSBAEK,)),
        ],
        citizens=[],
        cases=[],
        codes=(ISHOEJ, VALLENSBAEK, ROEDOVRE),
    )
    policy = Policy()
    problem = build_problem(data, policy)
    employer = {s.id: VALLENSBAEK for s in problem.staff}
    decisions = explain_employees(problem, policy, employer, {})
    return ReportSources(
        plan=PlanFacts(1, datetime(2021, 9, 1), "optimal", "", ()),
        metrics={"attachment": []},
        municipalities=NAMES,
        professions={"PSY": "Psykologer"},
        host=ISHOEJ,
        effective_date=date(2022, 1, 1),
        as_of=date(2021, 9, 1),
        made_on=date(2021, 9, 1),
        dataset=data,
        employee_decisions=decisions,
        case_decisions=(),
    )


@pytest.fixture
def letters() -> dict[str, str]:
    with translation.override("en"):
        return {
            letter.employee_id: "\n".join(letter.paragraphs) for letter in build_letters(_sources())
        }


def test_a_move_to_an_acceptable_municipality_is_not_called_against_the_wish(letters):
    text = letters["A"]
    assert "against" not in text.lower()
    assert "you told us that you can also accept Vallensbæk" in text
    assert "your wish to work for Ishøj" in text


def test_an_acceptable_municipality_that_is_not_the_host_is_told_alike(letters):
    text = letters["C"]
    assert "against" not in text.lower()
    assert "your wish to work for Rødovre" in text


def test_a_move_against_the_wish_still_says_so(letters):
    text = letters["B"]
    assert "moves nobody against their wish unless the work cannot be covered" in text
    assert "can also accept" not in text
