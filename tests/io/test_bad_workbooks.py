"""Every mistake in the corpus is reported at its sheet, row and column, and alone."""

from __future__ import annotations

import pytest

from overgang.io.issues import Issue
from overgang.io.read import read_workbook
from tests.io.bad_corpus import CORPUS, EXPECTED, WARNINGS_ONLY, Place
from tests.io.factories import CPR_KEY


def where(issue: Issue) -> Place:
    return (issue.sheet, issue.row, issue.column)


def test_the_corpus_holds_exactly_the_files_of_the_tables() -> None:
    assert {path.name for path in CORPUS.iterdir()} == set(EXPECTED) | set(WARNINGS_ONLY)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize(("name", "place"), sorted(EXPECTED.items()))
def test_a_bad_workbook_is_rejected_with_one_error_at_the_mistake(name: str, place: Place) -> None:
    result = read_workbook(CORPUS / name, cpr_key=CPR_KEY)
    assert result.dataset is None
    assert [where(issue) for issue in result.errors] == [place], [
        issue.format() for issue in result.issues
    ]
    issue = result.errors[0]
    assert issue.message
    assert issue.format().startswith(place[0])


@pytest.mark.parametrize(("name", "place"), sorted(WARNINGS_ONLY.items()))
def test_a_workbook_with_a_doubtful_cell_imports_with_a_warning(name: str, place: Place) -> None:
    result = read_workbook(CORPUS / name, cpr_key=CPR_KEY)
    assert result.ok
    assert result.dataset is not None
    assert [where(issue) for issue in result.warnings] == [place]


def test_an_error_names_the_value_found_and_what_was_expected() -> None:
    result = read_workbook(CORPUS / "unknown_contact_person.xlsx", cpr_key=CPR_KEY)
    assert result.errors[0].format() == (
        "sager, row 2, column kontaktperson: 'M999' — unknown medarbejder_id; "
        "expected a medarbejder_id from the sheet medarbejdere"
    )


def test_an_error_in_a_csv_folder_names_the_line() -> None:
    result = read_workbook(CORPUS / "csv_cp1252_bad_number", cpr_key=CPR_KEY)
    assert result.errors[0].format() == (
        "medarbejdere, row 3, column timer: '37,5 timer' — expected a number, e.g. 18.5 or 18,5"
    )
