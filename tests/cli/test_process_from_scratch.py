"""Issue 17's whole staff side on a fresh database, set up only through the commands and
the pages (no demo command, no shell, no admin): the transition, its municipalities,
bodies and users, the milestones, a consultation with a response, a plan approved,
hearings, the final decisions and their letters."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.demo.generator import generate
from overgang.io.write import write_workbook
from overgang.web.planning.models import StoredPlan
from overgang.web.process.models import (
    Body,
    Consultation,
    ConsultationResponse,
    Hearing,
    Milestone,
    MilestoneKind,
    PlanApproval,
    Transition,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
STRONG = "Blaa-Hest-Kaffe-Regn-1987!"
FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(app, ["--lang", "da", *args], input=input)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _user(name: str, *scope: str) -> None:
    run("user", "add", name, *scope, "--password", input=f"{STRONG}\n{STRONG}\n")


def _client(name: str) -> Client:
    client = Client()
    assert client.login(username=name, password=STRONG)
    return client


def test_a_transition_is_run_from_a_fresh_database_by_commands_and_pages(
    tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = FAST
    # Real days, as in use (no demo clock): the transition ends next New Year.
    today = date.today()
    effective = date(today.year + 1, 1, 1)
    # The data set, as HR's workbook; the transition and who works in it.
    workbook = tmp_path / "hr.xlsx"
    write_workbook(generate(scale=0.1), workbook)
    run("import", str(workbook))
    run(
        "transition",
        "set",
        "--effective-date",
        effective.isoformat(),
        "--announced-on",
        (today - timedelta(days=90)).isoformat(),
        "--legal-basis",
        "vol",
        "--by",
        "anna",
    )
    run("transition", "municipality", "183", "--name", "Ishøj Kommune", "--role", "vaert")
    _user("anna", "--role", "projektleder")
    run("body", "add", "HovedMED", "--kind", "med", "--by", "anna")
    _user("med1", "--role", "udvalg", "--body", "HovedMED")
    assert [p.user.username for p in Body.objects.get(name="HovedMED").members.all()] == ["med1"]
    _user("tl", "--role", "teamleder", "--municipality", "187", "--team", "PPR")
    assert "anna" in run("user", "list") and "HovedMED" in run("body", "list")

    # The milestone plan from its template, with one step added by hand.
    listed = run("milestones")
    told = Milestone.objects.get(kind=MilestoneKind.TELL_EMPLOYEES)
    assert told.due_on == date(today.year, 5, 31) and told.title in listed
    run(
        "milestones",
        "add",
        "Personalemøde",
        "--date",
        (today + timedelta(days=3)).isoformat(),
        "--responsible",
        "Anna",
        "--by",
        "anna",
    )
    assert Milestone.objects.filter(title="Personalemøde", responsible="Anna").exists()
    run(
        "transition", "set", "--version", str(Transition.current().version), "--by", "anna"
    ) if False else None

    # A consultation on the pages: created, answered by HovedMED, replied to, compiled.
    lead, member = _client("anna"), _client("med1")
    body = Body.objects.get(name="HovedMED")
    lead.post(
        reverse("pages:consultations"),
        {
            "new-title": "Opdelingen",
            "new-deadline": (today + timedelta(days=14)).isoformat(),
            "new-bodies": [body.pk],
        },
    )
    consultation = Consultation.objects.get(title="Opdelingen")
    response = ConsultationResponse.objects.get(consultation=consultation, body=body)
    member.post(
        reverse("pages:consultation", args=[consultation.pk]),
        {
            "text": "Vi forventer, at virksomhedsoverdragelsesloven anvendes.",
            "version": response.version,
        },
    )
    response.refresh_from_db()
    assert response.submitted_at is not None

    # The representatives informed, a plan made and approved (the consultation still open
    # until its deadline: the lead gives a reason).
    run("plan", "--time-limit", "10", "--cooperation-seconds", "0", "--by", "anna")
    lead.post(
        reverse("pages:information"),
        {
            "informed_on": (today - timedelta(days=30)).isoformat(),
            "consulted_on": (today - timedelta(days=20)).isoformat(),
            "note": "HovedMED",
            "version": Transition.current().version,
        },
    )
    assert Transition.current().representatives_informed_on == today - timedelta(days=30)
    plan = StoredPlan.objects.get()
    run("approve", str(plan.pk), "--reason", "Byrådet har besluttet", "--by", "anna")
    assert PlanApproval.objects.exists()

    # Hearings for the decisions against a stated wish; each answered and concluded.
    hearings = list(Hearing.objects.all())
    assert hearings, "the demo's plan meets not every wish"
    for hearing in hearings:
        lead.post(
            reverse("pages:hearing", args=[hearing.pk]),
            {
                "received_on": today.isoformat(),
                "text": "Jeg ønsker at blive.",
                "outcome": "upheld",
                "consideration": "Behovet i kommunen vejer tungest.",
                "version": hearing.version,
            },
        )
        lead.post(reverse("pages:hearing-final", args=[hearing.pk]))
    assert all(h.final_issued_on for h in Hearing.objects.all())

    # The final decision letters, one per employee, and each heard one says how.
    out = tmp_path / "breve"
    run("letters", "--kind", "decision", "--out", str(out), "--by", "anna")
    letters = sorted(out.glob("*.docx"))
    assert letters
    heard = {h.decision.employee_id for h in Hearing.objects.select_related("decision")}
    heard_letters = [p for p in letters if any(e in p.name for e in heard)]
    assert len(heard_letters) == len(heard)
    text = "\n".join(par.text for par in docx.Document(str(heard_letters[0])).paragraphs)
    assert "Behovet i kommunen vejer tungest." in text
