"""Use cases of the interview follow-up: mark an employee "not relevant" for an interview, and undo it.

An employee on long leave, or leaving before the effective date anyway, need not be
interviewed; marking them (with the reason) takes them out of the follow-up's counts.
Each use case writes in one transaction with its audit entry; pages and the command
line call these and write nothing themselves.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Employee
from overgang.web.process.models import InterviewExemption


class ExemptionRefused(ValueError):
    """The mark cannot be made as asked; the message says why, for the user."""


# Long enough for a sentence or two; the reason is personal data and is purged with the rest.
REASON_MAX_CHARS = 1000


@transaction.atomic
def exempt_from_interview(*, employee: Employee, reason: str, by: Actor) -> InterviewExemption:
    """Mark the employee as not relevant for an interview, with the reason (replacing an earlier one)."""
    reason = reason.strip()
    if not reason:
        raise ExemptionRefused(_("Give the reason the employee need not be interviewed."))
    if len(reason) > REASON_MAX_CHARS:
        raise ExemptionRefused(
            _("The reason is longer than %(limit)d characters.") % {"limit": REASON_MAX_CHARS}
        )
    exemption, created = InterviewExemption.objects.update_or_create(
        employee_id=employee.ext_id, defaults={"reason": reason, "marked_by": user_of(by)}
    )
    record(
        by, Action.CREATE if created else Action.UPDATE, exemption, detail={"fields": ["reason"]}
    )
    return exemption


@transaction.atomic
def undo_interview_exemption(*, employee: Employee, by: Actor) -> bool:
    """Count the employee as due for an interview again; return whether they were marked."""
    exemption = InterviewExemption.objects.filter(employee_id=employee.ext_id).first()
    if exemption is None:
        return False
    record(by, Action.DELETE, exemption)
    exemption.delete()
    return True
