"""overgang reproduce-plan ID: a stored plan re-solved with its stored settings, the outcome
said and kept with the plan, as the plan page and the API keep it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import PlanReproduction
from overgang.web.planning.services import run_plan
from tests.core.test_comparison import two_psychologists

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def said(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture
def stored():
    merge_dataset(two_psychologists(), file_name="to.xlsx", file_hash="0" * 64, imported_by="test")


def test_a_deterministic_plan_is_reproduced_and_the_outcome_kept_with_it(stored):
    plan = run_plan(by=SystemActor("anna"), time_limit=2, deterministic=True).stored
    result = run("reproduce-plan", str(plan.pk), "--by", "bo")
    assert result.exit_code == 0, result.output
    assert "Genskabt: de samme indstillinger giver den samme plan" in said(result.output)
    assert "Bemærk" not in result.output
    reproduction = PlanReproduction.objects.get()
    assert (reproduction.plan, reproduction.asked_by_name) == (plan, "bo")
    assert reproduction.same and reproduction.deterministic


def test_a_wall_clock_plan_is_reproduced_with_a_note_that_it_need_not_come_back(stored):
    plan = run_plan(by=SystemActor("anna"), time_limit=2, deterministic=False).stored
    result = run("reproduce-plan", str(plan.pk))
    assert "Bemærk: planen blev lavet med søgningen, der stopper efter uret" in said(result.output)
    assert not PlanReproduction.objects.get().deterministic


def test_an_unknown_plan_is_refused(stored):
    result = run("reproduce-plan", "999")
    assert result.exit_code == 1 and "Der findes ingen plan med id 999." in result.output
    assert not PlanReproduction.objects.exists()
