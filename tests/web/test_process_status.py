"""The overview's process status counts what the project leader would count by hand: the
decisions notified, the handover meetings held per municipality, what refers to someone
gone from HR's list, and the fixed decisions that cannot hold as they stand."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from overgang.web.dataset.models import Employee
from overgang.web.pages.status import Tally, process_status
from overgang.web.planning.models import FixedDecision, FixKind
from overgang.web.process.models import DecisionNotification, HandoverMeeting
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


def _fix(kind: str, subject: str, value: str) -> None:
    FixedDecision.objects.create(
        kind=kind,
        subject_id=subject,
        value=value,
        reason="Aftalt",
        fixed_by_name="test",
        fixed_at=timezone.now(),
        fixed_on=date(2021, 9, 1),
    )


def test_the_status_counts_notifications_and_handovers_per_municipality(world):
    before = process_status()
    assert before.notified == Tally(0, 3)  # three employees decided about, none told yet
    assert before.handovers == {"Vallensbæk": Tally(0, 1)}  # MOVE changes contact person

    DecisionNotification.objects.create(
        decision=world.employee_decisions["I-EMP"], notified_at=timezone.now()
    )
    HandoverMeeting.objects.create(decision=world.case_decisions["MOVE"], done=True)
    # A meeting not yet held about a case that keeps its contact person counts nowhere.
    HandoverMeeting.objects.create(decision=world.case_decisions["V-CASE"], done=False)
    after = process_status()
    assert after.notified == Tally(1, 3)
    assert after.handovers == {"Vallensbæk": Tally(1, 1)}


def test_the_status_counts_what_refers_to_someone_gone_from_the_list(world):
    _fix(FixKind.EMPLOYEE, "X-EMP", str(world.ishoej.code))
    _fix(FixKind.CASE, "MOVE", "X-EMP")  # a case fixed to the one who goes
    _fix(FixKind.CASE, "I-CASE", "I-EMP")  # one who stays: holds
    assert process_status().fixes_on_gone == 0

    Employee.objects.filter(ext_id="X-EMP").update(retired_at=timezone.now())
    status = process_status()
    assert status.retired_in_plan == 1  # the plan decides about X-EMP
    assert status.fixes_on_gone == 2  # the fix about X-EMP and the case fixed to X-EMP
