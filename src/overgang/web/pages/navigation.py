"""The main menu: the pages a user's role may open, in the order of the transition's work."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from overgang.web.access import can


@dataclass(frozen=True)
class Item:
    url: str
    label: str
    current: bool


def _entries() -> list[tuple[str, str, str]]:
    return [
        ("pages:dashboard", _("Overview"), "view_dashboard"),
        ("pages:import", _("Import"), "import_workbook"),
        ("pages:employees", _("Employees"), "view_employees"),
        ("pages:interview-followup", _("Interview follow-up"), "record_interview"),
        ("pages:citizens", _("Citizens"), "view_citizens"),
        ("pages:cases", _("Cases"), "view_cases"),
        ("pages:plans", _("Scenarios and plans"), "view_plans"),
        ("pages:handovers", _("Handovers"), "view_handovers"),
        ("pages:case-transfers", _("Case transfers"), "transfer_case_files"),
        ("pages:continuity", _("Continuity after the effective date"), "view_continuity"),
        ("pages:teams", _("District teams"), "view_teams"),
        ("pages:resignations", _("Resignations"), "view_resignations"),
        ("pages:consultations", _("Consultations"), "view_consultations"),
        ("pages:staff-concerns", _("Staff concerns"), "view_aggregates"),
        ("pages:milestones", _("Milestones"), "view_milestones"),
        ("pages:settlement", _("Settlement"), "view_settlement"),
        ("pages:reports", _("Reports"), "download_aggregate_reports"),
        ("pages:transition", _("The transition"), "manage_transition"),
        ("pages:bodies", _("Consulted bodies"), "manage_transition"),
        ("pages:users", _("Users"), "manage_transition"),
        ("pages:audit", _("Audit log"), "view_audit_log"),
    ]


def menu(request: HttpRequest) -> list[Item]:
    """Return the menu items the user may open, marking the one being shown."""
    items = []
    for name, label, action in _entries():
        if not can(request.user, action):
            continue
        url = reverse(name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append(Item(url, label, current))
    return items


def first_page(request: HttpRequest) -> str | None:
    """Return the address of the first page the user may open."""
    items = menu(request)
    return items[0].url if items else None
