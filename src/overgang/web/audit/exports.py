"""Personal data leaving the system in a file: one audit entry naming what the file held.

Letters, handover and transfer lists, the plan file and the workbook export are each
logged by `record_export`, from the pages and the command line alike: the report's
kind and plan (`reports.<kind>`, the plan's id), the files, how many of each kind of
object they held (`held`), and the ids of the employees, cases and citizens in them.
The citizens' ids are what `overgang audit citizen` finds an export by.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from overgang.web.audit.log import record
from overgang.web.audit.models import Action, AuditEntry

# The kinds of object whose ids an export's entry lists, in this order.
LISTED = ("employees", "cases", "citizens")


def export_detail(
    held: Mapping[str, Collection[str]],
    counts: Mapping[str, int] | None = None,
    **detail: Any,
) -> dict[str, Any]:
    """The entry's detail: `held` ({kind: count}) and the sorted ids of each listed kind.

    `held` gives the ids per kind (employees, cases, citizens); `counts` adds kinds
    counted only (the workbook's interviews, say).
    """
    ids = {kind: sorted(set(held.get(kind, ()))) for kind in LISTED}
    totals = {kind: len(found) for kind, found in ids.items() if found}
    totals.update(counts or {})
    return {**detail, "held": totals, **{kind: found for kind, found in ids.items() if found}}


def record_export(
    request_or_user: Any,
    *,
    report: str,
    object_id: str,
    held: Mapping[str, Collection[str]],
    counts: Mapping[str, int] | None = None,
    files: Sequence[str] = (),
    **detail: Any,
) -> AuditEntry:
    """Log that a file of personal data was made: which report, what it held, by whom."""
    if files:
        detail["files"] = sorted(files)
    return record(
        request_or_user,
        Action.DOWNLOAD,
        object_type=f"reports.{report}",
        object_id=object_id,
        detail=export_detail(held, counts, **detail),
    )
