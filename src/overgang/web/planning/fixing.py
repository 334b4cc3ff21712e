"""Use cases of fixed decisions (fastlagte beslutninger): fix an employee's municipality or a
case's contact person by hand, and unfix them.

A fix is a hard rule of every plan made while it is in force (`selectors.fixes_in_force`
hands them to the planner). Each use case is keyword-only, takes the acting user or
system actor as `by`, validates, writes in one transaction and records its audit entry
in that transaction. Pages, the API, the command line and the workbook import call these
and write no fix themselves. Nothing is ever deleted: a fix replaced or unfixed keeps its
row, marked removed, with who and when.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.io.fixed import EMPLOYEE, FixedRow
from overgang.web.audit.actors import Actor, actor_name, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Case, Employee, Municipality
from overgang.web.planning.models import FixedDecision, FixKind
from overgang.web.process.clock import effective_date, today

# The longest reason a fix keeps; a reason is a sentence or two, not a document.
MAX_REASON = 2000


class FixError(ValueError):
    """A fix that cannot be made as asked; the message says why, for the user.

    `field` names what was wrong in the words of the API and the workbook (`medarbejder_id`,
    `sag_id`, `kommune`, `kontaktperson`, `begrundelse`), so a form can show it there.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise FixError(_("Give a reason for fixing the decision."), "begrundelse")
    if len(text) > MAX_REASON:
        raise FixError(
            _("The reason is too long; keep it under %(count)d characters.")
            % {"count": MAX_REASON},
            "begrundelse",
        )
    return text


def _employee(employee_id: str, field: str = "medarbejder_id") -> Employee:
    """The employee with this id, as long as they are planned: listed and staying to the end."""
    employee = Employee.objects.filter(ext_id=employee_id).select_related("profession").first()
    if employee is None:
        raise FixError(_("No employee has the id %(id)s.") % {"id": employee_id}, field)
    if employee.retired_at is not None:
        raise FixError(
            _("Employee %(id)s is no longer in the data set.") % {"id": employee_id}, field
        )
    if employee.resigned_on is not None and employee.resigned_on < effective_date():
        raise FixError(
            _("Employee %(id)s leaves on %(day)s, before the effective date.")
            % {"id": employee_id, "day": employee.resigned_on.isoformat()},
            field,
        )
    return employee


def municipality_code(text: str) -> int:
    """The code of the municipality `text` names: its code, or its name ('Vallensbæk' or
    'Vallensbæk Kommune', in any case)."""
    given = str(text).strip()
    if given.isascii() and given.isdigit():
        if len(given) > 3:  # codes run from 101 to 999
            raise FixError(_("no municipality has the code %(code)s") % {"code": given}, "kommune")
        return int(given)
    wanted = given.casefold()
    municipalities = list(Municipality.objects.filter(retired_at=None).values_list("code", "name"))
    for code, name in municipalities:
        if name.casefold() == wanted:
            return int(code)
    # "Vallensbæk" for "Vallensbæk Kommune": the name without its last word, if only one fits.
    fits = [code for code, name in municipalities if name.casefold().startswith(wanted + " ")]
    if len(fits) == 1:
        return int(fits[0])
    raise FixError(_("No municipality has the code or name %(name)s.") % {"name": given}, "kommune")


def _municipality(municipality: int) -> Municipality:
    found = None
    if 101 <= municipality <= 999:  # the codes there are (and what a database column holds)
        found = Municipality.objects.filter(code=municipality, retired_at=None).first()
    if found is None:
        raise FixError(
            _("no municipality has the code %(code)s") % {"code": municipality}, "kommune"
        )
    return found


def _case(case_id: str) -> Case:
    case = Case.objects.filter(ext_id=case_id).select_related("profession").first()
    if case is None:
        raise FixError(_("No case has the id %(id)s.") % {"id": case_id}, "sag_id")
    if case.retired_at is not None:
        raise FixError(_("Case %(id)s is no longer in the data set.") % {"id": case_id}, "sag_id")
    if case.delivery != "intern":
        raise FixError(
            _("Case %(id)s is delivered by an external provider; it has no contact person to fix.")
            % {"id": case_id},
            "sag_id",
        )
    return case


def _fix(*, kind: FixKind, subject_id: str, value: str, reason: str, by: Actor) -> FixedDecision:
    """Store a fix in force, in place of the subject's fix in force if there is one."""
    now = timezone.now()
    replaced = (
        FixedDecision.objects.select_for_update()
        .filter(kind=kind, subject_id=subject_id, removed_at=None)
        .first()
    )
    if replaced is not None:
        _remove(replaced, by, now)
    fix = FixedDecision.objects.create(
        kind=kind,
        subject_id=subject_id,
        value=value,
        reason=reason,
        fixed_by=user_of(by),
        fixed_by_name=actor_name(by),
        fixed_at=now,
        fixed_on=today(),
    )
    detail: dict[str, object] = {"kind": str(kind), "value": value}
    if replaced is not None:
        detail["replaces"] = {"value": replaced.value, "by": replaced.fixed_by_name}
    record(by, Action.CREATE, fix, object_id=subject_id, detail=detail)
    return fix


def _remove(fix: FixedDecision, by: Actor, now: object) -> None:
    fix.removed_at = now
    fix.removed_by = user_of(by)
    fix.removed_by_name = actor_name(by)
    fix.save(update_fields=["removed_at", "removed_by", "removed_by_name"])


@transaction.atomic
def fix_employee(*, employee_id: str, municipality: int, reason: str, by: Actor) -> FixedDecision:
    """Fix that the employee works for `municipality` (its code) from the effective date."""
    why = _reason(reason)
    employee = _employee(employee_id)
    place = _municipality(municipality)
    return _fix(
        kind=FixKind.EMPLOYEE,
        subject_id=employee.ext_id,
        value=str(place.code),
        reason=why,
        by=by,
    )


@transaction.atomic
def fix_case(*, case_id: str, contact_person: str, reason: str, by: Actor) -> FixedDecision:
    """Fix that the case has `contact_person` (a medarbejder_id) from the effective date."""
    why = _reason(reason)
    case = _case(case_id)
    person = _employee(contact_person, field="kontaktperson")
    if person.profession_id != case.profession_id:
        raise FixError(
            _("%(person)s is of the profession %(theirs)s; case %(case)s needs %(needed)s.")
            % {
                "person": person.ext_id,
                "theirs": person.profession.name,
                "case": case.ext_id,
                "needed": case.profession.name,
            },
            "kontaktperson",
        )
    return _fix(
        kind=FixKind.CASE,
        subject_id=case.ext_id,
        value=person.ext_id,
        reason=why,
        by=by,
    )


@transaction.atomic
def unfix(*, kind: FixKind | str, subject_id: str, by: Actor) -> FixedDecision:
    """Take the subject's fix out of force; the row stays, marked removed by `by`."""
    kind = FixKind(kind)
    fix = (
        FixedDecision.objects.select_for_update()
        .filter(kind=kind, subject_id=subject_id, removed_at=None)
        .first()
    )
    if fix is None:
        if kind == FixKind.EMPLOYEE:
            message = _("No decision about employee %(id)s is fixed.")
        else:
            message = _("No decision about case %(id)s is fixed.")
        field = "medarbejder_id" if kind == FixKind.EMPLOYEE else "sag_id"
        raise FixError(message % {"id": subject_id}, field)
    _remove(fix, by, timezone.now())
    record(
        by,
        Action.UPDATE,
        fix,
        object_id=subject_id,
        detail={"kind": str(kind), "value": fix.value, "fields": ["removed_at", "removed_by"]},
    )
    return fix


class FixRowError(FixError):
    """A row of the workbook's sheet `fastlagt` that cannot be stored; `row` is its number."""

    def __init__(self, message: str, field: str, row: int) -> None:
        super().__init__(message, field)
        self.row = row


def import_fixes(rows: Iterable[FixedRow], *, by: Actor) -> list[FixedDecision]:
    """Store the fixes of a workbook's sheet `fastlagt`: each row adds or replaces that
    employee's or case's fix; one already in force with the same value and reason is left as
    it is, so importing an export again changes nothing. Fixes the sheet does not name stay.

    Returns the fixes stored. Raises FixRowError, naming the row, for one that cannot be.
    """
    stored = []
    for row in rows:
        kind = FixKind.EMPLOYEE if row.kind == EMPLOYEE else FixKind.CASE
        same = FixedDecision.objects.filter(
            kind=kind, subject_id=row.subject_id, removed_at=None, value=row.value
        ).filter(reason=row.reason.strip())
        if same.exists():
            continue
        try:
            if kind == FixKind.EMPLOYEE:
                fix = fix_employee(
                    employee_id=row.subject_id,
                    municipality=municipality_code(row.value),
                    reason=row.reason,
                    by=by,
                )
            else:
                fix = fix_case(
                    case_id=row.subject_id, contact_person=row.value, reason=row.reason, by=by
                )
        except FixError as refused:
            raise FixRowError(str(refused), refused.field, row.row) from refused
        stored.append(fix)
    return stored
