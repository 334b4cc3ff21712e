"""A section of a report: a heading, running text, tables of counts, tables of figures, charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format

from overgang.reports.tables import FigureTable, ShownTable


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ShownTable | FigureTable] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)  # SVG
    notes: list[str] = field(default_factory=list)


def long_date(day: date) -> str:
    """Return a date as the council reads it, e.g. '1. januar 2022'."""
    return date_format(day, "j. F Y", use_l10n=True)


def month_label(year: int, month: int) -> str:
    return date_format(date(year, month, 1), "F Y", use_l10n=True)
