"""Approving a plan while a consultation is open, or before the employee representatives are
recorded as informed, needs the transition lead's reason, which is kept and logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from overgang.web.process.clock import today
from overgang.web.process.information import ApprovalNeedsReason, record_representatives
from overgang.web.process.models import Consultation, PlanApproval, Transition
from overgang.web.process.services import ProcessError, approve_plan
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


def test_approval_with_an_open_consultation_requires_a_reason_and_logs_it(world, users):
    Consultation.objects.create(title="Høring om opdelingen", deadline=today() + timedelta(days=3))
    since = mark()
    with pytest.raises(ApprovalNeedsReason, match="Høring om opdelingen"):
        approve_plan(plan=world.plan, by=users["projektleder"])
    assert not PlanApproval.objects.exists()
    assert since.entries() == []

    approval = approve_plan(
        plan=world.plan, by=users["projektleder"], override_reason="Byrådet mødes i morgen."
    )
    assert approval.override_reason == "Byrådet mødes i morgen."
    entry = the_one_entry(since)
    assert who_did_what(entry)[:3] == ("projektleder", "create", "process.planapproval")
    assert entry.detail["override_reason"] == "Byrådet mødes i morgen."
    assert "Høring om opdelingen" in entry.detail["concerns"][0]


def test_approval_before_the_representatives_are_informed_requires_a_reason(world, users):
    Transition.objects.filter(pk=1).update(representatives_informed_on=None)
    with pytest.raises(ApprovalNeedsReason, match="ikke registreret som informeret"):
        approve_plan(plan=world.plan, by=users["projektleder"], override_reason="  ")
    approve_plan(plan=world.plan, by=users["projektleder"], override_reason="MED mødes i dag.")
    assert PlanApproval.objects.get().override_reason == "MED mødes i dag."


def test_a_closed_consultation_and_informed_representatives_need_no_reason(world, users):
    Consultation.objects.create(title="Lukket høring", deadline=today() - timedelta(days=1))
    approval = approve_plan(plan=world.plan, by=users["projektleder"], override_reason="ubrugt")
    assert approval.override_reason == ""  # nothing to confirm: no reason kept


def test_recording_the_representatives_is_audited_and_versioned(world, users):
    transition = Transition.current()
    since = mark()
    saved = record_representatives(
        version=transition.version,
        informed_on=date(2021, 3, 20),
        consulted_on=date(2021, 4, 6),
        note="HovedMED, ekstraordinært møde",
        by=users["projektleder"],
    )
    assert (saved.representatives_informed_on, saved.representatives_consulted_on) == (
        date(2021, 3, 20),
        date(2021, 4, 6),
    )
    assert saved.version == transition.version + 1
    assert who_did_what(the_one_entry(since))[:3] == (
        "projektleder",
        "update",
        "process.transition",
    )


def test_the_representatives_are_informed_before_they_are_consulted(world, users):
    with pytest.raises(ProcessError):
        record_representatives(
            version=Transition.current().version,
            informed_on=date(2021, 4, 6),
            consulted_on=date(2021, 3, 20),
            note="",
            by=users["projektleder"],
        )
