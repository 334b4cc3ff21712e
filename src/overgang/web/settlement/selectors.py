"""Reads of the settlement register: the keys Overgang proposes, and the totals.

The register holds no personal data and every lead sees all of it; the keys are
aggregates of the data set (counts, load and FTE per municipality), computed by
`overgang.core.settlement` from the figures read here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from overgang.core.settlement import (
    CaseFigure,
    KeyFigures,
    ProposedKey,
    StaffFigure,
    proposed_keys,
)
from overgang.web.dataset.models import Case, Citizen, Employee, Municipality
from overgang.web.planning.models import EmployeeDecision
from overgang.web.planning.selectors import current_plan
from overgang.web.settlement.models import Category, SettlementItem, Status


def items() -> QuerySet[SettlementItem]:
    """Every item of the register, by category and id."""
    return SettlementItem.objects.order_by("category", "ext_id")


def municipality_names() -> dict[int, str]:
    """The municipalities of the data set, code -> name, in code order."""
    return dict(
        Municipality.objects.filter(retired_at__isnull=True)
        .order_by("code")
        .values_list("code", "name")
    )


def key_figures() -> KeyFigures:
    """The data set's figures the keys are computed from: the cases (acting municipality and
    load), the citizens (residence), and the staff by the current plan (approved, or the latest
    while none is), each employee with their weekly hours; no staff without a plan."""
    cases = tuple(
        CaseFigure(code, load)
        for code, load in Case.objects.filter(retired_at__isnull=True).values_list(
            "acting_municipality__code", "load"
        )
    )
    citizens = tuple(
        Citizen.objects.filter(retired_at__isnull=True).values_list("municipality__code", flat=True)
    )
    plan = current_plan()
    staff = None
    if plan is not None:
        hours = dict(Employee.objects.values_list("ext_id", "hours"))
        staff = tuple(
            StaffFigure(code, hours.get(employee_id, Decimal(0)))
            for employee_id, code in EmployeeDecision.objects.filter(plan=plan).values_list(
                "employee_id", "municipality"
            )
        )
    return KeyFigures(tuple(municipality_names()), cases, citizens, staff)


def current_keys() -> dict[str, ProposedKey]:
    """The keys Overgang proposes from the data as they are now, by name."""
    return proposed_keys(key_figures())


@dataclass(frozen=True)
class Total:
    """How many items, and their value (DKK, items without a value counting 0)."""

    count: int = 0
    value: Decimal = Decimal(0)

    def add(self, value: Decimal | None) -> Total:
        return Total(self.count + 1, self.value + (value or Decimal(0)))


@dataclass(frozen=True)
class Totals:
    by_status: dict[str, Total]  # every status, in the order of SettlementItem.Status
    by_category: dict[str, Total]  # the categories that have items
    all: Total


def totals() -> Totals:
    """The register's totals by status (every status, none too) and by category."""
    by_status = {status.value: Total() for status in Status}
    by_category: dict[str, Total] = defaultdict(Total)
    whole = Total()
    for category, status, value in SettlementItem.objects.values_list(
        "category", "status", "value"
    ):
        by_status[status] = by_status.get(status, Total()).add(value)
        by_category[category] = by_category[category].add(value)
        whole = whole.add(value)
    order = [c.value for c in Category]
    return Totals(
        by_status,
        {c: by_category[c] for c in sorted(by_category, key=order.index)},
        whole,
    )
