"""The stored data set: what goes in comes back out, and an import is all or nothing."""

from __future__ import annotations

import pytest

from overgang.io.write import canonical, write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.dataset.services import import_workbook
from overgang.web.dataset.store import current_batch, load_dataset, merge_dataset
from tests.io.bad_corpus import BAD_WORKBOOKS

pytestmark = pytest.mark.django_db


def test_a_stored_data_set_loads_back_equal(demo_dataset):
    merge_dataset(demo_dataset, file_name="demo.xlsx", file_hash="0" * 64, imported_by="test")
    assert load_dataset() == canonical(demo_dataset)


def test_import_records_when_by_whom_which_file_and_how_many_rows(demo_dataset, tmp_path):
    path = tmp_path / "demo.xlsx"
    write_workbook(demo_dataset, path)
    outcome = import_workbook(path, by=SystemActor("hr-officer"))
    batch = outcome.batch
    assert batch is not None
    assert batch.imported_by == "hr-officer"
    assert batch.file_name == "demo.xlsx"
    assert len(batch.file_hash) == 64
    assert batch.row_counts["sager"] == len(demo_dataset.cases)
    assert batch.row_counts["medarbejdere"] == len(demo_dataset.employees)
    assert current_batch() == batch


def test_importing_again_replaces_the_data_set_as_a_whole(demo_dataset, tmp_path):
    from overgang.demo import generate

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(demo_dataset, first)
    other = generate(seed=7, scale=0.2)
    write_workbook(other, second)
    import_workbook(first, by=SystemActor("test"))
    import_workbook(second, by=SystemActor("test"))
    assert load_dataset() == canonical(other)
    assert m.ImportBatch.objects.count() == 2
    assert m.ImportBatch.objects.filter(is_current=True).count() == 1


def _snapshot():
    return load_dataset(), list(m.ImportBatch.objects.values_list("pk", "is_current"))


@pytest.mark.parametrize(
    ("path", "sheet", "row", "column"), BAD_WORKBOOKS, ids=lambda v: str(getattr(v, "name", v))
)
def test_a_bad_workbook_is_rejected_where_it_is_wrong_and_changes_nothing(
    small_dataset, tmp_path, path, sheet, row, column
):
    if row is not None or column is not None or "missing" not in str(path):
        # Stored data first, so that "changes nothing" is tested against something. A
        # workbook missing a whole sheet is refused only while nothing is stored: once a
        # data set is, it is a partial import (tests/web/test_reimport.py).
        good = tmp_path / "good.xlsx"
        write_workbook(small_dataset, good)
        import_workbook(good, by=SystemActor("test"))
    before = _snapshot()

    outcome = import_workbook(path, by=SystemActor("test"))

    assert outcome.batch is None
    assert any(
        issue.sheet == sheet and issue.row == row and issue.column == column
        for issue in outcome.issues
        if issue.severity == "error"
    ), [issue.format() for issue in outcome.issues]
    assert _snapshot() == before
