"""overgang plan --from-plan and --leaders-only as a user runs them, on hand-made data sets.

The data set of tests/core/test_comparison.py: under the default settings A (wishing
Ishøj) moves to Vallensbæk and keeps case c1; voluntary only keeps A in Ishøj and leaves
c1 unstaffed.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import StoredPlan
from overgang.web.process.services import approve_plan, notify_decision
from tests.core.factories import ISHOEJ, VALLENSBAEK, dataset, employee, interview
from tests.core.test_comparison import two_psychologists
from tests.web.hearing_steps import conclude_hearing, representatives_informed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def plan(*args: str):
    result = run("plan", "--time-limit", "2", "--cooperation-seconds", "0", *args)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split()), StoredPlan.objects.order_by("-pk").first()


@pytest.fixture
def first_plan() -> StoredPlan:
    merge_dataset(two_psychologists(), file_name="to.xlsx", file_hash="0" * 64, imported_by="test")
    assert run("scenario", "create", "frivillig", "--voluntary-only").exit_code == 0
    _output, stored = plan()
    assert dict(stored.employee_decisions.values_list("employee_id", "municipality")) == {
        "A": VALLENSBAEK,
        "B": ISHOEJ,
    }
    return stored


def test_a_notified_decision_holds_in_a_replan_and_nothing_changes(first_plan):
    representatives_informed()
    approve_plan(plan=first_plan, by=SystemActor("test"))
    moved = first_plan.employee_decisions.get(employee_id="A")
    conclude_hearing(moved)  # A moves against the wish: heard before being told
    notify_decision(decision=moved, by=SystemActor("hr"))

    # Voluntary only would keep A in Ishøj, but A has been told of Vallensbæk.
    output, stored = plan("--scenario", "frivillig", "--from-plan", str(first_plan.pk))

    assert "Advarsel" not in output
    assert (
        f"Lavet ud fra plan {first_plan.pk}. Ændrede beslutninger i forhold til den: "
        "0 om medarbejdere, 0 om sager." in output
    )
    assert stored.employee_decisions.get(employee_id="A").municipality == VALLENSBAEK
    assert [f["id"] for f in stored.settings["fixes"]] == ["A"]
    shown = run("show-plan", str(stored.pk))
    assert f"Lavet ud fra plan {first_plan.pk}." in shown.output


def test_a_replan_from_a_plan_not_approved_is_warned_about_and_counts_its_changes(first_plan):
    output, stored = plan("--scenario", "frivillig", "--from-plan", str(first_plan.pk))

    assert f"Advarsel: Plan {first_plan.pk} er ikke godkendt" in output
    assert "Ændrede beslutninger i forhold til den: 1 om medarbejdere, 1 om sager." in output
    assert stored.settings["reference"]["plan"] == first_plan.pk


def test_a_replan_from_a_plan_that_does_not_exist_is_refused(first_plan):
    result = run("plan", "--time-limit", "2", "--from-plan", "999")
    assert result.exit_code == 1
    assert "Kan ikke planlægge: ingen plan har id'et 999" in result.output
    assert list(StoredPlan.objects.all()) == [first_plan]


def test_a_plan_of_the_leaders_alone_says_so_and_places_only_them():
    leaders = dataset(
        employees=[employee("L1", is_leader=True), employee("L2", is_leader=True), employee("S")],
        interviews=[interview("L1", VALLENSBAEK), interview("L2", ISHOEJ)],
        citizens=[],
        cases=[],
    )
    merge_dataset(leaders, file_name="ledere.xlsx", file_hash="0" * 64, imported_by="test")

    output, stored = plan("--leaders-only")

    assert "Kun ledere: planen placerer lederne" in output
    assert dict(stored.employee_decisions.values_list("employee_id", "municipality")) == {
        "L1": VALLENSBAEK,
        "L2": ISHOEJ,
    }
    assert stored.settings["leaders_only"] is True
    assert "Kun ledere" in run("show-plan", str(stored.pk)).output
