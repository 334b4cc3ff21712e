"""An overenskomst employee's decision letter is word for word what it was before civil
servants got their own rules, in Danish and English (pinned in golden/).

Regenerate the pinned text only when a change to the overenskomst letter is meant:
`OVERGANG_PIN_LETTERS=1 .venv/bin/pytest tests/reports/test_letters_overenskomst_unchanged.py`.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils import translation

from overgang.core.domain import EmploymentForm
from overgang.core.planning.explain import explain_employees
from overgang.core.planning.metrics import attachment_shares
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.reports.letters import build_letters
from overgang.reports.sources import PlanFacts, ReportSources
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, citizen, dataset, employee, interview

PINNED = Path(__file__).parent / "golden" / "letters_overenskomst.json"
OVERENSKOMST = EmploymentForm.COLLECTIVE_AGREEMENT


def _sources() -> ReportSources:
    """A moves by wish, primarily attached to Vallensbæk; B is moved against the wish; C (no
    employment form given) to a municipality they can accept; D stays, not interviewed; E
    wished to move and stays."""
    data = dataset(
        employees=[
            employee("A", employment_form=OVERENSKOMST),
            employee("B", employment_form=OVERENSKOMST),
            employee("C"),
            employee("D", employment_form=OVERENSKOMST),
            employee("E", employment_form=OVERENSKOMST),
        ],
        interviews=[
            interview("A", VALLENSBAEK),
            interview("B", ISHOEJ),
            replace(interview("C", ISHOEJ), acceptable_municipalities=(VALLENSBAEK,)),
            interview("E", VALLENSBAEK),
        ],
        citizens=[citizen("b1", VALLENSBAEK), citizen("b2", ISHOEJ)],
        cases=[
            case("c1", "b1", VALLENSBAEK, "A", load=3),
            case("c2", "b2", ISHOEJ, "A", load=1),
        ],
    )
    policy = Policy()
    problem = build_problem(data, policy)
    employer = {"A": VALLENSBAEK, "B": VALLENSBAEK, "C": VALLENSBAEK, "D": ISHOEJ, "E": ISHOEJ}
    return ReportSources(
        plan=PlanFacts(1, datetime(2021, 9, 1), "optimal", "", ()),
        metrics={"attachment": attachment_shares(problem)},
        municipalities={ISHOEJ: "Ishøj Kommune", VALLENSBAEK: "Vallensbæk Kommune"},
        professions={"PSY": "Psykologer"},
        host=ISHOEJ,
        effective_date=date(2022, 1, 1),
        as_of=date(2021, 9, 1),
        made_on=date(2021, 9, 1),
        dataset=data,
        employee_decisions=explain_employees(problem, policy, employer, {}),
        case_decisions=(),
    )


def _letters(lang: str) -> dict[str, list[str]]:
    with translation.override(lang):
        return {
            letter.employee_id: [letter.title, *letter.paragraphs, letter.signature]
            for letter in build_letters(_sources())
        }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_overenskomst_employees_letter_is_unchanged(lang):
    written = _letters(lang)
    if os.environ.get("OVERGANG_PIN_LETTERS"):
        pinned = json.loads(PINNED.read_text(encoding="utf-8")) if PINNED.exists() else {}
        pinned[lang] = written
        PINNED.write_text(json.dumps(pinned, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert written == json.loads(PINNED.read_text(encoding="utf-8"))[lang]
