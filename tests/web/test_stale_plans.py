"""A plan is kept as it was made, against the data it was made from, and marked stale on its
page and in `overgang show-plan` once the data stored differ; `overgang approve` approves."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.services import record_interview
from overgang.web.planning.freshness import current_input_hash, is_stale
from overgang.web.planning.services import run_plan
from overgang.web.process.models import PlanApproval
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db
runner = CliRunner()
STALE = "Data er ændret, siden denne plan blev lavet"


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    make_users()
    set_today(BEFORE)
    return world


def lead() -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="projektleder"))
    return client


def test_a_plan_made_from_the_data_stored_now_is_not_stale(world):
    assert current_input_hash(world.plan.settings) == world.plan.input_hash
    assert not is_stale(world.plan)
    page = lead().get(reverse("pages:plan", args=[world.plan.pk])).content.decode()
    assert STALE not in page


def test_a_new_interview_makes_the_plan_stale_on_its_page_and_in_show_plan(world):
    record_interview(
        employee=world.employees["I-EMP"],
        held_on=date(2021, 9, 1),
        wish=VALLENSBAEK,
        by=SystemActor("test"),
    )
    assert is_stale(world.plan)
    page = lead().get(reverse("pages:plan", args=[world.plan.pk])).content.decode()
    assert STALE in page
    shown = runner.invoke(app, ["show-plan", str(world.plan.pk)], catch_exceptions=False)
    assert STALE in " ".join(shown.output.split())
    fresh = run_plan(by=SystemActor("test"), time_limit=2).stored
    assert not is_stale(fresh) and fresh.input_hash != world.plan.input_hash


def test_plans_that_differ_only_in_their_time_limit_share_one_reading_of_the_data(
    world, monkeypatch
):
    from overgang.web.planning import freshness

    first = run_plan(by=SystemActor("test"), time_limit=2).stored
    second = run_plan(by=SystemActor("test"), time_limit=3).stored
    assert first.settings["time_limit"] != second.settings["time_limit"]
    assert not is_stale(first)

    def read_again():  # the data set was read and hashed for the first plan's settings
        raise AssertionError("the data set was read again for another time limit")

    monkeypatch.setattr(freshness, "load_dataset", read_again)
    assert not is_stale(second)
    page = lead().get(reverse("pages:plan", args=[second.pk])).content.decode()
    assert STALE not in page


def test_approve_on_the_command_line_locks_the_plan_and_is_audited(world):
    approved = runner.invoke(app, ["approve", str(world.plan.pk), "--by", "lise"])
    assert approved.exit_code == 0, approved.output
    assert PlanApproval.objects.get().plan == world.plan
    entry = AuditEntry.objects.filter(object_type="process.planapproval").get()
    assert entry.username == "cli:lise" and entry.object_id == str(world.plan.pk)
    again = runner.invoke(app, ["approve", str(world.plan.pk)])
    assert again.exit_code == 1
    assert "allerede godkendt" in again.output
    assert runner.invoke(app, ["approve", "999"]).exit_code == 1
    assert verify_chain().ok
