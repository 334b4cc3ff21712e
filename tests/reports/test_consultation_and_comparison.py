"""The consultation compilation and the scenario comparison report."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import Scenario
from overgang.web.planning.services import run_plan
from overgang.web.process.models import Body, Consultation, ConsultationResponse
from overgang.web.reporting.documents import render_comparison, render_consultation
from tests.core.factories import worked_example
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def consultation(tmp_path):
    hoved = Body.objects.create(name="HovedMED", kind="med", municipality_code=183)
    kirke = Body.objects.create(name="Medarbejderne på Kirkebækskolen", kind="staff")
    hk = Body.objects.create(name="HK, det administrative område", kind="staff")
    silent = Body.objects.create(name="MED Vallensbæk", kind="med", municipality_code=187)
    c = Consultation.objects.create(
        title="Opløsning af det forpligtende samarbejde",
        description="Høring af MED-udvalg og medarbejdergrupper.",
        deadline=date(2021, 5, 26),
    )
    c.bodies.set([hoved, kirke, hk, silent])
    submitted = datetime(2021, 5, 25, 14, 0, tzinfo=COPENHAGEN)
    ConsultationResponse.objects.create(
        consultation=c,
        body=hoved,
        text="Der bør være opmærksomhed på at bevare de faglige kompetencer.\n\n"
        "Virksomhedsoverdragelsesloven forventes taget i anvendelse.",
        submitted_at=submitted,
    )
    ConsultationResponse.objects.create(
        consultation=c,
        body=kirke,
        text="Visitator og betaler skal hænge klarere sammen.",
        submitted_at=submitted,
    )
    # A draft that was never submitted is no answer.
    ConsultationResponse.objects.create(consultation=c, body=hk, text="Udkast")
    return c


def test_the_compilation_has_each_answer_by_body_the_deadline_and_who_did_not_answer(
    consultation,
):
    text = " ".join(pdf_text_of(render_consultation(consultation.pk, "pdf", "da")).split())
    assert "Høringssvar: Opløsning af det forpligtende samarbejde" in text
    assert "Frist 26. maj 2021. 2 af de 4 hørte parter har svaret." in text
    answers = text.index("Svar fra hver part")
    silent = text.index("Parter, der ikke har svaret")
    assert answers < text.index("HovedMED") < silent
    assert answers < text.index("bevare de faglige kompetencer") < silent
    assert answers < text.index("Visitator og betaler") < silent
    tail = text[silent:]
    assert "HK, det administrative område" in tail and "MED Vallensbæk" in tail
    assert "Udkast" not in text


def test_the_compilation_opens_in_word_for_the_secretariat(consultation):
    document = docx.Document(BytesIO(render_consultation(consultation.pk, "docx", "da")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "HovedMED" in paragraphs
    assert "Visitator og betaler skal hænge klarere sammen." in paragraphs
    assert paragraphs[-2:] == ["HK, det administrative område", "MED Vallensbæk"]


def test_the_consultation_report_command_writes_the_file(consultation, tmp_path):
    out = tmp_path / "svar.pdf"
    result = CliRunner().invoke(
        app, ["consultation-report", str(consultation.pk), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    unknown = CliRunner().invoke(app, ["consultation-report", "999"])
    assert unknown.exit_code == 1
    assert "Der findes ingen høring med id 999" in unknown.output


def pdf_text_of(content: bytes) -> str:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.pdf"
        path.write_bytes(content)
        return pdf_text(path)


def test_the_comparison_shows_scenarios_side_by_side_with_small_counts_hidden():
    merge_dataset(worked_example(), file_name="x.xlsx", file_hash="0" * 64, imported_by="test")
    Scenario.objects.create(name="frivillig", settings={"voluntary_only": True})
    full = run_plan(by=SystemActor("test")).stored
    voluntary = run_plan(scenario="frivillig", by=SystemActor("test")).stored
    html = render_comparison([full, voluntary], "html", "da").decode("utf-8")
    assert "frivillig" in html
    cells = {k: unescape(v) for k, v in re.findall(r'data-cell="([^"]+)">([^<]*)<', html)}
    # The worked example moves one employee by wish and two cases change contact person:
    # every count is below 5 and shown as "<5"; no difference is shown beside them.
    assert cells["moved_by_wish/total/0"] == "<5"
    assert cells["contact_changes/total/0"] == "<5"
    for key, shown in cells.items():
        if key.split("/")[0] in ("moved_by_wish", "moved_against_wish", "wish_not_met"):
            assert shown in ("<5", "–", "x") or int(shown) >= 5
    assert 'class="difference">+' not in html.split("moved_by_wish")[1].split("</tr>")[0]
    pdf = render_comparison([full, voluntary], "pdf", "en")
    assert "Scenarios side by side" in " ".join(pdf_text_of(pdf).split())
