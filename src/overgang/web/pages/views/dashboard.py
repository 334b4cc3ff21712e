"""The overview: the process status in figures and charts, small counts hidden where they must be."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from overgang.web.access import can, suppressed
from overgang.web.pages.charts import (
    Bar,
    Legend,
    Marker,
    Point,
    Segment,
    Series,
    bar_chart,
    line_chart,
)
from overgang.web.pages.navigation import first_page
from overgang.web.pages.status import Status, process_status


def _shown(count: int, user: Any) -> tuple[float, str]:
    """Return a count as (value to draw, text to show): small counts hidden from aggregate roles."""
    value = suppressed(count, user)
    return (0.0, "<5") if value is None else (float(value), str(value))


def _progress_text(done: int, total: int, user: Any) -> str:
    return _("%(done)s of %(total)s") % {
        "done": _shown(done, user)[1],
        "total": _shown(total, user)[1],
    }


def _interview_chart(status: Status, user: Any) -> str:
    start = min([d for d, _n in status.first_interviews] + [status.today - timedelta(days=60)])
    end = max(
        [status.today, status.interview_deadline or status.today]
        + [d for d, _n in status.first_interviews]
    )
    points = [Point(start, 0.0, "0")]
    for day, count in status.first_interviews:
        value, text = _shown(count, user)
        points.append(Point(day, value, text))
    markers = [Marker(status.today, _("today"))]
    if status.interview_deadline:
        markers.append(Marker(status.interview_deadline, _("deadline")))
    held, due = status.interviews.done, status.interviews.total
    return line_chart(
        title=_("Interviews held over time"),
        description=_(
            "%(held)s of %(due)s employees have had their interview; the deadline is %(deadline)s."
        )
        % {
            "held": _shown(held, user)[1],
            "due": _shown(due, user)[1],
            "deadline": status.interview_deadline or "-",
        },
        series=[Series(_("Employees interviewed"), tuple(points), "bar-1")],
        start=start,
        end=end,
        target=_shown(due, user)[0],
        target_label=_("due: %(count)s") % {"count": _shown(due, user)[1]},
        markers=markers,
    )


def _wish_chart(status: Status, user: Any) -> str:
    words = {
        "stay": _("Wish to stay with the host"),
        "move": _("Wish to move"),
        "either": _("No preference"),
    }
    bars = []
    for key, label in words.items():
        value, text = _shown(status.wishes.get(key, 0), user)
        bars.append(Bar(label, (Segment(value, text),), text))
    return bar_chart(
        title=_("Wishes stated in the interviews"),
        description="; ".join(f"{b.label}: {b.total_text}" for b in bars),
        bars=bars,
    )


def _handover_chart(status: Status, user: Any) -> str:
    bars = []
    for name, progress in status.handovers.items():
        done, done_text = _shown(progress.done, user)
        total, _total_text = _shown(progress.total, user)
        missing = max(total - done, 0.0)
        bars.append(
            Bar(
                name,
                (
                    Segment(done, done_text, "bar-1", pgettext("handover", "done")),
                    Segment(missing, "", "bar-4", _("not yet")),
                ),
                _progress_text(progress.done, progress.total, user),
            )
        )
    return bar_chart(
        title=_("Handover meetings held, per municipality"),
        description="; ".join(f"{b.label}: {b.total_text}" for b in bars)
        or _("No handovers in the current plan."),
        bars=bars,
        legend=[Legend(pgettext("handover", "done"), "bar-1"), Legend(_("not yet"), "bar-4")],
    )


def resignation_chart(status: Status, user: Any) -> str:
    bars = []
    for month, reasons in status.resignations.items():
        dissolution, d_text = _shown(reasons.get("dissolution", 0), user)
        other, o_text = _shown(reasons.get("other", 0), user)
        bars.append(
            Bar(
                month,
                (
                    Segment(dissolution, d_text, "bar-3", _("due to the dissolution")),
                    Segment(other, o_text, "bar-2", _("other reasons")),
                ),
                f"{d_text} + {o_text}",
            )
        )
    return bar_chart(
        title=_("Resignations per month"),
        description="; ".join(f"{b.label}: {b.total_text}" for b in bars) or _("No resignations."),
        bars=bars,
        legend=[Legend(_("due to the dissolution"), "bar-3"), Legend(_("other reasons"), "bar-2")],
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "view_dashboard"):
        elsewhere = first_page(request)
        if elsewhere is None and request.user.is_superuser:
            return redirect("admin:index")  # a superuser without a role administers users
        if elsewhere is None:
            raise PermissionDenied
        return redirect(elsewhere)
    status = process_status()
    user = request.user
    figures = [
        (_("Interviews held"), _progress_text(*_pair(status.interviews), user)),
        (_("Decisions notified"), _progress_text(*_pair(status.notified), user)),
        (
            _("Handover meetings held"),
            _progress_text(
                sum(p.done for p in status.handovers.values()),
                sum(p.total for p in status.handovers.values()),
                user,
            ),
        ),
        (
            _("Resignations due to the dissolution"),
            _shown(sum(r.get("dissolution", 0) for r in status.resignations.values()), user)[1],
        ),
    ]
    return render(
        request,
        "pages/dashboard.html",
        {
            "status": status,
            "figures": figures,
            "charts": [
                _interview_chart(status, user),
                _wish_chart(status, user),
                _handover_chart(status, user),
                resignation_chart(status, user),
            ],
            "suppressing": suppressed(1, user) is None,
        },
    )


def _pair(progress: Any) -> tuple[int, int]:
    return progress.done, progress.total
