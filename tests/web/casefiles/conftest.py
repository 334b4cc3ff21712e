"""The use-case world (tests/web/usecases/conftest.py) with the families of `world.py`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.casefiles.world import add_families
from tests.web.usecases.conftest import users, world  # noqa: F401  (fixtures)


@pytest.fixture
def plan(world: Any) -> Any:  # noqa: F811
    return add_families(world)
