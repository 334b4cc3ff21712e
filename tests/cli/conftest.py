"""What the command tests share."""

from __future__ import annotations

import pytest

from overgang.cli.console import console


@pytest.fixture
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """A console wide enough that no table row wraps.

    Rich fixes a console's width when it is made if COLUMNS is set then (pytest-xdist's
    workers set it to 80), so the width is set on the console itself, not in the
    environment of one command. The width alone, so that what the console had before
    (none fixed, as a rule) comes back after the test.
    """
    monkeypatch.setattr(console, "_width", 200)
