"""A stored plan's figures are kept (pages/plan_figures.py): the plan page shows them as the
user may see them, in their language, and stays right when what can change about a plan
changes (its analysis stored, its approval, the data it was made from)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from overgang.web.planning.analysis import analyse_stored_plan
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr><th scope="row">(?:<span class="sub-row">)?([^<]+)(?:</span>)?</th>\s*<td class="num">([^<]*)'
)


@pytest.fixture
def world(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def _client(username: str, language: str = "da") -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    client.cookies["django_language"] = language
    return client


def _figures(client: Client, plan_id: int) -> dict[str, str]:
    """The plan page's table of figures: each row's label and the plan's value."""
    page = client.get(f"/planer/{plan_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    table = html[html.index("<table>") : html.index("</table>")]
    return dict(ROW.findall(table))


def test_the_plans_figures_are_shown_in_each_users_own_language(world) -> None:  # type: ignore[no-untyped-def]
    danish = _figures(_client("projektleder"), world.plan.pk)
    english = _figures(_client("projektleder", "en"), world.plan.pk)
    assert "Samlet omkostning" in danish and "Total cost" in english
    assert danish["Samlet omkostning"].replace(",", ".") == english["Total cost"]


def test_a_committee_sees_the_figures_suppressed_though_the_lead_saw_them_exact_first(
    world,
) -> None:  # type: ignore[no-untyped-def]
    alone = _figures(_client("med"), world.plan.pk)
    cache.clear()
    exact = _figures(_client("projektleder"), world.plan.pk)
    assert _figures(_client("med"), world.plan.pk) == alone
    assert exact != alone


def test_the_figures_gain_the_plans_teams_and_robustness_once_its_analysis_is_stored(world) -> None:  # type: ignore[no-untyped-def]
    lead = _client("projektleder", "en")
    before = _figures(lead, world.plan.pk)
    analyse_stored_plan(stored=world.plan)
    after = _figures(lead, world.plan.pk)
    assert "Robustness warnings" not in before
    assert after["Robustness warnings"].isdigit()
    assert {label: after[label] for label in before} == before


def test_the_plan_page_says_the_plan_is_stale_once_an_interview_is_recorded(world) -> None:  # type: ignore[no-untyped-def]
    lead = _client("projektleder")
    assert 'id="stale-plan"' not in lead.get(f"/planer/{world.plan.pk}/").content.decode()
    answer = _client("teamleder-ishoej").post(
        "/medarbejdere/I-EMP/",
        {"new-held_on": "2021-05-20", "new-wish": str(VALLENSBAEK), "new-note": ""},
    )
    assert answer.status_code == 302
    assert 'id="stale-plan"' in lead.get(f"/planer/{world.plan.pk}/").content.decode()


def test_the_plan_page_says_the_plan_is_approved_once_it_is(world) -> None:  # type: ignore[no-untyped-def]
    lead = _client("projektleder", "en")
    page = f"/planer/{world.plan.pk}/"
    assert "This plan is approved and locked." not in lead.get(page).content.decode()
    assert lead.post(f"/planer/{world.plan.pk}/godkend/").status_code == 302
    assert "This plan is approved and locked." in lead.get(page).content.decode()
