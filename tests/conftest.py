"""Shared fixtures: the demo data set is generated once per session (it is pure and seeded)."""

from __future__ import annotations

import pytest
from django.utils import translation

from overgang.core.domain import Dataset


@pytest.fixture(scope="session")
def demo_dataset() -> Dataset:
    from overgang.demo import generate

    return generate()


@pytest.fixture(scope="session")
def small_dataset() -> Dataset:
    """A tenth of the demo data set: the same shape, quick to import."""
    from overgang.demo import generate

    return generate(scale=0.1)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):  # type: ignore[no-untyped-def]
    """On SQLite the test database is a file, as it is in use (not Django's in-memory default),
    so that WAL, the busy timeout and the write lock behave in the tests as they do for users."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def danish() -> None:
    """Every test starts in the product's default language."""
    translation.activate("da")


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Every test starts with Django's cache empty: it lives as long as the process, and
    what one test's pages kept there (the overview's counts, a plan's figures, the API's
    throttle counts) must not answer for another test's data."""
    from django.core.cache import cache

    cache.clear()
