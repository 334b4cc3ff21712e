"""The words of district teams and joint family plans, in the active language (Danish by default)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from overgang.core.family_plans import CoordinatorRule


def coordinator_rule_text(rule: str) -> str:
    """Return why a family plan has the coordinator it has."""
    if rule == CoordinatorRule.FAMILY_COUNSELLOR:
        return _("family counsellor")
    if rule == CoordinatorRule.LARGEST_LOAD:
        return _("most of the family's load (no family counsellor)")
    return _("no contact person")


def shared_staff_reason_text(reason: str) -> str:
    """Return why an employee belongs to no district team."""
    if reason == "no_cases":
        return _("a profession without cases: shared by the municipality's teams")
    if reason == "spare_leader":
        return _("a leader beyond one per team")
    return _("the municipality has no school districts")
