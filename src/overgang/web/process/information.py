"""Informing the employee representatives, and what an approval must be confirmed against.

Under the transfer of undertakings act (§ 7) both employers inform the representatives of
the date, the reason, the consequences and the measures planned, in good time; the MED
agreement has management inform and consult before decisions are taken (LEGAL-NOTES §1.2,
§1.6). Approving a plan while a consultation is open, or before the representatives are
recorded as informed, is possible, but only with a reason the transition lead gives.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.process.clock import today
from overgang.web.process.concurrency import save_versioned
from overgang.web.process.errors import ProcessError
from overgang.web.process.models import Consultation, LegalBasis, Transition

# The legal bases under which the transfer of undertakings act governs the move.
ACT_APPLIES = frozenset({LegalBasis.BY_LAW, LegalBasis.BY_AGREEMENT})


class ApprovalNeedsReason(ProcessError):
    """The approval must be confirmed with a reason; `concerns` says what it goes against."""

    def __init__(self, concerns: list[str]) -> None:
        super().__init__(
            _("Confirm the approval with a reason: %(concerns)s") % {"concerns": " ".join(concerns)}
        )
        self.concerns = concerns


def approval_concerns(day: date | None = None) -> list[str]:
    """Return, in words, why approving a plan now needs a reason: open consultations, and
    representatives not recorded as informed. Empty when nothing stands in the way."""
    day = day or today()
    concerns = [
        _("The consultation “%(title)s” is open until %(deadline)s.")
        % {"title": c.title, "deadline": c.deadline.isoformat()}
        for c in Consultation.objects.filter(deadline__gte=day).order_by("deadline", "pk")
    ]
    if Transition.current().representatives_informed_on is None:
        concerns.append(_("The employee representatives are not recorded as informed."))
    return concerns


def act_applies(transition: Transition | None = None) -> bool:
    """Whether the transfer of undertakings act governs the move (by law or by agreement)."""
    return (transition or Transition.current()).legal_basis in ACT_APPLIES


@transaction.atomic
def record_representatives(
    *,
    version: int,
    informed_on: date | None,
    consulted_on: date | None,
    note: str,
    by: Actor,
) -> Transition:
    """Record when the employee representatives were informed and consulted (StaleEdit if
    the transition was changed since `version`)."""
    day = today()
    for value in (informed_on, consulted_on):
        if value is not None and value > day:
            raise ProcessError(
                _("Record the day it happened; %(day)s has not come.") % {"day": value}
            )
    if consulted_on is not None and informed_on is None:
        raise ProcessError(_("The representatives are informed before they are consulted."))
    if consulted_on is not None and informed_on is not None and consulted_on < informed_on:
        raise ProcessError(_("The representatives are informed before they are consulted."))
    changes = {
        "representatives_informed_on": informed_on,
        "representatives_consulted_on": consulted_on,
        "representatives_note": note.strip(),
    }
    saved = save_versioned(Transition.current(), version, changes)
    record(
        by,
        Action.UPDATE,
        saved,
        detail={
            "fields": sorted(changes),
            "informed_on": str(informed_on or ""),
            "consulted_on": str(consulted_on or ""),
        },
    )
    return saved
