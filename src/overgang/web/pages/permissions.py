"""Guards for views: every check asks `overgang.web.access.can`, the one permission table."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from overgang.web.access import can

View = Callable[..., HttpResponse]


def requires(action: str) -> Callable[[View], View]:
    """Return a decorator that lets a view run only for a logged-in user who `can` do `action`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorator


def allowed_or_403(request: HttpRequest, action: str, obj: Any = None) -> None:
    """Refuse the request unless the user may do `action` (on `obj`)."""
    if not can(request.user, action, obj):
        raise PermissionDenied
