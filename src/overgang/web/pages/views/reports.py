"""Reports to download: the status report, decision letters, handover lists and the plan file.

The reports are loaded by `overgang.web.reporting` and rendered by `overgang.reports`;
this module hands them out to the roles that may have them. Personal reports hold
only what the user may see (`overgang.web.reporting.visible`), and every download
is written to the audit log.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from overgang.web.access import can
from overgang.web.audit.exports import record_export
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.metric_scoping import scoped_metrics
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.style_hashes import permit_own_styles
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.planning.selectors import current_plan
from overgang.web.planning.services import stored_plan_document
from overgang.web.reporting.documents import handover_list_export, render_status
from overgang.web.reporting.held import plan_file_held
from overgang.web.reporting.letter_kinds import letters_of_kind
from overgang.web.reporting.visible import letter_recipients, may_have_handover_list


def _language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def _file(body: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _log(request: HttpRequest, plan: StoredPlan, what: str, **detail: object) -> None:
    record(
        request,
        Action.DOWNLOAD,
        object_type="planning.storedplan",
        object_id=str(plan.pk),
        detail={"report": what, **detail},
    )


@requires("download_aggregate_reports")
def reports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/reports.html",
        {
            "plan": current_plan(),
            "may_personal": can(request.user, "download_personal_reports"),
        },
    )


@requires("download_aggregate_reports")
def status_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The status report for the council and the committees: aggregates only, small counts hidden."""
    if fmt not in ("pdf", "html"):
        raise Http404
    plan = get_object_or_404(StoredPlan, pk=pk)
    # A download never waits for the committees' simulation (seconds on real data).
    body = render_status(plan, fmt, _language(), wait_for_simulation=False)
    _log(request, plan, "status", format=fmt)
    if fmt == "html":
        return permit_own_styles(HttpResponse(body, content_type="text/html; charset=utf-8"))
    return _file(body, f"statusrapport-plan{plan.pk}.pdf", "application/pdf")


@requires("download_personal_reports")
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision letters, as one PDF, for the employees the user may see; those in hearing
    without a final decision are left out (`reporting.letter_kinds`)."""
    plan = get_object_or_404(StoredPlan, pk=pk)
    ids = letter_recipients(plan, request.user)
    made = letters_of_kind(plan, "decision", "pdf", _language(), combined=True, employee_ids=ids)
    if not made.files:
        raise Http404(_("No letters you may see."))
    record_export(
        request, report="letters", object_id=str(plan.pk), held=made.held, files=made.files
    )
    name, body = next(iter(made.files.items()))
    return _file(body, name, "application/pdf")


@requires("view_handovers")
def handover_list(request: HttpRequest, pk: int, employee_id: str) -> HttpResponse:
    """One caseworker's handover list as a workbook, if the user may see that list."""
    plan = get_object_or_404(StoredPlan, pk=pk)
    if not may_have_handover_list(plan, request.user, employee_id):
        raise Http404
    made = handover_list_export(plan, employee_id, _language())
    if made is None:
        raise Http404
    record_export(
        request,
        report="handover-list",
        object_id=str(plan.pk),
        held=made.held,
        files=made.files,
        employee=employee_id,
    )
    name, body = next(iter(made.files.items()))
    return _file(body, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@requires("download_personal_reports")
def plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan file (JSON) with the decisions the user may see, each with its reason."""
    plan = get_object_or_404(StoredPlan, pk=pk)
    allowed_or_403(request, "view_decisions")
    document = stored_plan_document(plan)
    employees = set(
        EmployeeDecision.objects.for_user(request.user)
        .filter(plan=plan)
        .values_list("employee_id", flat=True)
    )
    cases = set(
        CaseDecision.objects.for_user(request.user)
        .filter(plan=plan)
        .values_list("case_id", flat=True)
    )
    document["employees"] = [e for e in document["employees"] if e["medarbejder_id"] in employees]
    document["cases"] = [c for c in document["cases"] if c["sag_id"] in cases]
    shown: set[str] = set()
    document["metrics"] = scoped_metrics(document["metrics"], request.user, shown)
    name = f"plan-{plan.pk}.json"
    held = plan_file_held(
        [e["medarbejder_id"] for e in document["employees"]],
        [c["sag_id"] for c in document["cases"]],
        mentioned=shown,
    )
    record_export(request, report="plan-file", object_id=str(plan.pk), held=held, files=[name])
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return _file(body, name, "application/json; charset=utf-8")
