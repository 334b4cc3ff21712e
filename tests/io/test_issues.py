"""Issues read as one line naming the place, the value and what was expected, in Danish too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from overgang.io.issues import Issue, Severity, WorkbookError, error, warning
from overgang.io.read import read_workbook
from overgang.io.schema import SHEETS
from tests.io.bad_corpus import CORPUS
from tests.io.factories import CPR_KEY


def test_an_issue_formats_place_value_and_message_on_one_line() -> None:
    issue = error("sager", "unknown x", row=14, column="kontaktperson", value="M999")
    assert issue.format() == "sager, row 14, column kontaktperson: 'M999' — unknown x"
    assert issue.severity is Severity.ERROR
    assert warning("sager", "w").severity == "warning"


def test_an_issue_of_a_whole_sheet_leaves_out_row_column_and_value() -> None:
    assert error("behov", "missing").format() == "behov: missing"
    assert Issue(Severity.ERROR, "", None, None, None, "no file").format() == "no file"


def test_a_long_value_is_cut_and_kept_on_one_line() -> None:
    issue = error("samtaler", "too long", row=2, column="bemaerkning", value="a\nb " + "x" * 100)
    text = issue.format()
    assert "\n" not in text
    assert "…" in text
    assert len(text) < 120


def test_a_refusal_carries_its_issues_and_says_them() -> None:
    refusal = WorkbookError.refuse("too big", file="a.xlsx")
    assert refusal.issues == [error("a.xlsx", "too big")]
    assert str(refusal) == "too big"


def test_errors_are_written_in_danish_when_danish_is_active(compiled_danish: None) -> None:
    result = read_workbook(CORPUS / "unknown_contact_person.xlsx", cpr_key=CPR_KEY)
    assert result.errors[0].format() == (
        "sager, række 2, kolonne kontaktperson: 'M999' — ukendt medarbejder_id; "
        "forventet et medarbejder_id fra arket medarbejdere"
    )


def test_every_error_of_the_corpus_has_a_danish_message(compiled_danish: None) -> None:
    english_words = re.compile(r"\b(expected|unknown|missing|appears|the sheet)\b")
    for path in sorted(CORPUS.iterdir()):
        for issue in read_workbook(path, cpr_key=CPR_KEY).issues:
            assert not english_words.search(issue.format()), issue.format()


def test_every_help_text_of_the_schema_has_a_danish_translation(compiled_danish: None) -> None:
    untranslated = [
        str(text)
        for sheet in SHEETS
        for text in (sheet.help, *(column.help for column in sheet.columns))
        if str(text) == _english(text)
    ]
    assert untranslated == []


def _english(text: object) -> str:
    with translation.override("en"):
        return str(text)


def test_the_file_of_a_refusal_is_named(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as refusal:
        read_workbook(tmp_path / "mangler.xlsx", cpr_key=CPR_KEY)
    assert refusal.value.issues[0].format().startswith("mangler.xlsx: ")
