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


@pytest.fixture(autouse=True)
def danish() -> None:
    """Every test starts in the product's default language."""
    translation.activate("da")
