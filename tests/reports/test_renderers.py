"""The renderers work on hand-made records, with no database (these tests may not touch one)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import docx
import openpyxl

from overgang.core.planning.explain import CaseReason
from overgang.core.planning.plan import Reason
from overgang.reports.consultation import Answer, Compilation, consultation_document
from overgang.reports.lists import handover_list_file
from overgang.reports.sources import Handover, HandoverSources


def _handover(case_id: str, former: str, new: str, **changes: object) -> Handover:
    handover = Handover(
        case_id=case_id,
        citizen_id=f"b-{case_id}",
        family_id=f"f-{case_id}",
        service="Forebyggende foranstaltning",
        profession="SOC",
        acting=101,
        paying=102,
        vulnerability=2,
        former=former,
        new=new,
        meeting=None,
        done=False,
        reason=Reason(CaseReason.FORMER_LEAVES),
    )
    return replace(handover, **changes)


def _sources(*handovers: Handover) -> HandoverSources:
    return HandoverSources(
        municipalities={101: "Vært", 102: "Kommune B"},
        professions={"SOC": "Socialrådgiver"},
        host=101,
        effective_date=date(2022, 1, 1),
        handovers=handovers,
        names={"A": "Anna", "B": "Bo"},
    )


def _rows(workbook: bytes, sheet: str) -> list[list[object]]:
    book = openpyxl.load_workbook(BytesIO(workbook))
    return [list(r) for r in book[sheet].iter_rows(min_row=2, values_only=True)]


def test_a_caseworkers_handover_list_is_rendered_from_records_alone():
    sources = _sources(
        _handover("c1", "A", "B", meeting=date(2021, 11, 3), done=True),
        _handover("c2", "B", "A"),
    )
    workbook = handover_list_file(sources, "A", "en")
    assert workbook is not None
    handed = _rows(workbook, "Cases handed over")
    received = _rows(workbook, "Cases received")
    assert [(r[0], r[4], r[5], r[8], r[9], r[12]) for r in handed] == [
        ("c1", "Socialrådgiver", "Vært", "B", "Bo", "yes")
    ]
    assert [(r[0], r[8], r[9], r[12]) for r in received] == [("c2", "B", "Bo", "no")]
    # The deadline is the last day before the effective date.
    assert handed[0][10].date() == date(2021, 12, 31)


def test_a_caseworker_without_handovers_has_no_list():
    assert handover_list_file(_sources(_handover("c1", "A", "B")), "C", "en") is None


def test_the_consultation_compilation_is_rendered_from_a_record_alone():
    compilation = Compilation(
        title="Ny organisering",
        description=("Høringen om den nye organisering.",),
        deadline=date(2021, 10, 1),
        asked=2,
        answers=(
            Answer("MED Vest", "MED-udvalg", "", date(2021, 9, 20), ("Vi støtter forslaget.",)),
        ),
        silent=("Byrådet",),
        summary=(),
        open=False,
    )
    document = docx.Document(BytesIO(consultation_document(compilation, "docx", "da")))
    text = [p.text for p in document.paragraphs]
    assert "Vi støtter forslaget." in text and "Byrådet" in text
    html = consultation_document(compilation, "html", "en").decode("utf-8")
    assert "1 of the 2 bodies consulted have answered" in html
