"""Changes of contact person after the effective date: imported all or nothing, recorded on the
case page, and compared with the plan's promise of continuity."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from django.utils import translation

from overgang.web.audit.actors import SystemActor
from overgang.web.casefiles.contact_changes import (
    ContactChangeError,
    continuity,
    import_contact_changes,
    record_contact_change,
)
from overgang.web.casefiles.models import ChangeSource, ContactChange
from overgang.web.dataset.models import Case
from tests.web.usecases.trail import mark
from tests.web.users import AFTER, set_today
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


BY = SystemActor("vallensbaek-it")


def _csv(tmp_path, *lines: str):
    path = tmp_path / "skift.csv"
    path.write_text("\n".join(["sag_id;dato;fra;til", *lines]) + "\n", encoding="utf-8")
    return path


def test_an_import_with_a_bad_row_names_it_and_stores_nothing(world, tmp_path):
    set_today(AFTER)
    path = _csv(
        tmp_path,
        "V-CASE;2022-02-01;V-EMP;NY-1",
        "UKENDT;2022-02-01;V-EMP;NY-1",  # line 3: no such case
        "MOVE;2021-12-01;X-EMP;NY-2",  # line 4: before the effective date
        "I-CASE;2022-02-01;I-EMP;NY-3",  # line 5: Ishøj's case
        "V-CASE;02-13-2022;V-EMP;NY-4",  # line 6: not a date
    )
    since = mark()
    with pytest.raises(ContactChangeError) as refused:
        import_contact_changes(path, municipality_code=VALLENSBAEK, by=BY)
    places = [(i.sheet, i.row, i.column) for i in refused.value.issues]
    assert places == [
        ("skift.csv", 3, "sag_id"),
        ("skift.csv", 4, "dato"),
        ("skift.csv", 5, "sag_id"),
        ("skift.csv", 6, "dato"),
    ]
    with translation.override("en"):
        assert "skift.csv, row 3, column sag_id: 'UKENDT'" in refused.value.issues[0].format()
    assert ContactChange.objects.count() == 0 and since.entries() == []


def test_a_missing_column_is_named(world, tmp_path):
    set_today(AFTER)
    path = tmp_path / "skift.csv"
    path.write_text("sag_id;dato;til\nV-CASE;2022-02-01;NY-1\n", encoding="utf-8")
    with pytest.raises(ContactChangeError) as refused:
        import_contact_changes(path, municipality_code=VALLENSBAEK, by=BY)
    assert [(i.row, i.column) for i in refused.value.issues] == [(1, "fra")]


def test_a_good_file_is_stored_whole_and_audited_naming_the_child(world, tmp_path):
    set_today(AFTER)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Sag_ID", "Dato", "Fra", "Til"])
    sheet.append(["V-CASE", date(2022, 2, 1), "V-EMP", "NY-1"])
    sheet.append(["MOVE", "03-02-2022", "V-EMP", "NY-2"])
    path = tmp_path / "skift.xlsx"
    book.save(path)
    since = mark()
    stored = import_contact_changes(path, municipality_code=VALLENSBAEK, by=BY)
    assert sorted((c.case_id, c.changed_on, c.source) for c in stored) == [
        ("MOVE", date(2022, 2, 3), ChangeSource.IMPORT),
        ("V-CASE", date(2022, 2, 1), ChangeSource.IMPORT),
    ]
    (entry,) = since.entries()
    assert (entry.username, entry.action, entry.municipality) == (
        "cli:vallensbaek-it",
        "create",
        187,
    )
    assert sorted(entry.detail["citizens"]) == ["V-CIT", "V-CIT2"]
    with pytest.raises(ContactChangeError, match="recorded already"):
        import_contact_changes(path, municipality_code=VALLENSBAEK, by=BY)


def test_a_change_on_the_case_page_is_refused_before_the_effective_date(world, users):
    case = Case.objects.get(ext_id="V-CASE")
    with pytest.raises(ContactChangeError, match="before the effective date"):
        record_contact_change(
            case=case,
            changed_on=date(2021, 9, 1),
            to_person="NY-1",
            by=users["kommuneleder-vallensbaek"],
        )
    set_today(AFTER)
    change = record_contact_change(
        case=case,
        changed_on=date(2022, 1, 20),
        from_person="V-EMP",
        to_person="NY-1",
        by=users["sagsbehandler-vallensbaek"],
    )
    assert (change.municipality_code, change.source) == (VALLENSBAEK, ChangeSource.PAGE)


def test_the_continuity_comparison_on_the_small_plan(world, users):
    # The plan lets I-CASE (Ishøj) and V-CASE (Vallensbæk) keep their contact person; MOVE
    # changes, so it is not promised. After the effective date V-CASE and MOVE change.
    set_today(AFTER)
    for case_id in ("V-CASE", "MOVE"):
        record_contact_change(
            case=Case.objects.get(ext_id=case_id),
            changed_on=date(2022, 1, 20),
            to_person="NY-1",
            by=users["kommuneleder-vallensbaek"],
        )
    everyone = continuity()
    assert [(r.profession, r.promised, r.kept, r.changed) for r in everyone.rows] == [
        ("PSY", 2, 1, 1)
    ]
    assert everyone.changes_recorded == 2
    ishoej = continuity(municipality_code=ISHOEJ)
    assert [(r.promised, r.kept) for r in ishoej.rows] == [(1, 1)]
    vallensbaek = continuity(municipality_code=VALLENSBAEK)
    assert [(r.promised, r.kept) for r in vallensbaek.rows] == [(1, 0)]
