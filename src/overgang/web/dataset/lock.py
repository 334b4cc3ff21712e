"""The data set's lock: an import changes the data set alone, a plan reads it whole.

An import holds the lock exclusively from reading the workbook against the stored data
to its commit; a plan holds it shared while it reads the data set, its fixes and its
reference plan, and lets go before it solves. So two imports never mix, and a plan never
reads half an import: one waits for the other (`OVERGANG_LOCK_WAIT` seconds at most), or
is refused with a message that says what holds the data set and what to do.

PostgreSQL keeps the lock as a session-level advisory lock, SQLite as a `flock` on a file
beside the database file. The server or the kernel lets go of either when the process
ends, however it ends (SIGKILL included), so a crash never leaves the data set locked.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import OperationalError, connection
from django.utils.translation import gettext as _

from overgang.web.pausepoints import pause_point

Purpose = Literal["import", "check", "plan"]

# The advisory lock's key: any number no other user of the database takes; locks are per database.
ADVISORY_KEY = 1_633_016_001
# How often a waiting process looks whether the lock is free.
POLL_SECONDS = 0.05


class DataSetBusy(RuntimeError):
    """Other work holds the data set; the message says which, and what to do."""


def _wait_seconds() -> float:
    return float(settings.DATA_SET_LOCK_WAIT)


def _busy_message(purpose: Purpose, holder: Literal["import", "plan"]) -> str:
    if purpose == "plan":
        return _(
            "An import is storing a new data set. Nothing was planned: plan again when the"
            " import has finished."
        )
    if purpose == "check":
        return _(
            "An import is storing a new data set. Nothing was checked: check the workbook"
            " again when the import has finished."
        )
    if holder == "plan":
        return _(
            "A plan is reading the data set. Nothing was stored: import again in a moment,"
            " when the plan has read it (it goes on solving without holding the data)."
        )
    return _(
        "Another import is storing a data set. Nothing was stored: look at what it"
        " changed, then import again if your workbook is still needed."
    )


@contextmanager
def data_set_lock(purpose: Purpose, wait: float | None = None) -> Iterator[None]:
    """Hold the data set's lock for an import (alone) or a check or plan (shared).

    Waits up to `wait` seconds (the setting `DATA_SET_LOCK_WAIT` by default), then raises
    DataSetBusy naming what holds it.
    """
    exclusive = purpose == "import"
    lock = _PostgresLock() if connection.vendor == "postgresql" else _FileLock()
    deadline = time.monotonic() + (_wait_seconds() if wait is None else wait)
    waited = False
    while not lock.try_acquire(exclusive):
        if not waited:
            pause_point("lock:waiting")
            waited = True
        if time.monotonic() >= deadline:
            holder = "plan" if exclusive and lock.only_shared_holders() else "import"
            lock.close()
            raise DataSetBusy(_busy_message(purpose, holder))
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        lock.release(exclusive)


class _PostgresLock:
    def _ask(self, function: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [ADVISORY_KEY])
            return bool(cursor.fetchone()[0])

    def try_acquire(self, exclusive: bool) -> bool:
        return self._ask("pg_try_advisory_lock" if exclusive else "pg_try_advisory_lock_shared")

    def only_shared_holders(self) -> bool:
        if not self._ask("pg_try_advisory_lock_shared"):
            return False
        self._ask("pg_advisory_unlock_shared")
        return True

    def release(self, exclusive: bool) -> None:
        self._ask("pg_advisory_unlock" if exclusive else "pg_advisory_unlock_shared")

    def close(self) -> None:
        pass


class _FileLock:
    """flock on `<database>.lock`; an in-memory database (the tests') locks within its process."""

    def __init__(self) -> None:
        self.path = lock_file()
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def try_acquire(self, exclusive: bool) -> bool:
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def only_shared_holders(self) -> bool:
        # A second open file is a second lock, even in this process (flock, not fcntl locks).
        probe = os.open(self.path, os.O_RDWR)
        try:
            fcntl.flock(probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(probe)
        return True

    def release(self, exclusive: bool) -> None:
        self.close()  # closing the file lets go of its lock

    def close(self) -> None:
        os.close(self.fd)


def lock_file() -> Path:
    """The file whose flock is the data set's lock on SQLite."""
    name = str(connection.settings_dict["NAME"])
    if ":memory:" in name or "mode=memory" in name:
        digest = hashlib.sha256(name.encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"overgang-{os.getpid()}-{digest}.lock"
    return Path(f"{name}.lock")


def database_busy(error: BaseException) -> bool:
    """Whether SQLite gave up waiting for another writer ("database is locked")."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def busy_database_message() -> str:
    return _(
        "The database is busy with another change (such as a large import) and did not"
        " answer in time. Nothing was stored: try again when that change has finished."
    )


@contextmanager
def busy_database_as(error_type: type[Exception]) -> Iterator[None]:
    """Turn SQLite's "database is locked" into `error_type` with a message saying what to do."""
    try:
        yield
    except OperationalError as failure:
        if not database_busy(failure):
            raise
        raise error_type(busy_database_message()) from failure
