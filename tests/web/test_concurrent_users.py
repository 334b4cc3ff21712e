"""Twenty logged-in users at once, of mixed roles, on the main pages and the API of a live
server: nobody gets a server error ("database is locked" was one), and afterwards the audit
chain verifies and holds every read each of them made.

On SQLite the test database is a file (tests/conftest.py), so WAL, the busy timeout and
the IMMEDIATE write lock are those of the settings, as in use; on PostgreSQL the head row's
lock. How long a request holds the chain's lock is measured in bench/audit_lock.py.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.core.cache import cache
from django.urls import reverse

from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

CLIENTS = 20
PAGES = ["pages:dashboard", "pages:employees", "pages:cases", "pages:plans", "pages:handovers"]
API = ["employee-list", "citizen-list", "case-list", "case-decision-list", "metrics"]

# Who browses the pages and who calls the API: every role, both municipalities.
PAGE_USERS = [
    "projektleder",
    "kommuneleder-ishoej",
    "kommuneleder-vallensbaek",
    "teamleder-ishoej",
    "sagsbehandler-vallensbaek",
    "med",
    "byraad",
    "revisor",
]
API_USERS = [
    "projektleder",
    "kommuneleder-vallensbaek",
    "teamleder-vallensbaek",
    "sagsbehandler-ishoej",
]


class Browser:
    """One client with its own cookies, over plain HTTP; answers a request with its status."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies))

    def call(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None):
        request = Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read()
        except HTTPError as error:
            return error.code, error.read()

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == name)


@dataclass(frozen=True)
class Visit:
    """What one client does: log in as `username`, then read the pages or the API."""

    username: str
    api: bool

    def run(self, base: str) -> list[tuple[str, int]]:
        browser = Browser(base)
        if self.api:
            body = json.dumps({"username": self.username, "password": PASSWORD}).encode()
            status, answer = browser.call(
                reverse("api:token"), body, {"Content-Type": "application/json"}
            )
            assert status == 200, (self.username, status, answer[:300])
            headers = {"Authorization": f"Token {json.loads(answer)['token']}"}
            return [(name, browser.call(reverse(f"api:{name}"), None, headers)[0]) for name in API]
        login = reverse("pages:login")
        browser.call(login)
        form = {"username": self.username, "password": PASSWORD}
        form["csrfmiddlewaretoken"] = browser.cookie("csrftoken")
        status, _page = browser.call(login, urlencode(form).encode())  # to the dashboard
        statuses = [("login", status)]
        return statuses + [(name, browser.call(reverse(name))[0]) for name in PAGES]


def _entries_after(seq: int) -> Counter[tuple[object, ...]]:
    """The audit entries after number `seq`, as what they say (not when, nor their number)."""
    return Counter(
        (
            entry.username,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.municipality,
            json.dumps(entry.detail.get("ids"), sort_keys=True),
        )
        for entry in AuditEntry.objects.filter(seq__gt=seq)
    )


def _last_seq() -> int:
    last = AuditEntry.objects.order_by("-seq").first()
    return last.seq if last is not None else 0


def _at_once(visits: list[Visit], base: str) -> list[list[tuple[str, int]] | BaseException]:
    """Run every visit in a thread of its own, started together."""
    start = threading.Barrier(len(visits))

    def together(visit: Visit) -> Callable[[], list[tuple[str, int]]]:
        def run() -> list[tuple[str, int]]:
            start.wait()
            return visit.run(base)

        return run

    with ThreadPoolExecutor(len(visits)) as pool:
        futures = [pool.submit(together(visit)) for visit in visits]
        return [future.exception() or future.result() for future in futures]


@pytest.mark.django_db(transaction=True)
def test_twenty_users_at_once_get_no_server_error_and_every_read_is_in_the_chain(
    live_server, settings
):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the token exchange's rate limit starts afresh
    build_world()
    make_users()
    set_today(BEFORE)
    base = str(live_server.url)
    profiles = [Visit(name, api=False) for name in PAGE_USERS]
    profiles += [Visit(name, api=True) for name in API_USERS]

    # Each kind of visit once, alone: what it answers and which entries it leaves.
    alone: dict[Visit, tuple[list[tuple[str, int]], Counter[tuple[object, ...]]]] = {}
    for visit in profiles:
        before = _last_seq()
        alone[visit] = (visit.run(base), _entries_after(before))
        assert alone[visit][1], f"{visit} left nothing in the audit log"

    # Then twenty at once.
    visits = [profiles[i % len(profiles)] for i in range(CLIENTS)]
    before = _last_seq()
    outcomes = _at_once(visits, base)

    for visit, outcome in zip(visits, outcomes, strict=True):
        assert not isinstance(outcome, BaseException), (visit, outcome)
        assert all(status < 500 for _name, status in outcome), (visit, outcome)
        assert outcome == alone[visit][0], (visit, outcome, alone[visit][0])
    verdict = verify_chain()
    assert verdict.ok, verdict
    expected: Counter[tuple[object, ...]] = Counter()
    for visit in visits:
        expected.update(alone[visit][1])
    got = _entries_after(before)
    assert got == expected, (got - expected, expected - got)
    reads = sum(n for key, n in expected.items() if key[1] in ("view", "list"))
    assert reads >= CLIENTS  # the pages and the API read personal data, and each read is here
