"""Charts for the reports, drawn by matplotlib as SVG: inline in the HTML, vector in the PDF.

Charts of counts show only what the table beside them shows: a hidden cell draws
no bar, only its label ("<5" or "x"), and the axes carry no scale of counts, each
bar being labelled with its figure instead.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from overgang.core.suppression import Cell  # noqa: E402

# Colours that keep apart in grey print and for the common colour blindnesses.
BLUE, ORANGE, GREY, TEAL = "#1f5a96", "#e08a1e", "#9a9a9a", "#2a9d8f"

_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text: searchable, and set in the document's font
    "svg.hashsalt": "overgang",  # the same figure gives the same SVG
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _frozen(value: Any) -> Any:
    """The value as a key: sequences as tuples, words (lazy translations too) as text."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str | Cell):
        return value
    return str(value)


def _remembered(draw: Callable[..., str]) -> Callable[..., str]:
    """Draw each chart once per process: the SVG depends on its figures and words alone
    (svg.hashsalt fixes its ids), and matplotlib takes a tenth of a second per chart."""
    cached = functools.lru_cache(maxsize=128)(draw)

    @functools.wraps(draw)
    def remembered(*args: Any, **kwargs: Any) -> str:
        return cached(*_frozen(args), **{k: _frozen(v) for k, v in kwargs.items()})

    return remembered


def _svg(figure: Figure, title: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    # Scale with the page: keep the viewBox, let CSS set the width.
    text = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r"<svg\1", text, count=1)
    label = escape(title, quote=True)
    return text.replace("<svg", f'<svg class="chart" role="img" aria-label="{label}"', 1)


@_remembered
def stacked_counts(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[Cell]]],  # (name, colour, one cell per label)
    *,
    title: str,
    horizontal: bool = True,
) -> str:
    """Return a stacked bar chart of suppressed counts as SVG; hidden cells only as labels."""
    with plt.rc_context(_STYLE):
        height = max(1.6, 0.32 * len(labels) + 0.9) if horizontal else 2.8
        figure, axes = plt.subplots(figsize=(6.3, height))
        positions = range(len(labels))
        base = [0] * len(labels)
        largest = max(
            [sum(cells[i].value for _n, _c, cells in series if cells[i].visible) for i in positions]
            or [1]
        )
        largest = max(largest, 1)
        hidden: list[list[str]] = [[] for _ in positions]
        for name, colour, cells in series:
            values = [c.value if c.visible else 0 for c in cells]
            if horizontal:
                axes.barh(positions, values, left=base, color=colour, label=name, height=0.62)
            else:
                axes.bar(positions, values, bottom=base, color=colour, label=name, width=0.62)
            for i, cell in enumerate(cells):
                if not cell.visible:
                    # A hidden count draws no bar: its label goes after the bar, in legend order.
                    hidden[i].append(f"{name}: {cell.display()}")
                    continue
                if cell.value < largest * 0.06:
                    continue  # too narrow to label inside; the table has it
                middle = base[i] + values[i] / 2
                x, y = (middle, i) if horizontal else (i, middle)
                axes.text(x, y, cell.display(), ha="center", va="center", color="white", fontsize=8)
            base = [b + v for b, v in zip(base, values, strict=True)]
        for i, texts in enumerate(hidden):
            if not texts:
                continue
            gap = largest * 0.015
            if horizontal:
                axes.text(base[i] + gap, i, ", ".join(texts), va="center", ha="left", fontsize=7.5)
            else:
                axes.text(i, base[i] + gap, "\n".join(texts), ha="center", va="bottom", fontsize=7)
        if horizontal:
            axes.set_yticks(list(positions), list(labels))
            axes.invert_yaxis()
            axes.set_xticks([])
            axes.spines["bottom"].set_visible(False)
        else:
            axes.set_xticks(list(positions), list(labels), rotation=45, ha="right")
            axes.set_yticks([])
            axes.spines["left"].set_visible(False)
        axes.set_title(title, loc="left", fontsize=10)
        axes.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.02 if horizontal else -0.35),
            ncol=3,
            frameon=False,
        )
        return _svg(figure, title)


@_remembered
def grouped_figures(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]],
    *,
    title: str,
    unit: str,
) -> str:
    """Return a grouped bar chart of figures that are not counts of people (load, capacity)."""
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(6.3, max(1.8, 0.42 * len(labels) + 0.9)))
        width = 0.8 / max(1, len(series))
        for k, (name, colour, values) in enumerate(series):
            positions = [i - 0.4 + width * (k + 0.5) for i in range(len(labels))]
            axes.barh(positions, list(values), height=width, color=colour, label=name)
        axes.set_yticks(list(range(len(labels))), list(labels))
        axes.invert_yaxis()
        axes.set_xlabel(unit)
        axes.set_title(title, loc="left", fontsize=10)
        axes.legend(loc="lower right", frameon=False)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        return _svg(figure, title)
