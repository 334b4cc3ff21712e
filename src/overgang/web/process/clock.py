"""The transition's clock: today (or the demo's day) and the effective date."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from overgang.web.process.models import Transition


def today() -> date:
    """Today, or the demo's clock when the demo has set one."""
    return Transition.current().today_override or timezone.localdate()


def effective_date() -> date:
    """The date the municipalities take over: the transition's setting."""
    return Transition.current().effective_date


def before_effective_date() -> bool:
    return today() < effective_date()
