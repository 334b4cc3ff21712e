"""What the second of two editors is shown: each field where the stored record differs from theirs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from overgang.web.process.concurrency import StaleEdit


@dataclass(frozen=True)
class FieldDifference:
    label: str
    stored: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    differences: list[FieldDifference]


def _text(field: models.Field[Any, Any], value: Any) -> str:
    if value is None or value == "":
        return "–"
    if field.is_relation and not isinstance(value, models.Model):
        value = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def conflict_of(stale: StaleEdit, labels: Mapping[str, str]) -> Conflict:
    """Return the differences of the fields the form shows, in the form's words."""
    rows = []
    for difference in stale.differences:
        if difference.field not in labels:
            continue  # bookkeeping such as who saved last differs every time
        field = stale.current._meta.get_field(difference.field)
        rows.append(
            FieldDifference(
                label=labels[difference.field],
                stored=_text(field, getattr(stale.current, difference.field)),  # type: ignore[arg-type]
                yours=_text(field, difference.yours),  # type: ignore[arg-type]
            )
        )
    return Conflict(rows)
