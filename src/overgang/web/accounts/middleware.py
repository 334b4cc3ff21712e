"""Headers and guards of our own: Permissions-Policy, no-store (django-csp sends the
Content-Security-Policy), and the refusal of TRACE and of NUL in addresses."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        permissions = getattr(settings, "PERMISSIONS_POLICY", "")
        if permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions
        return response


class NoStoreMiddleware:
    """Every page and API answer is marked no-store: they hold personal data, which must not
    stay in a browser's or a proxy's cache after the session (static files do not pass here)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class RefuseTraceMiddleware:
    """TRACE and TRACK are answered 405 before any view: a function view would otherwise
    answer them as a GET, and TRACE echoes headers (cookies) back (ASVS 13.4.4)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("TRACE", "TRACK"):
            return HttpResponseNotAllowed(["GET", "POST", "DELETE"])
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL character in the address or the query is refused (400) before any view runs.

    No id contains one, and PostgreSQL cannot even compare text with it, so a lookup
    would fail as a server error (schemathesis found this on the API).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("NUL", content_type="text/plain; charset=utf-8")
        return self.get_response(request)
