"""Use cases on scenarios: named sets of planning settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.core.planning.policy import Weights, policy_as_dict, policy_from_dict
from overgang.web.planning.models import Scenario


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


@transaction.atomic
def create_scenario(
    *,
    name: str,
    description: str = "",
    voluntary_only: bool = False,
    effective_date: date | None = None,
    cooperation_services: list[str] | None = None,
    weights: dict[str, str] | None = None,
    replace: bool = False,
) -> Scenario:
    """Return a new scenario (or, with replace, the named one with new settings)."""
    settings: dict[str, Any] = {
        "voluntary_only": voluntary_only,
        "cooperation_services": sorted(cooperation_services or []),
        "weights": {k: float(v) for k, v in (weights or {}).items()},
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
        return existing
    return Scenario.objects.create(name=name, description=description, settings=settings)
