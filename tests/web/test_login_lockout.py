"""Login throttling and lockout (django-axes): per user name and per address, on the login
page, the admin's login and the API's token exchange; logged, and shown to the auditor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.accounts.lockout import client_address, current_lockouts
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import Action, AuditEntry
from tests.web.users import FAST_HASHERS, PASSWORD, make_users

pytestmark = pytest.mark.django_db

LOGIN = "/login/"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def users(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the API's throttle counts in the cache, across tests
    return make_users()


def _page_login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _token(username: str, password: str, address: str = "10.0.0.1"):
    return APIClient().post(
        TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def _refusals() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=Action.REFUSED, object_type="login"))


def test_five_wrong_passwords_lock_the_user_name_even_with_the_right_password_next(users):
    client = Client()
    for _ in range(4):
        assert _page_login(client, "projektleder", "forkert").status_code == 200
    locked = _page_login(client, "projektleder", "forkert")
    assert locked.status_code == 429
    assert "Login er spærret" in locked.content.decode()
    right = _page_login(client, "projektleder", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user from the same address is not locked out by someone else's name.
    assert _page_login(Client(), "revisor", PASSWORD).status_code == 302


def test_every_failure_and_every_refusal_is_in_the_audit_log(users):
    client = Client()
    for _ in range(6):
        _page_login(client, "projektleder", "forkert", address="10.0.0.9")
    failed = AuditEntry.objects.filter(action=Action.LOGIN_FAILED)
    assert failed.count() == 6
    assert {entry.detail["username"] for entry in failed} == {"projektleder"}
    refusals = _refusals()
    assert len(refusals) == 2  # the fifth failure locks; the sixth attempt is refused
    assert {(r.object_id, r.remote_addr, r.detail["reason"]) for r in refusals} == {
        ("projektleder", "10.0.0.9", "locked_out")
    }
    assert verify_chain().ok


def test_an_address_is_locked_after_its_own_higher_limit_across_user_names(users, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    for n in range(7):
        assert _page_login(Client(), f"gæt-{n}", "forkert", address="10.0.0.2").status_code == 200
    assert _page_login(Client(), "gæt-7", "forkert", address="10.0.0.2").status_code == 429
    # The right password of a real user from that address is refused too, elsewhere it works.
    assert _page_login(Client(), "revisor", PASSWORD, address="10.0.0.2").status_code == 429
    assert _page_login(Client(), "revisor", PASSWORD, address="10.0.0.3").status_code == 302


def test_the_api_token_exchange_is_locked_out_alike_and_answers_json(users):
    for _ in range(4):
        assert _token("kommuneleder-ishoej", "forkert").status_code == 400
    locked = _token("kommuneleder-ishoej", "forkert")
    assert locked.status_code == 429
    assert "spærret" in locked.json()["detail"]
    assert _token("kommuneleder-ishoej", PASSWORD).status_code == 429
    assert "token" not in _token("kommuneleder-ishoej", PASSWORD).json()
    # The page and the API count together: the same name is locked on the page as well.
    assert _page_login(Client(), "kommuneleder-ishoej", PASSWORD).status_code == 429


def test_the_admin_login_is_counted_too(users):
    client = Client()
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "projektleder", "password": "forkert"},
            REMOTE_ADDR="10.0.0.4",
        )
    assert _page_login(Client(), "projektleder", PASSWORD, address="10.0.0.5").status_code == 429


def test_the_lockout_ends_after_its_time(users, settings):
    for _ in range(5):
        _page_login(Client(), "projektleder", "forkert")
    assert _page_login(Client(), "projektleder", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _page_login(Client(), "projektleder", PASSWORD).status_code == 302


def test_a_successful_login_forgets_the_users_failures_but_not_the_addresss(users, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 10
    for _ in range(4):
        _page_login(Client(), "projektleder", "forkert")
    for n in range(5):
        _page_login(Client(), f"gæt-{n}", "forkert")
    assert _page_login(Client(), "projektleder", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="projektleder").exists()
    # Four more tries at the same name are allowed again ...
    for _ in range(4):
        assert _page_login(Client(), "projektleder", "forkert").status_code == 200
    # ... but the address's five other failures still count towards its limit of ten.
    assert _page_login(Client(), "gæt-9", "forkert").status_code == 429


def test_unlocking_lifts_the_lockout_and_is_audited(users):
    for _ in range(5):
        _page_login(Client(), "projektleder", "forkert")
    result = CliRunner().invoke(app, ["user", "unlock", "projektleder", "--by", "drift"])
    assert result.exit_code == 0, result.output
    assert "5" in result.output
    assert _page_login(Client(), "projektleder", PASSWORD).status_code == 302
    (entry,) = AuditEntry.objects.filter(object_type="login", action=Action.UPDATE)
    assert (entry.username, entry.object_id, entry.detail) == (
        "cli:drift",
        "projektleder",
        {"unlocked": True, "failures": 5},
    )


def test_the_auditor_sees_who_is_locked_out_and_the_failed_logins(users, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        _page_login(Client(), "projektleder" if n < 5 else "ukendt", "forkert", address="10.0.0.7")
    lockouts = {(lockout.kind, lockout.who, lockout.failures) for lockout in current_lockouts()}
    assert lockouts == {("user", "projektleder", 5), ("address", "10.0.0.7", 6)}
    auditor = Client()
    auditor.force_login(users["revisor"])
    page = auditor.get(reverse("pages:audit-logins"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "projektleder" in text and "10.0.0.7" in text and "ukendt" in text
    assert "spærret" in text
    # Only the auditor: a lead is refused the page.
    lead = Client()
    lead.force_login(users["projektleder"])
    assert lead.get(reverse("pages:audit-logins")).status_code == 403


def test_behind_a_proxy_the_client_is_the_address_the_proxy_forwarded(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7"
    )
    settings.PROXY_COUNT = 0
    assert client_address(request) == "10.1.1.1"
    settings.PROXY_COUNT = 1  # one proxy: the last entry is what it saw; the first is forgeable
    assert client_address(request) == "192.0.2.7"
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="ikke-en-adresse")) is None
