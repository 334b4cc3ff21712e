"""The data protection officer's questions, answered from the audit log.

`accesses_to_citizen(borger_id)` gives every entry about one citizen, for their request
for insight: reads of the citizen, of their cases, of the plan's decisions about their
cases, of handover meetings and fixes, refused look-ups, and the exports that held them,
each with who, when, what and from where. `accesses_by_user(name)` gives everything one
user did. `write_csv` writes either as a file; `record_insight` logs that it was asked.

An entry names the citizens whose data it is about in `detail["citizens"]` (written by
`audit.log`, and by `audit.exports` for files), so the answer stays exact after the
citizen's cases have changed or been purged. Entries written before that key existed
are found through the citizen's cases as the data set holds them now; this module,
unlike the log itself, therefore reads the data models (nothing below imports it).

What a citizen is shown of an entry is only their own part: of a list of forty cases,
their case. Nobody else's ids leave in an answer to one citizen.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overgang.web.audit.log import record
from overgang.web.audit.models import Action, AuditEntry
from overgang.web.dataset.models import Case
from overgang.web.planning.models import FixedDecision, FixKind
from overgang.web.process.models import HandoverMeeting

# Object types the audit log names that are not models, in words.
_REPORT_WORDS = {
    "reports.letters": gettext_lazy("decision letters"),
    "reports.lists": gettext_lazy("handover and transfer lists"),
    "reports.handover-list": gettext_lazy("handover list"),
    "reports.plan-file": gettext_lazy("plan file"),
    "reports.workbook": gettext_lazy("workbook export"),
    "audit.insight": gettext_lazy("insight into the audit log"),
}
# How many ids a line of the table shows before "and N more" (the CSV has them all).
SHOWN_IDS = 8


@dataclass(frozen=True)
class Access:
    """One entry of the audit log as an answer shows it."""

    seq: int
    at: datetime
    username: str
    action: str
    object_type: str
    ids: tuple[str, ...]  # the objects the entry names (for a citizen: theirs only)
    count: int  # how many objects the entry is about in all (a list, a file)
    municipality: int | None
    address: str

    @property
    def action_words(self) -> str:
        try:
            return str(Action(self.action).label)
        except ValueError:
            return self.action

    @property
    def object_words(self) -> str:
        return object_words(self.object_type)

    @property
    def ids_shown(self) -> str:
        """The ids for a table: the first few, and how many more."""
        shown = ", ".join(self.ids[:SHOWN_IDS])
        more = len(self.ids) - SHOWN_IDS
        if more > 0:
            shown += " " + _("and %(count)d more") % {"count": more}
        return shown


def object_words(object_type: str) -> str:
    """The kind of object in words: the model's name, or the report's."""
    if object_type in _REPORT_WORDS:
        return str(_REPORT_WORDS[object_type])
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _between(rows: Any, since: date | None, until: date | None) -> Any:
    zone = timezone.get_current_timezone()
    if since is not None:
        rows = rows.filter(at__gte=datetime.combine(since, time.min, zone))
    if until is not None:
        rows = rows.filter(at__lt=datetime.combine(until + timedelta(days=1), time.min, zone))
    return rows


def _named(entry: AuditEntry) -> list[str]:
    """The ids of the objects an entry is about: a list's ids, or its one object."""
    detail = entry.detail or {}
    if isinstance(detail.get("ids"), list):
        return [str(i) for i in detail["ids"]]
    named = [str(i) for kind in ("employees", "cases", "citizens") for i in detail.get(kind, ())]
    if entry.object_type.startswith("reports."):
        return named
    return [entry.object_id] if entry.object_id else []


def _count(entry: AuditEntry, named: list[str]) -> int:
    held = (entry.detail or {}).get("held")
    if isinstance(held, dict):
        return sum(n for n in held.values() if isinstance(n, int))
    return len(named)


def _access(entry: AuditEntry, ids: Iterable[str], count: int) -> Access:
    return Access(
        seq=entry.seq,
        at=entry.at,
        username=entry.username,
        action=entry.action,
        object_type=entry.object_type,
        ids=tuple(ids),
        count=count,
        municipality=entry.municipality,
        address=entry.remote_addr,
    )


# --- one citizen ---------------------------------------------------------------------------


def _subjects(citizen_id: str) -> dict[str, dict[str, str]]:
    """How entries name the citizen's data, by object type, as the data set is now:
    {id as the entry names it: the case (or citizen) id to show}."""
    cases = {
        c: c
        for c in Case.objects.filter(citizen__ext_id=citizen_id).values_list("ext_id", flat=True)
    }
    fixes = FixedDecision.objects.filter(kind=FixKind.CASE, subject_id__in=cases)
    meetings = HandoverMeeting.objects.filter(decision__case_id__in=cases)
    return {
        "dataset.citizen": {citizen_id: citizen_id},
        "dataset.case": cases,
        "planning.casedecision": cases,
        # A fix is named by its case when made, by its row in a list.
        "planning.fixeddecision": cases
        | {str(pk): case for pk, case in fixes.values_list("pk", "subject_id")},
        "process.handovermeeting": {
            str(pk): case for pk, case in meetings.values_list("pk", "decision__case_id")
        },
    }


def _mentions(value: str) -> Q:
    """Entries whose detail holds the string `value` (as JSON writes it; refined in Python)."""
    # Both forms: SQLite keeps the JSON as Python wrote it (non-ASCII escaped), PostgreSQL
    # as jsonb's text (non-ASCII as is). icontains is portable; _own_part is exact.
    condition = Q(detail__icontains=json.dumps(value))
    plain = json.dumps(value, ensure_ascii=False)
    if plain != json.dumps(value):
        condition |= Q(detail__icontains=plain)
    return condition


def _own_part(
    entry: AuditEntry, citizen_id: str, subjects: dict[str, dict[str, str]]
) -> list[str] | None:
    """The ids of the citizen's own objects an entry names, or None when it is not about them."""
    detail = entry.detail or {}
    named = _named(entry)
    if entry.object_type.startswith("reports."):
        shown = {**subjects["dataset.case"], citizen_id: citizen_id}
    else:
        shown = subjects.get(entry.object_type, {})
    own = list(dict.fromkeys(shown[i] for i in named if i in shown))
    if isinstance(detail.get("citizens"), list):
        return (own or [citizen_id]) if citizen_id in detail["citizens"] else None
    return own or None


def accesses_to_citizen(
    citizen_id: str, *, since: date | None = None, until: date | None = None
) -> list[Access]:
    """Every entry about the citizen's data, oldest first: who, when, what, from where."""
    subjects = _subjects(citizen_id)
    condition = Q(object_type="dataset.citizen", object_id=citizen_id) | _mentions(citizen_id)
    for object_type, ids in subjects.items():
        if not ids:
            continue
        condition |= Q(object_type=object_type, object_id__in=list(ids))
        # Lists written before entries named their citizens: found by the ids they list.
        mentioned = Q()
        for value in ids:
            mentioned |= _mentions(value)
        condition |= Q(object_type=object_type) & mentioned
    rows = _between(AuditEntry.objects.filter(condition), since, until).order_by("seq")
    found = []
    for entry in rows.iterator(chunk_size=2000):
        own = _own_part(entry, citizen_id, subjects)
        if own is not None:
            found.append(_access(entry, own, _count(entry, _named(entry))))
    return found


# --- one user ----------------------------------------------------------------------------


def usernames(name: str) -> list[str]:
    """The names the log may give a person: as a user, and at the command line (`cli:NAME`)."""
    return [name] if ":" in name else [name, f"cli:{name}"]


def accesses_by_user(
    name: str, *, since: date | None = None, until: date | None = None
) -> list[Access]:
    """Everything the user did, oldest first, with the failed logins in their name."""
    condition = Q(username__in=usernames(name)) | Q(
        action=Action.LOGIN_FAILED, detail__username=name
    )
    rows = _between(AuditEntry.objects.filter(condition), since, until).order_by("seq")
    found = []
    for entry in rows.iterator(chunk_size=2000):
        named = _named(entry)
        found.append(_access(entry, named, _count(entry, named)))
    return found


# --- the answer as a file, and its own entry ----------------------------------------------


def csv_header() -> list[str]:
    return [
        _("Number"),
        _("Time"),
        _("User"),
        _("Action"),
        _("Object"),
        _("Ids"),
        _("Objects in all"),
        _("Municipality"),
        _("Address"),
    ]


def write_csv(accesses: Iterable[Access], out: IO[str]) -> int:
    """Write the accesses as CSV (`;`-separated, as Danish Excel reads it); return how many."""
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_header())
    written = 0
    for a in accesses:
        writer.writerow(
            [
                a.seq,
                timezone.localtime(a.at).isoformat(timespec="seconds"),
                a.username,
                a.action_words,
                a.object_words,
                " ".join(a.ids),
                a.count,
                a.municipality or "",
                a.address,
            ]
        )
        written += 1
    return written


def record_insight(
    request_or_user: Any, *, citizen: str = "", user: str = "", entries: int, csv_file: bool
) -> AuditEntry:
    """Log that someone read who accessed a citizen's data, or what a user did.

    A citizen's insight names the citizen, so that it is itself part of their next answer.
    """
    detail: dict[str, Any] = {"query": "citizen" if citizen else "user", "entries": entries}
    if citizen:
        detail["citizens"] = [citizen]
    if csv_file:
        detail["format"] = "csv"
    return record(
        request_or_user,
        Action.DOWNLOAD if csv_file else Action.VIEW,
        object_type="audit.insight",
        object_id=citizen or user,
        detail=detail,
    )
