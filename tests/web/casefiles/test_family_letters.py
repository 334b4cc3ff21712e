"""Letters to families: one per family with a changed contact person, the user's municipality only."""

from __future__ import annotations

import io
import re
import subprocess

import docx
import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.reporting.family_letters import family_letters_export, load_family_letters
from tests.web.casefiles.world import CPR_KEYS

pytestmark = pytest.mark.django_db

CHILDREN = {"FAM-V": {"V-CIT2", "V-CIT3"}, "FAM-I": {"I-CIT2"}}
OTHERS = {"I-CIT", "V-CIT"}  # their contact persons stay: no letter names them


def _docx_text(body: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def _pdf_text(body: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=body, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")


def _no_cpr(text: str) -> None:
    assert not re.search(r"\d{6}-?\d{4}", text)
    assert not any(key in text for key in CPR_KEYS.values())


def test_exactly_one_letter_per_family_whose_child_gets_a_new_contact_person(plan):
    src = load_family_letters(plan)
    assert [(f.family_id, f.municipality) for f in src.families] == [
        ("FAM-I", 183),
        ("FAM-V", 187),
    ]
    for family in src.families:
        assert {c.citizen_id for c in family.children} == CHILDREN[family.family_id]


def test_each_letter_names_its_own_family_only_and_no_cpr_in_word_and_pdf(plan):
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        made = family_letters_export(plan, fmt, "da")
        assert sorted(made.files) == [
            f"familiebrev-183-FAM-I.{fmt}",
            f"familiebrev-187-FAM-V.{fmt}",
        ]
        for name, body in made.files.items():
            text = read(body)
            family = "FAM-V" if "FAM-V" in name else "FAM-I"
            mine, theirs = ("Vallensbæk", "Ishøj") if family == "FAM-V" else ("Ishøj", "Vallensbæk")
            for child in CHILDREN[family]:
                assert child in text
            others = set().union(*CHILDREN.values(), OTHERS) - CHILDREN[family]
            assert not [o for o in others if re.search(rf"{o}(?![\w-])", text)]
            assert mine in text and theirs not in text
            _no_cpr(text)
            assert "bisidder" in text
            assert "dataansvarlig" in text
            assert "1. januar 2022" in text
        assert made.held["citizens"] == ["I-CIT2", "V-CIT2", "V-CIT3"]


def test_the_vallensbaek_letter_names_the_new_contact_person_and_both_children(plan):
    made = family_letters_export(plan, "docx", "da", municipality=187)
    (body,) = made.files.values()
    text = _docx_text(body)
    assert "Vera Vallensbæk" in text
    assert "Barn V-CIT3 (født 2012)" in text
    assert text.count("Familiebehandling") == 1 and "PPR-vurdering" in text


def test_a_municipal_lead_gets_the_letters_of_their_municipality_only(plan, users):
    for user, families in (
        ("kommuneleder-vallensbaek", ["FAM-V"]),
        ("kommuneleder-ishoej", ["FAM-I"]),
        ("projektleder", ["FAM-I", "FAM-V"]),
        ("teamleder-vallensbaek", ["FAM-V"]),
    ):
        src = load_family_letters(plan, users[user])
        assert [f.family_id for f in src.families] == families, user
        assert set(src.municipalities) == {f.municipality for f in src.families}


def test_the_letters_are_in_english_on_request(plan):
    made = family_letters_export(plan, "docx", "en", municipality=187, combined=True)
    text = _docx_text(next(iter(made.files.values())))
    assert "support person (bisidder)" in text and "data controller" in text


def test_the_command_writes_the_letters_and_audits_what_they_hold(plan, tmp_path):
    from typer.testing import CliRunner

    from overgang.cli.main import app
    from overgang.web.audit.models import AuditEntry

    result = CliRunner().invoke(
        app, ["family-letters", "--kommune", "187", "--out", str(tmp_path), "--by", "hr"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["familiebrev-187-FAM-V.docx"]
    entry = AuditEntry.objects.filter(object_type="reports.family-letters").get()
    assert entry.username == "cli:hr"
    assert entry.detail["citizens"] == ["V-CIT2", "V-CIT3"]
    assert entry.detail["held"] == {"employees": 1, "cases": 2, "citizens": 2}
    assert SystemActor  # the command line's actor is named cli:<by>
