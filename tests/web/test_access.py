"""Scoping: each role sees exactly the rows the issue's rules give it, computed by hand
from the world in `world.py` (I-EMP/I-CASE in Ishøj, V-EMP/V-CASE in Vallensbæk, and
MOVE, a Vallensbæk case carried by X-EMP in Ishøj and handed over to V-EMP)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from overgang.web.access import can, suppressed
from overgang.web.dataset.models import Case, Citizen, Employee, Interview
from overgang.web.planning.models import CaseDecision, EmployeeDecision
from overgang.web.process.models import Consultation, HandoverMeeting
from tests.web.users import AFTER, BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def users(world, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return make_users()


def _ids(model, user, field="ext_id"):
    return sorted(model.objects.for_user(user).values_list(field, flat=True))


# username -> (employees, citizens, cases) before the effective date
BEFORE_TABLE = {
    "projektleder": (
        ["I-EMP", "V-EMP", "X-EMP"],
        ["I-CIT", "V-CIT", "V-CIT2"],
        ["I-CASE", "MOVE", "V-CASE"],
    ),
    "kommuneleder-ishoej": (["I-EMP", "V-EMP", "X-EMP"], ["I-CIT"], ["I-CASE"]),
    "kommuneleder-vallensbaek": (
        ["I-EMP", "V-EMP", "X-EMP"],
        ["V-CIT", "V-CIT2"],
        ["MOVE", "V-CASE"],
    ),
    "teamleder-ishoej": (["I-EMP"], ["I-CIT"], ["I-CASE"]),
    "teamleder-vallensbaek": (["V-EMP"], ["V-CIT", "V-CIT2"], ["MOVE", "V-CASE"]),
    "sagsbehandler-ishoej": (["X-EMP"], ["V-CIT2"], ["MOVE"]),
    "sagsbehandler-vallensbaek": (["V-EMP"], ["V-CIT", "V-CIT2"], ["MOVE", "V-CASE"]),
    "med": ([], [], []),
    "byraad": ([], [], []),
    "revisor": ([], [], []),
    "uden-rolle": ([], [], []),
}


@pytest.mark.parametrize("username", sorted(BEFORE_TABLE))
def test_each_role_sees_exactly_its_rows_before_the_effective_date(users, username):
    set_today(BEFORE)
    user = users[username]
    employees, citizens, cases = BEFORE_TABLE[username]
    assert _ids(Employee, user) == employees
    assert _ids(Citizen, user) == citizens
    assert _ids(Case, user) == cases
    assert _ids(Interview, user, "employee__ext_id") == employees


# username -> (employees, citizens, cases) after the effective date: each municipality's own
AFTER_TABLE = {
    **{user: ([], [], []) for user in BEFORE_TABLE},
    "kommuneleder-ishoej": (["I-EMP", "X-EMP"], ["I-CIT"], ["I-CASE"]),
    "kommuneleder-vallensbaek": (["V-EMP"], ["V-CIT", "V-CIT2"], ["MOVE", "V-CASE"]),
    "teamleder-ishoej": (["I-EMP"], ["I-CIT"], ["I-CASE"]),
    "teamleder-vallensbaek": (["V-EMP"], ["V-CIT", "V-CIT2"], ["MOVE", "V-CASE"]),
    # X-EMP stays in Ishøj: the Vallensbæk case MOVE it handed over is out of sight.
    "sagsbehandler-ishoej": (["X-EMP"], [], []),
    "sagsbehandler-vallensbaek": (["V-EMP"], ["V-CIT", "V-CIT2"], ["MOVE", "V-CASE"]),
}


@pytest.mark.parametrize("username", sorted(AFTER_TABLE))
def test_each_role_sees_exactly_its_rows_after_the_effective_date(users, username):
    set_today(AFTER)
    user = users[username]
    employees, citizens, cases = AFTER_TABLE[username]
    assert _ids(Employee, user) == employees
    assert _ids(Citizen, user) == citizens
    assert _ids(Case, user) == cases
    assert _ids(Interview, user, "employee__ext_id") == employees


def test_after_the_effective_date_a_municipal_lead_sees_only_the_staff_it_employs(users):
    set_today(AFTER)
    assert _ids(Employee, users["kommuneleder-ishoej"]) == ["I-EMP", "X-EMP"]
    assert _ids(Employee, users["kommuneleder-vallensbaek"]) == ["V-EMP"]
    assert _ids(Case, users["kommuneleder-vallensbaek"]) == ["MOVE", "V-CASE"]


def test_after_the_effective_date_the_transition_lead_sees_no_personal_data(users):
    set_today(AFTER)
    user = users["projektleder"]
    assert _ids(Employee, user) == _ids(Case, user) == _ids(Citizen, user) == []
    assert can(user, "view_aggregates")


def test_an_anonymous_visitor_sees_nothing_and_may_do_nothing(world):
    anonymous = AnonymousUser()
    assert not Employee.objects.for_user(anonymous).exists()
    assert not Case.objects.for_user(anonymous).exists()
    assert not can(anonymous, "view_dashboard")


def test_a_caseworker_sees_the_handover_lists_both_ways(users, world):
    set_today(BEFORE)
    leaving = users["sagsbehandler-ishoej"]  # X-EMP hands MOVE over
    coming = users["sagsbehandler-vallensbaek"]  # V-EMP receives it
    assert _ids(CaseDecision, leaving, "case_id") == ["MOVE"]
    assert _ids(CaseDecision, coming, "case_id") == ["MOVE", "V-CASE"]
    meeting = HandoverMeeting.objects.create(decision=world.case_decisions["MOVE"])
    assert can(leaving, "record_handover", meeting)
    assert can(coming, "record_handover", meeting)
    assert not can(users["kommuneleder-ishoej"], "record_handover", meeting)
    assert can(users["kommuneleder-vallensbaek"], "record_handover", meeting)


def test_a_municipal_lead_sees_the_decisions_about_its_municipality(users):
    set_today(AFTER)
    assert _ids(EmployeeDecision, users["kommuneleder-vallensbaek"], "employee_id") == ["V-EMP"]
    assert _ids(CaseDecision, users["kommuneleder-ishoej"], "case_id") == ["I-CASE"]


def test_aggregate_roles_and_the_auditor_get_no_personal_row_even_by_id(users, world):
    for username in ("med", "byraad", "revisor"):
        user = users[username]
        for obj in (world.employees["I-EMP"], world.cases["V-CASE"], world.citizens["I-CIT"]):
            assert not can(user, "view_cases", obj)
    assert can(users["revisor"], "view_audit_log")
    assert not can(users["projektleder"], "view_audit_log")
    assert can(users["med"], "view_aggregates")
    assert not can(users["revisor"], "view_aggregates")


def test_a_committee_member_sees_and_answers_only_the_consultations_of_its_body(users):
    from datetime import date

    from overgang.web.process.models import Body, ConsultationResponse

    med = Body.objects.get(name="HovedMED")
    council = Body.objects.get(name="Byrådet i Ishøj")
    to_med = Consultation.objects.create(title="Organisering", deadline=date(2021, 10, 1))
    to_med.bodies.add(med)
    to_council = Consultation.objects.create(title="Budget", deadline=date(2021, 10, 1))
    to_council.bodies.add(council)
    assert can(users["med"], "view_consultations", to_med)
    assert not can(users["med"], "view_consultations", to_council)
    response = ConsultationResponse.objects.create(consultation=to_council, body=council)
    assert can(users["byraad"], "respond_consultation", response)
    assert not can(users["med"], "respond_consultation", response)


def test_an_unknown_action_is_an_error_not_a_refusal(users):
    with pytest.raises(KeyError):
        can(users["projektleder"], "view_everything")


def test_small_numbers_are_hidden_from_committees_but_not_from_leads(users):
    assert suppressed(3, users["med"]) is None
    assert suppressed(0, users["byraad"]) is None
    assert suppressed(5, users["med"]) == 5
    assert suppressed(3, users["kommuneleder-ishoej"]) == 3


def test_a_user_without_a_profile_is_refused_even_as_superuser(world):
    admin = User.objects.create_superuser("admin", password="x" * 20)
    assert not Case.objects.for_user(admin).exists()
    assert not can(admin, "view_cases")
