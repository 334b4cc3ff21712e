"""Acceptable municipalities and earlier changes are stored, merged, loaded and summarised."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.test import Client

from overgang.io.write import canonical, write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.dataset.services import import_workbook, record_interview
from overgang.web.dataset.store import load_dataset, merge_dataset
from tests.io.factories import small_dataset, with_wishes_and_history
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db
HR = SystemActor("hr")
ISHOJ, VALLENSBAEK = 183, 187


def _store(dataset, name="a.xlsx"):
    return merge_dataset(dataset, file_name=name, file_hash="0" * 64, imported_by="test")


def test_acceptable_municipalities_and_earlier_changes_load_back_equal():
    dataset = with_wishes_and_history()
    _store(dataset)
    assert load_dataset() == canonical(dataset)
    assert m.Case.objects.get(ext_id="S1").earlier_changes == 2
    assert sorted(
        i.acceptable_municipalities
        for i in m.Interview.objects.all()
        if i.acceptable_municipalities
    ) == [[ISHOJ, VALLENSBAEK], [VALLENSBAEK]]


def test_an_import_changes_earlier_changes_in_place_and_says_so(tmp_path):
    first = tmp_path / "a.xlsx"
    write_workbook(with_wishes_and_history(), first)
    import_workbook(first, by=HR)
    later = with_wishes_and_history()
    later = replace(
        later,
        cases=tuple(replace(c, earlier_changes=3) if c.id == "S1" else c for c in later.cases),
    )
    second = tmp_path / "b.xlsx"
    write_workbook(later, second)
    pk = m.Case.objects.get(ext_id="S1").pk

    outcome = import_workbook(second, by=HR)

    assert outcome.preview is not None
    sager = next(s for s in outcome.preview.sheets if s.sheet == "sager")
    assert sager.changed == ("S1",)
    assert [(f.row_id, f.field, f.before, f.after) for f in sager.sample] == [
        ("S1", "tidligere_skift", "2", "3")
    ]
    assert outcome.batch is not None
    assert outcome.batch.summary["sheets"]["sager"]["changed"] == 1
    case = m.Case.objects.get(ext_id="S1")
    assert (case.pk, case.earlier_changes) == (pk, 3)


def test_a_new_acceptable_municipality_is_a_changed_interview_in_the_summary(tmp_path):
    first = tmp_path / "a.xlsx"
    write_workbook(with_wishes_and_history(), first)
    import_workbook(first, by=HR)
    later = with_wishes_and_history()
    interviews = tuple(
        replace(i, acceptable_municipalities=()) if i.employee_id == "M002" else i
        for i in later.interviews
    )
    second = tmp_path / "b.xlsx"
    write_workbook(replace(later, interviews=interviews), second)

    outcome = import_workbook(second, by=HR)

    assert outcome.preview is not None
    samtaler = next(s for s in outcome.preview.sheets if s.sheet == "samtaler")
    assert [(f.field, f.before, f.after) for f in samtaler.sample] == [
        ("kan_accepteres", f"{ISHOJ};{VALLENSBAEK}", "-")
    ]
    [stored] = m.Interview.objects.filter(employee__ext_id="M002")
    assert stored.acceptable_municipalities == []


def test_an_old_workbook_without_the_columns_imports_and_clears_them(tmp_path):
    """The file is the truth for the sheets it brings: a column left out means its default."""
    _store(with_wishes_and_history())
    old = tmp_path / "old.xlsx"
    write_workbook(small_dataset(), old)
    outcome = import_workbook(old, by=HR)
    assert outcome.batch is not None, [i.format() for i in outcome.issues]
    assert m.Case.objects.get(ext_id="S1").earlier_changes == 0
    assert all(not i.acceptable_municipalities for i in m.Interview.objects.all())


def test_an_interview_recorded_with_acceptable_municipalities_survives_a_reimport_of_its_export(
    tmp_path,
):
    first = tmp_path / "a.xlsx"
    write_workbook(small_dataset(), first)
    import_workbook(first, by=HR)
    employee = m.Employee.objects.get(ext_id="M002")
    recorded = record_interview(
        employee=employee,
        held_on=date(2021, 11, 30),
        wish=ISHOJ,
        note="i appen",
        acceptable=[VALLENSBAEK, ISHOJ],  # the wish itself is left out
        by=HR,
    )
    assert recorded.acceptable_municipalities == [VALLENSBAEK]
    exported = tmp_path / "export.xlsx"
    write_workbook(load_dataset(), exported)

    assert import_workbook(exported, by=HR).batch is not None

    again = m.Interview.objects.filter(employee=employee, held_on=date(2021, 11, 30))
    assert [(i.pk, i.acceptable_municipalities) for i in again] == [(recorded.pk, [VALLENSBAEK])]
    latest = [i for i in load_dataset().interviews if i.employee_id == "M002"][-1]
    assert latest.acceptable_municipalities == (VALLENSBAEK,)


def test_recording_an_unknown_acceptable_municipality_is_refused_and_nothing_stored():
    _store(small_dataset())
    employee = m.Employee.objects.get(ext_id="M002")
    before = m.Interview.objects.count()
    with pytest.raises(ValueError, match="999"):
        record_interview(
            employee=employee, held_on=date(2021, 6, 1), wish=None, acceptable=[999], by=HR
        )
    assert m.Interview.objects.count() == before


def test_the_case_page_shows_the_earlier_changes_of_contact_person(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    build_world()
    make_users()
    set_today(BEFORE)
    m.Case.objects.filter(ext_id="I-CASE").update(earlier_changes=3)
    page = Client()
    assert page.login(username="kommuneleder-ishoej", password=PASSWORD)
    html = page.get("/sager/I-CASE/").content.decode()
    row = next(r for r in html.split("<tr>") if "Tidligere skift af kontaktperson" in r)
    assert "<td>3</td>" in row
