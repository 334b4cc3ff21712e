"""The world of tests/web/world.py with its users, at a day before the effective date."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import World, build_world


@pytest.fixture
def world(settings: Any) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the API's token exchange is throttled in the cache, across tests
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


@pytest.fixture
def users(world: World) -> dict[str, Any]:
    """The users of tests/web/users.py by username."""
    return {user.username: user for user in get_user_model().objects.all()}
