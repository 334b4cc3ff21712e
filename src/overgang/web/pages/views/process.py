"""The milestone plan: its deadlines and legal sources; the transition lead adds, edits and removes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.access import can
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.forms import MilestoneForm, NewMilestoneForm
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.process import services as process
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.milestones import ensure_milestones, milestone_state
from overgang.web.process.models import Milestone


@requires("view_milestones")
def milestones(request: HttpRequest) -> HttpResponse:
    may_manage = can(request.user, "manage_milestones")
    form = NewMilestoneForm(prefix="new")
    if request.method == "POST":
        allowed_or_403(request, "manage_milestones")
        form = NewMilestoneForm(request.POST, prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            process.add_milestone(
                title=data["title"],
                due_on=data["due_on"],
                responsible=data.get("responsible", ""),
                note=data.get("note", ""),
                by=request.user,
            )
            messages.success(request, _("The milestone has been added."))
            return redirect("pages:milestones")
    rows = list(Milestone.objects.order_by("due_on", "pk")) or ensure_milestones()
    now = today()
    return render(
        request,
        "pages/milestones.html",
        {
            "rows": [(m, milestone_state(m, now)) for m in rows],
            "today": now,
            "may_manage": may_manage,
            "form": form if may_manage else None,
        },
    )


@requires("manage_milestones")
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    form = MilestoneForm(
        initial={
            "title": milestone.title,
            "due_on": milestone.due_on,
            "done_on": milestone.done_on,
            "responsible": milestone.responsible,
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
                    title=data["title"],
                    due_on=data["due_on"],
                    done_on=data.get("done_on"),
                    responsible=data.get("responsible", ""),
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


@require_POST
@requires("manage_milestones")
def milestone_remove(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        process.remove_milestone(milestone=milestone, version=version, by=request.user)
    except StaleEdit:
        messages.error(
            request,
            _("Someone else changed the milestone while you had it open; it was not removed."),
        )
        return redirect("pages:milestone-edit", pk=pk)
    messages.success(
        request, _("The milestone “%(title)s” has been removed.") % {"title": milestone.title}
    )
    return redirect("pages:milestones")
