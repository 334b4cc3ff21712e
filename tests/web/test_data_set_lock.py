"""The data set's lock: imports one at a time, plans reading whole, refusals that say what to do.

Another process is played by a thread with its own database connection (PostgreSQL's
advisory locks are per connection; SQLite's flock per open file). The processes themselves,
killed and racing, are in test_crashes.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection

from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import services as dataset_services
from overgang.web.dataset.lock import DataSetBusy, data_set_lock
from overgang.web.dataset.models import ImportBatch
from overgang.web.dataset.services import import_workbook
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning import services as planning_services
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import PlanningUnavailable, run_plan
from tests.core.factories import worked_example

pytestmark = pytest.mark.django_db
BY = SystemActor("test")


@contextmanager
def held_elsewhere(purpose: str) -> Iterator[None]:
    """Hold the data set's lock in another thread (another connection) while the block runs."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with data_set_lock(purpose):  # type: ignore[arg-type]
                taken.set()
                done.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(30)
    try:
        yield
    finally:
        done.set()
        holder.join(30)


@pytest.fixture
def stored_example():
    merge_dataset(worked_example(), file_name="example.xlsx", file_hash="0" * 64, imported_by="t")


def test_an_import_waits_for_nobody_when_the_data_set_is_free():
    with data_set_lock("import", wait=0):
        pass
    with data_set_lock("plan", wait=0), data_set_lock("plan", wait=0):
        pass


def test_plans_read_together_but_an_import_is_refused_naming_the_plan():
    with held_elsewhere("plan"):
        with data_set_lock("plan", wait=0):
            pass
        with (
            pytest.raises(DataSetBusy, match="En plan læser datasættet"),
            data_set_lock("import", wait=0.1),
        ):
            pass


def test_an_import_holds_the_data_set_alone():
    with held_elsewhere("import"):
        with (
            pytest.raises(DataSetBusy, match="En anden import gemmer et datasæt"),
            data_set_lock("import", wait=0.1),
        ):
            pass
        with (
            pytest.raises(DataSetBusy, match="Intet blev planlagt"),
            data_set_lock("plan", wait=0.1),
        ):
            pass
    with data_set_lock("import", wait=0):  # let go when the holder is done
        pass


def test_a_busy_data_set_refuses_an_import_with_a_message_and_stores_nothing(
    tmp_path, settings, stored_example
):
    settings.DATA_SET_LOCK_WAIT = 0.1
    path = tmp_path / "example.xlsx"
    write_workbook(worked_example(), path)
    with held_elsewhere("import"):
        outcome = import_workbook(path, by=BY)
        checked = import_workbook(path, by=BY, dry_run=True)
    assert outcome.batch is None and outcome.preview is None
    assert "Intet blev gemt" in outcome.issues[0].format()
    assert "Intet blev kontrolleret" in checked.issues[0].format()
    assert ImportBatch.objects.count() == 1
    assert import_workbook(path, by=BY).batch is not None  # once the other import is done


def test_a_plan_is_refused_while_an_import_stores_and_made_after(settings, stored_example):
    settings.DATA_SET_LOCK_WAIT = 0.1
    with held_elsewhere("import"), pytest.raises(PlanningUnavailable, match="Intet blev planlagt"):
        run_plan(by=BY)
    assert not StoredPlan.objects.exists()
    assert run_plan(by=BY).stored.status == "optimal"


def test_sqlite_s_database_is_locked_becomes_a_message_saying_what_to_do(
    tmp_path, monkeypatch, stored_example
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    path = tmp_path / "example.xlsx"
    write_workbook(worked_example(), path)
    monkeypatch.setattr(dataset_services, "merge_dataset", locked)
    outcome = import_workbook(path, by=BY)
    assert outcome.batch is None
    assert "Databasen er optaget af en anden ændring" in outcome.issues[0].format()
    monkeypatch.setattr(planning_services, "save_plan", locked)
    with pytest.raises(PlanningUnavailable, match="prøv igen"):
        run_plan(by=BY)
    assert not StoredPlan.objects.exists()


def test_other_database_errors_are_not_taken_for_a_busy_database(
    tmp_path, monkeypatch, stored_example
):
    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    path = tmp_path / "example.xlsx"
    write_workbook(worked_example(), path)
    monkeypatch.setattr(dataset_services, "merge_dataset", broken)
    with pytest.raises(OperationalError, match="disk I/O"):
        import_workbook(path, by=BY)
