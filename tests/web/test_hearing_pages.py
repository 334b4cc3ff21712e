"""The pages of the hearing and of informing the representatives: a team leader records a
response, the lead issues the final decision, the plan shows each employee's state, and an
approval that needs a reason asks for it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from overgang.web.audit.models import AuditEntry
from overgang.web.process.models import Consultation, Hearing, PlanApproval, Transition
from overgang.web.process.services import approve_plan
from tests.web.hearing_world import plan_with_unmet_wishes
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def client(username: str) -> Client:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username=username))
    return browser


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def heard(world):
    plan = plan_with_unmet_wishes(world)
    approve_plan(plan=plan, by=get_user_model().objects.get(username="projektleder"))
    return Hearing.objects.get()


def test_a_team_leader_records_the_response_and_the_lead_issues_the_final_decision(heard):
    leader = client("teamleder-vallensbaek")
    page = text_of(leader.get(reverse("pages:employee", args=["V-EMP"])))
    assert "Partshøring før afgørelsen" in page
    assert "Træf den endelige afgørelse" not in page  # a team leader does not issue it

    sent = leader.post(
        reverse("pages:hearing", args=[heard.pk]),
        {
            "received_on": BEFORE.isoformat(),
            "text": "Jeg vil helst blive i Ishøj.",
            "outcome": "upheld",
            "consideration": "Vallensbæks børn beholder deres psykolog.",
            "version": heard.version,
        },
    )
    assert sent.status_code == 302
    heard.refresh_from_db()
    assert heard.response_text == "Jeg vil helst blive i Ishøj."
    assert AuditEntry.objects.filter(object_type="process.hearing", action="update").count() == 1

    lead = client("projektleder")
    lead.post(reverse("pages:hearing-final", args=[heard.pk]))
    heard.refresh_from_db()
    assert heard.final_issued_on == BEFORE
    plan_page = text_of(lead.get(reverse("pages:plan", args=[heard.decision.plan_id])))
    assert "endelig" in plan_page


def test_the_final_decision_is_refused_on_the_page_before_the_response_or_deadline(heard):
    lead = client("projektleder")
    page = text_of(lead.get(reverse("pages:employee", args=["V-EMP"])))
    assert "Partshøringen af V-EMP er åben indtil" in page
    lead.post(reverse("pages:hearing-final", args=[heard.pk]))
    heard.refresh_from_db()
    assert heard.final_issued_on is None
    plan_page = text_of(lead.get(reverse("pages:plan", args=[heard.decision.plan_id])))
    assert "i partshøring" in plan_page
    assert "Registrér at V-EMP er underrettet" not in plan_page


def test_the_hearing_letter_downloads_as_word(heard):
    got = client("teamleder-vallensbaek").get(
        reverse("pages:hearing-letter", args=[heard.pk, "docx"])
    )
    assert got.status_code == 200
    assert got["Content-Disposition"] == 'attachment; filename="hoering-V-EMP.docx"'


def test_approving_on_the_page_with_an_open_consultation_asks_for_a_reason(world):
    Consultation.objects.create(title="Høringen", deadline=BEFORE + timedelta(days=2))
    lead = client("projektleder")
    page = text_of(lead.get(reverse("pages:plan", args=[world.plan.pk])))
    assert "Begrundelse for at godkende alligevel" in page
    lead.post(reverse("pages:plan-approve", args=[world.plan.pk]))
    assert not PlanApproval.objects.exists()
    lead.post(
        reverse("pages:plan-approve", args=[world.plan.pk]),
        {"override_reason": "Byrådet har besluttet."},
    )
    assert PlanApproval.objects.get().override_reason == "Byrådet har besluttet."


def test_the_transition_lead_records_that_the_representatives_were_informed(world):
    Transition.objects.filter(pk=1).update(representatives_informed_on=None)
    lead = client("projektleder")
    assert "Medarbejderrepræsentanterne er ikke registreret" in text_of(
        lead.get(reverse("pages:information"))
    )
    lead.post(
        reverse("pages:information"),
        {
            "informed_on": "2021-03-20",
            "consulted_on": "2021-04-06",
            "note": "HovedMED",
            "version": Transition.current().version,
        },
    )
    transition = Transition.current()
    assert str(transition.representatives_informed_on) == "2021-03-20"
    assert transition.representatives_note == "HovedMED"
