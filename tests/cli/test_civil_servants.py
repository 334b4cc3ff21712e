"""`overgang plan` and `show-plan` count the plan's civil servants and warn of one moved
against their wish; only `show-plan --decisions`, a logged listing, names them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.core.domain import EmploymentForm
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import StoredPlan
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, citizen, dataset, employee, interview

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def planned(wide_console) -> str:
    """TJM-1 (civil servant) wishes to stay but must move with a Vallensbæk case; TJM-2 (civil
    servant) moves by wish; OK-1 stays by wish. Returns `overgang plan`'s output."""
    civil = EmploymentForm.CIVIL_SERVANT
    data = dataset(
        employees=[
            employee("TJM-1", employment_form=civil),
            employee("TJM-2", employment_form=civil),
            employee("OK-1", employment_form=EmploymentForm.COLLECTIVE_AGREEMENT),
        ],
        interviews=[
            interview("TJM-1", ISHOEJ),
            interview("TJM-2", VALLENSBAEK),
            interview("OK-1", ISHOEJ),
        ],
        citizens=[citizen("v1", VALLENSBAEK), citizen("v2", VALLENSBAEK), citizen("i1", ISHOEJ)],
        cases=[
            case("V1", "v1", VALLENSBAEK, "TJM-1", load=8),
            case("V2", "v2", VALLENSBAEK, "TJM-2", load=8),
            case("I1", "i1", ISHOEJ, "OK-1", load=8),
        ],
    )
    merge_dataset(data, file_name="tjm.xlsx", file_hash="0" * 64, imported_by="test")
    result = runner.invoke(app, ["plan", "--time-limit", "5"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_plan_counts_civil_servants_and_warns_of_one_moved_against_the_wish(planned):
    assert "Tjenestemænd: 2 (Ishøj 0, Vallensbæk 2); overført: 2, mod deres ønske: 1." in planned
    assert "1 tjenestemand flyttes mod sit ønske" in planned
    assert f"overgang show-plan {StoredPlan.objects.get().pk} --decisions" in planned
    assert "TJM-1" not in planned  # counts only, without --decisions


def test_show_plan_names_the_civil_servant_only_in_the_logged_decisions_listing(planned):
    plan_id = str(StoredPlan.objects.get().pk)  # not 1 on PostgreSQL, whose ids run on
    summary = runner.invoke(app, ["show-plan", plan_id], catch_exceptions=False).output
    assert "1 tjenestemand flyttes mod sit ønske" in summary
    assert "Tjenestemænd flyttet mod deres ønske" not in summary
    listing = runner.invoke(app, ["show-plan", plan_id, "--decisions"], catch_exceptions=False)
    listing = listing.output
    assert "Tjenestemænd flyttet mod deres ønske: TJM-1" in listing
    assert AuditEntry.objects.filter(object_type="planning.decisions").exists()
