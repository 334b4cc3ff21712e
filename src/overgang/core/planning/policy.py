"""The planning policy: the weights of the documented cost and the settings of a scenario."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

DEFAULT_EFFECTIVE_DATE = date(2022, 1, 1)


@dataclass(frozen=True)
class Weights:
    """The price of each cost term (DESIGN.md, "The planning policy")."""

    unstaffed: Decimal = Decimal(1000)  # per load unit of a case without contact person
    overload: Decimal = Decimal(20)  # per load unit above an employee's capacity
    below_min_fte: Decimal = Decimal(500)  # per FTE missing under a staffing need
    wish_not_met: Decimal = Decimal(100)  # per employee
    moved_from_host_against_wish: Decimal = Decimal(100)  # on top of wish_not_met
    contact_change: Decimal = Decimal(10)  # per case, times its saarbarhed
    family_split: Decimal = Decimal(
        5
    )  # per contact person beyond the first, per family and profession

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, Decimal):
                object.__setattr__(self, f.name, Decimal(str(value)))
            if getattr(self, f.name) < 0:
                raise ValueError(f"weight {f.name} must not be negative")

    def as_dict(self) -> dict[str, float]:
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class Policy:
    """Everything a plan depends on besides the data."""

    weights: Weights = field(default_factory=Weights)
    voluntary_only: bool = False  # no employee leaves the host against a stated wish
    effective_date: date = DEFAULT_EFFECTIVE_DATE
    # Services kept in a voluntary cooperation with the host: their cases keep
    # the host's staff across municipal lines.
    cooperation_services: frozenset[str] = frozenset()
    max_load_factor: Decimal = Decimal("1.2")
    time_limit: float | None = None  # seconds for the whole plan; None: until proven optimal
    workers: int = 2
