"""The planning policy: the weights of the documented cost and the settings of a scenario."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any

from overgang.core.planning.fixes import Fixes, Reference

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
    # per decision that differs from the reference (approved) plan: an employee placed
    # elsewhere or a case given another contact person. At least wish_not_met and at least
    # a contact change of the most vulnerable case, so that a new plan moves nobody who
    # has been told for less than the wish it would grant.
    changed_from_approved: Decimal = Decimal(150)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, Decimal):
                object.__setattr__(self, f.name, Decimal(str(value)))
            if getattr(self, f.name) < 0:
                raise ValueError(f"weight {f.name} must not be negative")

    def as_dict(self) -> dict[str, float]:
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}


# The weights that only a plan with a reference plan uses; left out of the settings of a
# plan without one, so that its inputs' hash is what it always was.
REFERENCE_WEIGHTS = ("changed_from_approved",)
# A case's contact change costs contact_change × saarbarhed × (1 + its earlier changes),
# the factor capped here (docs/planning.md, "A child's history").
DEFAULT_HISTORY_CAP = 4


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
    # A scenario's changes to the data set (applied by `overrides.apply_overrides`):
    # a profession's norm, and a municipality's staffing need per profession.
    norm_overrides: tuple[tuple[str, Decimal], ...] = ()  # (profession, norm)
    need_overrides: tuple[tuple[int, str, Decimal], ...] = ()  # (municipality, profession, FTE)
    time_limit: float | None = None  # seconds for the whole plan; None: until proven optimal
    # CP-SAT workers per model; None: chosen by the model's size (`search_workers`).
    workers: int | None = None
    fixes: Fixes = field(default_factory=Fixes)  # decisions fixed by hand: hard rules
    reference: Reference | None = None  # the approved plan a re-plan departs from least
    history_cap: int = DEFAULT_HISTORY_CAP  # the most a case's earlier changes multiply by
    leaders_only: bool = False  # plan the leaders alone (their staff are planned later)
    # The search that makes the plan: counted in the solver's work, so that the same data
    # and settings give the same plan (docs/planning.md, "Same data, same settings, same
    # answer"), or, where False, measured on the clock (may differ run to run).
    deterministic: bool = True


# CP-SAT runs one search strategy per worker, and the workers share the cores. On this
# two-core machine eight of them found better plans and bounds than two (docs/benchmarks.md:
# scale 10 at 60 s, gap 2.1 % against 6.4 %), except on the largest models, where eight
# copies of the model cost memory (scale 100: 6.0 GiB against 2.7) and gained nothing.
PORTFOLIO_WORKERS = 8
LARGE_MODEL_WORKERS = 2
LARGE_MODEL_VARIABLES = 20000


def search_workers(policy: Policy, variables: int, processes: int = 1) -> int:
    """Return how many CP-SAT workers search a model of so many variables, where `processes`
    search side by side (parallel.py) and share the machine's cores."""
    if policy.workers is not None:
        return max(1, policy.workers)
    workers = PORTFOLIO_WORKERS if variables < LARGE_MODEL_VARIABLES else LARGE_MODEL_WORKERS
    return max(1, workers // max(1, processes))


def policy_as_dict(policy: Policy) -> dict[str, Any]:
    """Return the policy as JSON-ready settings, in the words of the plan file.

    Overrides appear only when a scenario sets them, so that the settings (and the
    inputs' hash) of a plan without them are what they always were.
    """
    weights = policy.weights.as_dict()
    if policy.reference is None:
        for name in REFERENCE_WEIGHTS:
            weights.pop(name)
    settings: dict[str, Any] = {
        "weights": weights,
        "max_load_factor": float(policy.max_load_factor),
        "voluntary_only": policy.voluntary_only,
        "effective_date": policy.effective_date.isoformat(),
        "cooperation_services": sorted(policy.cooperation_services),
        "time_limit": policy.time_limit,
    }
    if policy.norm_overrides:
        settings["norm_overrides"] = {code: float(norm) for code, norm in policy.norm_overrides}
    if policy.need_overrides:
        settings["need_overrides"] = [
            {"municipality": m, "profession": p, "min_fte": float(fte)}
            for m, p, fte in policy.need_overrides
        ]
    if policy.fixes:
        settings["fixes"] = policy.fixes.as_list()
    if policy.reference is not None:
        settings["reference"] = policy.reference.as_dict()
    if policy.history_cap != DEFAULT_HISTORY_CAP:
        settings["history_cap"] = policy.history_cap
    if policy.leaders_only:
        settings["leaders_only"] = True
    if not policy.deterministic:
        settings["deterministic"] = False
    return settings


def policy_from_dict(settings: dict[str, Any]) -> Policy:
    """Return the policy that JSON settings describe; absent settings take the defaults."""
    defaults = Policy()
    weights = settings.get("weights") or {}
    unknown = set(weights) - {f.name for f in fields(Weights)}
    if unknown:
        raise ValueError(f"unknown weights: {', '.join(sorted(unknown))}")
    return Policy(
        weights=Weights(**{name: Decimal(str(value)) for name, value in weights.items()}),
        voluntary_only=bool(settings.get("voluntary_only", defaults.voluntary_only)),
        effective_date=(
            date.fromisoformat(settings["effective_date"])
            if settings.get("effective_date")
            else defaults.effective_date
        ),
        cooperation_services=frozenset(settings.get("cooperation_services") or ()),
        max_load_factor=Decimal(str(settings.get("max_load_factor", defaults.max_load_factor))),
        norm_overrides=tuple(
            sorted(
                (str(code), Decimal(str(norm)))
                for code, norm in (settings.get("norm_overrides") or {}).items()
            )
        ),
        need_overrides=tuple(
            sorted(
                (int(row["municipality"]), str(row["profession"]), Decimal(str(row["min_fte"])))
                for row in settings.get("need_overrides") or ()
            )
        ),
        time_limit=settings.get("time_limit"),
        fixes=Fixes.from_list(settings.get("fixes") or []),
        reference=Reference.from_dict(settings["reference"]) if settings.get("reference") else None,
        history_cap=int(settings.get("history_cap", DEFAULT_HISTORY_CAP)),
        leaders_only=bool(settings.get("leaders_only", False)),
        deterministic=bool(settings.get("deterministic", defaults.deterministic)),
    )
