"""Workbook tests run in English unless they ask for Danish, which is compiled for them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

import overgang

PO_FILE = Path(overgang.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def compiled_danish(settings: object, tmp_path: Path) -> Iterator[None]:
    """Activate Danish, from the project's .po file compiled afresh into a private folder."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (GNU gettext) is needed to compile the Danish messages"
    target = tmp_path / "locale" / "da" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(
        [msgfmt, "--check-format", "-o", str(target / "django.mo"), str(PO_FILE)], check=True
    )
    settings.LOCALE_PATHS = [tmp_path / "locale"]  # type: ignore[attr-defined]
    with translation.override("da"):
        yield
