"""What an import will change, sheet by sheet, before anything is stored.

Compares the workbook's data set with the stored one (the rows in use, as
`load_dataset` gives them) by the rows' ids: added, changed (field by field for a
sample), retired; and names what the change touches that was recorded in Overgang
(an interview of an employee who is now gone, a case whose contact person left,
a decision of the current plan about someone who is gone).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from overgang.core.domain import Dataset
from overgang.io.records import canonical, record_rows
from overgang.io.schema import SHEETS, Sheet
from overgang.web.dataset import models as m
from overgang.web.dataset.municipalities import kept_settings
from overgang.web.dataset.store import load_dataset
from overgang.web.planning.models import CaseDecision, EmployeeDecision, FixedDecision, FixKind
from overgang.web.planning.selectors import current_plan

SAMPLE = 5  # changed rows shown field by field, per sheet


@dataclass(frozen=True)
class FieldChange:
    row_id: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class SheetChanges:
    sheet: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    retired: tuple[str, ...]
    sample: tuple[FieldChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.retired)


@dataclass(frozen=True)
class ImportPreview:
    sheets: tuple[SheetChanges, ...]
    touched: tuple[str, ...]  # sentences for the user, one per thing that needs attention

    def summary(self) -> dict[str, Any]:
        """The counts per sheet and what is touched, as the import history keeps them."""
        return {
            "sheets": {
                s.sheet: {
                    "added": len(s.added),
                    "changed": len(s.changed),
                    "retired": len(s.retired),
                }
                for s in self.sheets
            },
            "touched": list(self.touched),
        }


HIDDEN = frozenset({"cpr", "cpr_noegle"})  # never shown, not even as a hash


def _key(sheet: Sheet, row: dict[str, object]) -> str:
    """The row's id as users know it; interviews, which have none, by employee and date."""
    names = sheet.key or ("medarbejder_id", "dato")
    return "/".join(_shown(row[name]) for name in names)


def _sheet_changes(
    sheet: Sheet, before: Iterable[dict[str, object]], after: Iterable[dict[str, object]]
) -> SheetChanges:
    old = {_key(sheet, row): row for row in before}
    new = {_key(sheet, row): row for row in after}
    changed = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    sample = [
        FieldChange(row_id, column, _shown(old[row_id][column]), _shown(new[row_id][column]))
        for row_id in changed[:SAMPLE]
        for column in new[row_id]
        if column not in HIDDEN and old[row_id][column] != new[row_id][column]
    ]
    return SheetChanges(
        sheet=sheet.name,
        added=tuple(sorted(new.keys() - old.keys())),
        changed=tuple(changed),
        retired=tuple(sorted(old.keys() - new.keys())),
        sample=tuple(sample),
    )


def _shown(value: object) -> str:
    if value is None or value == "":
        return "-"
    return str(getattr(value, "value", value))


def _touched(retired_employees: set[str], retired_cases: set[str]) -> list[str]:
    found = []
    recorded = (
        m.Interview.objects.filter(employee__ext_id__in=retired_employees)
        .exclude(recorded_by="")
        .values_list("employee__ext_id", flat=True)
    )
    for employee_id in sorted(set(recorded)):
        found.append(
            _("An interview recorded in Overgang belongs to %(id)s, who is no longer listed.")
            % {"id": employee_id}
        )
    left = (
        m.Case.objects.filter(contact_person__ext_id__in=retired_employees, retired_at=None)
        .exclude(ext_id__in=retired_cases)
        .values_list("ext_id", "contact_person__ext_id")
    )
    for case_id, employee_id in sorted(left):
        found.append(
            _("Case %(case)s had %(id)s, who is no longer listed, as contact person.")
            % {"case": case_id, "id": employee_id}
        )
    gone = (
        Q(kind=FixKind.EMPLOYEE, subject_id__in=retired_employees)
        | Q(kind=FixKind.CASE, subject_id__in=retired_cases)
        | Q(kind=FixKind.CASE, value__in=retired_employees)
    )
    for subject_id in FixedDecision.objects.filter(gone, removed_at=None).values_list(
        "subject_id", flat=True
    ):
        found.append(
            _(
                "The decision fixed about %(id)s names someone or something no longer listed; "
                "planning stops until it is unfixed or changed."
            )
            % {"id": subject_id}
        )
    plan = current_plan()
    if plan is not None:
        employees = EmployeeDecision.objects.filter(
            plan=plan, employee_id__in=retired_employees
        ).count()
        cases = CaseDecision.objects.filter(plan=plan, case_id__in=retired_cases).count()
        if employees or cases:
            found.append(
                _(
                    "Plan %(plan)s decides about %(employees)d employees and %(cases)d cases "
                    "that are no longer listed; make a new plan."
                )
                % {"plan": plan.pk, "employees": employees, "cases": cases}
            )
    return found


def preview_import(dataset: Dataset) -> ImportPreview:
    """What storing this data set would change, computed without changing anything."""
    dataset, kept = kept_settings(dataset)  # the names and roles set in Overgang stay
    before, after = record_rows(load_dataset()), record_rows(canonical(dataset))
    sheets = [_sheet_changes(sheet, before[sheet.name], after[sheet.name]) for sheet in SHEETS]
    by_name = {s.sheet: s for s in sheets}
    touched = _touched(set(by_name["medarbejdere"].retired), set(by_name["sager"].retired))
    return ImportPreview(tuple(sheets), (*kept, *touched))
