"""The audit log for the auditor: every access to personal data, and a check of its hash chain."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry
from overgang.web.pages.listing import page_of
from overgang.web.pages.permissions import requires


@requires("view_audit_log")
def audit_log(request: HttpRequest) -> HttpResponse:
    rows = AuditEntry.objects.order_by("-seq")
    user = request.GET.get("bruger", "").strip()
    action = request.GET.get("handling", "").strip()
    if user:
        rows = rows.filter(username=user)
    if action:
        rows = rows.filter(action=action)
    return render(
        request,
        "pages/audit.html",
        {
            "page": page_of(request, rows),
            "users": AuditEntry.objects.exclude(username="")
            .order_by("username")
            .values_list("username", flat=True)
            .distinct(),
            "actions": AuditEntry._meta.get_field("action").choices,
            "chosen_user": user,
            "chosen_action": action,
        },
    )


def _problem_text(problem: str) -> str:
    return {
        "changed": _("the entry has been changed"),
        "deleted": _("entries before it have been deleted"),
        "relinked": _("the entry does not point to the entry before it"),
        "truncated": _("the last entries have been deleted"),
    }.get(problem, problem)


@require_POST
@requires("view_audit_log")
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Check the whole chain; the answer replaces the button's area on the page (htmx)."""
    verdict = verify_chain()
    template = "pages/includes/audit_verdict.html"
    context = {"verdict": verdict, "problem": _problem_text(verdict.problem)}
    if not request.htmx:  # type: ignore[attr-defined]
        template = "pages/audit_verdict.html"
    return render(request, template, context)
