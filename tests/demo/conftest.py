"""One default demo data set per test session: it is pure, so sharing it is safe."""

from __future__ import annotations

import pytest

from overgang.core.domain import Dataset
from overgang.demo import generate


@pytest.fixture(scope="session")
def demo() -> Dataset:
    return generate()
