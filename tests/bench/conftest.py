"""A MILP process shared by the tests of the module that asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

from tests.bench.milp_process import milp_process


@pytest.fixture(scope="module")
def milp_pool() -> Iterator[ProcessPoolExecutor]:
    with milp_process() as pool:
        yield pool
