"""What HovedMED worried about, where HovedMED can see it: the committees' figures on the staff.

Resignations by month, the attrition simulation's spread, the decisions against the
wishes, the hearings, the competences at risk (counted, never named) and the
workload per FTE, for the current plan. Aggregates only, every count suppressed for
small numbers, to every role that sees aggregates; the same section is in the
status report (`overgang.reports.sections_concerns`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from overgang.reports.render import render_html
from overgang.reports.sections_concerns import concerns_section
from overgang.web.pages.overview import resignation_chart
from overgang.web.pages.permissions import requires
from overgang.web.pages.status import process_status
from overgang.web.planning.selectors import current_plan
from overgang.web.reporting.concerns import load_concerns


def _table_html(table: object) -> SafeString:
    """The report's own table markup (rendered and escaped by the reports' engine); its class
    "figures" is the pages' grid of key figures, so the table is renamed for the page."""
    html = render_html("reports/table.html", {"table": table})
    return mark_safe(html.replace('class="figures"', 'class="figure-table"'))  # noqa: S308


@requires("view_aggregates")
def staff_concerns(request: HttpRequest) -> HttpResponse:
    plan = current_plan()
    blocks = []
    computing = False
    if plan is not None:
        concerns = load_concerns(plan)
        computing = concerns.attrition_state == "computing"
        section = concerns_section(concerns)
        for kind, block in section.blocks:
            if kind in ("counts", "figures"):
                blocks.append(("table", _table_html(block)))
            else:
                blocks.append((kind, block))
    return render(
        request,
        "pages/staff_concerns.html",
        {
            "plan": plan,
            "blocks": blocks,
            "computing": computing,
            "resignations": resignation_chart(process_status(), request.user),
        },
    )
