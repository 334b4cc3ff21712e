"""`{% load casefile_tags %}`: the dashboard's counts of cases per receiving case system."""

from __future__ import annotations

from typing import Any

from django import template

from overgang.web.casefiles.selectors import STATUSES, transfer_counts
from overgang.web.dataset.models import Municipality
from overgang.web.pages.figures import figures

register = template.Library()


@register.simple_tag
def case_transfer_figures(user: Any) -> dict[str, Any]:
    """Per municipality: cases taken over, pending and refused (suppressed for committees)."""
    counts = transfer_counts()
    if not counts:
        return {}
    names = dict(Municipality.objects.values_list("code", "name"))
    rows = [names.get(code, str(code)) for code in counts]
    columns = [str(s) for s in STATUSES]
    shown = figures(
        user,
        rows,
        columns,
        [[per[c] for c in columns] for per in counts.values()],
        row_totals=True,
        column_totals=False,
    )
    return {
        "columns": [s.label for s in STATUSES],
        "rows": [
            (row, [shown.cell(row, c)[1] for c in columns], shown.row_totals[row][1])
            for row in rows
        ],
    }
