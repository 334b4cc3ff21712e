"""The account use cases (accounts/services.py): API tokens that expire and can be revoked,
passwords set under the password rules; by page, API and command line, each audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.accounts.services import issue_token, revoke_token, set_password
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import Action, AuditEntry
from tests.web.users import FAST_HASHERS, PASSWORD, make_users

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
STRONG = "Rødgrød-med-fløde-og-kanel-77"


@pytest.fixture
def users(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the API's throttle counts in the cache, across tests
    return make_users()


def _exchange(username: str = "projektleder", password: str = PASSWORD) -> dict:
    response = APIClient().post(TOKEN, {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _age(key: str, by: timedelta) -> None:
    Token.objects.filter(key=key).update(created=Token.objects.get(key=key).created - by)


# --- tokens expire ------------------------------------------------------------------------


def test_a_token_is_issued_with_its_expiry_and_works_until_then(users, settings):
    issued = _exchange()
    assert issued["expires"]
    token = Token.objects.get(key=issued["token"])
    assert token.created + settings.API_TOKEN_LIFETIME == issue_token(user=token.user).expires
    assert _api(issued["token"]).get("/api/v1/plans/").status_code == 200
    _age(issued["token"], settings.API_TOKEN_LIFETIME - timedelta(minutes=1))
    assert _api(issued["token"]).get("/api/v1/plans/").status_code == 200


def test_an_expired_token_is_refused_and_the_next_exchange_gives_a_new_one(users, settings):
    old = _exchange()["token"]
    _age(old, settings.API_TOKEN_LIFETIME + timedelta(seconds=1))
    refused = _api(old).get("/api/v1/plans/")
    assert refused.status_code == 401
    assert "udløbet" in refused.json()["detail"]
    new = _exchange()["token"]
    assert new != old
    assert _api(new).get("/api/v1/plans/").status_code == 200
    assert not Token.objects.filter(key=old).exists()


def test_the_lifetime_is_configurable(users, settings):
    settings.API_TOKEN_LIFETIME = timedelta(minutes=5)
    key = _exchange()["token"]
    _age(key, timedelta(minutes=6))
    assert _api(key).get("/api/v1/plans/").status_code == 401


def test_issuing_is_logged_as_an_api_login(users):
    _exchange()
    _exchange()
    entries = AuditEntry.objects.filter(action=Action.LOGIN, username="projektleder")
    assert [entry.detail["token"] for entry in entries.order_by("seq")] == ["issued", "reused"]
    assert {entry.detail["via"] for entry in entries} == {"api"}


# --- tokens can be revoked ------------------------------------------------------------------


def _revocations() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=Action.DELETE, object_type="authtoken.token"))


def test_the_user_revokes_their_own_token_through_the_api(users):
    key = _exchange()["token"]
    client = _api(key)
    assert client.delete(TOKEN).status_code == 204
    assert client.get("/api/v1/plans/").status_code == 401
    (entry,) = _revocations()
    assert (entry.username, entry.object_id, entry.detail) == (
        "projektleder",
        "projektleder",
        {"revoked": True},
    )


def test_revoking_through_the_api_needs_a_working_token(users):
    assert APIClient().delete(TOKEN).status_code == 401
    assert _api("0" * 40).delete(TOKEN).status_code == 401
    assert _revocations() == []


def test_the_user_revokes_their_own_token_on_the_account_page(users):
    key = _exchange(username="med")["token"]
    browser = Client()
    browser.force_login(users["med"])
    page = browser.get(reverse("pages:account")).content.decode()
    assert "Tilbagekald min API-nøgle" in page
    response = browser.post(reverse("pages:account-token-revoke"), follow=True)
    assert "er tilbagekaldt" in response.content.decode()
    assert "Du har ingen API-nøgle" in response.content.decode()
    assert _api(key).get("/api/v1/metrics/").status_code == 401
    assert [entry.username for entry in _revocations()] == ["med"]


def test_an_operator_revokes_a_users_token_from_the_command_line(users):
    key = _exchange(username="kommuneleder-ishoej")["token"]
    result = CliRunner().invoke(app, ["token", "revoke", "kommuneleder-ishoej", "--by", "drift"])
    assert result.exit_code == 0, result.output
    assert "tilbagekaldt" in result.output
    assert _api(key).get("/api/v1/plans/").status_code == 401
    again = CliRunner().invoke(app, ["token", "revoke", "kommuneleder-ishoej"])
    assert "ingen API-nøgle" in again.output
    assert [(e.username, e.detail["revoked"]) for e in _revocations()][0] == ("cli:drift", True)
    unknown = CliRunner().invoke(app, ["token", "revoke", "ingen-saadan"])
    assert unknown.exit_code == 1
    assert verify_chain().ok


def test_revoke_token_says_whether_there_was_one(users):
    assert revoke_token(user=users["revisor"], by=SystemActor("test")) is False
    issue_token(user=users["revisor"])
    assert revoke_token(user=users["revisor"], by=SystemActor("test")) is True


# --- passwords under the rules --------------------------------------------------------------


@pytest.mark.parametrize("weak", ["kort-1", "123456789012345", "password1234", "projektleder1"])
def test_set_password_refuses_what_the_validators_refuse_and_changes_nothing(users, weak):
    user = users["projektleder"]
    with pytest.raises(ValidationError):
        set_password(user=user, password=weak, by=SystemActor("test"))
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(object_type="auth.user").exists()


def test_set_password_changes_it_revokes_the_token_and_is_audited(users):
    key = _exchange()["token"]
    set_password(user=users["projektleder"], password=STRONG, by=SystemActor("drift"))
    user = get_user_model().objects.get(username="projektleder")
    assert user.check_password(STRONG)
    assert _api(key).get("/api/v1/plans/").status_code == 401
    (entry,) = AuditEntry.objects.filter(object_type="auth.user", action=Action.UPDATE)
    assert (entry.username, entry.object_id, entry.detail) == (
        "cli:drift",
        "projektleder",
        {"changed": "password", "token_revoked": True},
    )


def test_the_password_page_checks_the_rules_and_ends_the_other_sessions(users):
    mine, other = Client(), Client()
    for client in (mine, other):
        assert client.login(username="teamleder-ishoej", password=PASSWORD)
    url = reverse("pages:password-change")
    weak = mine.post(
        url,
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert "for kort" in weak.content.decode()
    wrong_old = mine.post(
        url, {"old_password": "forkert", "new_password1": STRONG, "new_password2": STRONG}
    )
    assert wrong_old.status_code == 200
    done = mine.post(
        url, {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG}
    )
    assert done.status_code == 302
    assert mine.get(reverse("pages:dashboard")).status_code == 200  # this session goes on
    assert other.get(reverse("pages:dashboard")).status_code == 302  # the other one has ended
    (entry,) = AuditEntry.objects.filter(object_type="auth.user", action=Action.UPDATE)
    assert entry.username == "teamleder-ishoej"


def test_the_command_line_sets_a_password_only_if_it_passes_the_rules(users):
    runner = CliRunner()
    weak = runner.invoke(app, ["user", "password", "revisor"], input="revisor123\nrevisor123\n")
    assert weak.exit_code == 1
    differ = runner.invoke(app, ["user", "password", "revisor"], input=f"{STRONG}\nandet\n")
    assert differ.exit_code == 1
    ok = runner.invoke(
        app, ["user", "password", "revisor", "--by", "drift"], input=f"{STRONG}\n{STRONG}\n"
    )
    assert ok.exit_code == 0, ok.output
    assert get_user_model().objects.get(username="revisor").check_password(STRONG)
    assert STRONG not in ok.output
