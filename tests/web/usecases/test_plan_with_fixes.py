"""run_plan with fixed decisions: every plan keeps them, and stops naming the ones that clash.

In the world of tests/web/world.py the unfixed optimum keeps I-EMP in Ishøj (her wish)
and gives case MOVE to V-EMP; the fixes below ask for something else.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.pages import plan_runs
from overgang.web.planning.fixing import fix_case, fix_employee
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import (
    FixesCannotHold,
    run_plan,
    stored_plan_document,
    verify_plan_document,
)
from tests.web.jobs import run_queued_jobs
from tests.web.usecases.trail import mark
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db

LEAD = SystemActor("projektleder")


def test_a_plan_keeps_a_fixed_employee_where_the_unfixed_optimum_would_not(world):
    assert world.employee_decisions["I-EMP"].municipality == ISHOEJ  # her wish, unfixed
    fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="Leder i Vallensbæk", by=LEAD
    )
    stored = run_plan(by=LEAD, time_limit=5).stored

    decision = stored.employee_decisions.get(employee_id="I-EMP")
    assert decision.municipality == VALLENSBAEK
    assert decision.reason_code == "fixed"
    params = decision.reason_params
    assert {key: params[key] for key in ("by", "on", "reason")} == {
        "by": "projektleder",
        "on": "2021-09-15",
        "reason": "Leder i Vallensbæk",
    }
    document = stored_plan_document(stored)
    (employee,) = [e for e in document["employees"] if e["medarbejder_id"] == "I-EMP"]
    assert employee["reason"] == "Fastlagt af projektleder 15. september 2021: Leder i Vallensbæk"
    # The plan's settings carry the fix in force, and the plan file verifies with it.
    assert stored.settings["fixes"] == [
        {
            "type": "medarbejder",
            "id": "I-EMP",
            "vaerdi": VALLENSBAEK,
            "af": "projektleder",
            "dato": "2021-09-15",
            "begrundelse": "Leder i Vallensbæk",
        }
    ]
    verification = verify_plan_document(document)
    assert verification.ok and verification.same_inputs
    assert stored.input_hash != world.plan.input_hash


def test_a_plan_keeps_a_fixed_contact_person_where_the_unfixed_optimum_would_not(world):
    assert world.case_decisions["MOVE"].contact_person == "V-EMP"
    fix_case(case_id="MOVE", contact_person="I-EMP", reason="Kender familien", by=LEAD)
    stored = run_plan(by=LEAD, time_limit=5).stored

    case = stored.case_decisions.get(case_id="MOVE")
    assert (case.contact_person, case.reason_code) == ("I-EMP", "fixed")
    # Her fixed case is in Vallensbæk, so she works there, against her wish.
    assert stored.employee_decisions.get(employee_id="I-EMP").municipality == VALLENSBAEK
    assert verify_plan_document(stored_plan_document(stored)).ok


def _clashing_fixes() -> None:
    # I-EMP fixed to Vallensbæk, and fixed as contact person of I-CASE, an Ishøj case.
    fix_employee(employee_id="I-EMP", municipality=VALLENSBAEK, reason="Til Vallensbæk", by=LEAD)
    fix_case(case_id="I-CASE", contact_person="I-EMP", reason="Beholder sagen", by=LEAD)


def test_fixes_that_cannot_all_hold_stop_planning_with_words_naming_both(world):
    _clashing_fixes()
    since = mark()
    with pytest.raises(FixesCannotHold) as stopped:
        run_plan(by=LEAD, time_limit=5)

    assert stopped.value.headline.startswith("Planlægningen er stoppet")
    (line,) = stopped.value.lines
    assert line.startswith("I-EMP er fastlagt til at arbejde for mere end én kommune")
    assert "medarbejder I-EMP til Vallensbæk" in line
    assert "sag I-CASE med kontaktperson I-EMP" in line
    assert "fastlagt af projektleder 15. september 2021" in line
    assert list(StoredPlan.objects.all()) == [world.plan]
    assert since.entries() == []


def test_the_command_line_names_both_clashing_fixes_and_stores_no_plan(world):
    _clashing_fixes()
    result = CliRunner().invoke(app, ["plan", "--time-limit", "5"])
    assert result.exit_code == 1
    assert "Planlægningen er stoppet" in result.output
    assert "medarbejder I-EMP til Vallensbæk" in result.output
    assert "sag I-CASE med kontaktperson I-EMP" in result.output
    assert list(StoredPlan.objects.all()) == [world.plan]


def test_the_plans_page_run_shows_each_clash_naming_both_fixes(world):
    _clashing_fixes()

    plan_runs.start_run(scenario="", time_limit=5, by=LEAD, language="da")
    (run,) = run_queued_jobs()  # as a worker would run it

    assert run.finished and run.plan_id is None
    assert run.error.startswith("Planlægningen er stoppet")
    (line,) = run.details
    assert "medarbejder I-EMP til Vallensbæk" in line and "sag I-CASE" in line
