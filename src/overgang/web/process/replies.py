"""Use case of the consultation: the administration's reply to a body's response.

The transition lead answers each point a body raised; the council and the committee
see the response and the reply side by side (the consultation page and the
compilation, `overgang.reports.consultation`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.process.concurrency import save_versioned
from overgang.web.process.models import ConsultationResponse


class ReplyRefused(ValueError):
    """The reply cannot be saved as asked; the message says why, for the user."""


@transaction.atomic
def reply_to_response(
    *, response: ConsultationResponse, version: int, text: str, by: Actor
) -> ConsultationResponse:
    """Save the administration's reply to a submitted response, unless someone changed the
    response since `version` (StaleEdit); an empty text withdraws the reply."""
    if response.submitted_at is None:
        raise ReplyRefused(_("The body has not submitted a response to reply to."))
    text = text.strip()
    changes = {
        "reply": text,
        "replied_by": user_of(by) if text else None,
        "replied_at": timezone.now() if text else None,
    }
    saved = save_versioned(response, version, changes)
    record(by, Action.UPDATE, saved, detail={"fields": ["reply"]})
    return saved
