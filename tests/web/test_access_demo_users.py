"""overgang demo-users: one user per role and municipality, tied to real rows, demo only."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.accounts.models import Profile
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.services import run_plan
from tests.core.factories import worked_example

pytestmark = pytest.mark.django_db
runner = CliRunner()

DEMO_USERS = [
    "byraad",
    "kommuneleder-ishoej",
    "kommuneleder-vallensbaek",
    "med",
    "projektleder",
    "revisor",
    "sagsbehandler-ishoej",
    "sagsbehandler-vallensbaek",
    "teamleder-ishoej",
    "teamleder-vallensbaek",
]


def _example_with_a_team():
    example = worked_example()
    return replace(example, employees=tuple(replace(e, unit="PPR") for e in example.employees))


def test_demo_users_are_created_for_every_role_tied_to_rows_and_can_log_in(settings):
    settings.DEBUG = True  # the test runner turns it off; demo users need a development setup
    merge_dataset(_example_with_a_team(), file_name="x", file_hash="0" * 64, imported_by="t")
    run_plan(by=SystemActor("test"))
    result = runner.invoke(app, ["demo-users"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "overgang-demo" in result.output
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == DEMO_USERS
    for profile in Profile.objects.exclude(employee_id=""):
        assert m.Employee.objects.filter(ext_id=profile.employee_id).exists()
    for profile in Profile.objects.filter(role="teamleder"):
        assert m.Employee.objects.filter(unit=profile.team).exists()
    for username in DEMO_USERS:
        assert Client().login(username=username, password="overgang-demo"), username
    # Running it again resets them rather than failing.
    assert runner.invoke(app, ["demo-users"]).exit_code == 0
    assert get_user_model().objects.count() == len(DEMO_USERS)


def test_demo_users_are_refused_on_a_data_set_that_is_not_the_demo(settings):
    settings.DEBUG = True
    batch = m.ImportBatch.objects.create(imported_by="t", file_name="x", file_hash="0" * 64)
    m.Municipality.objects.create(code=101, name="København", role="vaert", batch=batch)
    result = runner.invoke(app, ["demo-users"])
    assert result.exit_code == 1
    assert "183" in result.output and "demo" in result.output
    assert not get_user_model().objects.exists()


def test_demo_users_are_refused_with_production_settings(settings):
    settings.DEBUG = False
    merge_dataset(worked_example(), file_name="x.xlsx", file_hash="0" * 64, imported_by="test")
    result = runner.invoke(app, ["demo-users"])
    assert result.exit_code == 1
    assert "OVERGANG_DEBUG=0" in result.output
    assert not get_user_model().objects.exists()
