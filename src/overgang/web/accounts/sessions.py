"""Sessions end after SESSION_ABSOLUTE_LIFETIME however busy they are, and an operator can
end all of one user's sessions at once (`overgang user logout`).

The idle timeout (SESSION_COOKIE_AGE, renewed by every request) ends a session nobody
uses; this ends one that somebody keeps using, so a stolen session cookie is worth a
working day at most.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LOGGED_IN_AT = "overgang_logged_in_at"


@receiver(user_logged_in)
def _remember_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = timezone.now().isoformat()


class AbsoluteSessionLifetimeMiddleware:
    """Log out a session older than SESSION_ABSOLUTE_LIFETIME since its login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            began = request.session.get(LOGGED_IN_AT)
            if began is None:  # a session from before this rule: its lifetime starts now
                request.session[LOGGED_IN_AT] = timezone.now().isoformat()
            elif (
                timezone.now() - datetime.fromisoformat(began) > settings.SESSION_ABSOLUTE_LIFETIME
            ):
                logout(request)  # the view sees an anonymous visitor and sends them to log in
        return self.get_response(request)
