"""The transition's milestones and their default deadlines, derived from the effective date.

The defaults are a starting point that the transition lead edits; they are not legal advice.
- Informing the employee representatives: the transfer of undertakings act
  (Virksomhedsoverdragelsesloven § 7) asks for it "in good time" before the
  transfer; the default is four months before the effective date.
- All preference interviews held: the end of May before the effective date (the status note).
- Notifying the employees of the decision: three months before the effective date, the
  longest usual notice of changed terms.
- The effective date itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.web.process.models import Milestone, MilestoneAnchor, MilestoneKind, Transition


@dataclass(frozen=True)
class MilestoneDefault:
    kind: MilestoneKind
    title: str
    due_on: date
    legal_basis: str


def _months_before(day: date, months: int) -> date:
    month = day.month - months
    year = day.year
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, min(day.day, 28))


def default_milestones(effective_date: date) -> list[MilestoneDefault]:
    """Return the four legal milestones with their default deadlines, in date order."""
    interviews = date(
        effective_date.year if effective_date.month > 5 else effective_date.year - 1, 5, 31
    )
    items = [
        MilestoneDefault(
            MilestoneKind.INFORM_REPRESENTATIVES,
            _("Inform the employee representatives"),
            _months_before(effective_date, 4),
            _("Virksomhedsoverdragelsesloven § 7: in good time before the transfer"),
        ),
        MilestoneDefault(
            MilestoneKind.INTERVIEW_DEADLINE,
            _("All preference interviews held"),
            interviews,
            _("The status note: interviews with every employee by the end of May"),
        ),
        MilestoneDefault(
            MilestoneKind.NOTIFY_EMPLOYEES,
            _("Notify the employees of the decision"),
            _months_before(effective_date, 3),
            _("Notice of changed terms: at least three months before the effective date"),
        ),
        MilestoneDefault(
            MilestoneKind.EFFECTIVE_DATE,
            _("Effective date"),
            effective_date,
            _("The cooperation ends; the transferred employees keep their terms"),
        ),
    ]
    return sorted(items, key=lambda item: item.due_on)


@transaction.atomic
def ensure_milestones(effective_date: date | None = None) -> list[Milestone]:
    """Create the legal milestones that do not exist yet; return every milestone in date order.

    Existing milestones are left as they are: their deadlines may have been edited.
    """
    effective = effective_date or Transition.current().effective_date
    existing = set(Milestone.objects.values_list("kind", flat=True))
    for item in default_milestones(effective):
        if item.kind not in existing:
            Milestone.objects.create(
                kind=item.kind, title=item.title, due_on=item.due_on, legal_basis=item.legal_basis
            )
    return list(Milestone.objects.all())


def anchored_date(transition: Transition, anchor: str, offset_days: int | None) -> date | None:
    """Return the date a milestone following `anchor` falls on, or None if the anchor is unset."""
    if anchor == MilestoneAnchor.EFFECTIVE_DATE:
        base: date | None = transition.effective_date
    elif anchor == MilestoneAnchor.ANNOUNCED_ON:
        base = transition.announced_on
    else:
        return None
    return None if base is None else base + timedelta(days=offset_days or 0)


@transaction.atomic
def follow_transition_dates() -> int:
    """Re-date every anchored milestone after the transition's dates; return how many moved.

    A milestone without an anchor (its date set by hand) stays where it is, and so does
    one anchored to the announcement while no announcement date is recorded. Each moved
    milestone's version goes up, so an editor holding the old date is told it changed.
    The caller (the transition's use case) writes the audit entry in its transaction.
    """
    transition = Transition.current()
    moved = 0
    for milestone in Milestone.objects.exclude(anchor="").select_for_update():
        due_on = anchored_date(transition, milestone.anchor, milestone.offset_days)
        if due_on is None or due_on == milestone.due_on:
            continue
        milestone.due_on = due_on
        milestone.version += 1
        milestone.save(update_fields=["due_on", "version"])
        moved += 1
    return moved
