"""Optimistic concurrency: a save based on a stale version is refused, never silently applied.

Every editable record carries a `version`. A form sends the version it was
rendered from; `save_versioned` applies the changes only when that is still the
stored version, and otherwise raises `StaleEdit` with the stored record and the
fields where the stored values differ from the editor's, so the page can tell
the second editor and show the difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    yours: Any
    stored: Any


class StaleEdit(Exception):
    """The record was changed by someone else since the editor loaded it."""

    def __init__(self, current: models.Model, differences: list[Difference]) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} was changed by someone else")
        self.current = current
        self.differences = differences


def differences(instance: models.Model, changes: dict[str, Any]) -> list[Difference]:
    """Return, field by field, where the changes differ from the instance's values."""
    found = []
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        stored = getattr(instance, attname)
        if stored != value:
            label = str(getattr(field, "verbose_name", name))
            found.append(Difference(name, label, value, stored))
    return found


@transaction.atomic
def save_versioned(instance: M, expected_version: int, changes: dict[str, Any]) -> M:
    """Apply the changes if the stored version is still the expected one; return the saved row.

    Raises StaleEdit (nothing is written) when someone else saved in between. The use
    case that calls it writes the audit entry.
    """
    model = type(instance)
    values = {}
    for name, value in changes.items():
        field = model._meta.get_field(name)
        values[getattr(field, "attname", name)] = value
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False):  # update() does not apply auto_now itself
            values[field.attname] = timezone.now()
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    current = model._default_manager.get(pk=instance.pk)
    if not updated:
        raise StaleEdit(current, differences(current, changes))
    return current
