"""The rules every generated data set keeps: the workbook's references and the planner's limits."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from overgang.core.domain import FULL_TIME_HOURS, Dataset, Delivery, MunicipalityRole

MAX_LOAD_FACTOR = Decimal("1.2")


def capacity(dataset: Dataset) -> dict[str, Decimal]:
    """Return cap(e) = timer / 37 × norm for every employee."""
    norms = {p.code: p.norm for p in dataset.professions}
    return {e.id: e.hours / FULL_TIME_HOURS * norms[e.profession] for e in dataset.employees}


def load_per_employee(dataset: Dataset) -> dict[str, Decimal]:
    load: dict[str, Decimal] = {}
    for case in dataset.cases:
        if case.contact_person is not None:
            load[case.contact_person] = load.get(case.contact_person, Decimal(0)) + case.load
    return load


def consistency_problems(dataset: Dataset) -> list[str]:
    """Return every broken reference or rule in the data set; empty when it is sound."""
    problems: list[str] = []

    def unique(kind: str, ids: list[str] | list[int]) -> None:
        for value, count in Counter(ids).items():
            if count > 1:
                problems.append(f"{kind} {value} occurs {count} times")

    codes = {m.code for m in dataset.municipalities}
    professions = {p.code: p for p in dataset.professions}
    districts = {d.id: d for d in dataset.districts}
    institutions = {i.id: i for i in dataset.institutions}
    employees = {e.id: e for e in dataset.employees}
    citizens = {c.id: c for c in dataset.citizens}
    unique("municipality", [m.code for m in dataset.municipalities])
    unique("district", [d.id for d in dataset.districts])
    unique("institution", [i.id for i in dataset.institutions])
    unique("employee", [e.id for e in dataset.employees])
    unique("citizen", [c.id for c in dataset.citizens])
    unique("case", [c.id for c in dataset.cases])
    if sum(m.role is MunicipalityRole.HOST for m in dataset.municipalities) != 1:
        problems.append("not exactly one host")

    problems += [
        f"district {d.id}: no municipality {d.municipality}"
        for d in dataset.districts
        if d.municipality not in codes
    ]
    problems += [
        f"institution {i.id}: no district {i.district_id}"
        for i in dataset.institutions
        if i.district_id not in districts
    ]
    problems += [
        f"employee {e.id}: no profession {e.profession}"
        for e in dataset.employees
        if e.profession not in professions
    ]
    for interview in dataset.interviews:
        if interview.employee_id not in employees:
            problems.append(f"interview of unknown employee {interview.employee_id}")
        if interview.wished_municipality is not None and interview.wished_municipality not in codes:
            problems.append(f"interview of {interview.employee_id}: unknown municipality")
    for citizen in dataset.citizens:
        if citizen.municipality not in codes:
            problems.append(f"citizen {citizen.id}: no municipality {citizen.municipality}")
        district = districts.get(citizen.district_id or "")
        if district is None or district.municipality != citizen.municipality:
            problems.append(f"citizen {citizen.id}: district outside their municipality")
        if citizen.institution_id is not None:
            institution = institutions.get(citizen.institution_id)
            if institution is None or institution.district_id != citizen.district_id:
                problems.append(f"citizen {citizen.id}: institution outside their district")
    for case in dataset.cases:
        if case.citizen_id not in citizens:
            problems.append(f"case {case.id}: no citizen {case.citizen_id}")
        if case.profession not in professions or professions[case.profession].norm == 0:
            problems.append(f"case {case.id}: profession {case.profession} carries no cases")
        if {case.acting_municipality, case.paying_municipality} - codes:
            problems.append(f"case {case.id}: unknown acting or paying municipality")
        if not (Decimal("0.5") <= case.load <= 3 and case.load == round(case.load, 2)):
            problems.append(f"case {case.id}: load {case.load}")
        if case.vulnerability not in (1, 2, 3):
            problems.append(f"case {case.id}: saarbarhed {case.vulnerability}")
        if case.delivery is Delivery.EXTERNAL:
            if case.contact_person is not None:
                problems.append(f"external case {case.id} has a contact person")
            if not case.provider:
                problems.append(f"external case {case.id} has no provider")
        elif case.contact_person is not None:
            person = employees.get(case.contact_person)
            if person is None:
                problems.append(f"case {case.id}: unknown contact person")
            elif person.profession != case.profession or person.is_leader:
                problems.append(f"case {case.id}: contact person of another profession or a leader")
    for need in dataset.needs:
        if need.municipality not in codes or need.profession not in professions:
            problems.append(f"need {need}: unknown municipality or profession")
    caps = capacity(dataset)
    for employee_id, load in load_per_employee(dataset).items():
        if load > MAX_LOAD_FACTOR * caps[employee_id]:
            problems.append(f"employee {employee_id}: load {load} above 1.2 × capacity")
    return problems
