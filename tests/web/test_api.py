"""The JSON API as each role uses it: token login, the same scoping and audit as the pages."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.models import Interview
from tests.web.test_access import BEFORE_TABLE
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

PERSONAL = {"projektleder", "kommuneleder-ishoej", "kommuneleder-vallensbaek"} | {
    "teamleder-ishoej",
    "teamleder-vallensbaek",
    "sagsbehandler-ishoej",
    "sagsbehandler-vallensbaek",
}


@pytest.fixture
def users(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the token exchange's rate limit starts afresh
    build_world()
    made = make_users()
    set_today(BEFORE)
    return made


def client_for(username: str) -> APIClient:
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _ids(response, field):
    assert response.status_code == 200, response.content
    return sorted(row[field] for row in response.json()["results"])


def test_a_token_is_given_for_a_right_password_only(users):
    client = APIClient()
    wrong = client.post(
        "/api/v1/auth/token/", {"username": "projektleder", "password": "forkert"}, format="json"
    )
    assert wrong.status_code == 400 and "token" not in wrong.json()
    no_role = client.post(
        "/api/v1/auth/token/", {"username": "uden-rolle", "password": PASSWORD}, format="json"
    )
    assert no_role.status_code == 400
    assert client.get("/api/v1/cases/").status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert bad.get("/api/v1/cases/").status_code == 401


@pytest.mark.parametrize("username", sorted(PERSONAL))
def test_each_role_gets_exactly_its_rows_through_the_api(users, username):
    employees, citizens, cases = BEFORE_TABLE[username]
    client = client_for(username)
    assert _ids(client.get("/api/v1/employees/"), "medarbejder_id") == employees
    assert _ids(client.get("/api/v1/citizens/"), "borger_id") == citizens
    assert _ids(client.get("/api/v1/cases/"), "sag_id") == cases
    assert _ids(client.get("/api/v1/interviews/"), "medarbejder_id") == employees
    for case in ("I-CASE", "V-CASE", "MOVE"):
        expected = 200 if case in cases else 404
        assert client.get(f"/api/v1/cases/{case}/").status_code == expected


@pytest.mark.parametrize("username", ["med", "byraad", "revisor"])
def test_aggregate_roles_and_the_auditor_get_no_personal_data(users, username):
    client = client_for(username) if username != "revisor" else None
    if client is None:  # the auditor has no API use at all
        response = APIClient().post(
            "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    for url in (
        "/api/v1/employees/",
        "/api/v1/citizens/",
        "/api/v1/cases/",
        "/api/v1/interviews/",
        "/api/v1/decisions/employees/",
        "/api/v1/decisions/cases/",
        "/api/v1/cases/I-CASE/",
    ):
        assert client.get(url).status_code == 403, url


def test_a_committee_member_reads_metrics_with_small_numbers_hidden(users):
    metrics = client_for("med").get("/api/v1/metrics/").json()["metrics"]
    # Vallensbæk: 2 cases, 1 keeps its contact person, 1 changes; all below 5, so hidden.
    vallensbaek = next(row for row in metrics["continuity"] if row["kommune"] == 187)
    assert (vallensbaek["sager"], vallensbaek["beholder"], vallensbaek["skifter"]) == (
        None,
        None,
        None,
    )
    lead = client_for("projektleder").get("/api/v1/metrics/").json()["metrics"]
    vallensbaek = next(row for row in lead["continuity"] if row["kommune"] == 187)
    assert (vallensbaek["sager"], vallensbaek["beholder"], vallensbaek["skifter"]) == (2, 1, 1)


def test_the_field_names_are_the_workbooks_column_names(users):
    case = client_for("projektleder").get("/api/v1/cases/MOVE/").json()
    assert case["sag_id"] == "MOVE"
    assert case["borger_id"] == "V-CIT2"
    assert (case["handlekommune"], case["betalingskommune"]) == (187, 187)
    assert case["kontaktperson"] == "X-EMP"
    decisions = client_for("projektleder").get("/api/v1/decisions/cases/").json()["results"]
    move = next(d for d in decisions if d["sag_id"] == "MOVE")
    assert (move["tidligere_kontaktperson"], move["kontaktperson"]) == ("X-EMP", "V-EMP")


def test_an_interview_is_recorded_through_the_api_and_logged(users):
    client = client_for("kommuneleder-ishoej")
    response = client.post(
        "/api/v1/interviews/",
        {"medarbejder_id": "I-EMP", "dato": "2021-05-20", "oensket_kommune": 187},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["medarbejder_id"], body["oensket_kommune"], body["version"]) == (
        "I-EMP",
        187,
        1,
    )
    stored = Interview.objects.get(pk=body["id"])
    assert stored.recorded_by == "kommuneleder-ishoej"
    created = AuditEntry.objects.filter(action="create", object_type="dataset.interview")
    assert created.get().username == "kommuneleder-ishoej"
    assert verify_chain().ok


def test_an_interview_is_refused_for_an_employee_out_of_scope_or_a_role_without_the_right(
    users,
):
    before = Interview.objects.count()
    team = client_for("teamleder-ishoej")
    response = team.post(
        "/api/v1/interviews/",
        {"medarbejder_id": "V-EMP", "dato": "2021-05-20"},
        format="json",
    )
    assert response.status_code == 400
    assert "medarbejder_id" in response.json()
    caseworker = client_for("sagsbehandler-ishoej")
    response = caseworker.post(
        "/api/v1/interviews/", {"medarbejder_id": "X-EMP", "dato": "2021-05-20"}, format="json"
    )
    assert response.status_code == 403
    bad = team.post(
        "/api/v1/interviews/",
        {"medarbejder_id": "I-EMP", "dato": "20-05-2021x", "oensket_kommune": 999},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) == {"dato", "oensket_kommune"}
    assert Interview.objects.count() == before


def test_every_api_read_of_personal_data_is_in_the_audit_log(users):
    client = client_for("kommuneleder-vallensbaek")
    client.get("/api/v1/cases/")
    client.get("/api/v1/cases/V-CASE/")
    listed = AuditEntry.objects.get(action="list", object_type="dataset.case")
    assert (listed.username, listed.municipality, sorted(listed.detail["ids"])) == (
        "kommuneleder-vallensbaek",
        187,
        ["MOVE", "V-CASE"],
    )
    viewed = AuditEntry.objects.get(action="view", object_type="dataset.case")
    assert (viewed.object_id, viewed.remote_addr) == ("V-CASE", "127.0.0.1")
    assert verify_chain().ok


def test_the_openapi_schema_names_every_resource(users):
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    for path in (
        "/api/v1/employees/",
        "/api/v1/interviews/",
        "/api/v1/citizens/",
        "/api/v1/cases/",
        "/api/v1/plans/",
        "/api/v1/decisions/employees/",
        "/api/v1/decisions/cases/",
        "/api/v1/metrics/",
        "/api/v1/auth/token/",
    ):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/interviews/"]
    assert "sag_id" in schema["components"]["schemas"]["Case"]["properties"]


def test_the_token_exchange_is_rate_limited(users):
    # A new user name each time: the lockout per user name (test_login_lockout.py) would
    # answer 429 after five guesses at one name; the throttle counts every exchange.
    client = APIClient()
    statuses = [
        client.post(
            "/api/v1/auth/token/", {"username": f"gæst-{n}", "password": "gæt"}, format="json"
        ).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429


def test_a_huge_page_size_or_offset_is_clamped_not_a_server_error(users):
    # Found by schemathesis: a limit beyond SQLite's integer range gave a server error.
    client = client_for("projektleder")
    huge = client.get("/api/v1/interviews/?limit=99999999999999999999").json()
    assert len(huge["results"]) == 3
    far = client.get("/api/v1/cases/?offset=9223372036854775808").json()
    assert (far["count"], far["results"]) == (3, [])


def test_metrics_leave_out_rows_about_people_the_user_may_not_see(users):
    # The plan's metrics list each employee's attachment (their share of caseload per
    # municipality): a committee sees none of them, a team leader only their own team's.
    def attached(username):
        metrics = client_for(username).get("/api/v1/metrics/").json()["metrics"]
        return sorted(row["medarbejder_id"] for row in metrics["attachment"])

    assert attached("med") == []
    assert attached("teamleder-vallensbaek") == ["V-EMP"]
    assert attached("projektleder") == ["I-EMP", "V-EMP", "X-EMP"]
    logged = AuditEntry.objects.get(
        object_type="planning.storedplan.metrics", username="teamleder-vallensbaek"
    )
    assert logged.detail["ids"] == ["V-EMP"]


def test_a_nul_character_in_the_address_or_query_is_a_bad_request(users):
    # Found by schemathesis on PostgreSQL, which cannot compare text with NUL.
    client = client_for("projektleder")
    assert client.get("/api/v1/interviews/?medarbejder_id=%00").status_code == 400
    assert client.get("/api/v1/employees/I%00EMP/").status_code == 400
    assert client.get("/sager/%00/").status_code == 400


def test_asking_for_another_municipalitys_case_is_refused_and_logged(users):
    client = client_for("kommuneleder-ishoej")
    assert client.get("/api/v1/cases/V-CASE/").status_code == 404
    refused = AuditEntry.objects.get(action="refused")
    assert (refused.username, refused.object_type, refused.object_id) == (
        "kommuneleder-ishoej",
        "dataset.case",
        "V-CASE",
    )
    assert verify_chain().ok
