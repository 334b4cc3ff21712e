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


class _Filler:
    """Hands one profession's cases, in order, to its staff in integer hundredths of a load unit."""

    def __init__(self, staff: list[Employee], norm: Decimal, total_load: Decimal) -> None:
        caps = [capacity(e, norm) for e in staff]
        total_cap = sum(caps, Decimal(0))
        fill_to = float(total_load / total_cap) if total_cap else 0.0
        self.staff = staff
        # Loads are whole hundredths, so flooring the limit admits exactly what the rule admits.
        self.limit = [int(cap * MAX_LOAD_FACTOR * 100) for cap in caps]
        self.target = [float(cap) * 100 * fill_to for cap in caps]
        self.load = [0] * len(staff)
        self.held: list[list[CaseDraft]] = [[] for _ in staff]
        self.current = 0
        self._heap: list[tuple[int, int]] = []  # (-room, index), built when first needed

    def room(self, index: int) -> int:
        return self.limit[index] - self.load[index]

    def give(self, index: int, case: CaseDraft) -> None:
        self.load[index] += _units(case)
        self.held[index].append(case)
        case.contact = self.staff[index].id

    def take(self, case: CaseDraft) -> bool:
        """Give the case to the employee whose turn it is, or else to the one with most room."""
        units = _units(case)
        # Move on once this case would take the employee further past their share than short of it.
        while self.current < len(self.staff) and (
            self.load[self.current] + units / 2 >= self.target[self.current]
        ):
            self.current += 1
        if self.current < len(self.staff) and units <= self.room(self.current):
            self.give(self.current, case)
            return True
        roomiest = self._roomiest()
        if roomiest is not None and units <= self.room(roomiest):
            self.give(roomiest, case)
            return True
        return self._make_room(case)

    def _roomiest(self) -> int | None:
        if not self._heap:
            self._heap = [(-self.room(i), i) for i in range(len(self.staff))]
            heapq.heapify(self._heap)
        while self._heap:
            room, index = self._heap[0]
            if -room == self.room(index):
                return index
            heapq.heapreplace(self._heap, (-self.room(index), index))  # stale: loads only grow
        return None

    def _make_room(self, case: CaseDraft) -> bool:
        """Free room for a large case by moving a smaller one to a colleague; rare, so plain scans."""
        units = _units(case)
        order = sorted(range(len(self.staff)), key=self.room, reverse=True)
        for index in order:
            for small in sorted(self.held[index], key=_units):
                if self.room(index) + _units(small) < units:
                    continue
                other = next(
                    (k for k in order if k != index and _units(small) <= self.room(k)), None
                )
                if other is None:
                    break
                self.held[index].remove(small)
                self.load[index] -= _units(small)
                self.give(other, small)
                self.give(index, case)
                return True
        return False


def _units(case: CaseDraft) -> int:
    return int(case.load * 100)


def _fill(cases: list[CaseDraft], staff: list[Employee], norm: Decimal) -> None:
    filler = _Filler(staff, norm, sum((case.load for case in cases), Decimal(0)))
    for case in cases:
        filler.take(case)  # when no one has room, the case stays without a contact person


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
