"""Overgang as it runs in production: `overgang serve` and `overgang worker` as processes of
their own beside one database, and plans started on the plans page and through the API
run by the worker. The web server killed and restarted while a plan runs: the plan ends
and the page shows it. The worker killed while a plan runs: the job ends failed, and the
page says so. For those two the worker holds the plan at a pause point, so that it is
surely running when the server or the worker is killed.
"""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import _open
from tests.browser.steps import check
from tests.web.processes import Command, Databases

WAIT = 240.0  # seconds, however loaded the machine
PASSWORD = "overgang-demo"
# OVERGANG_JOB_STALE_SECONDS: a silent worker's job is failed after this (3 heartbeats).
STALE = "15"
# Where the worker holds a plan's job to be killed or let go, so that it is surely running
# then, however fast the plan (tests.web.processes; overgang.web.pausepoints).
HELD_AT = "plan:solved"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _until(check: Any, what: str, seconds: float = WAIT) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"never {what}")


def _done(command: Command) -> None:
    command.process.wait(timeout=WAIT)
    for reader in command.readers:
        reader.join()
    assert command.process.returncode == 0, "".join(command.out + command.err)


@dataclass
class Site:
    url: str  # the database's
    port: int
    server: Command
    worker: Command

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve(self) -> None:
        self.server = Command(self.url, "serve", "--port", str(self.port), "--processes", "2")
        _until(lambda: _listening(self.port), "listening")

    def work(self, hold: bool = False) -> None:
        self.worker = Command(
            self.url,
            "worker",
            "--interval",
            "0.2",
            pause_at=(HELD_AT,) if hold else (),
            OVERGANG_JOB_STALE_SECONDS=STALE,
        )

    def replace_worker(self, hold: bool) -> None:
        """Stop the worker (it has no job at hand) and start one that holds plans or not."""
        if self.worker.process.poll() is None:
            self.worker.process.terminate()
            self.worker.process.wait(timeout=120)
        self.work(hold)

    def stop(self) -> None:
        for command in (self.server, self.worker):
            if command.process.poll() is None:
                command.process.terminate()
                command.process.wait(timeout=60)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("production")
    databases = Databases(folder)
    url = databases.empty()
    workbook = folder / "demo.xlsx"
    for args in (
        ("demo-data", str(workbook), "--scale", "0.1"),
        ("import", str(workbook)),
        ("plan", "--time-limit", "5", "--cooperation-seconds", "0"),
        ("demo-users",),
    ):
        _done(Command(url, *args))
    site = Site(url, _free_port(), server=None, worker=None)  # type: ignore[arg-type]
    site.serve()
    site.work()
    yield site
    site.stop()
    databases.drop_all()


class Api:
    def __init__(self, base: str, username: str) -> None:
        self.base = base
        answer = self.call("/api/v1/auth/token/", {"username": username, "password": PASSWORD})
        self.token = answer["token"]

    def call(self, path: str, data: dict[str, Any] | None = None) -> Any:
        headers = {"Content-Type": "application/json"}
        if getattr(self, "token", None):
            headers["Authorization"] = f"Token {self.token}"
        body = json.dumps(data).encode() if data is not None else None
        request = Request(self.base + path, data=body, headers=headers)
        try:
            with build_opener().open(request, timeout=60) as answer:
                self.status = answer.status
                return json.loads(answer.read() or b"null")
        except HTTPError as refused:
            self.status = refused.code
            return json.loads(refused.read() or b"null")

    def job(self, job_id: str) -> dict[str, Any]:
        return self.call(f"/api/v1/jobs/{job_id}/")


def _page_text(base: str, path: str) -> str:
    """A page as the transition lead sees it, logged in with a session of its own."""
    opener = build_opener(HTTPCookieProcessor(jar := CookieJar()))
    opener.open(base + "/login/", timeout=60).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = {"username": "projektleder", "password": PASSWORD, "csrfmiddlewaretoken": token}
    opener.open(base + "/login/", urlencode(form).encode(), timeout=60).read()
    return opener.open(base + path, timeout=60).read().decode()


def test_a_plan_started_through_the_api_is_run_by_the_worker(site: Site) -> None:
    api = Api(site.base, "projektleder")
    job = api.call("/api/v1/plans/", {"tidsgraense": 3})
    assert api.status == 202 and job["tilstand"] == "queued"
    done = _until(lambda: (j := api.job(job["id"]))["tilstand"] == "done" and j, "done")
    assert api.call(f"/api/v1/plans/{done['plan']}/")["id"] == done["plan"]
    assert "overgang.jobs" in "".join(site.worker.err)  # its one JSON line


def test_the_web_server_killed_and_restarted_while_a_plan_runs(site: Site) -> None:
    site.replace_worker(hold=True)
    api = Api(site.base, "projektleder")
    job = api.call("/api/v1/plans/", {"tidsgraense": 5})
    site.worker.paused_at(HELD_AT)
    assert api.job(job["id"])["tilstand"] == "running"
    site.server.kill()
    site.server.process.wait(timeout=60)
    site.serve()
    site.worker.resume()
    api = Api(site.base, "projektleder")  # a new token: the first one is as good
    done = _until(lambda: (j := api.job(job["id"]))["tilstand"] == "done" and j, "done")
    text = _page_text(site.base, f"/planer/koersel/{job['id']}/")
    assert f"Plan {done['plan']} er klar" in text
    site.replace_worker(hold=False)


def test_the_worker_killed_while_a_plan_runs_fails_the_job_and_the_page_says_so(
    site: Site,
) -> None:
    site.replace_worker(hold=True)
    api = Api(site.base, "projektleder")
    job = api.call("/api/v1/plans/", {"tidsgraense": 5})
    site.worker.paused_at(HELD_AT)
    assert api.job(job["id"])["tilstand"] == "running"
    site.worker.kill()
    site.worker.process.wait(timeout=60)
    failed = _until(lambda: (j := api.job(job["id"]))["tilstand"] == "failed" and j, "failed")
    assert "stoppede" in failed["fejl"] or "stopped" in failed["fejl"]
    assert "Arbejderen, der kørte jobbet, stoppede" in _page_text(
        site.base, f"/planer/koersel/{job['id']}/"
    )
    site.work()  # a new worker for the tests after


def test_the_lead_runs_a_plan_on_the_plans_page_follows_it_and_opens_it(
    site: Site, browser: Browser
) -> None:
    pages = _open(browser, site.base)
    page = next(pages)
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill("projektleder")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto("/planer/")
    page.get_by_label("Tidsgrænse i sekunder").fill("3")
    page.get_by_role("button", name="Kør planen").click()
    # Queued or running, the progress page offers to cancel; it passes axe-core.
    expect(page.get_by_role("button", name="Annullér jobbet")).to_be_visible()
    check(page, "job-progress")
    ready = page.get_by_role("link", name=re.compile(r"Åbn plan \d+"))
    expect(ready).to_be_visible(timeout=WAIT * 1000)
    check(page, "job-done")
    ready.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan")
    next(pages, None)
