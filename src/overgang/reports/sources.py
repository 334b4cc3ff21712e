"""What a report is made from: frozen records of a stored plan, the data set and the process.

The reports read no database. `overgang.web.reporting` builds these records (one
loader does every query and the scoping) and the renderers of this package turn
them into documents; the same records give the same document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from overgang.core.continuity_followup import Continuity
from overgang.core.domain import Dataset, Delivery
from overgang.core.handover_records import Progress
from overgang.core.planning.plan import EmployeeDecision, Reason


class Labelled:
    """Names for the municipality codes and profession codes a plan was made with."""

    municipalities: dict[int, str]
    professions: dict[str, str]

    def municipality(self, code: int | str) -> str:
        return self.municipalities.get(int(code), str(code))

    def profession(self, code: str) -> str:
        return self.professions.get(code, code)


@dataclass(frozen=True)
class PlanFacts:
    """What a report says about the stored plan itself."""

    id: int
    created_at: datetime
    status: str  # the solver's status: "optimal" or "feasible"
    scenario_name: str
    cooperation_services: tuple[str, ...]  # services kept in a voluntary cooperation


@dataclass(frozen=True)
class StoredCaseDecision:
    """A case's decision as stored: the former and the new contact person, who serves it, why."""

    case_id: str
    former_contact: str  # "" for none
    contact_person: str  # "" for unstaffed
    municipality: int  # the municipality that serves the case from the effective date
    reason: Reason


@dataclass(frozen=True)
class SettlementTotal:
    """How many settlement items have a status, and their value (DKK)."""

    status: str  # forslag, forhandlet, aftalt, uenighed
    count: int
    value: Decimal


@dataclass(frozen=True)
class MilestoneRow:
    kind: str
    title: str
    due_on: date
    done_on: date | None
    legal_basis: str


@dataclass(frozen=True)
class ReportSources(Labelled):
    """Everything the status report, the letters and the transfer lists need, read once."""

    plan: PlanFacts
    metrics: dict[str, Any]
    municipalities: dict[int, str]
    professions: dict[str, str]
    host: int
    effective_date: date
    as_of: date  # the transition's today: the real one, or the demo's clock
    made_on: date  # the day the document is made (the computer's, not the demo's)
    dataset: Dataset
    employee_decisions: tuple[EmployeeDecision, ...]  # by employee id
    case_decisions: tuple[StoredCaseDecision, ...]  # by case id
    # From the process record.
    milestones: tuple[MilestoneRow, ...] = ()
    notified: int = 0
    extras: dict[str, Any] = field(default_factory=dict)  # teams, robustness, ... where stored
    # Transition.legal_basis: the transfer of undertakings act by law ("vol"), by agreement
    # ("aftale") or another basis ("andet", explained in the note); civil servants aside.
    legal_basis: str = "vol"
    legal_basis_note: str = ""
    # The children's handover records, per municipality and profession, and after the
    # effective date the children promised their contact person who kept it (issue 18).
    handover_progress: tuple[Progress, ...] = ()
    handover_visit_days: int = 30
    continuity_kept: tuple[Continuity, ...] = ()
    contact_changes_recorded: int = 0
    # The settlement register's items and value by status, every status (issue 18).
    settlement: tuple[SettlementTotal, ...] = ()

    @cached_property
    def employer(self) -> dict[str, int]:
        """Employee id -> the municipality they work for from the effective date."""
        return {d.employee_id: d.municipality for d in self.employee_decisions}

    @cached_property
    def case_contacts(self) -> dict[str, tuple[str, str]]:
        """Case id -> (former, new) contact person ("" for none)."""
        return {d.case_id: (d.former_contact, d.contact_person) for d in self.case_decisions}

    @cached_property
    def case_serving(self) -> dict[str, int]:
        """In-house case id -> the municipality that serves it."""
        return {d.case_id: d.municipality for d in self.case_decisions}

    @property
    def external_case_ids(self) -> set[str]:
        return {c.id for c in self.dataset.cases if c.delivery is Delivery.EXTERNAL}


@dataclass(frozen=True)
class Handover:
    """An in-house case whose contact person changes in the plan, with its handover meeting."""

    case_id: str
    citizen_id: str
    family_id: str
    service: str
    profession: str  # code
    acting: int  # municipality code
    paying: int  # municipality code
    vulnerability: int
    former: str  # employee id, "" for none
    new: str  # employee id, "" for unstaffed
    meeting: date | None
    done: bool
    reason: Reason


@dataclass(frozen=True)
class HandoverSources(Labelled):
    """The handovers of a plan (every one, or one caseworker's), for the handover lists."""

    municipalities: dict[int, str]
    professions: dict[str, str]
    host: int
    effective_date: date
    handovers: tuple[Handover, ...]  # by case id
    names: dict[str, str]  # employee id -> name, of the contact persons in the handovers
