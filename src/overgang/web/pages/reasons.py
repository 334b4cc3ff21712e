"""A stored decision's reason in words, in the active language (`overgang.texts.reasons`)."""

from __future__ import annotations

from overgang.core.planning.plan import Reason
from overgang.texts.reasons import case_reason_text, employee_reason_text
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan


def _labels(plan: StoredPlan) -> tuple[dict[int, str], dict[str, str], int]:
    labels = plan.labels or {}
    names = {int(code): name for code, name in labels.get("kommuner", {}).items()}
    professions = dict(labels.get("faggrupper", {}))
    return names, professions, int(labels.get("vaert", {}).get("kode", 0))


def employee_decision_text(decision: EmployeeDecision) -> str:
    reason = Reason(decision.reason_code, tuple(decision.reason_params.items()))
    return employee_reason_words(decision.plan, reason)


def case_decision_text(decision: CaseDecision) -> str:
    reason = Reason(decision.reason_code, tuple(decision.reason_params.items()))
    return case_reason_words(decision.plan, reason)


def employee_reason_words(plan: StoredPlan, reason: Reason) -> str:
    """Word the reason of an employee decision of `plan` (one of two plans compared)."""
    names, _professions, host = _labels(plan)
    return employee_reason_text(reason, names, host)


def case_reason_words(plan: StoredPlan, reason: Reason) -> str:
    names, professions, host = _labels(plan)
    return case_reason_text(reason, names, professions, host)


def municipality_names(plan: StoredPlan) -> dict[int, str]:
    return _labels(plan)[0]
