"""The hearing (partshøring): opened on approval for exactly the decisions that do not meet a
stated wish; the final decision and the notification wait for the response or the deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.hearings import (
    DEFAULT_HEARING_DAYS,
    issue_final_decision,
    record_hearing_response,
)
from overgang.web.process.models import Hearing, HearingOutcome, Milestone, MilestoneKind
from overgang.web.process.services import ProcessError, approve_plan, notify_decision
from tests.web.hearing_world import plan_with_unmet_wishes, unmet_wishes
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.users import set_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(world, users):
    """The plan with V-EMP's wish unmet, approved: V-EMP's hearing."""
    plan = plan_with_unmet_wishes(world)
    approve_plan(plan=plan, by=users["projektleder"])
    return Hearing.objects.get(decision__plan=plan, decision__employee_id="V-EMP")


def test_approval_opens_a_hearing_for_exactly_the_decisions_that_do_not_meet_a_stated_wish(
    world, users
):
    plan = plan_with_unmet_wishes(world)
    since = mark()
    approve_plan(plan=plan, by=users["projektleder"])

    heard = set(
        Hearing.objects.filter(decision__plan=plan).values_list("decision__employee_id", flat=True)
    )
    assert heard == unmet_wishes(world, plan) == {"V-EMP"}  # Vallensbæk, which V-EMP can accept
    created = [e for e in since.entries() if e.object_type == "process.hearing"]
    assert [(e.username, e.action) for e in created] == [("projektleder", "create")]


def test_the_plan_of_met_wishes_opens_no_hearing(world, users):
    approve_plan(plan=world.plan, by=users["projektleder"])
    assert not Hearing.objects.exists()


def test_the_reply_deadline_is_the_hearing_milestone_where_it_lies_ahead(world, users):
    Milestone.objects.create(
        kind=MilestoneKind.HEARING_DEADLINE, title="Høringsfrist", due_on=date(2021, 10, 8)
    )
    plan = plan_with_unmet_wishes(world)
    approve_plan(plan=plan, by=users["projektleder"])
    assert Hearing.objects.get().reply_by == date(2021, 10, 8)


def test_without_a_milestone_ahead_the_reply_deadline_is_two_weeks(world, users):
    Milestone.objects.create(
        kind=MilestoneKind.HEARING_DEADLINE, title="Høringsfrist", due_on=date(2021, 6, 14)
    )
    plan = plan_with_unmet_wishes(world)
    approve_plan(plan=plan, by=users["projektleder"])
    assert Hearing.objects.get().reply_by == today() + timedelta(days=DEFAULT_HEARING_DAYS)


def test_the_final_decision_is_refused_before_the_response_or_the_deadline(heard, users):
    since = mark()
    with pytest.raises(ProcessError, match="Partshøringen af V-EMP er åben indtil"):
        issue_final_decision(hearing=heard, version=heard.version, by=users["projektleder"])
    with pytest.raises(ProcessError, match="V-EMP er i partshøring indtil"):
        notify_decision(decision=heard.decision, by=users["projektleder"])
    assert since.entries() == []
    assert Hearing.objects.get().final_issued_on is None


def test_after_the_deadline_without_a_response_the_final_decision_is_issued_then_notified(
    heard, users
):
    set_today(heard.reply_by + timedelta(days=1))
    since = mark()
    issued = issue_final_decision(hearing=heard, version=heard.version, by=users["projektleder"])

    assert issued.final_issued_on == today()
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "update",
        "process.hearing",
        str(heard.pk),
    )
    notify_decision(decision=heard.decision, by=users["projektleder"])


def test_a_response_needs_its_outcome_and_consideration_before_the_final_decision(heard, users):
    by = users["teamleder-vallensbaek"]
    answered = record_hearing_response(
        hearing=heard,
        version=heard.version,
        received_on=today(),
        text="Jeg vil helst arbejde i Ishøj.",
        outcome="",
        consideration="",
        by=by,
    )
    with pytest.raises(ProcessError, match="hvordan det er indgået"):
        issue_final_decision(hearing=answered, version=answered.version, by=users["projektleder"])

    considered = record_hearing_response(
        hearing=answered,
        version=answered.version,
        received_on=today(),
        text="Jeg vil helst arbejde i Ishøj.",
        outcome=HearingOutcome.UPHELD,
        consideration="Vallensbæks sager har ingen anden psykolog.",
        by=by,
    )
    issued = issue_final_decision(
        hearing=considered, version=considered.version, by=users["projektleder"]
    )
    assert issued.final_issued_on == today()  # the response is in: no need to wait


def test_a_changed_decision_is_not_issued_as_final(heard, users):
    changed = record_hearing_response(
        hearing=heard,
        version=heard.version,
        received_on=today(),
        text="Jeg vil ikke flytte.",
        outcome=HearingOutcome.CHANGED,
        consideration="Ønsket imødekommes.",
        by=users["projektleder"],
    )
    with pytest.raises(ProcessError, match="ændret efter partshøringen"):
        issue_final_decision(hearing=changed, version=changed.version, by=users["projektleder"])


def test_recording_a_response_is_audited_and_refuses_a_stale_version(heard, users):
    since = mark()
    saved = record_hearing_response(
        hearing=heard,
        version=heard.version,
        received_on=today(),
        text="Svar",
        outcome="",
        consideration="",
        by=users["teamleder-vallensbaek"],
    )
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "teamleder-vallensbaek",
        "update",
        "process.hearing",
        str(heard.pk),
    )
    assert entry.municipality == 187
    assert saved.version == heard.version + 1
    with pytest.raises(StaleEdit):
        record_hearing_response(
            hearing=saved,
            version=heard.version,
            received_on=today(),
            text="Et andet svar",
            outcome="",
            consideration="",
            by=users["projektleder"],
        )


def test_a_response_cannot_be_dated_in_the_future(heard, users):
    with pytest.raises(ProcessError):
        record_hearing_response(
            hearing=heard,
            version=heard.version,
            received_on=today() + timedelta(days=1),
            text="Svar",
            outcome="",
            consideration="",
            by=SystemActor("hr"),
        )
