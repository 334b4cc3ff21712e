"""The overview's counts of cases per receiving case system: taken over, pending, refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from overgang.web.casefiles.selectors import STATUSES
from overgang.web.pages.figures import figures


def case_transfer_table(
    user: Any, counts: Mapping[int, Mapping[str, int]], names: Mapping[int, str]
) -> dict[str, Any]:
    """Per receiving municipality: cases taken over, pending and refused, as the user may see
    them (suppressed for committees); {} while no case is on a transfer list."""
    if not counts:
        return {}
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
