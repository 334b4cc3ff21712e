"""Sessions: a new session key at login (no session fixation), the session ended at logout,
after its absolute lifetime, when the user is deactivated or an operator ends it; cookie
settings that keep the key from scripts and other sites (Secure and __Host- in production);
no page kept in a cache."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from overgang.web.accounts.sessions import LOGGED_IN_AT
from overgang.web.audit.models import Action, AuditEntry
from tests.web.users import FAST_HASHERS, PASSWORD, make_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return make_users()


def _session_key(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def test_logging_in_gives_a_new_session_key_and_the_old_one_is_worthless(users):
    client = Client()
    # A visitor's session before login: what an attacker could have planted (fixation).
    visit = client.session
    visit["visited"] = True
    visit.save()
    before = _session_key(client)
    assert Session.objects.filter(session_key=before).exists()
    response = client.post(reverse("pages:login"), {"username": "revisor", "password": PASSWORD})
    assert response.status_code == 302
    after = _session_key(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    # The pre-login key does not open the logged-in session.
    planted = Client()
    planted.cookies[django_settings.SESSION_COOKIE_NAME] = before
    assert planted.get(reverse("pages:audit")).status_code == 302


def test_logging_in_through_the_api_makes_no_session(users):
    from rest_framework.test import APIClient

    client = APIClient()
    client.post("/api/v1/auth/token/", {"username": "revisor", "password": PASSWORD}, format="json")
    assert django_settings.SESSION_COOKIE_NAME not in client.cookies


def test_logging_out_ends_the_session_on_the_server(users):
    client = Client()
    client.post(reverse("pages:login"), {"username": "revisor", "password": PASSWORD})
    key = _session_key(client)
    assert client.post(reverse("pages:logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = key
    assert replay.get(reverse("pages:audit")).status_code == 302


def test_the_session_cookie_is_http_only_and_same_site(users):
    client = Client()
    client.post(reverse("pages:login"), {"username": "revisor", "password": PASSWORD})
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # ends with the browser (SESSION_EXPIRE_AT_BROWSER_CLOSE)


def test_production_cookies_are_secure_host_only_and_http_only(tmp_path):
    show = (
        "import json; from django.conf import settings as s; print(json.dumps({name: getattr(s, name)"
        " for name in ('SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        " 'SESSION_COOKIE_NAME', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_NAME', 'SECURE_HSTS_SECONDS',"
        " 'SECURE_SSL_REDIRECT', 'DEBUG')}))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "overgang.web.settings_production",
        "OVERGANG_ALLOWED_HOSTS": "overgang.kommune.dk",
        "OVERGANG_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_SSL_REDIRECT": True,
        "DEBUG": False,
    }


def test_pages_and_api_answers_are_not_kept_in_any_cache(users):
    client = Client()
    client.force_login(users["revisor"])
    for response in (
        client.get(reverse("pages:audit")),
        client.get("/api/v1/schema/"),
        Client().get(reverse("pages:login")),
    ):
        assert "no-store" in response["Cache-Control"]


def test_a_busy_session_still_ends_its_absolute_lifetime_after_login(users, settings):
    client = Client()
    client.post(reverse("pages:login"), {"username": "revisor", "password": PASSWORD})
    assert client.get(reverse("pages:audit")).status_code == 200
    session = client.session
    began = datetime.fromisoformat(session[LOGGED_IN_AT])
    session[LOGGED_IN_AT] = (
        began - settings.SESSION_ABSOLUTE_LIFETIME - timedelta(minutes=1)
    ).isoformat()
    session.save()
    response = client.get(reverse("pages:audit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("pages:login"))
    assert AuditEntry.objects.filter(action=Action.LOGOUT, username="revisor").exists()


def test_a_deactivated_user_loses_their_session_and_their_token_at_once(users):
    from rest_framework.test import APIClient

    from overgang.web.accounts.services import issue_token

    browser = Client()
    browser.post(reverse("pages:login"), {"username": "projektleder", "password": PASSWORD})
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user=users['projektleder']).key}")
    assert browser.get(reverse("pages:dashboard")).status_code == 200
    assert api.get("/api/v1/plans/").status_code == 200
    users["projektleder"].is_active = False
    users["projektleder"].save()
    assert browser.get(reverse("pages:dashboard")).status_code == 302
    assert api.get("/api/v1/plans/").status_code == 401


def test_an_operator_ends_every_session_of_a_user(users):
    from typer.testing import CliRunner

    from overgang.cli.main import app

    laptop, phone, other = Client(), Client(), Client()
    for client, name in ((laptop, "med"), (phone, "med"), (other, "revisor")):
        client.post(reverse("pages:login"), {"username": name, "password": PASSWORD})
    result = CliRunner().invoke(app, ["user", "logout", "med", "--by", "drift"])
    assert result.exit_code == 0, result.output
    assert "2" in result.output
    assert laptop.get(reverse("pages:dashboard")).status_code == 302
    assert phone.get(reverse("pages:dashboard")).status_code == 302
    assert other.get(reverse("pages:audit")).status_code == 200
    (entry,) = AuditEntry.objects.filter(object_type="sessions.session")
    assert (entry.username, entry.object_id, entry.detail["sessions"]) == ("cli:drift", "med", 2)


def test_trace_is_refused_everywhere(users):
    client = Client()
    client.force_login(users["revisor"])
    for path in (reverse("pages:audit"), reverse("pages:dashboard"), "/api/v1/plans/"):
        response = client.generic("TRACE", path)
        assert response.status_code == 405
        assert b"sessionid" not in response.content
