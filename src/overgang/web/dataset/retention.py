"""The retention rule: when the transition is over, the personal data go; counts and the log stay.

Personal data are kept until `OVERGANG_RETENTION_MONTHS` months (12 by default) after the
effective date: `retained_until()`. From then on `purge_personal_data` blanks, in one
transaction:

- citizens: the CPR hash, the year of birth, the school district and the institution, and
  the family (each citizen becomes a family of their own);
- cases: the provider, the legal basis, the start date, the vulnerability (back to 1), the
  earlier changes of contact person (back to 0) and the contact person;
- employees' interviews: the wish, the acceptable municipalities and the remark;
- handover meetings: the participants, the notes, the summary for the new contact person
  and what the child said in the conversation about the change;
- fixed decisions about a case: the reason;
- interview exemptions ("not relevant for an interview"): the reason (the mark stays, so
  the counts stay right).
- case transfers: the receiving case system's reason for refusing a case.

What stays: every row under its id, with what the counts need (municipality, profession,
service, delivery, load); the stored plans, which are immutable, with their decisions and
metrics; the employees, whose employment is now their municipality's to keep; and the audit
log, kept for its own period (`OVERGANG_AUDIT_RETENTION_MONTHS` after each entry). A purge
leaves its record: a `Purge` row with the rows blanked per kind, and an audit entry naming
every citizen whose data it removed. Before the date it is refused, unless forced with a
reason, which both record.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor, actor_name
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.casefiles.models import CaseTransfer
from overgang.web.dataset.models import Case, Citizen, Interview, Purge
from overgang.web.planning.models import FixedDecision, FixKind
from overgang.web.process import clock
from overgang.web.process.models import HandoverMeeting, InterviewExemption


class RetentionError(RuntimeError):
    """The purge is refused: the personal data are still within their retention period."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retained_until() -> date:
    """The first day the personal data may be purged: the effective date plus the period."""
    return add_months(clock.effective_date(), settings.OVERGANG_RETENTION_MONTHS)


def audit_log_months() -> int:
    """How long each audit log entry is kept, in months (the purge never touches the log)."""
    return int(settings.OVERGANG_AUDIT_RETENTION_MONTHS)


def _holding_personal_data() -> dict[str, QuerySet[Any]]:
    """Per kind, the rows that still hold personal data (none after a purge)."""
    return {
        "citizens": Citizen.objects.filter(
            ~Q(cpr_hash="")
            | Q(birth_year__isnull=False)
            | Q(district__isnull=False)
            | Q(institution__isnull=False)
            | ~Q(family_id=F("ext_id"))
        ),
        "cases": Case.objects.filter(
            ~Q(provider="")
            | ~Q(legal_basis="")
            | Q(started_on__isnull=False)
            | ~Q(vulnerability=1)
            | ~Q(earlier_changes=0)
            | Q(contact_person__isnull=False)
        ),
        "interviews": Interview.objects.filter(
            Q(wished_municipality__isnull=False) | ~Q(note="") | ~Q(acceptable_municipalities=[])
        ),
        "handover_meetings": HandoverMeeting.objects.filter(
            ~Q(participants="") | ~Q(notes="") | ~Q(summary="") | ~Q(child_conversation_note="")
        ),
        "case_fixes": FixedDecision.objects.filter(kind=FixKind.CASE).exclude(reason=""),
        "interview_exemptions": InterviewExemption.objects.exclude(reason=""),
        "case_transfers": CaseTransfer.objects.exclude(reason=""),
    }


def pending_purge() -> dict[str, int]:
    """How many rows per kind a purge would blank now."""
    return {kind: rows.count() for kind, rows in _holding_personal_data().items()}


def _citizens_concerned(rows: dict[str, QuerySet[Any]]) -> list[str]:
    """The citizens whose data the purge removes: theirs, their cases', meetings' and fixes'."""
    cases = Case.objects.filter(
        Q(pk__in=rows["cases"].values("pk"))
        | Q(ext_id__in=rows["handover_meetings"].values("decision__case_id"))
        | Q(ext_id__in=rows["case_fixes"].values("subject_id"))
        | Q(ext_id__in=rows["case_transfers"].values("case_id"))
    )
    return sorted(
        set(rows["citizens"].values_list("ext_id", flat=True))
        | set(cases.values_list("citizen__ext_id", flat=True))
    )


@transaction.atomic
def purge_personal_data(*, by: Actor, force_reason: str = "") -> Purge:
    """Blank the personal data the transition no longer needs; keep the counts and the log.

    Refused (RetentionError) before `retained_until()` unless `force_reason` says why.
    """
    until, today = retained_until(), clock.today()
    forced = today < until
    reason = force_reason.strip()
    if forced and not reason:
        raise RetentionError(
            _(
                "The personal data are kept until %(date)s, %(months)d months after the "
                "effective date %(effective)s. To purge them before that, force it and give "
                "the reason."
            )
            % {
                "date": until.isoformat(),
                "months": settings.OVERGANG_RETENTION_MONTHS,
                "effective": clock.effective_date().isoformat(),
            }
        )
    rows = _holding_personal_data()
    citizens = _citizens_concerned(rows)
    counts = {
        "citizens": rows["citizens"].update(
            cpr_hash="", birth_year=None, district=None, institution=None, family_id=F("ext_id")
        ),
        "cases": rows["cases"].update(
            provider="",
            legal_basis="",
            started_on=None,
            vulnerability=1,
            earlier_changes=0,
            contact_person=None,
        ),
        # A new version, so that an edit begun before the purge is refused, not saved over it.
        "interviews": rows["interviews"].update(
            wished_municipality=None,
            acceptable_municipalities=[],
            note="",
            version=F("version") + 1,
        ),
        "handover_meetings": rows["handover_meetings"].update(
            participants="",
            notes="",
            summary="",
            child_conversation_note="",
            version=F("version") + 1,
        ),
        "case_fixes": rows["case_fixes"].update(reason=""),
        "interview_exemptions": rows["interview_exemptions"].update(reason=""),
        "case_transfers": rows["case_transfers"].update(reason=""),
    }
    purge = Purge.objects.create(
        ran_by=actor_name(by), forced=forced, reason=reason, retained_until=until, counts=counts
    )
    detail: dict[str, Any] = {"counts": counts, "retained_until": until.isoformat()}
    if forced:
        detail.update(forced=True, reason=reason)
    if citizens:
        detail["citizens"] = citizens
    record(by, Action.DELETE, purge, object_id=str(purge.pk), detail=detail)
    return purge
