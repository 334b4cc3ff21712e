"""Hostile and broken files change nothing stored: through the import use case, the command
line and the import page, on SQLite and PostgreSQL alike (issue 16, point 1).

Which files, and what their refusal says: tests/io/hostile_corpus.py.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.io.write import canonical, write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.services import import_workbook
from overgang.web.dataset.store import load_dataset
from overgang.web.pages import uploads
from tests.io.factories import CPR_KEY, small_dataset
from tests.io.hostile_corpus import ACCEPTED, CELL_ERRORS, REFUSED, build_corpus
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today

pytestmark = pytest.mark.django_db
HR = SystemActor("hr")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def stored(settings: Any, tmp_path: Path) -> None:
    """A data set stored before the hostile file comes, so that 'unchanged' means something."""
    settings.CPR_HASH_KEY = CPR_KEY.decode()  # the key the corpus was made with
    good = tmp_path / "good.xlsx"
    write_workbook(small_dataset(), good)
    assert import_workbook(good, by=HR).batch is not None


def every_table() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the project, by model."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


HOSTILE = sorted([*REFUSED, *CELL_ERRORS])


@pytest.mark.parametrize("name", HOSTILE)
def test_the_import_use_case_refuses_a_hostile_file_and_changes_no_table(
    corpus: dict[str, Path], stored: None, name: str
) -> None:
    before = every_table()

    outcome = import_workbook(corpus[name], by=HR)

    assert (outcome.batch, outcome.preview) == (None, None)
    errors = [issue for issue in outcome.issues if issue.is_error]
    if name in REFUSED:
        [issue] = errors
        assert REFUSED[name].danish in issue.format()
    else:
        assert sorted((i.sheet, i.row, i.column) for i in errors) == sorted(CELL_ERRORS[name])
    assert every_table() == before


@pytest.mark.parametrize("name", HOSTILE)
def test_overgang_import_refuses_a_hostile_file_with_its_message_and_changes_no_table(
    corpus: dict[str, Path], stored: None, name: str
) -> None:
    before = every_table()

    result = CliRunner().invoke(app, ["import", str(corpus[name]), "--by", "hr"])

    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    output = _one_line(result.output)
    assert "Traceback" not in output
    assert "Intet er gemt" in output
    if name in REFUSED:
        assert REFUSED[name].danish in output
    else:
        for sheet, row, column in CELL_ERRORS[name]:
            place = ", ".join(
                [
                    sheet,
                    *([f"række {row}"] if row else []),
                    *([f"kolonne {column}"] if column else []),
                ]
            )
            assert place in output
    assert every_table() == before


def test_a_control_character_is_refused_naming_the_cell_on_either_database(
    corpus: dict[str, Path], stored: None
) -> None:
    # PostgreSQL refuses a NUL in text and SQLite stores it: refused alike, before storing.
    outcome = import_workbook(corpus["control-characters-csv"], by=HR)
    messages = [issue.format() for issue in outcome.issues if issue.is_error]
    assert messages[0].startswith(
        "medarbejdere, række 2, kolonne medarbejder_id: 'M0[U+0000]01' — forventet tekst uden "
        "kontroltegn"
    )
    assert "U+001B" in messages[1]


@pytest.mark.parametrize("name", ACCEPTED)
def test_excel_unicode_text_in_a_folder_imports_on_either_database(
    corpus: dict[str, Path], settings: Any, name: str
) -> None:
    settings.CPR_HASH_KEY = CPR_KEY.decode()
    result = CliRunner().invoke(app, ["import", str(corpus[name]), "--by", "hr"])
    assert result.exit_code == 0, result.output
    assert load_dataset() == canonical(small_dataset())


def test_the_import_page_shows_why_a_hostile_upload_is_refused_and_stores_nothing(
    corpus: dict[str, Path], stored: None, settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.setenv(uploads.UPLOAD_DIR_ENV, str(tmp_path / "uploads"))
    make_users()
    set_today(BEFORE)
    client = Client()
    assert client.login(username="projektleder", password=PASSWORD)
    before = {
        label: rows
        for label, rows in every_table().items()
        if label.split(".")[0] in ("dataset", "planning")
    }

    upload = SimpleUploadedFile("hr.xlsx", corpus["billion-laughs.xlsx"].read_bytes())
    response = client.post("/import/", {"workbook": upload})

    assert response.status_code == 200
    text = _one_line(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    assert "Projektmappen blev afvist" in text
    assert REFUSED["billion-laughs.xlsx"].danish in text
    assert "Bekræft import" not in text
    after = every_table()
    assert {label: after[label] for label in before} == before
    assert not [path for path in (tmp_path / "uploads").rglob("*") if path.is_file()]
