"""Today's contact persons: every in-house case with an employee of its profession.

Cases are taken district by district and family by family, and each employee is
filled up to their share of the profession's load before the next takes over. So,
as in a centre organised in professional columns, an employee covers one or two
districts, and siblings mostly share a contact person. No employee carries more
than 1.2 × their capacity, the planner's hard limit.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from decimal import Decimal

from overgang.core.domain import Delivery, Employee
from overgang.demo import calibration as cal
from overgang.demo.caseload import capacity
from overgang.demo.families import CaseDraft, FamilyDraft
from overgang.demo.services import KINDS

MAX_LOAD_FACTOR = Decimal("1.2")
# Room kept below the hard limit, so a check that rounds differently still passes.
_MARGIN = Decimal("0.01")


@dataclass
class Attachment:
    """Load per employee and acting municipality: whose work each employee does today."""

    load: dict[str, dict[int, Decimal]] = field(default_factory=dict)

    def share(self, employee_id: str, municipality: int) -> float:
        by_municipality = self.load.get(employee_id, {})
        total = sum(by_municipality.values(), Decimal(0))
        return float(by_municipality.get(municipality, Decimal(0)) / total) if total else 0.0


def _in_house_by_profession(families: list[FamilyDraft]) -> dict[str, list[CaseDraft]]:
    keyed: dict[str, list[tuple[tuple[int, str, str, str], CaseDraft]]] = {}
    for family in families:
        for citizen in family.members:
            for case in citizen.cases:
                kind = KINDS[case.kind]
                if kind.delivery is Delivery.IN_HOUSE:
                    key = (case.acting, citizen.district_id, family.id, citizen.id)
                    keyed.setdefault(kind.profession, []).append((key, case))
    return {
        profession: [case for _, case in sorted(pairs, key=lambda pair: pair[0])]
        for profession, pairs in keyed.items()
    }


def _fill(cases: list[CaseDraft], staff: list[Employee], norm: Decimal) -> None:
    # Integer hundredths of a load unit: exact, and fast at scale 100.
    limit = [int((capacity(e, norm) * MAX_LOAD_FACTOR - _MARGIN) * 100) for e in staff]
    total_cap = sum((capacity(e, norm) for e in staff), Decimal(0))
    total_load = sum((case.load for case in cases), Decimal(0))
    fill_to = float(total_load / total_cap) if total_cap else 0.0
    target = [float(capacity(e, norm)) * 100 * fill_to for e in staff]
    load = [0] * len(staff)
    current = 0
    spill: list[tuple[int, int]] = []  # (-room, index): the roomiest first, built when needed
    for case in cases:
        units = int(case.load * 100)
        # Move on once this case would take the employee further past their share than short of it.
        while current < len(staff) and load[current] + units / 2 >= target[current]:
            current += 1
        chosen = current if current < len(staff) and load[current] + units <= limit[current] else -1
        if chosen < 0:
            if not spill:
                spill = [(-(limit[i] - load[i]), i) for i in range(len(staff))]
                heapq.heapify(spill)
            while spill:
                room, index = spill[0]
                if -room != limit[index] - load[index]:
                    heapq.heapreplace(spill, (-(limit[index] - load[index]), index))
                    continue
                if -room >= units:
                    chosen = index
                break
        if chosen < 0:
            continue  # no one has room: the case stays without a contact person
        load[chosen] += units  # a heap entry that is now stale is corrected when it surfaces
        case.contact = staff[chosen].id


def assign_contacts(families: list[FamilyDraft], active: list[Employee]) -> Attachment:
    """Give every in-house case a contact person and return each employee's load by municipality."""
    norms = {p.code: p.norm for p in cal.PROFESSIONS}
    by_profession = _in_house_by_profession(families)
    for profession, cases in by_profession.items():
        staff = [e for e in active if e.profession == profession and not e.is_leader]
        if staff:
            _fill(cases, staff, norms[profession])
    attachment = Attachment()
    for cases in by_profession.values():
        for case in cases:
            if case.contact is not None:
                by_municipality = attachment.load.setdefault(case.contact, {})
                by_municipality[case.acting] = (
                    by_municipality.get(case.acting, Decimal(0)) + case.load
                )
    return attachment
