"""When the user last wrote: so that figures kept for a few seconds never hide their own write.

Figures shared by everyone (the overview's counts, pages/dashboard_figures.py) are kept per
server process for a few seconds; another user's write shows when they are next computed.
A user's own write must show at once: having recorded an interview, a team leader expects
the overview to count it. The middleware notes, in the user's session, the time of each
write request that succeeded (any method but GET, HEAD, OPTIONS and TRACE, answered below
400); `wrote_since(request, moment)` tells whether that came after `moment`. The session
is in the database, so this holds whichever server process answers the next request.
A client without a session (the API with a token) is not noted: it reads no kept figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

SESSION_KEY = "overgang_wrote_at"
READS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def last_write(request: HttpRequest) -> float | None:
    """When this user's last successful write ended (seconds since the epoch), if known."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    at = session.get(SESSION_KEY)
    return float(at) if isinstance(at, int | float) else None


def wrote_since(request: HttpRequest, moment: float) -> bool:
    """Whether this user has written since `moment` (seconds since the epoch)."""
    at = last_write(request)
    return at is not None and at >= moment


class OwnWritesMiddleware:
    """Note in the session when a write request of a logged-in user succeeded."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            request.method not in READS
            and response.status_code < 400
            and session is not None
            and session.session_key is not None  # a browser's session, not a token client
        ):
            # Taken after the view, so after its transaction committed: figures computed
            # from a moment later than this include the write.
            session[SESSION_KEY] = time.time()
        return response
