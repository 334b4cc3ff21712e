"""The milestone plan as an iCalendar file (RFC 5545) that Outlook and other calendars import.

Each milestone is an all-day event on its deadline, with a UID that stays the same from
one export to the next, so that importing again updates the events instead of doubling
them; SEQUENCE is the milestone's version, so the newer export wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from overgang.web.process.models import Milestone

PRODID = "-//Overgang//Milepæle//DA"


def milestone_uid(milestone: Milestone) -> str:
    """Return the milestone's event UID: the same in every export from this installation."""
    return f"milestone-{milestone.pk}@overgang"


def _description(milestone: Milestone) -> str:
    lines = []
    if milestone.legal_basis:
        lines.append(_("Source: %(source)s") % {"source": milestone.legal_basis})
    lines.append(_("Responsible: %(who)s") % {"who": milestone.responsible or _("not named yet")})
    if milestone.note:
        lines.append(milestone.note)
    if milestone.done_on:
        lines.append(_("Done on %(day)s") % {"day": milestone.done_on.isoformat()})
    return "\n".join(lines)


def milestones_calendar(milestones: Iterable[Milestone], *, now: datetime | None = None) -> bytes:
    """Return the milestones as an iCalendar file, one all-day VEVENT each."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Overgang: milestones"))
    for milestone in milestones:
        event = Event()
        event.add("uid", milestone_uid(milestone))
        event.add("dtstamp", stamp)
        event.add("sequence", milestone.version)
        event.add("summary", milestone.title)
        event.add("dtstart", milestone.due_on)  # a date: an all-day event
        event.add("dtend", milestone.due_on + timedelta(days=1))
        event.add("description", _description(milestone))
        event.add("transp", "TRANSPARENT")  # a deadline does not block the day
        calendar.add_component(event)
    return calendar.to_ical()
