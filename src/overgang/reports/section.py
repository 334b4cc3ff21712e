"""A section of a report: a heading, running text, tables of counts, tables of figures, charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.formats import date_format

from overgang.reports.tables import FigureTable, ShownTable


@dataclass
class Section:
    """A heading and its blocks, in reading order: text, tables, charts and notes."""

    key: str
    title: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def text(self, paragraph: str) -> None:
        self.blocks.append(("text", paragraph))

    def table(self, table: ShownTable | FigureTable) -> None:
        self.blocks.append(("counts" if table.is_counts else "figures", table))

    def chart(self, svg: str) -> None:
        self.blocks.append(("chart", svg))

    def note(self, note: str) -> None:
        self.blocks.append(("note", note))

    @property
    def paragraphs(self) -> list[str]:
        return [b for kind, b in self.blocks if kind == "text"]

    @property
    def tables(self) -> list[ShownTable | FigureTable]:
        return [b for kind, b in self.blocks if kind in ("counts", "figures")]

    @property
    def charts(self) -> list[str]:
        return [b for kind, b in self.blocks if kind == "chart"]

    @property
    def notes(self) -> list[str]:
        return [b for kind, b in self.blocks if kind == "note"]


def long_date(day: date) -> str:
    """Return a date as the council reads it, e.g. '1. januar 2022'."""
    return date_format(day, "j. F Y", use_l10n=True)


def month_label(year: int, month: int) -> str:
    return date_format(date(year, month, 1), "F Y", use_l10n=True)
