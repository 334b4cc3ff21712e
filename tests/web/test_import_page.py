"""The import page (issue 15, point 1): the transition lead uploads a workbook, sees what
importing it changes, and only a confirmation of exactly that file stores it."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset import models as m
from overgang.web.dataset.services import import_workbook, record_interview
from overgang.web.pages import uploads
from tests.web.users import AFTER, BEFORE, FAST_HASHERS, PASSWORD, ROLES, make_users, set_today

pytestmark = pytest.mark.django_db
HR = SystemActor("hr")
RENAMED = "Omdøbt Medarbejder"


def _later(dataset, gone: str, renamed: str):
    """HR's next list: one employee has left (with their cases' contact person), one is renamed."""
    return dataclasses.replace(
        dataset,
        employees=tuple(
            dataclasses.replace(e, name=RENAMED) if e.id == renamed else e
            for e in dataset.employees
            if e.id != gone
        ),
        interviews=tuple(i for i in dataset.interviews if i.employee_id != gone),
        cases=tuple(
            dataclasses.replace(c, contact_person=None) if c.contact_person == gone else c
            for c in dataset.cases
        ),
    )


@dataclasses.dataclass
class Setting:
    gone: str  # the employee the later workbook no longer lists
    renamed: str  # the employee it renames
    later: Path  # that workbook
    uploads: Path  # where the page keeps uploads


@pytest.fixture
def setting(small_dataset, tmp_path, settings, monkeypatch) -> Setting:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.setenv(uploads.UPLOAD_DIR_ENV, str(tmp_path / "uploads"))
    first = tmp_path / "hr.xlsx"
    write_workbook(small_dataset, first)
    assert import_workbook(first, by=HR).batch is not None
    gone, renamed = sorted(e.id for e in small_dataset.employees)[:2]
    # Recorded in the app: the preview must name it once its employee is gone.
    record_interview(
        employee=m.Employee.objects.get(ext_id=gone),
        held_on=date(2021, 9, 1),
        wish=None,
        note="i appen",
        by=HR,
    )
    later = tmp_path / "hr-later.xlsx"
    write_workbook(_later(small_dataset, gone, renamed), later)
    make_users()
    set_today(BEFORE)
    return Setting(gone, renamed, later, tmp_path / "uploads")


def _client(username: str = "projektleder") -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _upload(client: Client, path: Path, name: str | None = None):
    upload = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post("/import/", {"workbook": upload})


def _text(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def _stored() -> dict[str, int]:
    """How many rows each table of the data set and of the plans holds."""
    return {
        model._meta.label: model._base_manager.count()
        for app in ("dataset", "planning")
        for model in apps.get_app_config(app).get_models()
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kept_files(setting: Setting) -> list[Path]:
    return [p for p in setting.uploads.rglob("*") if p.is_file()]


# --- who may use it --------------------------------------------------------------------


@pytest.mark.parametrize("username", sorted(set(ROLES) - {"projektleder"}))
def test_only_the_transition_lead_may_open_check_or_confirm_an_import(setting, username):
    client = _client(username)
    assert client.get("/import/").status_code == 403
    assert _upload(client, setting.later).status_code == 403
    assert client.post("/import/bekraeft/", {"sha256": "0" * 64}).status_code == 403
    assert "/import/" not in client.get("/").content.decode()
    assert _kept_files(setting) == []


def test_an_anonymous_visitor_is_sent_to_log_in(setting):
    response = Client().get("/import/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_transition_lead_finds_the_import_page_in_the_menu(setting):
    page = _client().get("/").content.decode()
    assert 'href="/import/"' in page
    assert ">Import</a>" in page


# --- checking a workbook ----------------------------------------------------------------


def test_uploading_a_changed_workbook_shows_what_changes_and_stores_nothing(setting):
    client = _client()
    before = _stored()
    response = _upload(client, setting.later)

    assert response.status_code == 200
    assert _stored() == before
    text = _text(response)
    assert "Hvad indlæsningen ændrer" in text
    # kommuner, ..., medarbejdere: 0 added, 1 changed (renamed), 1 retired
    assert re.search(r"medarbejdere\s+0\s+1\s+1\b", text), text
    assert re.search(rf"{setting.renamed}\s+navn\s+.+\s+{RENAMED}", text)
    assert f"En samtale registreret i Overgang hører til {setting.gone}" in text
    assert "Bekræft import" in text
    assert _sha256(setting.later) in text
    assert [p.read_bytes() for p in _kept_files(setting)] == [setting.later.read_bytes()]
    preview = AuditEntry.objects.get(object_type="dataset.importpreview")
    assert (preview.username, preview.action) == ("projektleder", "view")
    assert setting.renamed in preview.detail["ids"]


def test_the_import_page_shows_its_words_in_english_too(setting):
    client = _client()
    client.cookies["django_language"] = "en"
    text = _text(_upload(client, setting.later))
    assert "What importing hr-later.xlsx changes" in text
    assert "Confirm import" in text
    assert "Import history" in text


def test_after_the_effective_date_the_check_shows_counts_but_no_rows(setting):
    set_today(AFTER)
    text = _text(_upload(_client(), setting.later))
    assert re.search(r"medarbejdere\s+0\s+1\s+1\b", text)
    assert RENAMED not in text and setting.gone not in text
    assert "Bekræft import" in text


def test_a_workbook_with_an_error_is_refused_naming_sheet_row_and_column(setting, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(setting.later)
    sheet = book["medarbejdere"]
    column = [cell.value for cell in sheet[1]].index("timer") + 1
    sheet.cell(row=2, column=column, value="mange")
    bad = tmp_path / "fejl.xlsx"
    book.save(bad)
    client = _client()
    before = _stored()

    response = _upload(client, bad)

    assert response.status_code == 200
    assert _stored() == before
    text = _text(response)
    assert "Projektmappen blev afvist" in text
    assert re.search(r"medarbejdere\s+2\s+timer\s+mange\s+\S", text), text
    assert "Bekræft import" not in text
    assert _kept_files(setting) == []
    assert uploads.SESSION_KEY not in client.session


def test_a_file_that_is_not_an_xlsx_workbook_is_refused_by_the_form(setting):
    client = _client()
    response = client.post(
        "/import/", {"workbook": SimpleUploadedFile("medarbejdere.csv", b"a;b\n1;2\n")}
    )
    assert "Vælg en fil gemt som .xlsx" in _text(response)
    assert _kept_files(setting) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(setting, monkeypatch):
    monkeypatch.setattr("overgang.io.limits.MAX_FILE_BYTES", 1024)
    response = _upload(_client(), setting.later)
    assert "der modtages højst 0.0 MB" in _text(response)  # the words of io/limits.py
    assert _kept_files(setting) == []


# --- confirming ------------------------------------------------------------------------


def test_confirming_stores_exactly_the_checked_file_and_records_it_in_the_history(setting):
    client = _client()
    _upload(client, setting.later)
    batches = m.ImportBatch.objects.count()

    response = client.post("/import/bekraeft/", {"sha256": _sha256(setting.later)})

    assert response.status_code == 302 and response["Location"] == "/import/"
    assert m.ImportBatch.objects.count() == batches + 1
    batch = m.ImportBatch.objects.get(is_current=True)
    assert (batch.file_name, batch.file_hash, batch.imported_by) == (
        "hr-later.xlsx",
        _sha256(setting.later),
        "projektleder",
    )
    assert batch.summary["sheets"]["medarbejdere"] == {"added": 0, "changed": 1, "retired": 1}
    assert m.Employee.objects.get(ext_id=setting.gone).retired_at is not None
    assert m.Employee.objects.get(ext_id=setting.renamed).name == RENAMED
    assert AuditEntry.objects.filter(
        username="projektleder", action="create", object_type="dataset.importbatch"
    ).exists()
    assert _kept_files(setting) == []
    assert uploads.SESSION_KEY not in client.session
    page = _text(client.get("/import/"))
    assert "hr-later.xlsx er importeret" in page
    sheets = batch.summary["sheets"].values()
    counts = [sum(s[kind] for s in sheets) for kind in ("added", "changed", "retired")]
    counts.append(len(batch.summary["touched"]))  # what needs attention
    row = r"\s+".join(["hr-later.xlsx", _sha256(setting.later), *map(str, counts)])
    assert re.search(row, page), page


def test_a_confirmation_naming_another_file_is_refused_and_stores_nothing(setting):
    client = _client()
    _upload(client, setting.later)
    before = _stored()
    response = client.post("/import/bekraeft/", {"sha256": "f" * 64}, follow=True)
    assert _stored() == before
    assert "ikke den, der sidst blev kontrolleret" in _text(response)
    assert len(_kept_files(setting)) == 1  # the checked file may still be confirmed


@pytest.mark.parametrize("tamper", ["deleted", "changed"])
def test_a_confirmation_whose_kept_file_is_gone_or_changed_is_refused(setting, tamper):
    client = _client()
    _upload(client, setting.later)
    (kept,) = _kept_files(setting)
    if tamper == "deleted":
        kept.unlink()
    else:
        kept.write_bytes(kept.read_bytes() + b"\0")
    before = _stored()

    response = client.post("/import/bekraeft/", {"sha256": _sha256(setting.later)}, follow=True)

    assert _stored() == before
    assert "Den kontrollerede fil er væk eller ændret" in _text(response)
    assert uploads.SESSION_KEY not in client.session
    assert _kept_files(setting) == []


def test_a_confirmation_without_a_checked_file_is_refused(setting):
    before = _stored()
    response = _client().post("/import/bekraeft/", {"sha256": _sha256(setting.later)}, follow=True)
    assert _stored() == before
    assert "Der er ingen kontrolleret fil at importere" in _text(response)


def test_a_confirmation_is_a_post(setting):
    assert _client().get("/import/bekraeft/").status_code == 405


def test_discarding_deletes_the_checked_file_and_stores_nothing(setting):
    client = _client()
    _upload(client, setting.later)
    before = _stored()
    response = client.post("/import/bekraeft/", {"sha256": "", "discard": "1"}, follow=True)
    assert _stored() == before
    assert "Filen er kasseret" in _text(response)
    assert _kept_files(setting) == []


def test_an_import_made_after_the_check_makes_the_page_show_the_changes_again(
    setting, small_dataset, tmp_path
):
    client = _client()
    _upload(client, setting.later)
    meanwhile = tmp_path / "meanwhile.xlsx"
    write_workbook(_later(small_dataset, setting.gone, setting.gone), meanwhile)
    import_workbook(meanwhile, by=HR)
    before = _stored()

    response = client.post("/import/bekraeft/", {"sha256": _sha256(setting.later)})

    assert response.status_code == 200
    assert _stored() == before
    text = _text(response)
    assert "En anden projektmappe er importeret" in text
    assert re.search(r"medarbejdere\s+0\s+1\s+0\b", text), text  # only the renaming is left
    confirmed = client.post("/import/bekraeft/", {"sha256": _sha256(setting.later)})
    assert confirmed.status_code == 302
    assert m.ImportBatch.objects.get(is_current=True).file_name == "hr-later.xlsx"


def test_two_lead_sessions_keep_their_uploads_apart(setting, small_dataset, tmp_path):
    first, second = _client(), _client()
    _upload(first, setting.later)
    other = tmp_path / "andet.xlsx"
    write_workbook(small_dataset, other)
    _upload(second, other)
    response = first.post("/import/bekraeft/", {"sha256": _sha256(setting.later)})
    assert response.status_code == 302
    assert m.ImportBatch.objects.get(is_current=True).file_hash == _sha256(setting.later)
