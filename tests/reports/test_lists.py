"""Excel lists: handover lists per caseworker and transfer lists per municipality."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from io import BytesIO

import openpyxl
import pytest

from overgang.core.domain import Delivery
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.services import run_plan
from overgang.web.reporting.documents import render_lists
from overgang.web.reporting.documents import render_status as render
from tests.core.factories import worked_example


def _rows(path, sheet: str) -> list[list]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book[sheet].iter_rows(min_row=2, values_only=True)]


def _no_formulas(book) -> None:
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


@pytest.fixture(scope="module")
def lists(demo_run):
    demo_run.run("lists", "--out", "lister")
    return demo_run.folder / "lister"


def test_each_caseworker_gets_the_cases_they_hand_over_and_receive(demo_run, lists, small_dataset):
    new = {c["sag_id"]: c["kontaktperson"] or "" for c in demo_run.plan["cases"]}
    outgoing, incoming = defaultdict(set), defaultdict(set)
    for case in small_dataset.cases:
        if case.id not in new:
            continue
        former = case.contact_person or ""
        if former == new[case.id]:
            continue
        if former:
            outgoing[former].add((case.id, new[case.id] or "ingen"))
        if new[case.id]:
            incoming[new[case.id]].add((case.id, former or "ingen"))
    people = set(outgoing) | set(incoming)
    assert people, "the plan hands cases over"
    files = {p.name for p in (lists / "overdragelse").iterdir()}
    assert files == {f"overdragelse-{p}.xlsx" for p in people} | {"overdragelse-alle.xlsx"}
    for person in people:
        path = lists / "overdragelse" / f"overdragelse-{person}.xlsx"
        handed = _rows(path, "Sager der afgives")
        received = _rows(path, "Sager der modtages")
        assert {(r[0], r[8]) for r in handed} == outgoing[person]
        assert {(r[0], r[8]) for r in received} == incoming[person]
        for row in handed + received:
            assert row[10].date().isoformat() == "2021-12-31"  # the handover deadline
    everything = _rows(lists / "overdragelse" / "overdragelse-alle.xlsx", "Alle overdragelser")
    assert len(everything) == len(
        {c for pairs in outgoing.values() for c, _ in pairs}
        | {c for pairs in incoming.values() for c, _ in pairs}
    )


def test_each_municipality_gets_its_employees_and_cases(demo_run, lists, small_dataset):
    employer = {e["medarbejder_id"]: e["kommune"] for e in demo_run.plan["employees"]}
    for code in (183, 187):
        path = lists / "overflytning" / f"overflytning-{code}.xlsx"
        staff = _rows(path, "Medarbejdere")
        assert {r[0] for r in staff} == {e for e, m in employer.items() if m == code}
        transfers = {r[0] for r in staff if r[9] == "ja"}
        assert transfers == ({e for e, m in employer.items() if m == 187} if code == 187 else set())
        cases = _rows(path, "Sager")
        assert {r[0] for r in cases} == {
            c.id
            for c in small_dataset.cases
            if c.acting_municipality == code
            and (
                c.delivery is Delivery.EXTERNAL
                or c.id in {x["sag_id"] for x in demo_run.plan["cases"]}
            )
        }


def test_no_cell_of_any_list_is_a_formula_and_headers_are_frozen_and_filterable(lists):
    paths = list(lists.rglob("*.xlsx"))
    assert len(paths) > 3
    for path in paths:
        _no_formulas(openpyxl.load_workbook(path))


@pytest.mark.django_db
def test_text_that_looks_like_a_formula_is_written_as_text():
    # The worked example of DESIGN.md: c1 passes from A to B and c3 from B to A.
    example = worked_example()
    evil = '=HYPERLINK("http://example.invalid","klik")'
    employees = tuple(replace(e, name=evil) if e.id == "B" else e for e in example.employees)
    cases = tuple(replace(c, service="+SUM(1;2)") if c.id == "c1" else c for c in example.cases)
    merge_dataset(
        replace(example, employees=employees, cases=cases),
        file_name="example.xlsx",
        file_hash="0" * 64,
        imported_by="test",
    )
    stored = run_plan(by=SystemActor("test")).stored
    files = render_lists(stored)
    book = openpyxl.load_workbook(BytesIO(files["overdragelse/overdragelse-A.xlsx"]))
    _no_formulas(book)
    handed = [list(r) for r in book["Sager der afgives"].iter_rows(min_row=2, values_only=True)]
    received = [list(r) for r in book["Sager der modtages"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[3], r[8], r[9]) for r in handed] == [("c1", "+SUM(1;2)", "B", evil)]
    assert [(r[0], r[8], r[9]) for r in received] == [("c3", "B", evil)]


@pytest.mark.django_db
def test_the_pages_can_serve_the_report_as_a_download():
    merge_dataset(worked_example(), file_name="x.xlsx", file_hash="0" * 64, imported_by="test")
    stored = run_plan(by=SystemActor("test")).stored
    assert render(stored, "pdf", "da").startswith(b"%PDF")
    html = render(stored, "html", "en").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Status of the process" in html
    assert "Medarbejder A" not in html
