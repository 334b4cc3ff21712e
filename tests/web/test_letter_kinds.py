"""Hearing, decision and information letters from the database, read back as a person reads
them: Word through python-docx, PDF through pdftotext; and `overgang letters --kind` and
`overgang approve --reason` as a user runs them."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta

import docx
import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.models import AuditEntry
from overgang.web.process.models import Consultation, Hearing, LegalBasis, Transition
from overgang.web.process.services import approve_plan
from overgang.web.reporting.letter_kinds import letters_of_kind
from overgang.web.reporting.sources import ReportUnavailable
from tests.web.hearing_steps import conclude_hearing
from tests.web.hearing_world import plan_with_unmet_wishes
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


@pytest.fixture
def approved(world):
    plan = plan_with_unmet_wishes(world)
    approve_plan(plan=plan, by=world_user())
    return plan


def world_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="projektleder")


def word_text(body: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def pdf_text(body: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(body)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def test_hearing_letters_are_written_for_exactly_the_decisions_that_do_not_meet_a_wish(approved):
    made = letters_of_kind(approved, "hearing", "docx")
    assert list(made.files) == ["hoering-V-EMP.docx"]
    assert made.held["employees"] == ["V-EMP"]
    text = word_text(made.files["hoering-V-EMP.docx"])
    reply_by = Hearing.objects.get().reply_by
    for part in (
        "Partshøring før afgørelsen om din ansættelse",
        "Til Vera Vallensbæk",
        "Udkastet til afgørelse: du overføres til Vallensbæk",
        "ønskede du at arbejde for Ishøj",
        "Du sagde, at du også kan acceptere Vallensbæk",
        "Flyttes til Vallensbæk, som medarbejderen kan acceptere (ønskede Ishøj)",
        "Behovet for Psykologer i hver kommune",
        f"{reply_by.day}. ",
        "kun den del af udkastet, der angår dig",
    ):
        assert part in text, part
    for other in ("Ida Ishøj", "I-EMP", "Xenia Familie", "X-EMP"):
        assert other not in text  # only that person's part of the draft


def test_the_final_letter_waits_for_the_hearing_and_then_says_how_the_response_was_considered(
    approved, tmp_path
):
    before = letters_of_kind(approved, "decision", "docx")
    assert before.withheld == ("V-EMP",)
    assert sorted(before.files) == ["afgoerelse-I-EMP.docx", "afgoerelse-X-EMP.docx"]

    conclude_hearing(approved.employee_decisions.get(employee_id="V-EMP"))
    after = letters_of_kind(approved, "decision", "pdf", combined=False)
    assert after.withheld == ()
    text = pdf_text(after.files["afgoerelse-V-EMP.pdf"], tmp_path)
    assert "Du er blevet hørt over udkastet til afgørelse" in text
    assert "Ønsket er vejet mod børnenes kontinuitet." in text
    assert "Afgørelsen fastholdes." in text


def test_information_letters_reach_movers_stayers_and_the_receiving_staff(approved, tmp_path):
    Transition.objects.filter(pk=1).update(representatives_consulted_on=BEFORE)
    made = letters_of_kind(approved, "information", "docx")
    assert sorted(made.files) == [
        "information-I-EMP.docx",
        "information-V-EMP.docx",
        "information-X-EMP.docx",
        "information-personale-vallensbaek.docx",
    ]
    mover = word_text(made.files["information-V-EMP.docx"])
    for part in ("1. januar 2022", "Årsagen", "(§ 2)", "økonomiske", "sociale", "foranstaltninger"):
        assert part in mover, part
    assert "informeret den 15. marts 2021 og hørt den 15. september 2021" in mover
    stayer = word_text(made.files["information-I-EMP.docx"])
    assert "bliver ansat i Ishøj på uændrede vilkår" in stayer
    receivers = word_text(made.files["information-personale-vallensbaek.docx"])
    assert "Til medarbejderne i Vallensbæk" in receivers
    combined = letters_of_kind(approved, "information", "pdf", combined=True)
    assert "Til medarbejderne i Vallensbæk" in pdf_text(
        next(iter(combined.files.values())), tmp_path
    )


def test_no_information_letters_where_the_act_does_not_apply(approved):
    Transition.objects.filter(pk=1).update(legal_basis=LegalBasis.OTHER)
    with pytest.raises(ReportUnavailable, match="gælder ikke"):
        letters_of_kind(approved, "information", "docx")


def test_overgang_letters_writes_the_kind_asked_for_and_logs_it(approved, tmp_path):
    result = runner.invoke(
        app, ["letters", "--kind", "hearing", "--out", str(tmp_path), "--by", "hr"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hoering-V-EMP.docx"]
    entry = AuditEntry.objects.filter(object_type="reports.hearing_letters").get()
    assert entry.username == "cli:hr"

    decisions = runner.invoke(app, ["letters", "--kind", "decision", "--out", str(tmp_path / "d")])
    assert decisions.exit_code == 0, decisions.output
    assert "V-EMP" in " ".join(decisions.output.split())  # named as withheld, in hearing

    information = runner.invoke(
        app, ["letters", "--kind", "information", "--out", str(tmp_path / "i")]
    )
    assert information.exit_code == 0, information.output
    assert "ingen medarbejdere" in " ".join(information.output.split())


def test_overgang_approve_asks_for_a_reason_while_a_consultation_is_open(world):
    Consultation.objects.create(title="Høringen", deadline=BEFORE + timedelta(days=2))
    refused = runner.invoke(app, ["approve", str(world.plan.pk)])
    assert refused.exit_code == 1
    assert "--reason" in refused.output
    done = runner.invoke(app, ["approve", str(world.plan.pk), "--reason", "Byrådet har besluttet"])
    assert done.exit_code == 0, done.output
    assert world.plan.approval.override_reason == "Byrådet har besluttet"
