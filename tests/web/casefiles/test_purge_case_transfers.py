"""The retention purge blanks a refusal's reason and keeps the transfer's status and count."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.casefiles.models import CaseTransfer
from overgang.web.dataset.retention import pending_purge, purge_personal_data
from tests.web.users import set_today

pytestmark = pytest.mark.django_db


def test_the_purge_blanks_the_reason_a_case_system_gave_for_refusing_a_case(world):
    CaseTransfer.objects.create(case_id="MOVE", municipality_code=187, status="afvist", reason="x")
    CaseTransfer.objects.create(case_id="V-CASE", municipality_code=187, status="overtaget")
    set_today(date(2023, 1, 1))
    assert pending_purge()["case_transfers"] == 1
    purge = purge_personal_data(by=SystemActor("dpo"))
    assert purge.counts["case_transfers"] == 1
    assert set(CaseTransfer.objects.values_list("case_id", "status", "reason")) == {
        ("MOVE", "afvist", ""),
        ("V-CASE", "overtaget", ""),
    }
    assert "V-CIT2" in purge_entry_citizens()


def purge_entry_citizens() -> list[str]:
    from overgang.web.audit.models import AuditEntry

    return AuditEntry.objects.get(object_type="dataset.purge").detail["citizens"]
