"""The transition's domain: what a workbook holds, as frozen dataclasses.

Nothing here knows about Django, spreadsheets or files. Ids are the source
systems' own (`medarbejder_id`, `sag_id`, ...); municipalities are identified by
their official code. Quantities that are summed or compared (hours, norms,
loads, FTE) are `Decimal` so that an import, an export and a re-import give
exactly the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

FULL_TIME_HOURS = Decimal(37)


class MunicipalityRole(StrEnum):
    """A municipality's role in the cooperation being dissolved."""

    HOST = "vaert"  # employs the shared staff today
    MEMBER = "medlem"


class InstitutionType(StrEnum):
    SCHOOL = "skole"
    DAYCARE = "dagtilbud"
    OTHER = "andet"


class EmploymentForm(StrEnum):
    COLLECTIVE_AGREEMENT = "overenskomst"
    CIVIL_SERVANT = "tjenestemand"


class ResignationReason(StrEnum):
    DISSOLUTION = "ophoer"  # the employee leaves because the cooperation ends
    NEW_JOB = "nyt_job"
    RETIREMENT = "pension"
    OTHER = "andet"


class Delivery(StrEnum):
    IN_HOUSE = "intern"
    EXTERNAL = "ekstern"


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    role: MunicipalityRole


@dataclass(frozen=True)
class Profession:
    code: str
    name: str
    norm: Decimal  # load units one full-time employee can carry; 0 for staff without cases


@dataclass(frozen=True)
class District:
    id: str
    municipality: int
    name: str


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    type: InstitutionType
    district_id: str


@dataclass(frozen=True)
class Employee:
    id: str
    name: str
    profession: str
    hours: Decimal
    is_leader: bool = False
    unit: str = ""
    hired_on: date | None = None
    employment_form: EmploymentForm | None = None
    competences: tuple[str, ...] = ()
    resigned_on: date | None = None
    resignation_reason: ResignationReason | None = None

    @property
    def fte(self) -> Decimal:
        return self.hours / FULL_TIME_HOURS


@dataclass(frozen=True)
class Interview:
    """One preference interview; an employee may have several, the latest counts."""

    employee_id: str
    held_on: date
    wished_municipality: int | None  # None: the employee stated no preference
    note: str = ""
    # Other municipalities the employee can accept ("kan_accepteres"): a move there is not
    # against the wish. Left out of the inputs' hash while empty (fingerprint.py).
    acceptable_municipalities: tuple[int, ...] = field(default=(), metadata={"since": 15})


@dataclass(frozen=True)
class Citizen:
    id: str
    municipality: int  # residence
    family_id: str
    birth_year: int | None = None
    district_id: str | None = None
    institution_id: str | None = None
    cpr_hash: str | None = None  # keyed hash of a CPR number, never the number itself


@dataclass(frozen=True)
class Case:
    id: str
    citizen_id: str
    service: str
    profession: str
    delivery: Delivery
    acting_municipality: int  # handlekommune
    paying_municipality: int  # betalingskommune
    provider: str = ""
    load: Decimal = Decimal(1)
    contact_person: str | None = None
    vulnerability: int = 1
    started_on: date | None = None
    legal_basis: str = ""
    # Changes of contact person in the last 24 months ("tidligere_skift", from the case
    # system): each earlier change makes a further one dearer. Left out of the inputs'
    # hash while 0 (fingerprint.py).
    earlier_changes: int = field(default=0, metadata={"since": 15})


@dataclass(frozen=True)
class StaffingNeed:
    """Staffing a municipality needs beyond its caseload (leaders, administration)."""

    municipality: int
    profession: str
    min_fte: Decimal


@dataclass(frozen=True)
class Dataset:
    """Everything one transition workbook holds."""

    municipalities: tuple[Municipality, ...] = ()
    professions: tuple[Profession, ...] = ()
    districts: tuple[District, ...] = ()
    institutions: tuple[Institution, ...] = ()
    employees: tuple[Employee, ...] = ()
    interviews: tuple[Interview, ...] = ()
    citizens: tuple[Citizen, ...] = ()
    cases: tuple[Case, ...] = ()
    needs: tuple[StaffingNeed, ...] = field(default=())

    @property
    def host(self) -> Municipality:
        """The one municipality that employs the staff today."""
        hosts = [m for m in self.municipalities if m.role is MunicipalityRole.HOST]
        if len(hosts) != 1:
            raise ValueError(f"expected exactly one host municipality, found {len(hosts)}")
        return hosts[0]

    def row_counts(self) -> dict[str, int]:
        """Return the number of records per sheet, keyed by the workbook's sheet names."""
        return {
            "kommuner": len(self.municipalities),
            "faggrupper": len(self.professions),
            "distrikter": len(self.districts),
            "institutioner": len(self.institutions),
            "medarbejdere": len(self.employees),
            "samtaler": len(self.interviews),
            "borgere": len(self.citizens),
            "sager": len(self.cases),
            "behov": len(self.needs),
        }


def latest_interviews(interviews: tuple[Interview, ...]) -> dict[str, Interview]:
    """Return each employee's latest interview: the one that counts."""
    latest: dict[str, Interview] = {}
    for interview in interviews:
        current = latest.get(interview.employee_id)
        if current is None or interview.held_on >= current.held_on:
            latest[interview.employee_id] = interview
    return latest
