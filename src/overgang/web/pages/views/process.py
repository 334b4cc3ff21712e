"""Milestones with their legal deadlines, and the district teams of the current plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overgang.web.access import can
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.forms import MilestoneForm
from overgang.web.pages.permissions import requires
from overgang.web.process import services as process
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.milestones import ensure_milestones
from overgang.web.process.models import Milestone


@requires("view_milestones")
def milestones(request: HttpRequest) -> HttpResponse:
    rows = list(Milestone.objects.order_by("due_on", "pk")) or ensure_milestones()
    return render(
        request,
        "pages/milestones.html",
        {"rows": rows, "today": today(), "may_manage": can(request.user, "manage_milestones")},
    )


@requires("manage_milestones")
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    form = MilestoneForm(
        initial={
            "due_on": milestone.due_on,
            "done_on": milestone.done_on,
            "note": milestone.note,
            "version": milestone.version,
        }
    )
    conflict = None
    if request.method == "POST":
        form = MilestoneForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                process.save_milestone(
                    milestone=milestone,
                    version=int(data["version"]),
                    due_on=data["due_on"],
                    done_on=data.get("done_on"),
                    note=data.get("note", ""),
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale, {name: str(field.label) for name, field in form.fields.items()}
                )
                form = MilestoneForm(
                    initial={**form.cleaned_data, "version": stale.current.version}  # type: ignore[attr-defined]
                )
            else:
                messages.success(request, _("The milestone has been saved."))
                return redirect("pages:milestones")
    return render(
        request,
        "pages/milestone_edit.html",
        {"milestone": milestone, "form": form, "conflict": conflict},
    )
