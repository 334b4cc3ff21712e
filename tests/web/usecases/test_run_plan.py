"""run_plan: the stored data set planned, the plan stored with its decisions, and logged."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.planning import services
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.scenarios import create_scenario
from overgang.web.planning.services import PlanningUnavailable, run_plan
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


def test_a_plan_is_stored_with_its_decisions_and_one_entry(world, users):
    since = mark()
    stored = run_plan(by=users["projektleder"], time_limit=2).stored

    assert StoredPlan.objects.order_by("-pk").first() == stored
    assert (stored.created_by, stored.scenario_name, stored.objective) == ("projektleder", "", "10")
    assert {d.employee_id: d.municipality for d in stored.employee_decisions.all()} == {
        e: d.municipality for e, d in world.employee_decisions.items()
    }
    assert {d.case_id: d.contact_person for d in stored.case_decisions.all()} == {
        c: d.contact_person for c, d in world.case_decisions.items()
    }
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("projektleder", "create", "planning.storedplan", str(stored.pk))
    assert entry.detail == {"scenario": "", "status": str(stored.status)}


def test_a_plan_under_a_scenario_is_stored_with_the_scenarios_settings(world):
    create_scenario(name="frivillig", voluntary_only=True, by=SystemActor("planner"))
    since = mark()
    stored = run_plan(scenario="frivillig", by=SystemActor("planner"), time_limit=2).stored
    assert (stored.scenario_name, stored.settings["voluntary_only"]) == ("frivillig", True)
    assert the_one_entry(since).detail["scenario"] == "frivillig"


def test_an_unknown_scenario_is_refused_and_nothing_is_stored_or_logged(world):
    since = mark()
    with pytest.raises(PlanningUnavailable, match="ukendt"):
        run_plan(scenario="ukendt", by=SystemActor("planner"), time_limit=2)
    assert list(StoredPlan.objects.all()) == [world.plan]
    assert since.entries() == []


def test_planning_without_a_data_set_is_refused_and_nothing_is_stored_or_logged():
    since = mark()
    with pytest.raises(PlanningUnavailable):
        run_plan(by=SystemActor("planner"), time_limit=2)
    assert not StoredPlan.objects.exists()
    assert since.entries() == []


def test_a_plan_whose_audit_entry_cannot_be_written_is_not_stored(world, monkeypatch):
    def broken_log(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services, "record", broken_log)
    with pytest.raises(RuntimeError, match="audit log"):
        run_plan(by=SystemActor("planner"), time_limit=2)
    assert list(StoredPlan.objects.all()) == [world.plan]
