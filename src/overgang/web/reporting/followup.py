"""The status report's records of the children's handovers and of the continuity kept after
the effective date: counts only, loaded here so the reports run no query."""

from __future__ import annotations

from typing import Any

from overgang.web.casefiles.contact_changes import continuity
from overgang.web.planning.models import CaseDecision, StoredPlan
from overgang.web.process.handover_records import handover_progress
from overgang.web.process.models import Transition


def followup(plan: StoredPlan, transition: Transition) -> dict[str, Any]:
    """The fields of `ReportSources` about handover records and continuity, for this plan."""
    kept = continuity(plan)
    return {
        "handover_progress": handover_progress(CaseDecision.objects.filter(plan=plan)),
        "handover_visit_days": transition.handover_visit_days,
        "continuity_kept": kept.rows,
        "contact_changes_recorded": kept.changes_recorded,
    }
