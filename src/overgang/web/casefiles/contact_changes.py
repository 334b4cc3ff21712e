"""Changes of contact person after the effective date: use cases and the continuity read.

`record_contact_change` (one change, from the case page) and `import_contact_changes`
(a municipality's file from its case system; all rows or none) are keyword-only, take the
acting user or system actor as `by`, and write and audit in one transaction. A change is
recorded by the municipality acting on the case, dated on or after the effective date.

`continuity` compares the recorded changes with the plan's promise: the children whose
cases were to keep their contact person, and whether they did, per profession.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from overgang.core.continuity_followup import (
    Continuity,
    PromisedCase,
    RecordedChange,
    continuity_kept,
)
from overgang.io.contact_changes import ChangeRow, read_contact_changes
from overgang.io.issues import Issue, error
from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record, record_list
from overgang.web.audit.models import Action
from overgang.web.casefiles.models import ChangeSource, ContactChange
from overgang.web.dataset.models import Case
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.selectors import current_plan
from overgang.web.process.clock import effective_date


class ContactChangeError(ValueError):
    """The change (or the file) is refused; `issues` name the row and column of each reason."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(issue.format() for issue in issues))
        self.issues = issues


def _problems(
    row: ChangeRow,
    *,
    municipality_code: int,
    acting: dict[str, int],
    effective: date,
    seen: set[tuple[str, date, str]],
) -> list[tuple[str, str]]:
    """The reasons a change cannot be recorded, as (column, message)."""
    problems = []
    if row.case_id not in acting:
        problems.append(("sag_id", _("no case with this id in the data set")))
    elif acting[row.case_id] != municipality_code:
        problems.append(
            (
                "sag_id",
                _("the case is not acted on by municipality %(code)s")
                % {"code": municipality_code},
            )
        )
    if row.changed_on < effective:
        problems.append(
            (
                "dato",
                _("before the effective date %(day)s; record changes from that day on")
                % {"day": effective.isoformat()},
            )
        )
    if not row.to_person and not row.from_person:
        problems.append(("til", _("neither the former nor the new contact person is given")))
    elif row.from_person == row.to_person:
        problems.append(("til", _("the same person as the former contact person")))
    key = (row.case_id, row.changed_on, row.to_person)
    if key in seen:
        problems.append(("sag_id", _("this change is recorded already")))
    seen.add(key)
    return problems


def _context(case_ids: list[str]) -> tuple[dict[str, int], set[tuple[str, date, str]]]:
    acting = dict(
        Case.objects.filter(ext_id__in=case_ids).values_list("ext_id", "acting_municipality__code")
    )
    seen = set(
        ContactChange.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "changed_on", "to_person"
        )
    )
    return acting, seen


@transaction.atomic
def record_contact_change(
    *,
    case: Case,
    changed_on: date,
    from_person: str = "",
    to_person: str = "",
    by: Actor,
) -> ContactChange:
    """Record one change of a case's contact person after the effective date (the case page)."""
    code = case.acting_municipality.code
    row = ChangeRow(0, case.ext_id, changed_on, from_person.strip(), to_person.strip())
    acting, seen = _context([case.ext_id])
    problems = _problems(
        row, municipality_code=code, acting=acting, effective=effective_date(), seen=seen
    )
    if problems:
        raise ContactChangeError(
            [error("", message, column=column) for column, message in problems]
        )
    change = ContactChange.objects.create(
        case_id=row.case_id,
        municipality_code=code,
        changed_on=row.changed_on,
        from_person=row.from_person,
        to_person=row.to_person,
        source=ChangeSource.PAGE,
        recorded_by=user_of(by),
    )
    record(by, Action.CREATE, change)
    return change


@transaction.atomic
def import_contact_changes(path: Path, *, municipality_code: int, by: Actor) -> list[ContactChange]:
    """Record every change in a municipality's file, or none: ContactChangeError names each
    refused row and column."""
    rows, issues = read_contact_changes(path)
    acting, seen = _context([r.case_id for r in rows])
    effective = effective_date()
    for row in rows:
        for column, message in _problems(
            row, municipality_code=municipality_code, acting=acting, effective=effective, seen=seen
        ):
            issues.append(error(path.name, message, row=row.row, column=column, value=row.case_id))
    if issues:
        raise ContactChangeError(sorted(issues, key=lambda i: (i.row or 0, i.column or "")))
    if not rows:
        raise ContactChangeError([error(path.name, _("the file holds no changes"))])
    user = user_of(by)
    changes = ContactChange.objects.bulk_create(
        ContactChange(
            case_id=row.case_id,
            municipality_code=municipality_code,
            changed_on=row.changed_on,
            from_person=row.from_person,
            to_person=row.to_person,
            source=ChangeSource.IMPORT,
            recorded_by=user,
        )
        for row in rows
    )
    record_list(by, changes, action=Action.CREATE, detail={"file": path.name})
    return changes


@dataclass(frozen=True)
class ContinuityReport:
    """The plan's promise of continuity against the changes recorded, per profession."""

    plan_id: int | None
    effective_date: date
    rows: tuple[Continuity, ...]
    changes_recorded: int


def continuity(
    plan: StoredPlan | None = None, *, municipality_code: int | None = None
) -> ContinuityReport:
    """Children the plan let keep their contact person who did, per profession (counts only);
    of one municipality's cases when a code is given."""
    plan = plan or current_plan()
    effective = effective_date()
    if plan is None:
        return ContinuityReport(None, effective, (), 0)
    decisions: Any = plan.case_decisions.exclude(contact_person="").filter(
        former_contact=F("contact_person")
    )
    if municipality_code is not None:
        decisions = decisions.filter(municipality=municipality_code)
    citizens = dict(Case.objects.values_list("ext_id", "citizen__ext_id"))
    promised = [
        PromisedCase(case_id, citizens.get(case_id, case_id), profession, municipality)
        for case_id, profession, municipality in decisions.values_list(
            "case_id", "profession", "municipality"
        )
    ]
    changes = ContactChange.objects.filter(changed_on__gte=effective)
    if municipality_code is not None:
        changes = changes.filter(municipality_code=municipality_code)
    recorded = [RecordedChange(c, d) for c, d in changes.values_list("case_id", "changed_on")]
    return ContinuityReport(
        plan.pk,
        effective,
        continuity_kept(promised, recorded, effective_date=effective),
        len(recorded),
    )
