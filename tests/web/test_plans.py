"""Stored plans: immutable, with the hash of their inputs, reproducible from the stored data."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import ImmutableError, Scenario, StoredPlan
from overgang.web.planning.services import run_plan, stored_plan_document, verify_plan_document
from tests.core.factories import worked_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_example():
    merge_dataset(
        worked_example(), file_name="example.xlsx", file_hash="0" * 64, imported_by="test"
    )


def test_a_stored_plan_cannot_be_changed(stored_example):
    run = run_plan(by=SystemActor("test"))
    stored = StoredPlan.objects.get(pk=run.stored.pk)
    stored.status = "feasible"
    with pytest.raises(ImmutableError):
        stored.save()
    assert StoredPlan.objects.get(pk=run.stored.pk).status == "optimal"


def test_a_plan_stores_its_inputs_hash_settings_and_proof(stored_example):
    first = run_plan(by=SystemActor("test")).stored
    second = run_plan(by=SystemActor("test")).stored
    assert first.input_hash == second.input_hash and len(first.input_hash) == 64
    assert first.settings["weights"]["unstaffed"] == 1000
    assert first.status == "optimal"
    assert first.objective == "50" and first.bound == "50"
    assert first.employee_decisions.count() == 3
    assert first.case_decisions.count() == 4


def test_a_scenario_changes_the_settings_and_the_inputs_hash(stored_example):
    Scenario.objects.create(name="frivillig", settings={"voluntary_only": True})
    default = run_plan(by=SystemActor("test")).stored
    voluntary = run_plan(scenario="frivillig", by=SystemActor("test")).stored
    assert voluntary.settings["voluntary_only"] is True
    assert voluntary.scenario_name == "frivillig"
    assert voluntary.input_hash != default.input_hash


def test_the_plan_file_has_danish_reasons_and_verifies(stored_example):
    document = stored_plan_document(run_plan(by=SystemActor("test")).stored)
    reasons = {e["medarbejder_id"]: e["reason"] for e in document["employees"]}
    assert reasons["B"] == "Flyttes til Vallensbæk: eget ønske"
    assert reasons["C"] == "Bliver i Ishøj: ikke interviewet"
    cases = {c["sag_id"]: c for c in document["cases"]}
    assert cases["c3"]["reason"] == "Ny kontaktperson: den tidligere flyttes til Vallensbæk"
    assert cases["c1"]["kontaktperson"] == "B"
    assert document["solver"]["objective"] == 50.0
    assert verify_plan_document(document).ok


def test_a_plan_file_that_breaks_a_hard_rule_does_not_verify(stored_example):
    document = stored_plan_document(run_plan(by=SystemActor("test")).stored)
    for case in document["cases"]:
        if case["sag_id"] == "c1":
            case["kontaktperson"] = "A"  # A works for Ishøj, c1 is Vallensbæk's
    result = verify_plan_document(document)
    assert not result.ok
    assert any("c1" in violation for violation in result.violations)
