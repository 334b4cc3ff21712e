"""Every write that pages, the API and the command line offer leaves the same audit entries.

Each use case is made once per channel from the same starting point (a savepoint rolled
back after each), and the write entries compared field by field: the same action, object,
municipality and detail, by the same person (`cli:NAME` at the command line, named by
--by), from the client's address on pages and the API and none at the command line.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import verify_chain
from overgang.web.dataset.store import load_dataset
from overgang.web.pages import uploads
from overgang.web.planning.fixing import fix_employee
from overgang.web.planning.models import FixedDecision
from tests.web.jobs import run_queued_jobs
from tests.web.usecases.trail import mark
from tests.web.users import PASSWORD
from tests.web.world import VALLENSBAEK

pytestmark = pytest.mark.django_db

LEAD = "projektleder"
WRITES = ("create", "update", "delete")
ADDRESS = "127.0.0.1"  # the test client's


@dataclass(frozen=True)
class Written:
    """What a reader of the log compares between channels: all but time, number and hash."""

    username: str
    address: str
    what: tuple[Any, ...]  # action, object type, object id, municipality, detail


def _written(perform: Callable[[], Any]) -> list[Written]:
    """The write entries one channel leaves, from the same start for every channel."""
    with transaction.atomic():
        since = mark()
        perform()
        entries = [e for e in since.entries() if e.action in WRITES]
        assert verify_chain().ok
        transaction.set_rollback(True)
    return [
        Written(
            e.username,
            e.remote_addr,
            # A row's own key differs between runs on PostgreSQL, whose sequences do not
            # roll back; the ids users know objects by (case, employee, scenario) do not.
            (
                e.action,
                e.object_type,
                "<row>" if e.object_id.isdigit() else e.object_id,
                e.municipality,
                e.detail,
            ),
        )
        for e in entries
    ]


def _page() -> Client:
    page = Client()
    assert page.login(username=LEAD, password=PASSWORD)
    return page


def _api() -> APIClient:
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/", {"username": LEAD, "password": PASSWORD}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def _cli(*args: str) -> None:
    result = CliRunner().invoke(app, [*args, "--by", LEAD])
    assert result.exit_code == 0, result.output


def _ok(response: Any, status: int) -> None:
    assert response.status_code == status, response.content[:2000]


def _alike(channels: dict[str, Callable[[], Any]], leave_out: str = "") -> list[Written]:
    """Make the use case by every channel; return the page's entries once all are alike.

    `leave_out`: an object type only some channels write (the page's background job),
    compared on its own: its entries too name the person and address of the channel.
    """
    made = {name: _written(perform) for name, perform in channels.items()}
    if leave_out:
        jobs = {
            name: [e for e in entries if e.what[1] == leave_out] for name, entries in made.items()
        }
        assert [e.what[:2] for e in jobs["page"]] == [("create", leave_out), ("update", leave_out)]
        assert {(e.username, e.address) for e in jobs["page"]} == {(LEAD, ADDRESS)}
        made = {
            name: [e for e in entries if e.what[1] != leave_out] for name, entries in made.items()
        }
    assert made["page"], "the page wrote no entry"
    for name, entries in made.items():
        cli = name == "cli"
        assert {(e.username, e.address) for e in entries} == {
            (f"cli:{LEAD}" if cli else LEAD, "" if cli else ADDRESS)
        }, name
        assert [e.what for e in entries] == [e.what for e in made["page"]], name
    return made["page"]


def test_recording_an_interview(world):
    page, api = _page(), _api()
    entries = _alike(
        {
            "page": lambda: _ok(
                page.post(
                    "/medarbejdere/I-EMP/",
                    {"new-held_on": "2021-05-20", "new-wish": "187", "new-note": "ja"},
                ),
                302,
            ),
            "api": lambda: _ok(
                api.post(
                    "/api/v1/interviews/",
                    {
                        "medarbejder_id": "I-EMP",
                        "dato": "2021-05-20",
                        "oensket_kommune": 187,
                        "bemaerkning": "ja",
                    },
                    format="json",
                ),
                201,
            ),
            "cli": lambda: _cli(
                "interview", "record", "I-EMP", "--date", "2021-05-20", "--wish", "187"
            ),
        }
    )
    assert [e.what[:2] for e in entries] == [("create", "dataset.interview")]


def test_fixing_an_employee(world):
    page, api = _page(), _api()
    reason = "Aftalt med lederen"
    _alike(
        {
            "page": lambda: _ok(
                page.post(
                    "/medarbejdere/I-EMP/fastlaeg/",
                    {"fix-municipality": str(VALLENSBAEK), "fix-reason": reason},
                ),
                302,
            ),
            "api": lambda: _ok(
                api.post(
                    "/api/v1/fixes/",
                    {"type": "medarbejder", "id": "I-EMP", "vaerdi": "187", "begrundelse": reason},
                    format="json",
                ),
                201,
            ),
            "cli": lambda: _cli("fix", "employee", "I-EMP", "187", "--reason", reason),
        }
    )


def test_fixing_a_case_names_its_citizen_on_every_channel(world):
    page, api = _page(), _api()
    reason = "Familien kender V-EMP"
    decision = world.case_decisions["MOVE"].pk
    entries = _alike(
        {
            "page": lambda: _ok(
                page.post(f"/beslutninger/sager/{decision}/fastlaeg/", {"reason": reason}), 302
            ),
            "api": lambda: _ok(
                api.post(
                    "/api/v1/fixes/",
                    {"type": "sag", "id": "MOVE", "vaerdi": "V-EMP", "begrundelse": reason},
                    format="json",
                ),
                201,
            ),
            "cli": lambda: _cli("fix", "case", "MOVE", "V-EMP", "--reason", reason),
        }
    )
    assert [e.what[4]["citizens"] for e in entries] == [["V-CIT2"]]


def test_unfixing_an_employee(world):
    fix = fix_employee(employee_id="I-EMP", municipality=187, reason="r", by=SystemActor("a"))
    page, api = _page(), _api()
    _alike(
        {
            "page": lambda: _ok(page.post("/medarbejdere/I-EMP/fastlaeg/ophaev/"), 302),
            "api": lambda: _ok(api.delete(f"/api/v1/fixes/{fix.pk}/"), 204),
            "cli": lambda: _cli("unfix", "employee", "I-EMP"),
        }
    )
    assert FixedDecision.objects.get().in_force  # every channel's removal was rolled back


def test_creating_a_scenario(world):
    page = _page()
    _alike(
        {
            "page": lambda: _ok(
                page.post(
                    "/planer/",
                    {
                        "scenario-name": "Frivilligt",
                        "scenario-description": "Kun efter ønske",
                        "scenario-voluntary_only": "on",
                    },
                ),
                302,
            ),
            "cli": lambda: _cli(
                "scenario",
                "create",
                "Frivilligt",
                "--description",
                "Kun efter ønske",
                "--voluntary-only",
            ),
        }
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_importing_a_workbook(world, tmp_path, monkeypatch):
    monkeypatch.setenv(uploads.UPLOAD_DIR_ENV, str(tmp_path / "uploads"))
    workbook = tmp_path / "overgang.xlsx"
    write_workbook(load_dataset(), workbook)
    page = _page()

    def by_page() -> None:
        upload = SimpleUploadedFile(workbook.name, workbook.read_bytes())
        _ok(page.post("/import/", {"workbook": upload}), 200)
        _ok(page.post("/import/bekraeft/", {"sha256": _sha256(workbook)}), 302)

    entries = _alike({"page": by_page, "cli": lambda: _cli("import", str(workbook))})
    assert [e.what[:2] for e in entries] == [("create", "dataset.importbatch")]


def test_making_a_plan(world):
    page = _page()

    def by_page() -> None:
        _ok(page.post("/planer/koersel/", {"run-time_limit": "5"}), 302)
        # A worker runs the job, in a context of its own: it does not see the request.
        contextvars.Context().run(run_queued_jobs)

    entries = _alike(
        {
            "page": by_page,
            "cli": lambda: _cli("plan", "--time-limit", "5", "--cooperation-seconds", "0"),
        },
        leave_out="jobs.job",
    )
    assert [e.what[:2] for e in entries][0] == ("create", "planning.storedplan")


def test_reproducing_a_plan(world):
    page, api = _page(), _api()
    pk = world.plan.pk

    def by_page() -> None:
        _ok(page.post(f"/planer/{pk}/genskab/"), 302)
        contextvars.Context().run(run_queued_jobs)

    def by_api() -> None:
        _ok(api.post(f"/api/v1/plans/{pk}/reproduce/"), 202)
        contextvars.Context().run(run_queued_jobs)

    entries = _alike(
        {"page": by_page, "api": by_api, "cli": lambda: _cli("reproduce-plan", str(pk))},
        leave_out="jobs.job",
    )
    assert [e.what[:2] for e in entries] == [("create", "planning.planreproduction")]
    assert entries[0].what[4]["plan"] == pk and entries[0].what[4]["same"] is True
