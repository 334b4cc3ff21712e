"""Importing again never loses what was recorded in Overgang (issue 15, point 1)."""

from __future__ import annotations

import dataclasses
import html
from datetime import date

import pytest

from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.dataset.services import import_workbook, record_interview
from overgang.web.dataset.store import load_dataset

pytestmark = pytest.mark.django_db
HR = SystemActor("hr")


def _without_employee(dataset, employee_id):
    """HR's next list: the employee is gone, and so are their cases' contact person."""
    return dataclasses.replace(
        dataset,
        employees=tuple(e for e in dataset.employees if e.id != employee_id),
        interviews=tuple(i for i in dataset.interviews if i.employee_id != employee_id),
        cases=tuple(
            dataclasses.replace(c, contact_person=None) if c.contact_person == employee_id else c
            for c in dataset.cases
        ),
    )


@pytest.fixture
def imported(small_dataset, tmp_path):
    path = tmp_path / "hr.xlsx"
    write_workbook(small_dataset, path)
    assert import_workbook(path, by=HR).batch is not None
    employee = m.Employee.objects.order_by("ext_id").first()
    interview = record_interview(
        employee=employee, held_on=date(2021, 11, 30), wish=None, note="i appen", by=HR
    )
    return path, employee, interview


def test_an_interview_recorded_in_the_app_survives_importing_the_same_workbook(imported):
    path, employee, interview = imported
    assert import_workbook(path, by=HR).batch is not None
    assert m.Interview.objects.filter(pk=interview.pk, note="i appen").exists()
    wishes = [i for i in load_dataset().interviews if i.employee_id == employee.ext_id]
    assert wishes[-1].note == "i appen"  # the latest interview counts, as recorded


def test_an_employee_gone_from_the_list_is_retired_and_their_interview_kept(
    imported, small_dataset, tmp_path
):
    _path, employee, interview = imported
    later = tmp_path / "hr-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), later)
    assert import_workbook(later, by=HR).batch is not None
    employee.refresh_from_db()
    assert employee.retired_at is not None
    assert m.Interview.objects.filter(pk=interview.pk).exists()
    assert employee.ext_id not in {e.id for e in load_dataset().employees}


def test_an_employee_who_comes_back_is_no_longer_retired(imported, small_dataset, tmp_path):
    path, employee, _interview = imported
    later = tmp_path / "hr-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), later)
    import_workbook(later, by=HR)
    import_workbook(path, by=HR)
    employee.refresh_from_db()
    assert employee.retired_at is None
    assert employee.ext_id in {e.id for e in load_dataset().employees}


def test_an_exported_workbook_imported_again_holds_each_recorded_interview_once(imported, tmp_path):
    _path, employee, _interview = imported
    exported = tmp_path / "export.xlsx"
    write_workbook(load_dataset(), exported)
    before = m.Interview.objects.filter(employee=employee).count()
    import_workbook(exported, by=HR)
    assert m.Interview.objects.filter(employee=employee).count() == before


def _every_table():
    from django.apps import apps

    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def test_a_dry_run_shows_what_changes_and_stores_nothing(imported, small_dataset, tmp_path):
    from typer.testing import CliRunner

    from overgang.cli.main import app

    _path, employee, _interview = imported
    later = tmp_path / "hr-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), later)
    before = _every_table()

    result = CliRunner().invoke(app, ["import", str(later), "--dry-run"], catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert _every_table() == before
    assert "Tørkørsel: intet er gemt." in result.output
    assert employee.ext_id in result.output  # the interview recorded for them is named
    preview = import_workbook(later, by=HR, dry_run=True).preview
    sheet = {s.sheet: s for s in preview.sheets}["medarbejdere"]
    assert (sheet.added, sheet.retired) == ((), (employee.ext_id,))


def test_the_import_history_keeps_what_each_import_changed(imported, small_dataset, tmp_path):
    _path, employee, _interview = imported
    later = tmp_path / "hr-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), later)
    batch = import_workbook(later, by=HR).batch
    assert batch.summary["sheets"]["medarbejdere"] == {"added": 0, "changed": 0, "retired": 1}
    assert any(employee.ext_id in sentence for sentence in batch.summary["touched"])


def _only(path, sheets, target):
    from openpyxl import load_workbook

    book = load_workbook(path)
    for name in list(book.sheetnames):
        if name not in sheets:
            del book[name]
    book.save(target)
    return target


def test_hr_may_send_only_the_staff_sheet_and_the_rest_stays_as_stored(
    imported, small_dataset, tmp_path
):
    _path, employee, interview = imported
    full = tmp_path / "full-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), full)
    staff_only = _only(full, {"medarbejdere"}, tmp_path / "medarbejdere.xlsx")
    cases_before = {c.id for c in load_dataset().cases}

    outcome = import_workbook(staff_only, by=HR)

    assert outcome.batch is not None, [i.format() for i in outcome.issues]
    employee.refresh_from_db()
    assert employee.retired_at is not None
    assert m.Interview.objects.filter(pk=interview.pk).exists()
    after = load_dataset()
    assert {c.id for c in after.cases} == cases_before
    assert all(c.contact_person != employee.ext_id for c in after.cases)
    sheets = {s.sheet: s for s in outcome.preview.sheets}
    assert sheets["medarbejdere"].retired == (employee.ext_id,)
    assert sheets["kommuner"].unchanged and sheets["borgere"].unchanged


def test_the_case_system_may_send_only_citizens_and_cases(imported, small_dataset, tmp_path):
    gone = small_dataset.cases[0]
    fewer = dataclasses.replace(
        small_dataset, cases=tuple(c for c in small_dataset.cases if c.id != gone.id)
    )
    full = tmp_path / "cases-later.xlsx"
    write_workbook(fewer, full)
    cases_only = _only(full, {"borgere", "sager"}, tmp_path / "sager.xlsx")
    staff_before = load_dataset().employees

    outcome = import_workbook(cases_only, by=HR)

    assert outcome.batch is not None, [i.format() for i in outcome.issues]
    assert m.Case.objects.get(ext_id=gone.id).retired_at is not None
    assert load_dataset().employees == staff_before


def test_a_workbook_with_only_some_sheets_is_refused_while_nothing_is_stored(
    tmp_path, small_dataset
):
    full = tmp_path / "full.xlsx"
    write_workbook(small_dataset, full)
    outcome = import_workbook(_only(full, {"medarbejdere"}, tmp_path / "m.xlsx"), by=HR)
    assert outcome.batch is None
    assert {i.sheet for i in outcome.issues if i.severity == "error"} >= {"sager", "borgere"}


def test_the_dashboard_flags_a_retired_employee_with_a_recorded_interview(
    imported, small_dataset, tmp_path, settings
):
    from django.test import Client

    from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today

    settings.PASSWORD_HASHERS = FAST_HASHERS
    # HR's import is another's write, counted on the overview within OVERGANG_STATUS_SECONDS:
    # counted on every request here, where the flag is what is tested.
    settings.STATUS_SECONDS = 0
    make_users()
    set_today(BEFORE)
    _path, employee, _interview = imported
    later = tmp_path / "hr-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), later)
    client = Client()
    assert client.login(username="projektleder", password=PASSWORD)
    assert "Kræver opmærksomhed" not in client.get("/").content.decode()

    import_workbook(later, by=HR)

    page = html.unescape(client.get("/").content.decode())
    assert "Kræver opmærksomhed" in page
    assert (
        "Medarbejdere, der ikke længere er på HR's liste, med en samtale registreret i Overgang"
        in page
    )


def test_the_dashboard_flags_a_fixed_decision_whose_employee_is_gone_from_the_list(
    imported, small_dataset, tmp_path, settings
):
    from django.test import Client

    from overgang.web.planning.fixing import fix_employee
    from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today

    settings.PASSWORD_HASHERS = FAST_HASHERS
    # HR's import is another's write, counted on the overview within OVERGANG_STATUS_SECONDS:
    # counted on every request here, where the flag is what is tested.
    settings.STATUS_SECONDS = 0
    make_users()
    set_today(BEFORE)
    _path, employee, _interview = imported
    host = m.Municipality.objects.get(role="vaert").code
    fix_employee(employee_id=employee.ext_id, municipality=host, reason="Aftalt", by=HR)
    client = Client()
    assert client.login(username="projektleder", password=PASSWORD)
    label = "Fastlagte beslutninger om noget, der er væk, eller med en kontaktperson, der stopper"
    assert label not in html.unescape(client.get("/").content.decode())

    later = tmp_path / "hr-later.xlsx"
    write_workbook(_without_employee(small_dataset, employee.ext_id), later)
    import_workbook(later, by=HR)

    assert label in html.unescape(client.get("/").content.decode())
