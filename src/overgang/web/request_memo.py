"""What one page reads many times, read once: the current plan and the transition.

A dashboard asks for the current plan and the transition's dates from a dozen places (the
scoping rules, the process status, the handover progress, the figures). A GET or HEAD
request changes neither, so the middleware opens a memo for such a request and drops it at
its end; functions marked `per_request` then answer from it after their first call. Writes,
the command line, the workers and the tests outside a request read afresh every time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.http import HttpRequest, HttpResponse

P = ParamSpec("P")
R = TypeVar("R")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("overgang_request_memo", default=None)


def per_request(function: Callable[P, R]) -> Callable[P, R]:
    """Answer repeated calls with the same arguments within one read-only request once."""

    @functools.wraps(function)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _memo.get()
        if memo is None:
            return function(*args, **kwargs)
        key = (function.__module__, function.__qualname__, args, tuple(sorted(kwargs.items())))
        if key not in memo:
            memo[key] = function(*args, **kwargs)
        return memo[key]  # type: ignore[no-any-return]

    return remembered


class RequestMemoMiddleware:
    """Open a memo for each GET and HEAD request, and drop it when the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
