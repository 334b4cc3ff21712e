"""Civil servants through the database: the stored plan counts them, their letters follow
their own rules while an overenskomst employee's follow the transition's legal basis, the
status report shows them with small counts hidden, and the one moved against their wish is
flagged to the transition lead, on the plan page and the dashboard, and to nobody else.

The world: Ishøj (host) and Vallensbæk. TJM-1, a civil servant, wishes to stay but carries a
Vallensbæk case that only a move keeps staffed; TJM-2, a civil servant, moves by wish; OK-1
(overenskomst) stays by wish; OK-2 (overenskomst, administration) moves by wish.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.test import Client

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import run_plan
from overgang.web.process.models import Transition
from overgang.web.reporting.documents import render_letters, render_status
from tests.reports.conftest import pdf_text
from tests.reports.test_status_report import _Cells
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db

FLAG_ON_PLAN = 'id="civil-servants-against-wish"'
FLAG_ON_DASHBOARD = 'id="civil-servants-flag"'


def _world() -> StoredPlan:
    batch = m.ImportBatch.objects.create(
        imported_by="test", file_name="tjm.xlsx", file_hash="1" * 64
    )
    ishoej = m.Municipality.objects.create(code=ISHOEJ, name="Ishøj", role="vaert", batch=batch)
    vallensbaek = m.Municipality.objects.create(
        code=VALLENSBAEK, name="Vallensbæk", role="medlem", batch=batch
    )
    psy = m.Profession.objects.create(code="PSY", name="Psykologer", norm=Decimal(10), batch=batch)
    adm = m.Profession.objects.create(
        code="ADM", name="Administration", norm=Decimal(0), batch=batch
    )
    employees = {}
    for ext, profession, form, wish in (
        ("TJM-1", psy, "tjenestemand", ishoej),
        ("TJM-2", psy, "tjenestemand", vallensbaek),
        ("OK-1", psy, "overenskomst", ishoej),
        ("OK-2", adm, "overenskomst", vallensbaek),
    ):
        employees[ext] = m.Employee.objects.create(
            ext_id=ext,
            name=f"Navn {ext}",
            profession=profession,
            hours=Decimal(37),
            unit="PPR",
            employment_form=form,
            batch=batch,
        )
        m.Interview.objects.create(
            employee=employees[ext], held_on=date(2021, 4, 1), wished_municipality=wish
        )
    for ext, home, contact in (
        ("V1", vallensbaek, "TJM-1"),
        ("V2", vallensbaek, "TJM-2"),
        ("I1", ishoej, "OK-1"),
    ):
        citizen = m.Citizen.objects.create(
            ext_id=f"B-{ext}", municipality=home, family_id=f"B-{ext}", batch=batch
        )
        m.Case.objects.create(
            ext_id=ext,
            citizen=citizen,
            service="PPR-vurdering",
            profession=psy,
            delivery="intern",
            load=Decimal(8),
            acting_municipality=home,
            paying_municipality=home,
            contact_person=employees[contact],
            batch=batch,
        )
    plan = run_plan(by=SystemActor("test")).stored
    placed = dict(plan.employee_decisions.values_list("employee_id", "municipality"))
    assert placed == {
        "TJM-1": VALLENSBAEK,
        "TJM-2": VALLENSBAEK,
        "OK-1": ISHOEJ,
        "OK-2": VALLENSBAEK,
    }, placed
    return plan


@pytest.fixture
def plan() -> StoredPlan:
    made = _world()
    set_today(BEFORE)
    return made


@pytest.fixture
def users(plan, settings) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    make_users()


def _word(files: dict[str, bytes], employee_id: str) -> str:
    document = docx.Document(io.BytesIO(files[f"afgoerelse-{employee_id}.docx"]))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_stored_plan_counts_civil_servants_per_municipality(plan):
    figures = plan.metrics["civil_servants"]
    assert figures["pr_kommune"] == [
        {"kommune": ISHOEJ, "tjenestemaend": 0, "overfoert": 0, "flyttet_mod_oenske": 0},
        {"kommune": VALLENSBAEK, "tjenestemaend": 2, "overfoert": 2, "flyttet_mod_oenske": 1},
    ]
    assert figures["mod_oenske"] == [{"medarbejder_id": "TJM-1", "kommune": VALLENSBAEK}]


def test_letters_follow_the_civil_servants_rules_and_the_recorded_legal_basis(plan, tmp_path):
    by_law = render_letters(plan, "docx")
    civil = _word(by_law, "TJM-1")
    for phrase in ("passende stilling", "rådighedsløn", "tjenestemandspension deles"):
        assert phrase in civil
    assert "Overførslen sker efter lov om lønmodtageres retsstilling" not in civil
    assert "Overførslen sker efter lov om lønmodtageres retsstilling" in _word(by_law, "OK-2")

    transition = Transition.current()
    transition.legal_basis, transition.legal_basis_note = "andet", "ministerens vilkår"
    transition.save()
    other = render_letters(plan, "docx")
    assert "men på et andet grundlag: ministerens vilkår." in _word(other, "OK-2")
    assert "Overførslen sker efter" not in _word(other, "OK-2")
    assert _word(other, "TJM-1") == civil  # a civil servant's letter does not follow the basis

    transition.legal_basis = "aftale"
    transition.save()
    [(name, pdf)] = render_letters(plan, "pdf", employee_ids=["OK-2"]).items()
    (tmp_path / name).write_bytes(pdf)
    text = " ".join(pdf_text(tmp_path / name).split())
    assert "Kommunerne har aftalt at anvende lov om lønmodtageres retsstilling" in text


def test_the_status_report_shows_the_civil_servants_with_small_counts_hidden(plan):
    html = render_status(plan, "html").decode("utf-8")
    parser = _Cells()
    parser.feed(html)
    assert parser.counts["civil_servants/187/count"] == "<5"
    assert parser.counts["civil_servants/187/against_wish"] == "<5"
    assert parser.counts["civil_servants/183/count"] == "–"
    assert "TJM-1" not in html


def _page(username: str, url: str) -> str:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, (username, url, response.status_code)
    return response.content.decode("utf-8")


def test_the_transition_lead_is_shown_the_civil_servant_moved_against_the_wish(plan, users):
    page = _page("projektleder", f"/planer/{plan.pk}/")
    assert FLAG_ON_PLAN in page
    flag = page[page.index(FLAG_ON_PLAN) :]
    assert 'href="/medarbejdere/TJM-1/"' in flag.split("</div>")[0]
    assert "TJM-2" not in flag.split("</div>")[0]  # moved by wish: not flagged
    assert "HR" in flag.split("</div>")[0]
    dashboard = _page("projektleder", "/")
    assert FLAG_ON_DASHBOARD in dashboard
    assert f'href="/planer/{plan.pk}/#civil-servants"' in dashboard


@pytest.mark.parametrize("username", ["kommuneleder-vallensbaek", "teamleder-vallensbaek", "med"])
def test_nobody_but_the_transition_lead_is_shown_the_flag(plan, users, username):
    page = _page(username, f"/planer/{plan.pk}/")
    assert 'id="civil-servants"' in page  # the counts and the rules, for all who see plans
    assert FLAG_ON_PLAN not in page
    assert FLAG_ON_DASHBOARD not in _page(username, "/")


def test_a_committee_member_sees_the_civil_servants_counts_hidden_below_five(plan, users):
    page = _page("med", f"/planer/{plan.pk}/")
    section = page[page.index('id="civil-servants"') :].split("</table>")[0]
    assert '<td class="num">2</td>' not in section and '<td class="num">1</td>' not in section
    assert "&lt;5" in section
    assert "HR" in section


def test_the_api_names_the_civil_servant_to_the_lead_and_only_counts_to_a_committee(plan, users):
    from django.core.cache import cache

    from tests.web.test_api import client_for

    cache.clear()  # the token exchange's rate limit starts afresh
    lead = client_for("projektleder").get("/api/v1/metrics/").json()["metrics"]
    assert lead["civil_servants"]["mod_oenske"] == [
        {"medarbejder_id": "TJM-1", "kommune": VALLENSBAEK}
    ]
    committee = client_for("med").get("/api/v1/metrics/").json()["metrics"]["civil_servants"]
    assert committee["mod_oenske"] == []
    vallensbaek = next(r for r in committee["pr_kommune"] if r["kommune"] == VALLENSBAEK)
    assert vallensbaek["tjenestemaend"] is None  # 2: hidden
