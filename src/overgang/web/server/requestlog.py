"""One structured log line per request: who, what, how long, and how it ended.

The line goes to the logger `overgang.requests`; settings.LOGGING writes it as one
JSON object per line (python-json-logger), which a municipality's log system takes
as it is. It holds the path without its query string (queries can carry search
terms), the user name (or "-"), the status, the duration in milliseconds and the
outcome (ok, client_error, server_error); never a body or a cookie.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("overgang.requests")


def outcome_of(status: int) -> str:
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "client_error"
    return "ok"


class RequestLogMiddleware:
    """Log each request once, as it ends (an exception is logged as a 500 and re-raised)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except Exception:
            self._log(request, 500, started)
            raise
        self._log(request, response.status_code, started)
        return response

    def _log(self, request: HttpRequest, status: int, started: float) -> None:
        user: Any = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "-"
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": name,
                "outcome": outcome_of(status),
            },
        )
