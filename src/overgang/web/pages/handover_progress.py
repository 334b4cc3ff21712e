"""The handover records' progress on the overview: per municipality and profession, in counts
(suppressed for committees through `pages.figures`), and the overdue ones flagged to those
who see them (the team leader first of all)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from overgang.core.handover_records import PROGRESS_COLUMNS
from overgang.web.access import PERSONAL_ROLES, role_of
from overgang.web.dataset.models import Municipality, Profession
from overgang.web.pages.figures import figures
from overgang.web.planning.models import CaseDecision
from overgang.web.process.handover_records import (
    changing_decisions,
    handover_progress,
    overdue_filter,
    step_names,
)


def progress_columns() -> list[tuple[str, str]]:
    """The progress table's columns: key and heading."""
    names = {"cases": _("Cases changing contact person"), **step_names()}
    names["overdue"] = _("Family visit overdue")
    return [(key, str(names[key])) for key in PROGRESS_COLUMNS]


def handover_overview(user: Any) -> dict[str, Any]:
    """The overview's handover progress table and, for personal roles, the overdue records
    they may see."""
    rows = handover_progress()
    municipalities = dict(Municipality.objects.values_list("code", "name"))
    professions = dict(Profession.objects.values_list("code", "name"))
    labels = [
        f"{municipalities.get(r.municipality, r.municipality)} – "
        f"{professions.get(r.profession, r.profession)}"
        for r in rows
    ]
    columns = progress_columns()
    shown = figures(
        user,
        labels,
        [key for key, _heading in columns],
        [list(r.counts()) for r in rows],
        row_totals=False,
        column_totals=True,
    )
    table = [(label, [shown.cell(label, key)[1] for key, _heading in columns]) for label in labels]
    totals = [shown.column_totals[key][1] for key, _heading in columns] if rows else []
    overdue = None
    if role_of(user) in PERSONAL_ROLES:
        visible = changing_decisions(CaseDecision.objects.for_user(user))
        overdue = visible.filter(overdue_filter()).count()
    return {
        "handover_columns": columns,
        "handover_rows": table,
        "handover_totals": totals,
        "handovers_overdue": overdue,
    }
