"""Insight for the auditor: who accessed one citizen's data, and what one user accessed.

The answers are `overgang.web.audit.insight`'s, as `overgang audit citizen` and
`overgang audit user` give them; the page shows them a page at a time and offers
them as a CSV file. Every answer shown or downloaded is itself logged.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from overgang.web.audit.insight import (
    Access,
    accesses_by_user,
    accesses_to_citizen,
    record_insight,
    write_csv,
)
from overgang.web.audit.models import AuditEntry
from overgang.web.pages.listing import page_of
from overgang.web.pages.permissions import requires

_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def _day(request: HttpRequest, name: str) -> date | None:
    try:
        return date.fromisoformat(request.GET.get(name, "").strip())
    except ValueError:
        return None


def _csv(accesses: list[Access], subject: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = _UNSAFE_IN_NAME.sub("_", subject)[:60] or "indsigt"
    response["Content-Disposition"] = f'attachment; filename="indsigt-{name}.csv"'
    response.write("\ufeff")  # a byte order mark, so that Excel opens it as UTF-8
    write_csv(accesses, response)
    return response


@requires("view_audit_log")
def insight(request: HttpRequest) -> HttpResponse:
    citizen = request.GET.get("borger", "").strip()
    user = "" if citizen else request.GET.get("bruger", "").strip()
    since, until = _day(request, "fra"), _day(request, "til")
    context: dict[str, Any] = {
        "citizen": citizen,
        "user": user,
        "since": since,
        "until": until,
        "users": AuditEntry.objects.exclude(username="")
        .order_by("username")
        .values_list("username", flat=True)
        .distinct(),
    }
    if citizen or user:
        if citizen:
            accesses = accesses_to_citizen(citizen, since=since, until=until)
        else:
            accesses = accesses_by_user(user, since=since, until=until)
        download = request.GET.get("format") == "csv"
        record_insight(
            request, citizen=citizen, user=user, entries=len(accesses), csv_file=download
        )
        if download:
            return _csv(accesses, citizen or user)
        query = request.GET.copy()
        query.pop("side", None)
        query["format"] = "csv"
        context["csv_link"] = f"?{query.urlencode()}"
        context["page"] = page_of(request, cast(Any, accesses), param="side")
    return render(request, "pages/insight.html", context)
