"""The comparison's records: stored plans' figures side by side, with the first plan's names."""

from __future__ import annotations

from collections.abc import Sequence

from overgang.reports.comparison import ComparisonSources
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.scenarios import stored_figures
from overgang.web.reporting.sources import plan_labels


def load_comparison(plans: Sequence[StoredPlan]) -> ComparisonSources:
    """Return the plans' figures (with their stored teams and robustness), in the order given."""
    if not plans:
        raise ValueError("nothing to compare")
    municipalities, professions, _host = plan_labels(plans[0])
    return ComparisonSources(
        figures=tuple(stored_figures(p) for p in plans),
        municipalities=municipalities,
        professions=professions,
        made_on=plans[-1].created_at.date(),
    )
