"""Login throttling and lockout, with django-axes: per user name and per address.

Every way in that checks a password (the login page, the admin's login, the API's token
exchange) goes through Django's `authenticate(request, ...)`, and so through
`LockoutBackend` first: a user name with `LOGIN_FAILURES_PER_USER` failures, or an address
with `LOGIN_FAILURES_PER_ADDRESS`, within `AXES_COOLOFF_TIME` is refused before any
password is compared. Each refusal is written to the audit log (the failures themselves are
logged there already, by `audit.signals`), and the auditor's page lists who is locked out.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.web.audit.log import write_entry
from overgang.web.audit.models import Action


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name or address; checks no password itself.

    Only server code calls `authenticate()` without a request (Django's test client); every
    login form and the API pass theirs, and `tests/web/test_login_lockout.py` proves that each
    of them is counted. Without a request there is nothing to count, so this backend steps
    aside instead of failing.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]


class LoginAttemptsHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits: one per user name, a higher one per address."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        # AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"]: one count for each.
        by_user, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes compares one number with one limit (LOGIN_FAILURES_PER_USER); the address's
        # count is scaled so that it reaches that limit exactly at its own.
        per_user, per_address = (
            settings.LOGIN_FAILURES_PER_USER,
            settings.LOGIN_FAILURES_PER_ADDRESS,
        )
        return max(by_user, by_address * per_user // per_address)

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        # A successful login forgets that user name's failures only, not the address's:
        # knowing one password must not buy an address more guesses at the others.
        username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
        if not username:
            return 0
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


def client_address(request: HttpRequest) -> str | None:
    """Return the client's IP address: REMOTE_ADDR, or the one the trusted proxies name.

    With `PROXY_COUNT` proxies in front, the client is the entry that many places from the
    end of X-Forwarded-For (entries before it may be forged by the client).
    """
    address = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            address = forwarded[-count]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _minutes(value: Any) -> int:
    return int(value.total_seconds() // 60)


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The answer to a locked-out login: JSON on the API, the lockout page elsewhere (429)."""
    minutes = _minutes(settings.AXES_COOLOFF_TIME)
    message = _(
        "Too many failed logins. Logging in is blocked for %(minutes)s minutes; "
        "ask your administrator if you need in sooner."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "pages/locked_out.html", {"message": message}, status=429)


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: Any, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """Each login refused by the lockout is one entry in the audit log."""
    write_entry(
        user=None,
        address=ip_address or "",
        action=Action.REFUSED,
        object_type="login",
        object_id=(username or "")[:100],
        detail={
            "reason": "locked_out",
            "username": (username or "")[:150],
            "path": request.path if request is not None else "",
        },
    )


@dataclass(frozen=True)
class Lockout:
    """A user name or an address that is refused now, and until when."""

    kind: str  # "user" or "address"
    who: str
    failures: int
    last_failure: datetime
    until: datetime


def current_lockouts() -> list[Lockout]:
    """Return the user names and addresses locked out now, the one locked longest first."""
    cooloff = settings.AXES_COOLOFF_TIME
    since = timezone.now() - cooloff
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    found: list[Lockout] = []
    for kind, field, limit in (
        ("user", "username", settings.LOGIN_FAILURES_PER_USER),
        ("address", "ip_address", settings.LOGIN_FAILURES_PER_ADDRESS),
    ):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
        )
        for row in rows:
            found.append(
                Lockout(kind, str(row[field]), row["failures"], row["last"], row["last"] + cooloff)
            )
    return sorted(
        found, key=lambda lockout: (lockout.until, lockout.kind, lockout.who), reverse=True
    )
