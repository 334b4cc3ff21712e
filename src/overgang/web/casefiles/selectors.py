"""Reads of the case files' way to the receiving case systems: counts, not cases."""

from __future__ import annotations

from django.db.models import Count

from overgang.web.casefiles.models import CaseTransfer, TransferStatus

# The dashboard's columns, in the order of the work: answered, then waiting.
STATUSES = (TransferStatus.TAKEN_OVER, TransferStatus.PENDING, TransferStatus.REFUSED)


def transfer_counts() -> dict[int, dict[str, int]]:
    """Per receiving municipality's code, how many listed cases are taken over, pending, refused."""
    counts: dict[int, dict[str, int]] = {}
    for code, status, n in (
        CaseTransfer.objects.values("municipality_code", "status")
        .annotate(n=Count("pk"))
        .values_list("municipality_code", "status", "n")
    ):
        counts.setdefault(code, {str(s): 0 for s in STATUSES})[status] = n
    return dict(sorted(counts.items()))
