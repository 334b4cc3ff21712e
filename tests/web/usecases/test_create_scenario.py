"""create_scenario and create_shipped_scenarios: named planning settings, checked and logged."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.models import Scenario
from overgang.web.planning.scenarios import (
    ScenarioError,
    create_scenario,
    create_shipped_scenarios,
    shipped_names,
)
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


def test_a_scenario_is_stored_with_its_complete_settings_and_one_entry():
    since = mark()
    create_scenario(
        name="frivillig",
        description="Kun frivillige",
        voluntary_only=True,
        weights={"contact_change": "20"},
        by=SystemActor("planner"),
    )

    stored = Scenario.objects.get(name="frivillig")
    assert stored.description == "Kun frivillige"
    assert stored.settings["voluntary_only"] is True
    assert stored.settings["weights"]["contact_change"] == 20
    assert stored.settings["weights"]["wish_not_met"] == 100  # the defaults filled in
    assert "time_limit" not in stored.settings  # a run's choice, not the scenario's
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("cli:planner", "create", "planning.scenario", "frivillig")
    assert entry.detail == {"settings": stored.settings}


def test_a_second_scenario_of_the_same_name_is_refused_and_nothing_is_logged():
    create_scenario(name="frivillig", voluntary_only=True, by=SystemActor("planner"))
    since = mark()
    with pytest.raises(ScenarioError, match="frivillig"):
        create_scenario(name="frivillig", description="ny", by=SystemActor("planner"))
    stored = Scenario.objects.get()
    assert (stored.description, stored.settings["voluntary_only"]) == ("", True)
    assert since.entries() == []


def test_replacing_gives_the_named_scenario_new_settings_and_logs_an_update():
    create_scenario(name="frivillig", voluntary_only=True, by=SystemActor("planner"))
    since = mark()
    create_scenario(name="frivillig", description="ny", replace=True, by=SystemActor("planner"))
    stored = Scenario.objects.get()
    assert (stored.description, stored.settings["voluntary_only"]) == ("ny", False)
    assert who_did_what(the_one_entry(since)) == (
        "cli:planner",
        "update",
        "planning.scenario",
        "frivillig",
    )


def test_a_scenario_without_a_name_or_with_an_unknown_weight_is_refused():
    since = mark()
    with pytest.raises(ScenarioError):
        create_scenario(name="  ", by=SystemActor("planner"))
    with pytest.raises(ValueError, match="no_such_weight"):
        create_scenario(name="x", weights={"no_such_weight": "1"}, by=SystemActor("planner"))
    assert not Scenario.objects.exists()
    assert since.entries() == []


def test_the_shipped_scenarios_are_created_once_each_with_one_entry_each():
    since = mark()
    made = create_shipped_scenarios(by=SystemActor("setup"))
    assert [s.name for s in made] == shipped_names()
    entries = since.entries()
    assert [who_did_what(e) for e in entries] == [
        ("cli:setup", "create", "planning.scenario", name) for name in shipped_names()
    ]

    since = mark()
    assert create_shipped_scenarios(by=SystemActor("setup")) == []
    assert Scenario.objects.count() == len(shipped_names())
    assert since.entries() == []
