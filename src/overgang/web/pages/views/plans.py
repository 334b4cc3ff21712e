"""Scenarios and plans: create a scenario, run a plan with progress, compare, approve, read decisions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.core.comparison import Comparison, Kind, compare_scenarios
from overgang.texts.comparison import difference_text, row_label, value_text
from overgang.web.access import can
from overgang.web.jobs.models import Job
from overgang.web.jobs.services import JobError, cancel_job, may_cancel
from overgang.web.pages import plan_runs
from overgang.web.pages.charts import Bar, Segment, bar_chart
from overgang.web.pages.civil_servants import civil_servants_of
from overgang.web.pages.figures import aggregate_only, figures
from overgang.web.pages.fixes import fix_marks
from overgang.web.pages.forms import RunPlanForm, ScenarioForm
from overgang.web.pages.hearing_panels import approval_context, mark_states
from overgang.web.pages.listing import page_of
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.plan_figures import kept_plan_figures
from overgang.web.pages.reasons import (
    case_decision_text,
    employee_decision_text,
    municipality_names,
)
from overgang.web.pages.reproductions import reproduction_context
from overgang.web.planning.freshness import is_stale
from overgang.web.planning.models import (
    CaseDecision,
    EmployeeDecision,
    FixKind,
    Scenario,
    StoredPlan,
)
from overgang.web.planning.replanning import (
    changes_from_reference_plan,
    reference_plan_id,
    reference_warnings,
)
from overgang.web.planning.reproductions import made_deterministically
from overgang.web.planning.scenarios import ScenarioError, create_scenario, stored_figures
from overgang.web.planning.selectors import (
    approved_plan,
    current_plan,
    may_be_approved,
    plans_newest_first,
    replaces_approved,
)
from overgang.web.process import services as process


@requires("view_plans")
def plans(request: HttpRequest) -> HttpResponse:
    scenarios = list(Scenario.objects.order_by("name"))
    scenario_form = ScenarioForm(prefix="scenario")
    run_form = RunPlanForm(prefix="run", scenarios=[s.name for s in scenarios], plans=_plans())
    if request.method == "POST":
        allowed_or_403(request, "manage_scenarios")
        scenario_form = ScenarioForm(request.POST, prefix="scenario")
        if scenario_form.is_valid():
            try:
                data = scenario_form.cleaned_data
                scenario = create_scenario(
                    name=data["name"],
                    description=data.get("description", ""),
                    voluntary_only=bool(data.get("voluntary_only")),
                    cooperation_services=list(data.get("cooperation_services") or []),
                    by=request.user,
                )
            except ScenarioError as refused:
                scenario_form.add_error("name", str(refused))
            else:
                messages.success(
                    request, _("Scenario %(name)s has been created.") % {"name": scenario.name}
                )
                return redirect("pages:plans")
    return render(
        request,
        "pages/plans.html",
        {
            "scenarios": scenarios,
            "plans": plans_newest_first()[:100],
            "approved": approved_plan(),
            "current": current_plan(),
            "scenario_form": scenario_form,
            "run_form": run_form,
            "may_manage": can(request.user, "manage_scenarios"),
            "may_run": can(request.user, "run_plan"),
            "may_inform": can(request.user, "record_representatives"),
        },
    )


@require_POST
@requires("run_plan")
def plan_run_start(request: HttpRequest) -> HttpResponse:
    names = list(Scenario.objects.values_list("name", flat=True))
    form = RunPlanForm(request.POST, prefix="run", scenarios=names, plans=_plans())
    if not form.is_valid():
        messages.error(request, _("The plan was not started: check the scenario and time limit."))
        return redirect("pages:plans")
    from_plan = form.cleaned_data["from_plan"]
    if from_plan is not None:
        for warning in reference_warnings(StoredPlan.objects.get(pk=from_plan)):
            messages.warning(request, warning)
    run = plan_runs.start_run(
        scenario=form.cleaned_data["scenario"],
        time_limit=form.cleaned_data["time_limit"],
        by=request.user,
        language=get_language(),
        from_plan=from_plan,
        leaders_only=form.cleaned_data["leaders_only"],
    )
    return redirect("pages:plan-run", run_id=run.id)


def _plans() -> list[tuple[int, bool]]:
    """The stored plans one may re-plan from, as (id, approved), newest first."""
    return [
        (pk, approval is not None)
        for pk, approval in StoredPlan.objects.order_by("-pk").values_list("pk", "approval")
    ]


def _run_or_404(run_id: str) -> Job:
    run = plan_runs.get_run(run_id)
    if run is None:
        raise Http404
    return run


def _run_context(request: HttpRequest, run_id: str) -> dict[str, Any]:
    run = _run_or_404(run_id)
    return {"run": run, "may_cancel": not run.finished and may_cancel(run, request.user)}


@requires("run_plan")
def plan_run(request: HttpRequest, run_id: str) -> HttpResponse:
    return render(request, "pages/plan_run.html", _run_context(request, run_id))


@requires("run_plan")
def plan_run_progress(request: HttpRequest, run_id: str) -> HttpResponse:
    """The progress fragment the run page polls; it stops polling once the run has finished."""
    return render(request, "pages/includes/plan_progress.html", _run_context(request, run_id))


@require_POST
@requires("run_plan")
def plan_run_cancel(request: HttpRequest, run_id: str) -> HttpResponse:
    """Cancel a queued job, or ask a running one to stop: its starter or the transition lead."""
    run = _run_or_404(run_id)
    if not may_cancel(run, request.user):
        raise PermissionDenied
    try:
        cancel_job(job=run, by=request.user)
    except JobError as ended:
        messages.info(request, str(ended))
    return redirect("pages:plan-run", run_id=run.pk)


@requires("view_plans")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(StoredPlan, pk=pk)
    names = municipality_names(plan)
    employees = page_of(
        request,
        EmployeeDecision.objects.for_user(request.user)
        .filter(plan=plan)
        .select_related("notification")
        .prefetch_related("plan")  # one plan, its figures decoded once, not per row
        .order_by("employee_id"),
    )
    cases = (
        CaseDecision.objects.for_user(request.user)
        .filter(plan=plan)
        .prefetch_related("plan")
        .order_by("case_id")
    )
    case_page = page_of(request, cases, "sagsside")
    comparison = _comparison([plan], request.user)
    mark_states(employees)
    fixed_employees = fix_marks(request.user, FixKind.EMPLOYEE, employees, names)
    fixed_cases = fix_marks(request.user, FixKind.CASE, case_page, names)
    return render(
        request,
        "pages/plan.html",
        {
            "plan": plan,
            "approved": approved_plan(),
            "may_approve": can(request.user, "approve_plan") and may_be_approved(plan),
            "replaces_approved": replaces_approved(plan),
            "stale": is_stale(plan),
            "employee_rows": [
                (
                    d,
                    names.get(d.municipality, d.municipality),
                    employee_decision_text(d),
                    fixed_employees.get(d.employee_id),
                )
                for d in employees
            ],
            "may_fix": can(request.user, "fix_decision"),
            "may_notify": can(request.user, "notify_decision") and plan == approved_plan(),
            "employees": employees,
            "case_rows": [
                (d, case_decision_text(d), fixed_cases.get(d.case_id)) for d in case_page
            ],
            "cases": case_page,
            "comparison": comparison,
            "settings_rows": _settings_rows(plan),
            "reference": _reference_changes(plan, request.user),
            "reproduction": reproduction_context(plan, request.user),
            **approval_context(request.user),
            "civil_servants": civil_servants_of(plan, request.user),
        },
    )


def _reference_changes(plan: StoredPlan, user: Any) -> dict[str, Any] | None:
    """The plan's changed decisions against the plan it was made from, as the user may see
    the counts (small ones hidden from committees); None for a plan not made from another."""
    changes = changes_from_reference_plan(plan)
    if changes is None:
        return None
    counts = figures(
        user,
        ["changed"],
        ["employees", "cases"],
        [[changes.changed.employees, changes.changed.cases]],
        row_totals=False,
        column_totals=False,
    )
    return {
        "plan_id": changes.plan_id,
        "exists": StoredPlan.objects.filter(pk=changes.plan_id).exists(),
        "employees": counts.cell("changed", "employees")[1],
        "cases": counts.cell("changed", "cases")[1],
    }


def _settings_rows(plan: StoredPlan) -> list[tuple[str, str]]:
    settings = plan.settings or {}
    rows = [
        (_("Scenario"), plan.scenario_name or _("Default settings")),
        (_("Voluntary only"), _("yes") if settings.get("voluntary_only") else _("no")),
        (_("Effective date"), str(settings.get("effective_date", ""))),
        (
            _("Services in voluntary cooperation"),
            ", ".join(settings.get("cooperation_services", [])) or "–",
        ),
        (_("Time limit (seconds)"), str(settings.get("time_limit") or "–")),
        (_("Leaders only"), _("yes") if settings.get("leaders_only") else _("no")),
        (
            _("Search method"),
            _("deterministic: the same data and settings give the same plan")
            if made_deterministically(plan)
            else _("deterministic, but stopped by the time limit: a re-solve may give another plan")
            if plan.stopped_on_clock
            else _("on the clock: a re-solve may give another plan"),
        ),
        (
            _("Made from"),
            _("Plan %(number)s") % {"number": reference_plan_id(plan)}
            if reference_plan_id(plan) is not None
            else "–",
        ),
    ]
    rows += [
        (_("Weight %(name)s") % {"name": name}, f"{value:g}")
        for name, value in settings.get("weights", {}).items()
    ]
    return rows


def _count_texts(comparison: Comparison, user: Any) -> dict[tuple[int, int], tuple[float, str]]:
    """Return every count of the comparison as shown, by (row, plan): a breakdown and its total
    are one table per figure, suppressed together for committees (`pages.figures`)."""
    shown: dict[tuple[int, int], tuple[float, str]] = {}
    if not aggregate_only(user):
        return shown  # exact figures, written by value_text
    plans = [str(i) for i in range(len(comparison.names))]
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(comparison.rows):
        if row.kind == Kind.COUNT:
            groups.setdefault(row.key, []).append(index)
    for indexes in groups.values():
        total = [i for i in indexes if comparison.rows[i].detail is None]
        details = [i for i in indexes if comparison.rows[i].detail is not None] or total
        table = figures(
            user,
            [str(i) for i in details],
            plans,
            [[int(v or 0) for v in comparison.rows[i].values] for i in details],
            row_totals=False,
            column_totals=bool(total) and details != total,
        )
        for i in details:
            for j, plan in enumerate(plans):
                shown[i, j] = table.cell(str(i), plan)
        if total and details != total:
            for j, plan in enumerate(plans):
                shown[total[0], j] = table.column_totals[plan]
    for i, j in list(shown):
        if comparison.rows[i].values[j] is None:  # a plan stored without this figure
            shown[i, j] = (0.0, value_text(Kind.COUNT, None))
    return shown


def _cells(comparison: Comparison, user: Any) -> list[list[tuple[str, str]]]:
    """Return each row's cells as (value, difference from the first plan) as shown."""
    counts = _count_texts(comparison, user)
    hide = aggregate_only(user)  # a difference could give a hidden count away
    rows = []
    for i, row in enumerate(comparison.rows):
        cells = []
        for j, (value, difference) in enumerate(zip(row.values, row.differences, strict=True)):
            text = counts[i, j][1] if (i, j) in counts else value_text(row.kind, value)
            cells.append((text, "" if hide else difference_text(row.kind, difference)))
        rows.append(cells)
    return rows


CHARTED = ("total_cost", "unstaffed_load", "contact_changes", "moved_against_wish")


def _charts(comparison: Comparison, names: dict[int, str], user: Any) -> list[str]:
    """Return a bar chart per headline figure, one bar per plan."""
    counts = _count_texts(comparison, user)
    charts = []
    for i, row in enumerate(comparison.rows):
        if row.key not in CHARTED or row.detail is not None:
            continue
        bars = []
        for j, (plan_name, value) in enumerate(zip(comparison.names, row.values, strict=True)):
            drawn, text = counts.get((i, j)) or (float(value or 0), value_text(row.kind, value))
            bars.append(Bar(plan_name, (Segment(drawn, text),), text))
        charts.append(
            bar_chart(
                title=row_label(row, names).strip(),
                description="; ".join(f"{b.label}: {b.total_text}" for b in bars),
                bars=bars,
            )
        )
    return charts


def _comparison(chosen: list[StoredPlan], user: Any) -> dict[str, Any]:
    """Return the chosen plans' figures side by side, ready for the template (kept: a stored
    plan's figures never change, `pages.plan_figures`)."""
    drawn = kept_plan_figures(chosen, user, lambda: _drawn_comparison(chosen, user))
    return {**drawn, "plans": chosen}


def _drawn_comparison(chosen: list[StoredPlan], user: Any) -> dict[str, Any]:
    figures_of_plans = [
        replace(
            stored_figures(p),
            name=_("Plan %(number)s") % {"number": p.pk}
            + (f" ({p.scenario_name})" if p.scenario_name else ""),
        )
        for p in chosen
    ]
    comparison = compare_scenarios(figures_of_plans)
    names = municipality_names(chosen[0])
    rows = [
        {"label": row_label(row, names).strip(), "sub": row.detail is not None, "cells": cells}
        for row, cells in zip(comparison.rows, _cells(comparison, user), strict=True)
    ]
    return {
        "names": comparison.names,
        "rows": rows,
        "charts": _charts(comparison, names, user) if len(chosen) > 1 else [],
    }


@requires("view_plans")
def plan_compare(request: HttpRequest) -> HttpResponse:
    ids = [int(x) for x in request.GET.getlist("plans") if x.isdigit()]
    chosen = list(StoredPlan.objects.filter(pk__in=ids).order_by("pk"))
    if len(chosen) < 2:
        messages.error(request, _("Choose at least two plans to compare."))
        return redirect("pages:plans")
    return render(
        request,
        "pages/plan_compare.html",
        {
            "comparison": _comparison(chosen, request.user),
            "approved": approved_plan(),
            "may_approve": can(request.user, "approve_plan") and approved_plan() is None,
        },
    )


@require_POST
@requires("approve_plan")
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(StoredPlan, pk=pk)
    try:
        process.approve_plan(
            plan=plan, by=request.user, override_reason=request.POST.get("override_reason", "")
        )
    except process.ProcessError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Plan %(number)s is approved and locked.") % {"number": plan.pk},
        )
    return redirect("pages:plan", pk=plan.pk)


@require_POST
@requires("notify_decision")
def decision_notify(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that an employee has been notified; with htmx only the table cell is replaced."""
    decision = get_object_or_404(
        EmployeeDecision.objects.for_user(request.user).select_related("plan"), pk=pk
    )
    allowed_or_403(request, "notify_decision", decision)
    try:
        process.notify_decision(decision=decision, by=request.user)
    except process.ProcessError as refused:
        messages.error(request, str(refused))
        return redirect("pages:plan", pk=decision.plan_id)
    if request.htmx:  # type: ignore[attr-defined]
        decision.refresh_from_db()
        return render(
            request,
            "pages/includes/notification_cell.html",
            {"d": decision, "may_notify": True},
        )
    return redirect("pages:plan", pk=decision.plan_id)
