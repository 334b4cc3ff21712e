"""The handover records on the overview and the handover lists: counts per municipality and
profession (suppressed for committees), and the overdue ones flagged to the team leader."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from overgang.web.process.handover_records import handover_record_of, save_handover_record
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


@pytest.fixture
def users(world):
    return {user.username: user for user in get_user_model().objects.all()}


def _client(users, name: str) -> Client:
    client = Client()
    client.force_login(users[name])
    return client


def _progress_cells(html: str) -> list[str]:
    table = html[html.index('id="handover-progress"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<td class="num">([^<]*)</td>', table)


def _plan_a_late_visit(world, users):
    meeting = handover_record_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    save_handover_record(
        meeting=meeting,
        version=1,
        summary="Vurderinger",
        family_meeting_planned_on=date(2022, 3, 1),  # after 2022-01-31, the deadline
        by=users["sagsbehandler-ishoej"],
    )


def test_a_committee_sees_only_suppressed_counts_of_the_handover_records(world, users):
    _plan_a_late_visit(world, users)
    for committee in ("med", "byraad"):
        html = _client(users, committee).get("/").content.decode()
        cells = _progress_cells(html)
        assert cells and all(cell in {"&lt;5", "x", "0", "–", ".."} for cell in cells), cells
        assert 'id="handovers-overdue"' not in html  # no personal flag for a committee


def test_a_lead_sees_the_exact_counts(world, users):
    _plan_a_late_visit(world, users)
    html = _client(users, "projektleder").get("/").content.decode()
    # cases, summary, meeting, family, child, signed off, overdue; then the totals
    assert _progress_cells(html) == ["1", "1", "0", "0", "0", "0", "1"] * 2


def test_the_team_leader_is_flagged_a_visit_planned_after_the_deadline(world, users):
    _plan_a_late_visit(world, users)
    leader = _client(users, "teamleder-vallensbaek")
    html = leader.get("/").content.decode()
    assert 'id="handovers-overdue"' in html
    listed = leader.get("/overdragelser/?forsinket=1").content.decode()
    assert "MOVE" in listed and "planlagt efter fristen" in listed
    # Another unit's team leader does not see the case, and is not flagged it.
    assert (
        'id="handovers-overdue"' not in _client(users, "teamleder-ishoej").get("/").content.decode()
    )


def test_a_visit_not_held_is_flagged_only_after_the_deadline(world, users):
    handover_record_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    leader = _client(users, "teamleder-vallensbaek")
    set_today(date(2022, 1, 31))
    assert 'id="handovers-overdue"' not in leader.get("/").content.decode()
    set_today(date(2022, 2, 1))
    assert 'id="handovers-overdue"' in leader.get("/").content.decode()


def test_the_caseworker_completes_the_record_on_the_page(world, users):
    caseworker = _client(users, "sagsbehandler-ishoej")
    page = f"/overdragelser/{world.case_decisions['MOVE'].pk}/"
    assert caseworker.get(page).status_code == 200
    response = caseworker.post(
        page,
        {
            "version": "1",
            "summary": "Vurderinger og plan",
            "held_on": "2021-09-01",
            "done": "on",
            "family_meeting_planned_on": "2021-09-10",
            "family_meeting_held_on": "2021-09-10",
            "child_conversation_on": "2021-09-10",
            "support_person_offered": "on",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204 and response["HX-Redirect"] == "/overdragelser/"
    meeting = world.case_decisions["MOVE"].handover
    meeting.refresh_from_db()
    assert meeting.support_person_offered and meeting.version == 2
    # The caseworker may not sign off; the team leader of the unit may.
    sign_off = f"/overdragelser/{meeting.pk}/godkend/"
    assert caseworker.post(sign_off, {"version": "2"}).status_code == 403
    leader = _client(users, "teamleder-vallensbaek")
    assert leader.post(sign_off, {"version": "2"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.signed_off_by == users["teamleder-vallensbaek"]


def test_a_case_that_keeps_its_contact_person_has_no_record_page(world, users):
    client = _client(users, "projektleder")
    assert client.get(f"/overdragelser/{world.case_decisions['V-CASE'].pk}/").status_code == 404
