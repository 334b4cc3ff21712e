"""The scenario comparison as a report: stored plans side by side, with the same suppression.

Rows come from `overgang.core.comparison` and their words from
`overgang.texts.comparison`, as in `overgang compare`. Counts of people or cases
pass small-number suppression: a single count below 5 is shown as "<5", and a
breakdown with its total (cases that change contact person per profession) is
suppressed as one table per scenario. A difference is shown only between two
visible counts, so no difference gives a hidden count away.

`overgang.web.reporting.comparison` loads the plans' figures (`ComparisonSources`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.core.comparison import Comparison, Kind, Row, ScenarioFigures, compare_scenarios
from overgang.core.suppression import Cell, CountTable, suppress_count, suppress_table
from overgang.reports import charts
from overgang.reports.render import html_to_pdf, render_html
from overgang.reports.section import long_date
from overgang.texts.comparison import difference_text, row_label, value_text


@dataclass(frozen=True)
class ComparisonSources:
    """Stored plans' figures side by side, with the names the first plan was made with."""

    figures: tuple[ScenarioFigures, ...]  # in the order to show, the first the baseline
    municipalities: dict[int, str]
    professions: dict[str, str]
    made_on: date  # the day the last plan was stored


@dataclass(frozen=True)
class ShownValue:
    text: str
    difference: str
    kind: str  # "visible", "small", "hidden" for counts; "figure" otherwise


@dataclass(frozen=True)
class ShownRow:
    label: str
    key: str
    values: tuple[ShownValue, ...]
    is_detail: bool
    differs: bool


def _count_cells(rows: Sequence[Row]) -> dict[tuple[str, object], tuple[Cell | None, ...]]:
    """Return every count row's cells per scenario, suppressed; breakdowns as whole tables."""
    cells: dict[tuple[str, object], tuple[Cell | None, ...]] = {}
    counts = [r for r in rows if r.kind == Kind.COUNT]
    totals = {r.key for r in counts if r.detail is None}
    broken_down = {r.key for r in counts if r.detail is not None}
    for key in totals:
        total = next(r for r in counts if r.key == key and r.detail is None)
        if key not in broken_down:
            cells[key, None] = tuple(
                suppress_count(int(v)) if v is not None else None for v in total.values
            )
            continue
        details = [r for r in counts if r.key == key and r.detail is not None]
        columns = range(len(total.values))
        table = suppress_table(
            CountTable(
                rows=tuple(str(r.detail) for r in details),
                columns=tuple(str(j) for j in columns),
                values=tuple(tuple(int(r.values[j] or 0) for j in columns) for r in details),
                row_totals=False,
                column_totals=True,
            )
        )
        for i, r in enumerate(details):
            cells[key, r.detail] = table.cells[i]
        cells[key, None] = table.column_totals or ()
    return cells


def shown_rows(
    comparison: Comparison, municipalities: dict[int, str], professions: dict[str, str]
) -> list[ShownRow]:
    """Return the comparison's rows as shown: values, differences, suppressed counts."""
    counts = _count_cells(comparison.rows)
    out = []
    for row in comparison.rows:
        values = []
        if row.kind == Kind.COUNT:
            cells = counts[row.key, row.detail]
            first = cells[0]
            for cell, difference in zip(cells, row.differences, strict=True):
                if cell is None:
                    values.append(ShownValue("-", "", "figure"))
                    continue
                both = cell.visible and first is not None and first.visible
                values.append(
                    ShownValue(
                        cell.display(),
                        difference_text(row.kind, difference) if both else "",
                        str(cell.shown),
                    )
                )
        else:
            for value, difference in zip(row.values, row.differences, strict=True):
                values.append(
                    ShownValue(
                        value_text(row.kind, value), difference_text(row.kind, difference), "figure"
                    )
                )
        out.append(
            ShownRow(
                label=(
                    professions.get(row.detail, row.detail)
                    if isinstance(row.detail, str)
                    else row_label(row, municipalities).strip()
                ),
                key=f"{row.key}/{row.detail if row.detail is not None else 'total'}",
                values=tuple(values),
                is_detail=row.detail is not None,
                differs=row.differs,
            )
        )
    return out


def comparison_document(src: ComparisonSources, fmt: str = "pdf", lang: str = "da") -> bytes:
    """Return stored plans side by side as a PDF or HTML report."""
    if fmt not in ("pdf", "html"):
        raise ValueError("format must be pdf or html")
    if not src.figures:
        raise ValueError("nothing to compare")
    with translation.override(lang):
        comparison = compare_scenarios(src.figures)
        rows = shown_rows(comparison, src.municipalities, src.professions)
        hires = comparison.row("hires_fte")
        unstaffed = comparison.row("unstaffed_load")
        chart = charts.grouped_figures(
            list(comparison.names),
            [
                (_("Hires needed (FTE)"), charts.BLUE, [float(v or 0) for v in hires.values]),
                (
                    _("Unstaffed load (load units)"),
                    charts.ORANGE,
                    [float(v or 0) for v in unstaffed.values],
                ),
            ],
            title=_("Hires and unstaffed load per scenario"),
            unit="",
        )
        html = render_html(
            "reports/comparison.html",
            {
                "lang": lang,
                "title": _("Scenarios side by side"),
                "intro": _(
                    "The scenarios' plans compared figure by figure; differences are from the "
                    "first, %(first)s. Counts from 1 to 4 are shown as “<5”; where a total would "
                    "give one away, another count is hidden as “x”, and no difference is shown "
                    "beside a hidden count."
                )
                % {"first": comparison.names[0]},
                "names": [
                    (name, _plan_label(name, plan_id))
                    for name, plan_id in zip(comparison.names, comparison.plan_ids, strict=True)
                ],
                "rows": rows,
                "chart": chart,
                "generated": long_date(src.made_on),
                "footer": _("Scenarios side by side"),
            },
        )
    return html.encode("utf-8") if fmt == "html" else html_to_pdf(html)


def _plan_label(name: str, plan_id: int | None) -> str:
    label = _("plan %(id)s") % {"id": plan_id} if plan_id else ""
    return "" if label == name else label
