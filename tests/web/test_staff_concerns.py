"""What HovedMED worried about, where HovedMED can see it: the committees' page and the status
report show the attrition figures and the competences at risk, small numbers hidden, and name
no competence held by fewer than five."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.planning import attrition_summary
from overgang.web.planning.attrition_summary import compute_attrition_summary
from overgang.web.planning.services import run_plan
from overgang.web.process.models import Hearing
from overgang.web.reporting.concerns import load_concerns
from overgang.web.reporting.documents import render_status
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

# Each held by one or two employees after the split: never to be named to a committee.
RARE = ("Autismespektrum", "Marte Meo", "Sjælden kompetence")


@pytest.fixture
def plan(settings):
    """The world re-planned with competences on its staff, a hearing, and the simulation run."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()
    build_world()
    make_users()
    set_today(BEFORE)
    for ext, competences in (
        ("I-EMP", ["Autismespektrum"]),
        ("V-EMP", ["Autismespektrum", "Marte Meo"]),
        ("X-EMP", ["Sjælden kompetence"]),
    ):
        m.Employee.objects.filter(ext_id=ext).update(competences=competences)
    stored = run_plan(by=SystemActor("test")).stored
    Hearing.objects.create(
        decision=stored.employee_decisions.get(employee_id="V-EMP"), reply_by=date(2021, 10, 1)
    )
    assert compute_attrition_summary(stored) is not None
    return stored


def test_the_figures_count_competences_by_profession_and_the_hearing(plan):
    concerns = load_concerns(plan)
    assert concerns.attrition_state == "ready"
    assert {
        (c.municipality, c.profession, c.few, c.holders, c.lost) for c in concerns.competences
    } == {
        (183, "PSY", 2, 2, 1),  # Autismespektrum (I-EMP), Sjælden (X-EMP); Marte Meo lost
        (187, "PSY", 2, 1, 1),  # Autismespektrum and Marte Meo (V-EMP); Sjælden lost
    }
    assert (concerns.in_hearing, concerns.hearings) == (1, 1)
    assert (concerns.wishes_met, concerns.wishes_not_met) == (3, 0)
    assert (
        concerns.attrition is not None
        and concerns.attrition.runs == attrition_summary.COMMITTEE_RUNS
    )
    # Three psychologists: no group of five, so no workload per FTE is shown.
    (psy,) = concerns.workload
    assert (psy.before, [v for _m, v, _n in psy.after]) == (None, [None, None])


@pytest.mark.parametrize("username", ["med", "byraad"])
def test_committee_members_see_attrition_and_robustness_counts_with_small_numbers_hidden(
    plan, username
):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    page = client.get("/personaleforhold/").content.decode()
    assert 'id="table-concerns_attrition"' in page
    assert 'id="table-concerns_competences"' in page
    competences = page[page.index('id="table-concerns_competences"') :]
    competences = competences[: competences.index("</table>")]
    assert "&lt;5" in competences or ".." in competences
    for digit in "1234":
        assert f">{digit}<" not in competences  # no small count shown as it is
    for name in (*RARE, "Ida Ishøj", "Vera Vallensbæk", "I-EMP"):
        assert name not in page


def test_the_status_report_shows_them_and_names_no_rare_competence(plan):
    pdf = render_status(plan, "pdf", "en")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "What further resignations would cost" in flat
    assert "Competences at risk, by municipality and profession" in flat
    assert "Interviews per unit" in flat
    for name in RARE:
        assert name not in flat


def test_the_page_and_the_report_download_never_wait_for_the_simulation_started_once(
    plan, monkeypatch
):
    started = []

    class Thread:
        def __init__(self, target, name, daemon):
            started.append(name)

        def start(self):
            pass

    monkeypatch.setattr(attrition_summary.threading, "Thread", Thread)
    cache.clear()
    client = Client()
    client.login(username="med", password=PASSWORD)
    for _ in range(2):
        page = client.get("/personaleforhold/").content.decode()
        assert 'id="table-concerns_attrition"' not in page and 'role="status"' in page
    # Nor does a download of the status report: it says the simulation is being computed.
    report = client.get(f"/rapporter/status/{plan.pk}.html").content.decode()
    assert "Simuleringen af flere fratrædelser bliver beregnet" in report
    assert 'id="table-concerns_attrition"' not in report
    assert started == [f"attrition-{plan.pk}"]
    attrition_summary._running.clear()
