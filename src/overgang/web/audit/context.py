"""The request being served: its address for the audit log, and the entries it has made.

A request's audit entries are appended to the chain together, in one short transaction as
the request ends (`AuditContextMiddleware`): a page that reads fifty rows takes the chain's
lock once, for a millisecond or two, and concurrent requests queue for it briefly instead
of failing. An entry made inside a transaction the request has opened (a use case's write)
is appended at once, in that transaction, so that it stands or falls with the write
(`log.write_entry`). Outside a request (the command line, a worker) every entry is
appended at once.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from overgang.web.audit.chain import append
from overgang.web.audit.models import AuditEntry

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def _open_transactions() -> int:
    return len(transaction.get_connection().atomic_blocks)


@dataclass
class PendingEntries:
    """The entries a request has made so far, appended when it ends."""

    # The transactions open as the request began (none in use; a test's own in the tests).
    depth: int = field(default_factory=_open_transactions)
    entries: list[AuditEntry] = field(default_factory=list)

    def can_wait(self) -> bool:
        """Whether an entry made now may wait for the request's end: not inside a transaction
        the request has opened."""
        return _open_transactions() <= self.depth


pending_entries: ContextVar[PendingEntries | None] = ContextVar("pending_entries", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pending = PendingEntries()
        request_token = current_request.set(request)
        pending_token = pending_entries.set(pending)
        try:
            return self.get_response(request)
        finally:
            pending_entries.reset(pending_token)
            try:
                # Before the response leaves: should the append fail, the request fails
                # (500) and shows nothing that the log does not hold.
                append(pending.entries)
            finally:
                current_request.reset(request_token)
