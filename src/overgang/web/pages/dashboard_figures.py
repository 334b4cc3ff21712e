"""The overview's figures, computed at most once every few seconds per server process.

The overview is the page every role opens first and keeps open; its figures are counts
over the whole transition (some twenty-five queries). They change a few times a minute in
the interview weeks, and a figure a few seconds old is as good as a fresh one to its
readers, as long as it says when it was counted and never hides the reader's own write.
So the counts are kept in Django's cache for `settings.STATUS_SECONDS` (5 by default,
OVERGANG_STATUS_SECONDS; 0 computes them on every request) with the moment they were
computed, which the page shows ("Figures as of 07:41:12"). They are computed afresh when
older than that, or when the user has written since (own_writes.py): a team leader who
has just recorded an interview sees it counted at once, another user within the seconds.

What is kept holds no personal data, only counts and milestones; what the overview shows
of people (the civil servants flagged to the transition lead, the overdue handover
records a caseworker may see) is read per request through the scoping layer, and logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from overgang.core.handover_records import Progress
from overgang.web.casefiles.selectors import transfer_counts
from overgang.web.dataset.models import Municipality, Profession
from overgang.web.own_writes import wrote_since
from overgang.web.pages.figures import aggregate_only
from overgang.web.pages.status import ProcessStatus, process_status
from overgang.web.process.handover_records import handover_progress
from overgang.web.process.milestones import milestones_ahead
from overgang.web.process.models import Milestone

CACHE_KEY = "overgang:overview-figures"


@dataclass(frozen=True)
class OverviewFigures:
    """The overview's counts as computed at one moment, the same for every user."""

    computed_at: datetime
    status: ProcessStatus
    handovers: tuple[Progress, ...]  # per municipality and profession
    transfers: dict[int, dict[str, int]]  # per receiving municipality's code
    municipality_names: dict[int, str]
    profession_names: dict[str, str]
    milestones: list[tuple[Milestone, str]]  # with their state: overdue, due soon, ahead


def compute_overview_figures() -> OverviewFigures:
    """Return the overview's counts computed now."""
    # Taken before the first query: every write that ended before this moment is counted.
    computed_at = timezone.now()
    status = process_status()
    return OverviewFigures(
        computed_at=computed_at,
        status=status,
        handovers=handover_progress(),
        transfers=transfer_counts(),
        municipality_names=dict(Municipality.objects.values_list("code", "name")),
        profession_names=dict(Profession.objects.values_list("code", "name")),
        milestones=milestones_ahead(status.today, status.next_milestones),
    )


def _usable(kept: Any, request: HttpRequest, seconds: float) -> bool:
    if not isinstance(kept, OverviewFigures):
        return False
    moment = kept.computed_at.timestamp()
    fresh = timezone.now().timestamp() - moment < seconds
    return fresh and not wrote_since(request, moment)


def overview_figures(request: HttpRequest) -> OverviewFigures:
    """Return the overview's counts: those kept, unless older than STATUS_SECONDS or older
    than the user's last write; else computed now and kept."""
    seconds = float(settings.STATUS_SECONDS)
    if seconds <= 0:
        return compute_overview_figures()
    kept = cache.get(CACHE_KEY)
    if _usable(kept, request, seconds):
        return kept  # type: ignore[no-any-return]
    figures = compute_overview_figures()
    cache.set(CACHE_KEY, figures, seconds)
    return figures


def kept_for(
    figures: OverviewFigures, user: Any, draw: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """What `draw` makes of these figures for this user, kept as long as the figures are: the
    same for every user who sees the same counts (exact or suppressed) in the same language."""
    seconds = float(settings.STATUS_SECONDS)
    if seconds <= 0:
        return draw()
    seen = "aggregate" if aggregate_only(user) else "exact"
    key = f"{CACHE_KEY}:drawn:{figures.computed_at.timestamp()}:{seen}:{get_language()}"
    drawn = cache.get(key)
    if drawn is None:
        drawn = draw()
        cache.set(key, drawn, seconds)
    return drawn  # type: ignore[no-any-return]
