"""The handover records' progress on the overview: per municipality and profession, in counts
(suppressed for committees through `pages.figures`), and the overdue ones flagged to those
who see them (the team leader first of all)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from overgang.core.handover_records import PROGRESS_COLUMNS, Progress
from overgang.web.access import PERSONAL_ROLES, role_of
from overgang.web.pages.figures import figures
from overgang.web.planning.models import CaseDecision
from overgang.web.process.handover_records import (
    changing_decisions,
    overdue_filter,
    step_names,
)


def progress_columns() -> list[tuple[str, str]]:
    """The progress table's columns: key and heading."""
    names = {"cases": _("Cases changing contact person"), **step_names()}
    names["overdue"] = _("Family visit overdue")
    return [(key, str(names[key])) for key in PROGRESS_COLUMNS]


def handover_table(
    user: Any,
    rows: Sequence[Progress],
    municipalities: Mapping[int, str],
    professions: Mapping[str, str],
) -> dict[str, Any]:
    """The overview's handover progress table from these counts, as the user may see them."""
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
    return {"handover_columns": columns, "handover_rows": table, "handover_totals": totals}


def handovers_overdue(user: Any) -> int | None:
    """How many of the handover records a personal role may see are overdue; None for others."""
    if role_of(user) not in PERSONAL_ROLES:
        return None
    visible = changing_decisions(CaseDecision.objects.for_user(user))
    return visible.filter(overdue_filter()).count()
