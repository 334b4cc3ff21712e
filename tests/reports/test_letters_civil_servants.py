"""A civil servant's (tjenestemand's) decision letter follows the civil servants' rules: the
suitable post, rådighedsløn on declining it, the pension shared by years of service, and HR
to confirm; it never presents the transfer of undertakings act as its legal basis. An
overenskomst employee's legal paragraph follows the transition's recorded legal basis."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import docx
import pytest
from django.utils import translation

from overgang.core.domain import EmploymentForm
from overgang.core.planning.explain import explain_employees
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.reports.letters import build_letters, letters_docx, letters_pdf
from overgang.reports.sources import PlanFacts, ReportSources
from tests.core.factories import ISHOEJ, VALLENSBAEK, dataset, employee, interview
from tests.reports.conftest import pdf_text

CIVIL = EmploymentForm.CIVIL_SERVANT
BASES = ("vol", "aftale", "andet")
# What presents the act as the legal basis of a transfer, in either language.
VOL_AS_BASIS = (
    "Overførslen sker efter lov om lønmodtageres retsstilling",
    "The transfer follows the act on employees' rights",
    "kommunerne har aftalt at anvende",
    "The municipalities have agreed to apply",
    "den overenskomst, der dækker dig i dag, følger med",
    "the collective agreement that covers you today goes with you",
)


def _sources(legal_basis: str = "vol", note: str = "") -> ReportSources:
    """T, a civil servant, is moved to Vallensbæk against the wish to stay; S, a civil servant,
    moves by wish; R, a civil servant, stays; O, overenskomst, moves by wish."""
    data = dataset(
        employees=[
            employee("T", employment_form=CIVIL),
            employee("S", employment_form=CIVIL),
            employee("R", employment_form=CIVIL),
            employee("O", employment_form=EmploymentForm.COLLECTIVE_AGREEMENT),
        ],
        interviews=[
            interview("T", ISHOEJ),
            interview("S", VALLENSBAEK),
            interview("R", ISHOEJ),
            interview("O", VALLENSBAEK),
        ],
        citizens=[],
        cases=[],
    )
    problem = build_problem(data, Policy())
    employer = {"T": VALLENSBAEK, "S": VALLENSBAEK, "R": ISHOEJ, "O": VALLENSBAEK}
    return ReportSources(
        plan=PlanFacts(1, datetime(2021, 9, 1), "optimal", "", ()),
        metrics={"attachment": []},
        municipalities={ISHOEJ: "Ishøj Kommune", VALLENSBAEK: "Vallensbæk Kommune"},
        professions={"PSY": "Psykologer"},
        host=ISHOEJ,
        effective_date=date(2022, 1, 1),
        as_of=date(2021, 9, 1),
        made_on=date(2021, 9, 1),
        dataset=data,
        employee_decisions=explain_employees(problem, Policy(), employer, {}),
        case_decisions=(),
        legal_basis=legal_basis,
        legal_basis_note=note,
    )


def _texts(src: ReportSources, lang: str = "da") -> dict[str, str]:
    with translation.override(lang):
        return {x.employee_id: "\n".join(x.paragraphs) for x in build_letters(src)}


def _assert_civil_servants_rules(text: str) -> None:
    assert "passende stilling" in text
    assert "tjenestemandsloven § 12" in text
    assert "rådighedsløn" in text
    assert "tjenestemandsloven § 32" in text
    assert "i op til tre år" in text
    assert "ventepenge eller pension" in text
    assert "Din tjenestemandspension deles mellem Ishøj Kommune og Vallensbæk Kommune" in text
    assert "efter de pensionsgivende tjenesteår" in text
    assert "HR bekræfter dine rettigheder som tjenestemand" in text
    assert not [phrase for phrase in VOL_AS_BASIS if phrase.lower() in text.lower()]


@pytest.mark.parametrize("employee_id", ["T", "S"])
def test_a_transferring_civil_servants_letter_names_the_suitable_post_raadighedsloen_and_pension(
    employee_id,
):
    text = _texts(_sources())[employee_id]
    _assert_civil_servants_rules(text)
    assert "Vallensbæk Kommune tilbyder dig en passende stilling pr. 1. januar 2022" in text
    assert "gælder ikke for tjenestemænd" in text


def test_the_civil_servant_moved_against_the_wish_is_told_so_and_may_decline():
    text = _texts(_sources())["T"]
    assert "Vi har ikke kunnet imødekomme dit ønske" in text
    assert "Du kan sige nej til stillingen" in text


def test_the_civil_servants_letter_is_the_same_whatever_basis_the_transition_records():
    letters = [_texts(_sources(basis, "ministerielle vilkår"))["T"] for basis in BASES]
    assert letters[0] == letters[1] == letters[2]


def test_a_staying_civil_servants_letter_says_nothing_of_a_transfer():
    text = _texts(_sources())["R"]
    assert "Du forbliver ansat i Ishøj Kommune" in text
    assert "rådighedsløn" not in text and "virksomhedsoverdragelse" not in text


def test_the_english_letter_names_the_same_rules():
    text = _texts(_sources(), "en")["T"]
    for phrase in (
        "suitable post (passende stilling)",
        "tjenestemandsloven § 12",
        "rådighedsløn, tjenestemandsloven § 32",
        "for up to three years",
        "shared between Ishøj Kommune and Vallensbæk Kommune by the years of pensionable service",
        "HR will confirm your rights as a civil servant",
    ):
        assert phrase in text
    assert not [phrase for phrase in VOL_AS_BASIS if phrase.lower() in text.lower()]


def test_the_civil_servants_letter_reads_back_from_word_and_pdf(tmp_path):
    src = _sources()
    with translation.override("da"):
        [letter] = build_letters(src, ["T"])
        word = letters_docx([letter])
        pdf = letters_pdf([letter])
    document = docx.Document(io.BytesIO(word))
    _assert_civil_servants_rules("\n".join(p.text for p in document.paragraphs))
    path = tmp_path / "brev.pdf"
    path.write_bytes(pdf)
    # pdftotext breaks the lines: compare with whitespace collapsed.
    _assert_civil_servants_rules(" ".join(pdf_text(path).split()))


def test_by_law_is_the_default_and_keeps_todays_paragraph():
    assert _texts(_sources("vol")) == _texts(replace(_sources(), legal_basis="vol"))
    text = _texts(_sources("vol"))["O"]
    assert "Overførslen sker efter lov om lønmodtageres retsstilling" in text


def test_by_agreement_the_letter_says_the_act_is_applied_by_agreement():
    text = _texts(_sources("aftale"))["O"]
    assert "Kommunerne har aftalt at anvende lov om lønmodtageres retsstilling" in text
    assert "Overførslen sker efter" not in text
    assert "Din løn, dine vilkår og din anciennitet fortsætter uændret" in text


def test_on_another_basis_the_letter_names_it_and_does_not_claim_the_act():
    text = _texts(_sources("andet", "ministerens vilkår efter kommunesamarbejdsloven § 11 a."))["O"]
    assert (
        "ikke på lov om lønmodtageres retsstilling ved virksomhedsoverdragelse "
        "(virksomhedsoverdragelsesloven), men på et andet grundlag: ministerens vilkår efter "
        "kommunesamarbejdsloven § 11 a." in text
    )
    assert "Overførslen sker efter" not in text
    assert "anciennitet fortsætter uændret" not in text
    assert "HR gennemgår med dig" in text
    bare = _texts(_sources("andet"))["O"]
    assert "men på et andet grundlag." in bare
