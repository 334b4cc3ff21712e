"""How `overgang plan` and `overgang show-plan` print a plan's civil servants (tjenestemænd).

Civil servants move by their own rules, not the transfer of undertakings act: the receiving
municipality offers a suitable post, which they may decline and keep a civil servant's
rights. The summary counts them per municipality and warns of those moved against their
wish; `show-plan --decisions` (a logged listing) names them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.cli.console import console


def show_civil_servants(metrics: dict[str, Any], names: dict[int, str], plan_id: Any) -> None:
    """Print the civil servants per municipality, and a warning for those moved against their wish."""
    figures = metrics.get("civil_servants")
    if figures is None:
        return  # a plan made before civil servants were counted
    rows = figures["pr_kommune"]
    total = sum(r["tjenestemaend"] for r in rows)
    if not total:
        return
    console.print(
        _(
            "Civil servants (tjenestemænd): %(total)d (%(split)s); transferred: %(transferred)d, against their wish: %(against)d."
        )
        % {
            "total": total,
            "split": ", ".join(
                f"{names.get(r['kommune'], str(r['kommune']))} {r['tjenestemaend']}" for r in rows
            ),
            "transferred": sum(r["overfoert"] for r in rows),
            "against": sum(r["flyttet_mod_oenske"] for r in rows),
        },
        soft_wrap=True,
    )
    against = len(figures["mod_oenske"])
    if against:
        warning = _("Warning")
        console.print(
            f"[yellow]{warning}:[/yellow] "
            + ngettext(
                "%(count)d civil servant is moved against their wish. They may decline the post offered and keep a civil servant's rights (rådighedsløn for up to three years, or ventepenge or pension); ask HR to confirm them. 'overgang show-plan %(id)s --decisions' names them.",
                "%(count)d civil servants are moved against their wish. They may decline the post offered and keep a civil servant's rights (rådighedsløn for up to three years, or ventepenge or pension); ask HR to confirm them. 'overgang show-plan %(id)s --decisions' names them.",
                against,
            )
            % {"count": against, "id": plan_id},
            soft_wrap=True,
        )


def list_civil_servants_against_wish(metrics: dict[str, Any]) -> None:
    """Name the civil servants moved against their wish (with --decisions, which is logged)."""
    rows = (metrics.get("civil_servants") or {}).get("mod_oenske", [])
    if rows:
        console.print(
            _("Civil servants moved against their wish: %(ids)s")
            % {"ids": ", ".join(str(r["medarbejder_id"]) for r in rows)},
            soft_wrap=True,
        )
