"""Fixed decisions (fastlagte beslutninger) and the approved plan a new plan is compared to.

A fixed decision is a hard rule of the plan: the employee works for the given
municipality, the case has the given contact person. A reference plan (a plan
approved earlier, `overgang plan --from-plan`) is not a rule: every decision
that differs from it costs `changed_from_approved`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from overgang.core.planning.units import capacity_q, load_q, max_load_q

if TYPE_CHECKING:
    from overgang.core.planning.policy import Policy
    from overgang.core.planning.problem import Problem


@dataclass(frozen=True)
class EmployeeFix:
    """The employee works for `municipality` from the effective date."""

    employee_id: str
    municipality: int
    by: str = ""  # who fixed it
    fixed_on: str = ""  # ISO date
    reason: str = ""


@dataclass(frozen=True)
class CaseFix:
    """The case has `contact_person` from the effective date."""

    case_id: str
    contact_person: str
    by: str = ""
    fixed_on: str = ""
    reason: str = ""


Fix = EmployeeFix | CaseFix


@dataclass(frozen=True)
class Fixes:
    employees: tuple[EmployeeFix, ...] = ()
    cases: tuple[CaseFix, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.employees or self.cases)

    def employer(self) -> dict[str, int]:
        """Where each fixed employee works (the last fix of an employee counts)."""
        return {f.employee_id: f.municipality for f in self.employees}

    def contact(self) -> dict[str, str]:
        """Who is each fixed case's contact person (the last fix of a case counts)."""
        return {f.case_id: f.contact_person for f in self.cases}

    def as_list(self) -> list[dict[str, Any]]:
        """The fixes as JSON-ready records, in the plan file's words."""
        return [
            {"type": "medarbejder", "id": f.employee_id, "vaerdi": f.municipality, **_note(f)}
            for f in sorted(self.employees, key=lambda f: f.employee_id)
        ] + [
            {"type": "sag", "id": f.case_id, "vaerdi": f.contact_person, **_note(f)}
            for f in sorted(self.cases, key=lambda f: f.case_id)
        ]

    @classmethod
    def from_list(cls, records: list[dict[str, Any]]) -> Fixes:
        employees, cases = [], []
        for r in records:
            note = {
                "by": r.get("af", ""),
                "fixed_on": r.get("dato", ""),
                "reason": r.get("begrundelse", ""),
            }
            if r["type"] == "medarbejder":
                employees.append(EmployeeFix(str(r["id"]), int(r["vaerdi"]), **note))
            else:
                cases.append(CaseFix(str(r["id"]), str(r["vaerdi"]), **note))
        return cls(tuple(employees), tuple(cases))


def _note(fix: Fix) -> dict[str, str]:
    return {"af": fix.by, "dato": fix.fixed_on, "begrundelse": fix.reason}


@dataclass(frozen=True)
class Reference:
    """The decisions of an approved plan that a new plan changes as little as it can."""

    plan_id: int
    employer: tuple[tuple[str, int], ...] = ()
    contact: tuple[tuple[str, str | None], ...] = ()

    def employers(self) -> dict[str, int]:
        return dict(self.employer)

    def contacts(self) -> dict[str, str | None]:
        return dict(self.contact)

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan_id,
            "medarbejdere": dict(sorted(self.employer)),
            "sager": dict(sorted(self.contact)),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reference:
        return cls(
            plan_id=int(data["plan"]),
            employer=tuple(sorted((str(k), int(v)) for k, v in data["medarbejdere"].items())),
            contact=tuple(
                sorted((str(k), None if v is None else str(v)) for k, v in data["sager"].items())
            ),
        )


class ConflictKind(StrEnum):
    UNKNOWN_EMPLOYEE = "unknown_employee"  # the fixed employee is not planned
    UNKNOWN_MUNICIPALITY = "unknown_municipality"
    UNKNOWN_CASE = "unknown_case"  # not an in-house case of the plan
    UNKNOWN_CONTACT = "unknown_contact"  # the fixed contact person is not planned
    OTHER_PROFESSION = "other_profession"
    TWO_PLACES = "two_places"  # one person fixed to work for two municipalities
    OVER_LIMIT = "over_limit"  # more load fixed on one person than their hard limit


@dataclass(frozen=True)
class FixConflict:
    """Fixed decisions that cannot all hold; `person` is the employee they concern."""

    kind: ConflictKind
    fixes: tuple[Fix, ...]
    person: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: " + "; ".join(describe(f) for f in self.fixes)


# Fixes about an employee or a case no longer in the plan (resigned, retired, or left out
# of a leaders-only plan): nothing to hold, so they do not stop planning; shown as warnings.
STALE = frozenset({ConflictKind.UNKNOWN_EMPLOYEE, ConflictKind.UNKNOWN_CASE})


def blocking(conflicts: list[FixConflict]) -> list[FixConflict]:
    """Return the conflicts that stop planning (all but the stale fixes)."""
    return [c for c in conflicts if c.kind not in STALE]


def describe(fix: Fix) -> str:
    """Name a fix in the plan file's words, e.g. 'medarbejder M001 → 183'."""
    if isinstance(fix, EmployeeFix):
        return f"medarbejder {fix.employee_id} → {fix.municipality}"
    return f"sag {fix.case_id} → {fix.contact_person}"


def fix_conflicts(problem: Problem, policy: Policy) -> list[FixConflict]:
    """Return every set of fixed decisions that cannot all hold (none: they can).

    Each conflict names every fix it concerns: an employee fixed to two places
    (directly, or as the contact person of cases in two municipalities), a fix
    about someone or something not planned, a contact person of another
    profession than the case, more load fixed on one person than their hard limit.
    """
    fixes = policy.fixes
    staff = {s.id: s for s in problem.staff}
    cases = {a.id: a for a in problem.assignments}
    norms = {p.code: p.norm for p in problem.dataset.professions}
    conflicts: list[FixConflict] = []
    # Where each person must work, and which fixes say so.
    must: dict[str, dict[int, list[Fix]]] = defaultdict(lambda: defaultdict(list))
    for ef in fixes.employees:
        if ef.employee_id not in staff:
            conflicts.append(FixConflict(ConflictKind.UNKNOWN_EMPLOYEE, (ef,), ef.employee_id))
        elif ef.municipality not in problem.municipalities:
            conflicts.append(FixConflict(ConflictKind.UNKNOWN_MUNICIPALITY, (ef,), ef.employee_id))
        else:
            must[ef.employee_id][ef.municipality].append(ef)
    load: dict[str, list[CaseFix]] = defaultdict(list)
    for cf in fixes.cases:
        a = cases.get(cf.case_id)
        s = staff.get(cf.contact_person)
        if a is None:
            conflicts.append(FixConflict(ConflictKind.UNKNOWN_CASE, (cf,)))
        elif s is None:
            conflicts.append(FixConflict(ConflictKind.UNKNOWN_CONTACT, (cf,), cf.contact_person))
        elif s.employee.profession != a.case.profession:
            conflicts.append(FixConflict(ConflictKind.OTHER_PROFESSION, (cf,), cf.contact_person))
        else:
            must[cf.contact_person][a.serving].append(cf)
            load[cf.contact_person].append(cf)
    for person, places in sorted(must.items()):
        if len(places) > 1:
            named = tuple(f for fs in places.values() for f in fs)
            conflicts.append(FixConflict(ConflictKind.TWO_PLACES, named, person))
    for person, fixed in sorted(load.items()):
        s = staff[person]
        limit = max_load_q(
            capacity_q(s.employee.hours, norms[s.employee.profession]), policy.max_load_factor
        )
        if sum(load_q(cases[f.case_id].case.load) for f in fixed) > limit:
            conflicts.append(FixConflict(ConflictKind.OVER_LIMIT, tuple(fixed), person))
    return conflicts


def implied_employer(problem: Problem, policy: Policy) -> dict[str, int]:
    """Return where fixed decisions make employees work: fixed employees, and the contact
    persons fixed to a case (who must work for the case's municipality)."""
    serving = {a.id: a.serving for a in problem.assignments}
    implied = {
        f.contact_person: serving[f.case_id] for f in policy.fixes.cases if f.case_id in serving
    }
    implied.update(policy.fixes.employer())
    return implied


def broken_fixes(
    policy: Policy, employer: Mapping[str, int], contact: Mapping[str, str | None]
) -> list[Fix]:
    """Return the fixed decisions a plan does not keep, of those it decides (the employees in
    `employer`, the cases in `contact`)."""
    broken: list[Fix] = [
        f
        for f in policy.fixes.employees
        if f.employee_id in employer and employer[f.employee_id] != f.municipality
    ]
    broken += [
        f
        for f in policy.fixes.cases
        if f.case_id in contact and contact[f.case_id] != f.contact_person
    ]
    return broken
