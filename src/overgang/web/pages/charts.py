"""Charts drawn on the server as inline SVG, each with a text alternative.

A chart is a figure: its caption names it, the SVG carries `role="img"` with a
title and a description that says what it shows in words, and a table with the
same figures follows for anyone who cannot see the drawing. Values hidden by
small-number suppression are drawn as nothing and written as "<5".
Coordinates are passed to the templates as strings, so that the Danish
locale's decimal comma never reaches the SVG.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

_ids = itertools.count(1)

WIDTH = 640
LABEL_WIDTH = 210
BAR_HEIGHT = 22
GAP = 10


def _n(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class Segment:
    """One part of a bar: a value, the text shown for it, its colour class and its name."""

    value: float
    text: str
    css: str = "bar-1"
    name: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    total_text: str = ""


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    text: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]
    css: str = "bar-1"


@dataclass(frozen=True)
class Marker:
    """A vertical line at a date, such as a deadline or today."""

    day: date
    label: str


@dataclass(frozen=True)
class Legend:
    name: str
    css: str


def bar_chart(
    *,
    title: str,
    description: str,
    bars: list[Bar],
    legend: list[Legend] | None = None,
    scale_to: float | None = None,
) -> SafeString:
    """Return a horizontal (stacked) bar chart as a figure with an SVG and a table."""
    plot = WIDTH - LABEL_WIDTH - 100  # room for the value after the longest bar
    largest = scale_to or max((sum(s.value for s in b.segments) for b in bars), default=0) or 1
    rows: list[dict[str, Any]] = []
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        x = float(LABEL_WIDTH)
        parts = []
        for segment in bar.segments:
            width = plot * max(segment.value, 0) / largest
            parts.append(
                {"x": _n(x), "width": _n(width), "css": segment.css, "title": segment.name}
            )
            x += width
        rows.append(
            {
                "label": bar.label,
                "y": _n(y),
                "text_y": _n(y + BAR_HEIGHT * 0.7),
                "parts": parts,
                "total_text": bar.total_text,
                "total_x": _n(x + 6),
                "texts": [s.text for s in bar.segments],
            }
        )
    return render_to_string(
        "pages/charts/bars.html",
        {
            "id": f"chart-{next(_ids)}",
            "title": title,
            "description": description,
            "rows": rows,
            "legend": legend or [],
            "width": str(WIDTH),
            "height": str(GAP + len(bars) * (BAR_HEIGHT + GAP)),
            "label_x": str(LABEL_WIDTH - 8),
            "bar_height": str(BAR_HEIGHT),
        },
    )


def line_chart(
    *,
    title: str,
    description: str,
    series: list[Series],
    start: date,
    end: date,
    target: float | None = None,
    target_label: str = "",
    markers: list[Marker] | None = None,
) -> SafeString:
    """Return a step line chart over time (e.g. interviews held so far), with a target and markers."""
    left, right, top, bottom, height = 50.0, 20.0, 24.0, 40.0, 260.0
    span = max((end - start).days, 1)
    peak = max([target or 0.0] + [p.value for s in series for p in s.points]) or 1.0

    def x_of(day: date) -> float:
        return left + (WIDTH - left - right) * min(max((day - start).days, 0), span) / span

    def y_of(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / peak)

    lines = []
    for s in series:
        coords: list[str] = []
        previous: float | None = None
        for p in s.points:
            if previous is not None:
                coords.append(f"{_n(x_of(p.day))},{_n(y_of(previous))}")
            coords.append(f"{_n(x_of(p.day))},{_n(y_of(p.value))}")
            previous = p.value
        lines.append({"css": s.css, "points": " ".join(coords)})
    middle = start + (end - start) / 2
    return render_to_string(
        "pages/charts/line.html",
        {
            "id": f"chart-{next(_ids)}",
            "title": title,
            "description": description,
            "lines": lines,
            "tables": [
                {"name": s.name, "cells": [(p.day, p.text or f"{p.value:g}") for p in s.points]}
                for s in series
            ],
            "markers": [
                {"x": _n(x_of(m.day)), "text_x": _n(x_of(m.day) - 4), "label": m.label}
                for m in (markers or [])
            ],
            "ticks": [
                {"x": _n(x_of(day)), "day": day, "anchor": anchor}
                for day, anchor in ((start, "start"), (middle, "middle"), (end, "end"))
            ],
            "width": str(WIDTH),
            "height": _n(height),
            "left": _n(left),
            "right": _n(WIDTH - right),
            "top": _n(top),
            "marker_text_y": _n(top - 8),
            "baseline": _n(height - bottom),
            "tick_y": _n(height - bottom + 18),
            "target_y": _n(y_of(target)) if target is not None else None,
            "target_text_y": _n(y_of(target) - 5) if target is not None else None,
            "target_text_x": _n(left + 4),
            "target_label": target_label,
            "legend": [Legend(s.name, s.css) for s in series],
        },
    )
