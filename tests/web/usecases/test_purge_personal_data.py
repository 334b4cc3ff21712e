"""purge_personal_data: the retention rule. After the transition the personal data go; the
rows, the stored plans' metrics and the audit log stay, and the purge leaves its record."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from overgang.cli.console import console
from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.insight import accesses_to_citizen
from overgang.web.audit.log import record
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset import models as m
from overgang.web.dataset.retention import (
    RetentionError,
    add_months,
    pending_purge,
    purge_personal_data,
    retained_until,
)
from overgang.web.planning.fixing import fix_case, fix_employee
from overgang.web.planning.models import FixedDecision, StoredPlan
from overgang.web.process.exemptions import exempt_from_interview
from overgang.web.process.models import HandoverMeeting, InterviewExemption
from tests.web.usecases.trail import mark, the_one_entry
from tests.web.users import AFTER, set_today

pytestmark = pytest.mark.django_db

DPO = SystemActor("dpo")
OVER = date(2023, 1, 1)  # 12 months after the effective date 2022-01-01: purging is allowed
NOTHING = {
    "citizens": 0,
    "cases": 0,
    "interviews": 0,
    "handover_meetings": 0,
    "case_fixes": 0,
    "interview_exemptions": 0,
    "case_transfers": 0,
}


@pytest.fixture
def personal(world, users):
    """The world with what the purge removes: a CPR hash, a year of birth, a family, a provider,
    a legal basis, a meeting's participants and notes, a case fix's reason; and an employee fix."""
    m.Citizen.objects.filter(ext_id="V-CIT2").update(
        cpr_hash="a" * 64, birth_year=2012, family_id="FAM-1"
    )
    m.Case.objects.filter(ext_id="MOVE").update(
        provider="Privat psykolog", legal_basis="SEL § 11", vulnerability=3, earlier_changes=2
    )
    HandoverMeeting.objects.create(
        decision=world.case_decisions["MOVE"], participants="Vera, mor", notes="Barnet er trygt"
    )
    fix_case(case_id="MOVE", contact_person="V-EMP", reason="Kender familien", by=DPO)
    fix_employee(employee_id="I-EMP", municipality=187, reason="Aftalt", by=DPO)
    exempt_from_interview(employee=world.employees["X-EMP"], reason="Barselsorlov", by=DPO)
    record(users["kommuneleder-vallensbaek"], "view", m.Citizen.objects.get(ext_id="V-CIT2"))
    return world


def _row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (m.Citizen, m.Case, m.Employee, m.Interview, HandoverMeeting, FixedDecision)
    }


def test_the_personal_data_are_kept_until_the_set_months_after_the_effective_date(settings):
    set_today(AFTER)
    assert retained_until() == OVER
    settings.OVERGANG_RETENTION_MONTHS = 1
    assert retained_until() == date(2022, 2, 1)
    assert add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)


def test_before_the_date_the_purge_is_refused_and_nothing_changes_or_is_logged(personal):
    set_today(AFTER)
    before, since = _row_counts(), mark()
    with pytest.raises(RetentionError, match="2023-01-01"):
        purge_personal_data(by=DPO)
    assert m.Citizen.objects.get(ext_id="V-CIT2").cpr_hash == "a" * 64
    assert (_row_counts(), since.entries(), m.Purge.objects.count()) == (before, [], 0)


def test_after_the_date_the_personal_data_go_and_the_counts_plans_and_log_stay(personal):
    set_today(OVER)
    before, plan_metrics = _row_counts(), StoredPlan.objects.get().metrics
    log = list(AuditEntry.objects.values_list("seq", "hash"))
    assert pending_purge() == {
        "citizens": 1,
        "cases": 3,  # each has its contact person
        "interviews": 3,
        "handover_meetings": 1,
        "case_fixes": 1,
        "interview_exemptions": 1,
        "case_transfers": 0,
    }
    since = mark()

    purge = purge_personal_data(by=DPO)

    citizen = m.Citizen.objects.get(ext_id="V-CIT2")
    assert (citizen.cpr_hash, citizen.birth_year, citizen.family_id) == ("", None, "V-CIT2")
    case = m.Case.objects.get(ext_id="MOVE")
    assert (case.provider, case.legal_basis, case.vulnerability, case.earlier_changes) == (
        "",
        "",
        1,
        0,
    )
    assert case.contact_person is None and case.service == "PPR-vurdering"
    assert {(i.wished_municipality, i.note, i.version) for i in m.Interview.objects.all()} == {
        (None, "", 2)
    }
    meeting = HandoverMeeting.objects.get()
    assert (meeting.participants, meeting.notes) == ("", "")
    fixes = {f.kind: f.reason for f in FixedDecision.objects.all()}
    assert fixes == {"case": "", "employee": "Aftalt"}  # an employee's fix is kept
    # The mark stays, so the follow-up's counts stay right; its reason goes.
    assert list(InterviewExemption.objects.values_list("employee_id", "reason")) == [("X-EMP", "")]
    assert m.Employee.objects.get(ext_id="I-EMP").name == "Ida Ishøj"
    # The rows, the plan's metrics and the log as they were; the purge recorded.
    assert _row_counts() == before
    assert StoredPlan.objects.get().metrics == plan_metrics
    assert (
        list(AuditEntry.objects.filter(seq__in=[s for s, _h in log]).values_list("seq", "hash"))
        == log
    )
    assert (purge.ran_by, purge.forced, purge.retained_until) == ("dpo", False, OVER)
    assert purge.counts == {
        "citizens": 1,
        "cases": 3,
        "interviews": 3,
        "handover_meetings": 1,
        "case_fixes": 1,
        "interview_exemptions": 1,
        "case_transfers": 0,
    }
    entry = the_one_entry(since)
    assert (entry.username, entry.action, entry.object_type) == (
        "cli:dpo",
        "delete",
        "dataset.purge",
    )
    assert entry.detail["counts"] == purge.counts
    assert entry.detail["citizens"] == ["I-CIT", "V-CIT", "V-CIT2"]
    assert pending_purge() == NOTHING
    assert purge_personal_data(by=DPO).counts == NOTHING  # a second purge finds nothing left


def test_a_purge_before_the_date_is_made_only_when_forced_and_records_why(personal):
    set_today(AFTER)
    purge = purge_personal_data(by=DPO, force_reason="Byrådets beslutning 12/2022")
    assert (purge.forced, purge.reason) == (True, "Byrådets beslutning 12/2022")
    entry = AuditEntry.objects.get(object_type="dataset.purge")
    assert (entry.detail["forced"], entry.detail["reason"]) == (True, purge.reason)
    assert verify_chain().ok


def test_a_citizens_insight_after_the_purge_still_names_who_saw_them_and_the_purge(personal):
    set_today(OVER)
    purge_personal_data(by=DPO)
    seen = [(a.username, a.action, a.object_type) for a in accesses_to_citizen("V-CIT2")]
    assert ("kommuneleder-vallensbaek", "view", "dataset.citizen") in seen
    assert seen[-1] == ("cli:dpo", "delete", "dataset.purge")


def _purge(*args: str, answer: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["purge", *args, "--by", "dpo"], input=answer)
    return result.exit_code, result.output


def test_the_command_refuses_before_the_date_asks_and_purges(personal, monkeypatch):
    monkeypatch.setattr(console, "_width", 200)
    set_today(AFTER)
    code, output = _purge("--personal-data")
    assert code == 1 and "2023-01-01" in output
    assert _purge("--personal-data", "--force")[0] == 2  # no reason
    assert _purge("--force", "--reason", "x", "--yes")[0] == 2  # what to purge, unsaid

    code, output = _purge("--personal-data", "--force", "--reason", "Besluttet", answer="n\n")
    assert code == 1 and m.Purge.objects.count() == 0
    assert "Privat" not in output  # counts only

    code, output = _purge("--personal-data", "--force", "--reason", "Besluttet", "--yes")
    assert code == 0, output
    purge = m.Purge.objects.get()
    assert (purge.ran_by, purge.forced, purge.reason) == ("dpo", True, "Besluttet")
    assert m.Citizen.objects.get(ext_id="V-CIT2").cpr_hash == ""
