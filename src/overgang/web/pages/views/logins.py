"""For the auditor: who is locked out of logging in now, and the latest failed and refused logins."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from overgang.web.accounts.lockout import current_lockouts
from overgang.web.audit.models import Action, AuditEntry
from overgang.web.pages.listing import page_of
from overgang.web.pages.permissions import requires


@requires("view_audit_log")
def login_attempts(request: HttpRequest) -> HttpResponse:
    failed = AuditEntry.objects.filter(
        Q(action=Action.LOGIN_FAILED) | Q(action=Action.REFUSED, object_type="login")
    ).order_by("-seq")
    return render(
        request,
        "pages/login_attempts.html",
        {
            "lockouts": current_lockouts(),
            "page": page_of(request, failed),
            "per_user": settings.LOGIN_FAILURES_PER_USER,
            "per_address": settings.LOGIN_FAILURES_PER_ADDRESS,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )
