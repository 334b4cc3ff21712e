"""The transition's own settings: the effective date, the announcement, the legal basis.

The transition lead sets them on the page "Forløbet" and with `overgang transition set`;
both call `update_transition`. Moving either date moves the milestones that follow it
(`milestones.follow_transition_dates`), in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.process.concurrency import save_versioned
from overgang.web.process.milestones import follow_transition_dates
from overgang.web.process.models import LegalBasis, Transition
from overgang.web.process.services import ProcessError


class Unchanged(Enum):
    """A setting the caller does not change (None would mean: clear it)."""

    KEEP = "keep"


KEEP = Unchanged.KEEP


@dataclass(frozen=True)
class TransitionUpdate:
    transition: Transition
    changed: tuple[str, ...]  # the fields whose value changed
    milestones_moved: int  # milestones that followed a date that moved


@transaction.atomic
def update_transition(
    *,
    by: Actor,
    version: int,
    effective_date: date | Unchanged = KEEP,
    announced_on: date | None | Unchanged = KEEP,
    legal_basis: str | Unchanged = KEEP,
    legal_basis_note: str | Unchanged = KEEP,
) -> TransitionUpdate:
    """Change the transition's settings unless someone changed them since `version` (StaleEdit).

    Settings not given stay as they are; `announced_on=None` clears the announcement date.
    When the effective date or the announcement date changes, every milestone anchored
    to it moves along, and the audit entry says how many did.
    """
    transition = Transition.current()
    given: dict[str, Any] = {
        name: value
        for name, value in (
            ("effective_date", effective_date),
            ("announced_on", announced_on),
            ("legal_basis", legal_basis),
            ("legal_basis_note", legal_basis_note),
        )
        if value is not KEEP
    }
    if "legal_basis" in given and given["legal_basis"] not in LegalBasis.values:
        raise ProcessError(
            _("The legal basis is one of: %(choices)s.") % {"choices": ", ".join(LegalBasis.values)}
        )
    if "legal_basis_note" in given:
        given["legal_basis_note"] = given["legal_basis_note"].strip()
    effective = given.get("effective_date", transition.effective_date)
    announced = given.get("announced_on", transition.announced_on)
    if announced is not None and announced >= effective:
        raise ProcessError(_("The process must be announced before the effective date."))
    changed = tuple(name for name, value in given.items() if getattr(transition, name) != value)
    saved = save_versioned(transition, version, given)
    moved = 0
    if {"effective_date", "announced_on"} & set(changed):
        moved = follow_transition_dates()
    record(
        by,
        Action.UPDATE,
        saved,
        detail={
            "fields": list(changed),
            **{name: _plain(given[name]) for name in changed if name != "legal_basis_note"},
            "milestones_moved": moved,
        },
    )
    return TransitionUpdate(saved, changed, moved)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
