"""The overview's figures and charts: the process status in counts, small counts hidden
where they must be (every count goes through `pages.figures`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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
from overgang.web.pages.figures import Figures, figures
from overgang.web.pages.status import ProcessStatus

WISHES = ("stay", "move", "either", "not_interviewed")


def of_total(done: str, total: str) -> str:
    return _("%(done)s of %(total)s") % {"done": done, "total": total}


@dataclass(frozen=True)
class Overview:
    """The overview's tables of counts, as the user may see them."""

    interviews: Figures  # rows: WISHES; column "n"; the column total is the employees due
    notified: Figures  # rows: "done", "open"; column "n"
    handovers: Figures  # rows: municipality names; columns "done", "open"
    resignations: Figures  # rows: months; columns "dissolution", "other"
    units: Figures  # rows: units; columns "held", "missing" (those marked not relevant left out)

    def interviews_held(self) -> str:
        """Held = due less not interviewed: shown only when both of those are shown."""
        not_held = self.interviews.cell("not_interviewed", "n")[1]
        due = self.interviews.column_totals["n"][1]
        if not (not_held.isdigit() and due.isdigit()):
            return "x"
        return str(int(due) - int(not_held))


def overview(status: ProcessStatus, user: Any) -> Overview:
    wishes = [status.wishes.get(key, 0) for key in WISHES[:3]]
    not_held = status.interviews.total - status.interviews.done
    handover_rows = list(status.handovers)
    months = list(status.resignations)
    return Overview(
        interviews=figures(
            user,
            WISHES,
            ["n"],
            [[count] for count in [*wishes, not_held]],
            row_totals=False,
            column_totals=True,
        ),
        notified=figures(
            user,
            ["done", "open"],
            ["n"],
            [[status.notified.done], [status.notified.total - status.notified.done]],
            row_totals=False,
            column_totals=True,
        ),
        handovers=figures(
            user,
            handover_rows,
            ["done", "open"],
            [[p.done, p.total - p.done] for p in status.handovers.values()],
            row_totals=True,
            column_totals=True,
        ),
        resignations=figures(
            user,
            months,
            ["dissolution", "other"],
            [
                [
                    status.resignations[m].get("dissolution", 0),
                    status.resignations[m].get("other", 0),
                ]
                for m in months
            ],
            row_totals=False,
            column_totals=True,
        ),
        units=figures(
            user,
            [unit.unit or _("No unit") for unit in status.units],
            ["held", "missing"],
            [[unit.held, len(unit.missing)] for unit in status.units],
            row_totals=True,
            column_totals=True,
        ),
    )


def interview_chart(status: ProcessStatus, held: str, due: str) -> str:
    """The interviews held so far, day by day, against the number due and the deadline."""
    start = min([d for d, _n in status.first_interviews] + [status.today - timedelta(days=60)])
    end = max(
        [status.today, status.interview_deadline or status.today]
        + [d for d, _n in status.first_interviews]
    )
    points = [Point(start, 0.0, "0")]
    points += [Point(day, float(count), str(count)) for day, count in status.first_interviews]
    markers = [Marker(status.today, _("today"))]
    if status.interview_deadline:
        markers.append(Marker(status.interview_deadline, _("deadline")))
    return line_chart(
        title=_("Interviews held over time"),
        description=_(
            "%(held)s of %(due)s employees have had their interview; the deadline is %(deadline)s."
        )
        % {"held": held, "due": due, "deadline": status.interview_deadline or "-"},
        series=[Series(_("Employees interviewed"), tuple(points), "bar-1")],
        start=start,
        end=end,
        target=float(status.interviews.total),
        target_label=_("due: %(count)s") % {"count": due},
        markers=markers,
    )


def wish_chart(shown: Overview) -> str:
    words = {
        "stay": _("Wish to stay with the host"),
        "move": _("Wish to move"),
        "either": _("No preference"),
        "not_interviewed": _("Not interviewed yet"),
    }
    bars = []
    for key, label in words.items():
        value, text = shown.interviews.cell(key, "n")
        bars.append(Bar(label, (Segment(value, text),), text))
    return bar_chart(
        title=_("Wishes stated in the interviews"),
        description="; ".join(f"{b.label}: {b.total_text}" for b in bars),
        bars=bars,
    )


def handover_chart(shown: Overview) -> str:
    done_word, open_word = pgettext("handover", "done"), _("not yet")
    bars = []
    for name, total in shown.handovers.row_totals.items():
        done, done_text = shown.handovers.cell(name, "done")
        missing, _missing_text = shown.handovers.cell(name, "open")
        bars.append(
            Bar(
                name,
                (
                    Segment(done, done_text, "bar-1", done_word),
                    Segment(missing, "", "bar-4", open_word),
                ),
                of_total(done_text, total[1]),
            )
        )
    return bar_chart(
        title=_("Handover meetings held, per municipality"),
        description="; ".join(f"{b.label}: {b.total_text}" for b in bars)
        or _("No handovers in the current plan."),
        bars=bars,
        legend=[Legend(done_word, "bar-1"), Legend(open_word, "bar-4")],
    )


def resignation_chart(status: ProcessStatus, user: Any) -> str:
    """The resignations per month, due to the dissolution or not."""
    shown = overview(status, user).resignations
    bars = []
    for month in status.resignations:
        dissolution, d_text = shown.cell(month, "dissolution")
        other, o_text = shown.cell(month, "other")
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
