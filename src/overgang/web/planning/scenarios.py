"""Use cases on scenarios: named sets of planning settings, and the scenarios Overgang ships."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.core.comparison import ScenarioFigures, figures_from_metrics
from overgang.core.domain import Delivery
from overgang.core.planning.policy import Weights, policy_as_dict, policy_from_dict
from overgang.web.audit.actors import Actor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.planning.models import PlanAnalysis, Scenario, StoredPlan
from overgang.web.planning.services import PlanningUnavailable, PlanRun, run_plan


class ScenarioError(ValueError):
    pass


def parse_weights(pairs: list[str]) -> dict[str, str]:
    """Return weights given as NAME=VALUE, checking every name and value."""
    names = set(Weights.__dataclass_fields__)
    weights: dict[str, str] = {}
    for pair in pairs:
        name, _sep, value = pair.partition("=")
        name = name.strip()
        if name not in names:
            raise ScenarioError(
                _("unknown weight %(name)s; the weights are %(names)s")
                % {"name": name, "names": ", ".join(sorted(names))}
            )
        try:
            if Decimal(value) < 0:
                raise InvalidOperation
        except InvalidOperation as error:
            raise ScenarioError(
                _("weight %(name)s must be a number of 0 or more, not %(value)r")
                % {"name": name, "value": value}
            ) from error
        weights[name] = value.strip()
    return weights


def _quantity(value: str, option: str, given: str) -> str:
    """Return a number of 0 or more with at most two decimals (a decimal comma is accepted)."""
    text = value.strip().replace(",", ".")
    try:
        number = Decimal(text)
        if not number.is_finite() or number < 0 or number != number.quantize(Decimal("0.01")):
            raise InvalidOperation
    except InvalidOperation as error:
        raise ScenarioError(
            _(
                "%(option)s %(given)s: %(value)r is not a number of 0 or more with at most two decimals"
            )
            % {"option": option, "given": given, "value": value}
        ) from error
    return text


def parse_norms(pairs: list[str]) -> dict[str, str]:
    """Return norm overrides given as PROFESSION=NORM (`--norm FAM=12`)."""
    norms: dict[str, str] = {}
    for pair in pairs:
        code, sep, value = pair.partition("=")
        if not sep or not code.strip():
            raise ScenarioError(
                _("--norm %(given)s: write PROFESSION=NORM, e.g. FAM=12") % {"given": pair}
            )
        norms[code.strip()] = _quantity(value, "--norm", pair)
    return norms


def parse_needs(items: list[str]) -> list[tuple[int, str, str]]:
    """Return staffing need overrides given as MUNICIPALITY:PROFESSION=FTE (`--need 187:ADM=2`)."""
    needs: dict[tuple[int, str], str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        code, colon, profession = key.partition(":")
        if not sep or not colon or not code.strip().isdigit() or not profession.strip():
            raise ScenarioError(
                _("--need %(given)s: write MUNICIPALITY:PROFESSION=FTE, e.g. 187:ADM=2")
                % {"given": item}
            )
        needs[int(code), profession.strip()] = _quantity(value, "--need", item)
    return [(m, p, fte) for (m, p), fte in sorted(needs.items())]


@transaction.atomic
def create_scenario(
    *,
    name: str,
    description: str = "",
    voluntary_only: bool = False,
    effective_date: date | None = None,
    cooperation_services: list[str] | None = None,
    weights: dict[str, str] | None = None,
    norm_overrides: dict[str, str] | None = None,
    need_overrides: list[tuple[int, str, str]] | None = None,
    replace: bool = False,
    by: Actor,
) -> Scenario:
    """Return a new scenario (or, with replace, the named one with new settings), logged."""
    if not name.strip():
        raise ScenarioError(_("a scenario needs a name"))
    settings: dict[str, Any] = {
        "voluntary_only": voluntary_only,
        "cooperation_services": sorted(cooperation_services or []),
        "weights": {k: float(v) for k, v in (weights or {}).items()},
        "norm_overrides": {k: float(v) for k, v in (norm_overrides or {}).items()},
        "need_overrides": [
            {"municipality": m, "profession": p, "min_fte": float(fte)}
            for m, p, fte in need_overrides or []
        ],
    }
    if effective_date:
        settings["effective_date"] = effective_date.isoformat()
    settings = policy_as_dict(policy_from_dict(settings))  # validated and complete
    settings.pop("time_limit")
    existing = Scenario.objects.filter(name=name).first()
    if existing and not replace:
        raise ScenarioError(_("a scenario named %(name)s exists already") % {"name": name})
    if existing:
        existing.description = description
        existing.settings = settings
        existing.save()
        record(by, Action.UPDATE, existing, object_id=name, detail={"settings": settings})
        return existing
    scenario = Scenario.objects.create(name=name, description=description, settings=settings)
    record(by, Action.CREATE, scenario, object_id=name, detail={"settings": settings})
    return scenario


# The services the status note names as solved in-house by Ishøj, where a continued
# cooperation could pay: family treatment (FBH), physio- and occupational therapy
# (FYS, also at Kirkebækskolen) and adult special education (VSU).
COOPERATION_PROFESSIONS = ("FBH", "FYS", "VSU")


def cooperation_services_of_demo() -> list[str]:
    """Return the demo catalogue's in-house services of family treatment, physio/OT and VSU."""
    from overgang.demo.services import KINDS

    return sorted(
        {
            service.name
            for kind in KINDS.values()
            if kind.profession in COOPERATION_PROFESSIONS and kind.delivery is Delivery.IN_HOUSE
            for service in kind.services
        }
    )


@dataclass(frozen=True)
class ShippedScenario:
    name: str
    description: str
    settings: dict[str, Any] = field(default_factory=dict)


FULL_DISSOLUTION = "fuld-opløsning"
VOLUNTARY_COOPERATION = "frivilligt-samarbejde"
VOLUNTARY_ONLY = "kun-frivillig-overflytning"


def shipped_scenarios() -> list[ShippedScenario]:
    """Return the three scenarios the seeds discuss, with descriptions in the active language."""
    return [
        ShippedScenario(
            FULL_DISSOLUTION,
            _(
                "Full dissolution: every function is taken home on the effective date, "
                "as Vallensbæk wants; transfers by wish where the cost allows."
            ),
        ),
        ShippedScenario(
            VOLUNTARY_COOPERATION,
            _(
                "Voluntary cooperation kept on family treatment, physio/occupational therapy "
                "and adult special education: the host's staff go on serving both "
                "municipalities' citizens there; everything else is taken home."
            ),
            {"cooperation_services": cooperation_services_of_demo()},
        ),
        ShippedScenario(
            VOLUNTARY_ONLY,
            _(
                "Voluntary transfers only: no employee leaves the host against a stated "
                "wish; every function is taken home."
            ),
            {"voluntary_only": True},
        ),
    ]


def shipped_names() -> list[str]:
    return [s.name for s in shipped_scenarios()]


@transaction.atomic
def create_shipped_scenarios(
    *, names: Iterable[str] | None = None, replace: bool = False, by: Actor
) -> list[Scenario]:
    """Create the shipped scenarios that do not exist yet (all, or the named); return those made.

    With replace, existing ones get the shipped settings and description back.
    """
    wanted = set(names) if names is not None else None
    made = []
    for shipped in shipped_scenarios():
        if wanted is not None and shipped.name not in wanted:
            continue
        if Scenario.objects.filter(name=shipped.name).exists() and not replace:
            continue
        made.append(
            create_scenario(
                name=shipped.name,
                description=shipped.description,
                voluntary_only=bool(shipped.settings.get("voluntary_only", False)),
                cooperation_services=list(shipped.settings.get("cooperation_services", [])),
                replace=replace,
                by=by,
            )
        )
    return made


def plan_scenarios(
    *,
    names: list[str],
    time_limit: float | None,
    by: Actor,
    progress: Callable[[str, str, int, int], None] | None = None,
    deterministic: bool | None = True,
) -> list[PlanRun]:
    """Plan the stored data set under each named scenario, store every plan and return them.

    A shipped scenario that is not stored yet is created first, so that a new
    user can compare them at once. Every name is checked before planning starts.
    Every plan is made with the deterministic search unless `deterministic` says
    otherwise (None: each scenario's own), so that a comparison made twice agrees.
    """
    create_shipped_scenarios(names=names, by=by)
    unknown = [n for n in names if not Scenario.objects.filter(name=n).exists()]
    if unknown:
        raise PlanningUnavailable(_("unknown scenario: %(name)s") % {"name": ", ".join(unknown)})
    runs = []
    for name in names:

        def report(profession: str, done: int, total: int, name: str = name) -> None:
            if progress:
                progress(name, profession, done, total)

        runs.append(
            run_plan(
                scenario=name,
                time_limit=time_limit,
                by=by,
                progress=report,
                deterministic=deterministic,
            )
        )
    return runs


def stored_figures(stored: StoredPlan) -> ScenarioFigures:
    """Return a stored plan's figures for a comparison, with its stored teams and robustness.

    The same figures as a fresh plan's (`scenario_figures`); the teams' and
    robustness rows are empty for a plan stored without its analysis.
    """
    analysis = PlanAnalysis.objects.filter(plan=stored).first()
    teams = list(stored.teams.all()) if analysis else []
    return figures_from_metrics(
        stored.scenario_name or _("plan %(id)s") % {"id": stored.pk},
        stored.metrics,
        status=stored.status,
        gap=stored.gap,
        total_cost=stored.objective_value,
        teams_without_leader=sum(1 for t in teams if not t.leader) if analysis else None,
        teams_missing_profession=(
            sum(1 for t in teams if t.missing_professions) if analysis else None
        ),
        robustness_warnings=len(analysis.warnings) if analysis else None,
        plan_id=stored.pk,
    )
