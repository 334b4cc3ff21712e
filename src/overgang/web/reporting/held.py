"""What each personal-data file holds, for its audit entry: the employees, cases and citizens.

Each function reads the same records the file is made from, so the entry names
exactly who is in the file (see `overgang.web.audit.exports`); the plan file, made
from the stored plan, looks its cases' citizens up.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from overgang.core.domain import Dataset, Delivery
from overgang.reports.letters import build_letters
from overgang.reports.sources import Handover, HandoverSources, ReportSources
from overgang.web.dataset.models import Case, Employee

Held = dict[str, list[str]]


def _held(employees: Iterable[str], cases: Iterable[str], citizens: Iterable[str]) -> Held:
    return {
        "employees": sorted({e for e in employees if e}),
        "cases": sorted(set(cases)),
        "citizens": sorted(set(citizens)),
    }


def letters_held(src: ReportSources, employee_ids: Iterable[str] | None = None) -> Held:
    """The employees whose decision letters are written (each letter names its employee only)."""
    return _held((letter.employee_id for letter in build_letters(src, employee_ids)), (), ())


def handovers_held(handovers: Iterable[Handover]) -> Held:
    """The handover lists' cases, their citizens, and both contact persons of each."""
    rows = list(handovers)
    return _held(
        [h.former for h in rows] + [h.new for h in rows],
        (h.case_id for h in rows),
        (h.citizen_id for h in rows),
    )


def transfer_held(src: ReportSources) -> Held:
    """The transfer lists' employees (the plan's, still in the data set), the cases each
    municipality serves with their citizens, and the contact persons named beside them."""
    present = {e.id for e in src.dataset.employees}
    employees = {d.employee_id for d in src.employee_decisions if d.employee_id in present}
    serving, contacts = src.case_serving, src.case_contacts
    cases = [
        c
        for c in src.dataset.cases
        if serving.get(c.id, c.acting_municipality) in src.municipalities
    ]
    for c in cases:
        if c.delivery is Delivery.IN_HOUSE:
            employees.update(contacts.get(c.id, (c.contact_person or "", "")))
    return _held(employees, (c.id for c in cases), (c.citizen_id for c in cases))


def lists_held(src: ReportSources, handovers: HandoverSources) -> Held:
    """Every handover list and transfer list together."""
    parts = (handovers_held(handovers.handovers), transfer_held(src))
    return {kind: sorted({i for part in parts for i in part[kind]}) for kind in parts[0]}


def dataset_held(dataset: Dataset) -> Held:
    """The whole data set, as the workbook export writes it."""
    return _held(
        (e.id for e in dataset.employees),
        (c.id for c in dataset.cases),
        (c.id for c in dataset.citizens),
    )


def plan_file_held(
    employee_ids: Iterable[str], case_ids: Iterable[str], mentioned: Iterable[str] = ()
) -> Held:
    """A plan file's employees and cases, with the cases' citizens (as the data set has them).

    `mentioned` are the ids its metrics name (an employee's attachment, a case with two
    municipalities), which may be either.
    """
    named = set(mentioned)
    cases = set(case_ids) | set(
        Case.objects.filter(ext_id__in=named).values_list("ext_id", flat=True)
    )
    employees = set(employee_ids) | set(
        Employee.objects.filter(ext_id__in=named).values_list("ext_id", flat=True)
    )
    citizens = Case.objects.filter(ext_id__in=cases).values_list("citizen__ext_id", flat=True)
    return _held(employees, cases, citizens)


def metric_ids(metrics: Any) -> set[str]:
    """The ids a plan's metrics name: rows about an employee, case or citizen, lists of cases."""
    found: set[str] = set()
    if isinstance(metrics, dict):
        for key, value in metrics.items():
            if key in ("medarbejder_id", "sag_id", "borger_id") and value:
                found.add(str(value))
            elif key == "sager" and isinstance(value, list):
                found.update(str(item) for item in value if isinstance(item, str))
            else:
                found |= metric_ids(value)
    elif isinstance(metrics, list):
        for item in metrics:
            found |= metric_ids(item)
    return found


def plan_document_held(document: dict[str, Any]) -> Held:
    """A plan file's people and cases (`overgang.web.planning.services.stored_plan_document`)."""
    return plan_file_held(
        [e["medarbejder_id"] for e in document.get("employees", [])],
        [c["sag_id"] for c in document.get("cases", [])],
        mentioned=metric_ids(document.get("metrics", {})),
    )
