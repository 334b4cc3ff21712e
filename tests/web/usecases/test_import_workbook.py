"""import_workbook: a workbook without errors is merged in and logged; one with an error is not."""

from __future__ import annotations

import pytest

from overgang.io.write import canonical, write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import ImportBatch
from overgang.web.dataset.services import import_workbook
from overgang.web.dataset.store import current_batch, load_dataset
from tests.io.bad_corpus import CORPUS
from tests.io.factories import CPR_KEY, small_dataset
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


@pytest.fixture
def good_workbook(settings, tmp_path):
    settings.CPR_HASH_KEY = CPR_KEY.decode()  # the key the corpus of bad workbooks was made with
    path = tmp_path / "overgang.xlsx"
    write_workbook(small_dataset(), path)
    return path


def test_a_good_workbook_is_stored_with_its_batch_and_one_audit_entry(good_workbook):
    since = mark()
    outcome = import_workbook(good_workbook, by=SystemActor("hr"))

    assert outcome.batch is not None
    assert current_batch() == outcome.batch
    assert (outcome.batch.imported_by, outcome.batch.file_name) == ("hr", "overgang.xlsx")
    assert load_dataset() == canonical(small_dataset())
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "cli:hr",
        "create",
        "dataset.importbatch",
        str(outcome.batch.pk),
    )
    assert entry.detail["file"] == "overgang.xlsx"


def test_a_dry_run_says_what_would_change_and_stores_and_logs_nothing(good_workbook):
    since = mark()
    outcome = import_workbook(good_workbook, by=SystemActor("hr"), dry_run=True)
    assert outcome.batch is None
    assert outcome.preview is not None
    assert not ImportBatch.objects.exists()
    assert since.entries() == []


def test_a_workbook_with_an_error_is_refused_and_nothing_is_stored_or_logged(good_workbook):
    first = import_workbook(good_workbook, by=SystemActor("hr")).batch
    before = load_dataset()
    since = mark()

    outcome = import_workbook(CORPUS / "hours_not_a_number.xlsx", by=SystemActor("hr"))

    assert outcome.batch is None
    assert [(i.sheet, i.row, i.column) for i in outcome.issues if i.severity == "error"] == [
        ("medarbejdere", 2, "timer")
    ]
    assert list(ImportBatch.objects.all()) == [first]
    assert current_batch() == first
    assert load_dataset() == before
    assert since.entries() == []
