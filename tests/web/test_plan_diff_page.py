"""The page "Forskelle mellem planer", the plans page's re-plan form, and a re-plan's changes on
its plan page, on the world of world.py.

A second plan is made after I-EMP's new interview (wishing Vallensbæk): I-EMP moves there,
and Ishøj's case I-CASE goes to X-EMP, Ishøj's only other psychologist. A re-plan from the
first plan after I-EMP has resigned must hand I-CASE to X-EMP too, and changes nothing else.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from overgang.web.audit.actors import SystemActor
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.models import Employee, Interview
from overgang.web.jobs.models import Job, JobKind
from overgang.web.pages import plan_runs
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import run_plan
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    make_users()
    set_today(BEFORE)
    Interview.objects.create(
        employee=world.employees["I-EMP"],
        held_on=date(2021, 9, 1),
        wished_municipality=world.vallensbaek,
    )
    second = run_plan(by=SystemActor("test"), time_limit=2).stored
    assert second.employee_decisions.get(employee_id="I-EMP").municipality == 187
    assert second.case_decisions.get(case_id="I-CASE").contact_person == "X-EMP"
    return world.plan, second


def client_for(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def text_of(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_lead_sees_each_differing_decision_with_both_reasons(plans):
    first, second = plans
    response = client_for("projektleder").get(f"/planer/{first.pk}/forskelle/{second.pk}/")
    assert response.status_code == 200
    text = text_of(response)
    assert f"Forskelle mellem plan {first.pk} og plan {second.pk}" in text
    employees = {row["id"]: row for row in response.context["employee_rows"]}
    assert set(employees) == {"I-EMP"}
    (before_where, before_why), (after_where, after_why) = employees["I-EMP"]["sides"]
    assert (before_where, after_where) == ("Ishøj", "Vallensbæk")
    assert before_why == "Bliver i Ishøj: eget ønske"
    assert after_why == "Flyttes til Vallensbæk: eget ønske"
    cases = {row["id"]: row["sides"] for row in response.context["case_rows"]}
    assert cases["I-CASE"][0][0] == "I-EMP" and cases["I-CASE"][1][0] == "X-EMP"
    assert "Bliver i Ishøj: eget ønske" in text and "Flyttes til Vallensbæk: eget ønske" in text


def test_the_rows_are_scoped_and_their_reading_is_logged(plans):
    first, second = plans
    since = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    # The team leader of Ishøj's PPR: I-EMP is in Vallensbæk in the current (newest) plan.
    response = client_for("teamleder-ishoej").get(f"/planer/{first.pk}/forskelle/{second.pk}/")
    assert response.status_code == 200
    assert "I-EMP" not in {row["id"] for row in response.context["employee_rows"]}
    read = AuditEntry.objects.filter(pk__gt=since, username="projektleder")
    assert not read.exists()
    client_for("projektleder").get(f"/planer/{first.pk}/forskelle/{second.pk}/")
    logged = set(
        AuditEntry.objects.filter(
            pk__gt=since, username="projektleder", action__in=["view", "list"]
        )
        .values_list("object_type", flat=True)
        .distinct()
    )
    assert {"planning.employeedecision", "planning.casedecision"} <= logged


def test_a_committee_member_sees_no_decision(plans):
    first, second = plans
    response = client_for("med").get(f"/planer/{first.pk}/forskelle/{second.pk}/")
    assert response.status_code == 200
    assert response.context["employee_rows"] == [] and response.context["case_rows"] == []
    assert "Ingen forskelle, som du må se." in text_of(response)
    assert "I-EMP" not in response.content.decode()


def test_a_caseworker_may_not_open_the_page(plans):
    first, second = plans
    response = client_for("sagsbehandler-ishoej").get(f"/planer/{first.pk}/forskelle/{second.pk}/")
    assert response.status_code == 403


def test_two_plans_chosen_in_the_list_open_their_differences_older_first(plans):
    first, second = plans
    client = client_for("projektleder")
    response = client.get(f"/planer/forskelle/?plans={second.pk}&plans={first.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/planer/{first.pk}/forskelle/{second.pk}/"
    response = client.get(f"/planer/forskelle/?plans={first.pk}", follow=True)
    assert "Vælg to planer for at se, hvor deres beslutninger er forskellige." in text_of(response)


@pytest.fixture
def replan(plans):
    """A re-plan from the first plan after I-EMP has resigned."""
    first, _second = plans
    Employee.objects.filter(ext_id="I-EMP").update(resigned_on=date(2021, 11, 30))
    return run_plan(by=SystemActor("test"), time_limit=2, from_plan=first.pk).stored


def test_the_replan_shows_its_changes_and_links_to_the_differences(plans, replan):
    first, second = plans
    response = client_for("projektleder").get(f"/planer/{replan.pk}/")
    text = text_of(response)
    assert f"Planen er lavet ud fra plan {first.pk}." in text
    assert "Ændrede beslutninger i forhold til den: 0 om medarbejdere, 1 om sager." in text
    assert f'href="/planer/{first.pk}/forskelle/{replan.pk}/"' in response.content.decode()
    settings = dict(response.context["settings_rows"])
    assert settings["Lavet ud fra"] == f"Plan {first.pk}"
    assert settings["Kun ledere"] == "nej"
    listing = client_for("projektleder").get("/planer/").content.decode()
    assert f'href="/planer/{first.pk}/forskelle/{replan.pk}/"' in listing
    assert f'href="/planer/{first.pk}/forskelle/{second.pk}/"' not in listing  # not a re-plan
    differences = client_for("projektleder").get(f"/planer/{first.pk}/forskelle/{replan.pk}/")
    assert [row["id"] for row in differences.context["employee_rows"]] == ["I-EMP"]
    assert "ikke i planen" in text_of(differences)  # I-EMP has left


def test_a_committee_member_sees_small_counts_of_changes_hidden(replan):
    text = text_of(client_for("med").get(f"/planer/{replan.pk}/"))
    assert "Ændrede beslutninger i forhold til den: 0 om medarbejdere, <5 om sager." in text


def test_the_plans_page_starts_a_replan_with_the_reference_and_leaders_only(plans, monkeypatch):
    first, _second = plans
    started = {}

    def start_run(**kwargs):
        started.update(kwargs)
        return Job.objects.create(kind=JobKind.PLAN, started_by_name="projektleder")

    monkeypatch.setattr(plan_runs, "start_run", start_run)
    client = client_for("projektleder")
    page = client.get("/planer/")
    choices = dict(page.context["run_form"].fields["from_plan"].choices)
    assert choices[str(first.pk)] == f"Plan {first.pk}"
    response = client.post(
        "/planer/koersel/",
        {
            "run-scenario": "",
            "run-time_limit": "2",
            "run-from_plan": str(first.pk),
            "run-leaders_only": "on",
        },
        follow=True,
    )
    assert (started["from_plan"], started["leaders_only"]) == (first.pk, True)
    assert f"Plan {first.pk} er ikke godkendt" in text_of(response)


def test_a_replan_from_a_plan_not_in_the_list_is_not_started(plans, monkeypatch):
    monkeypatch.setattr(plan_runs, "start_run", lambda **kwargs: pytest.fail("started"))
    response = client_for("projektleder").post(
        "/planer/koersel/", {"run-time_limit": "2", "run-from_plan": "999"}, follow=True
    )
    assert "Planen blev ikke startet" in text_of(response)
    assert StoredPlan.objects.count() == 2


def test_the_lead_approves_a_replan_on_its_page_and_it_replaces_the_approved_plan(plans):
    from overgang.web.planning.selectors import approved_plan
    from overgang.web.process.services import approve_plan

    first, second = plans
    lead = client_for("projektleder")
    approve_plan(plan=first, by=SystemActor("test"))
    # A plan not re-planned from the approved one offers no approval.
    assert "Godkend plan" not in text_of(lead.get(reverse("pages:plan", args=[second.pk])))

    replan = run_plan(by=SystemActor("test"), time_limit=2, from_plan=first.pk).stored
    page = text_of(lead.get(reverse("pages:plan", args=[replan.pk])))
    assert f"Godkend plan {replan.pk}" in page
    assert f"Den erstatter plan {first.pk} som den godkendte plan" in page

    lead.post(reverse("pages:plan-approve", args=[replan.pk]))
    assert approved_plan() == replan
    listing = text_of(lead.get(reverse("pages:plans")))
    assert "godkendt tidligere, erstattet" in listing
