"""Decision letters: one per employee, in Word and PDF, with the right name, municipality and date."""

from __future__ import annotations

import sqlite3

import docx

from overgang.core.domain import EmploymentForm
from tests.reports.conftest import pdf_text

NAMES = {183: "Ishøj Kommune", 187: "Vallensbæk Kommune"}


def _text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_every_employee_in_the_plan_gets_a_word_letter_with_name_municipality_and_date(
    demo_run, small_dataset
):
    result = demo_run.run("letters", "--format", "docx", "--out", "breve")
    names = {e.id: e.name for e in small_dataset.employees}
    civil_servants = {
        e.id for e in small_dataset.employees if e.employment_form is EmploymentForm.CIVIL_SERVANT
    }
    decisions = demo_run.plan["employees"]
    folder = demo_run.folder / "breve"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"afgoerelse-{d['medarbejder_id']}.docx" for d in decisions
    )
    assert f"Skrev {len(decisions)} filer" in result.stdout
    for d in decisions:
        text = _text(folder / f"afgoerelse-{d['medarbejder_id']}.docx")
        assert f"Til {names[d['medarbejder_id']]}" in text
        municipality = NAMES[d["kommune"]]
        if d["kommune"] == 183:
            assert f"Du forbliver ansat i {municipality} efter 1. januar 2022" in text
            assert "virksomhedsoverdragelsesloven" not in text
        elif d["medarbejder_id"] in civil_servants:  # not under the act: a suitable post
            assert f"{municipality} tilbyder dig en passende stilling pr. 1. januar 2022" in text
            assert "rådighedsløn" in text
            assert "anciennitet fortsætter uændret" not in text
        else:
            assert f"Du overføres til {municipality} pr. 1. januar 2022" in text
            assert "virksomhedsoverdragelsesloven" in text
            assert "anciennitet fortsætter uændret" in text
        # Only this employee's name: a letter never names a colleague.
        others = [n for i, n in names.items() if i != d["medarbejder_id"] and n in text]
        assert others == []


def test_the_plan_moves_someone_so_both_kinds_of_letter_are_checked(demo_run):
    assert {d["kommune"] for d in demo_run.plan["employees"]} == {183, 187}


def test_the_combined_pdf_holds_every_letter_on_its_own_page(demo_run, small_dataset):
    demo_run.run("letters", "--format", "pdf", "--combined", "--out", "samlet")
    files = list((demo_run.folder / "samlet").iterdir())
    assert [p.name for p in files] == ["afgoerelser-plan1.pdf"]
    text = pdf_text(files[0])
    pages = text.split("\f")
    names = {e.id: e.name for e in small_dataset.employees}
    decisions = demo_run.plan["employees"]
    assert len([p for p in pages if p.strip()]) >= len(decisions)
    for d in decisions:
        assert f"Til {names[d['medarbejder_id']]}" in text


def test_letters_are_logged_in_the_audit_log(demo_run):
    demo_run.run("letters", "--format", "docx", "--combined", "--out", "log", "--by", "hr-test")
    verify = demo_run.run("audit", "verify", check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    with sqlite3.connect(demo_run.folder / "overgang.sqlite3") as db:
        rows = db.execute(
            "select username, detail from audit_auditentry where object_type = 'reports.letters'"
        ).fetchall()
    # The person named by --by, as the command line's actor.
    assert any(username == "cli:hr-test" for username, _detail in rows)
