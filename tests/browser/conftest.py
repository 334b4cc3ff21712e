"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Chromium is the system's (`/usr/bin/chromium`, installed by `make setup`);
Playwright's own browser download is never used. Playwright's sync API runs an
event loop in the test thread while the browser is open, so Django's guard
against database access from async code is switched off for as long as these
tests run, and on again after them (the browser is closed after the package).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, sync_playwright

from overgang.web.audit.actors import SystemActor
from tests.web.jobs import worker_thread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(transactional_db, live_server, settings, small_dataset) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A live server with a tenth of the demo data set, one plan and the demo users, and a
    worker for the jobs started on its pages; its address."""
    from overgang.web.accounts.demo import create_demo_users
    from overgang.web.dataset.store import merge_dataset
    from overgang.web.planning.services import run_plan

    # Hashing ten passwords the production way takes seconds; the tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    merge_dataset(small_dataset, file_name="demo.xlsx", file_hash="0" * 64, imported_by="test")
    run_plan(by=SystemActor("test"), time_limit=2)
    with override_settings(DEBUG=True):  # the demo users are refused in production settings
        create_demo_users()
    with worker_thread():
        yield str(live_server.url)


# Every Content-Security-Policy violation, reported by the page itself (Chromium also logs
# most of them to the console, but not all: an attribute refused during an htmx swap, say).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


def _open(browser: Browser, site: str) -> Iterator[Page]:
    """A browser window of its own; the test fails if a page logs an error (a script, the CSP)."""
    context = browser.new_context(
        base_url=site, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        # A page refused on purpose (403, 404) is logged as a failed load; its parts are not.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def response(answer: Response) -> None:
        if answer.status >= 400 and answer.request.resource_type != "document":
            errors.append(f"{answer.status} {answer.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    yield from _open(browser, site)


@pytest.fixture
def second_page(browser: Browser, site: str) -> Iterator[Page]:
    """Another person's browser: a separate context with its own session."""
    yield from _open(browser, site)
