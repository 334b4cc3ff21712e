"""Security settings as a visitor and an operator meet them: passwords, sessions, CSRF,
headers, production settings that pass `check --deploy`, and the OpenID Connect switch."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.users import FAST_HASHERS, PASSWORD, make_users

pytestmark = pytest.mark.django_db


def _django(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests allow Django's ORM inside Playwright's event loop for this
    # process; a deployment never does, and `check --deploy` rightly refuses it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {**inherited, **env}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "overgang.web.settings_production",
    "OVERGANG_ALLOWED_HOSTS": "overgang.kommune.dk",
}


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = _django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        OVERGANG_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "OVERGANG_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        capture_output=True,
        text=True,
        env={**env, **PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "OVERGANG_SECRET_KEY" in result.stderr


def test_openid_connect_is_off_by_default_and_can_be_switched_on(tmp_path):
    show = "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS)"
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    off = _django("shell", "-c", show, DATABASE_URL=database)
    assert off.returncode == 0, off.stderr
    assert "OIDC" not in off.stdout
    provider = "https://login.microsoftonline.com/kommune/oauth2/v2.0"
    on = _django(
        "shell",
        "-c",
        show + "; from django.urls import reverse; print(reverse('oidc_authentication_init'))",
        DATABASE_URL=database,
        OVERGANG_OIDC="1",
        OIDC_RP_CLIENT_ID="overgang",
        OIDC_RP_CLIENT_SECRET="hemmelig",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{provider}/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{provider}/token",
        OIDC_OP_USER_ENDPOINT="https://graph.microsoft.com/oidc/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{provider}/keys",
    )
    assert on.returncode == 0, on.stderr
    assert "overgang.web.accounts.oidc.OvergangOIDCBackend" in on.stdout
    assert "/oidc/authenticate/" in on.stdout
    missing = _django("check", DATABASE_URL=database, OVERGANG_OIDC="1")
    assert missing.returncode != 0
    assert "OIDC_RP_CLIENT_ID" in missing.stderr


@pytest.mark.parametrize("weak", ["overgang1", "123456789012345", "password1234", "ishoej"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Blåbærgrød-med-fløde-2021")


def test_responses_carry_the_security_headers():
    response = Client().get(reverse("pages:login"))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_login_without_the_csrf_token_is_refused(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    make_users()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("pages:login"), {"username": "projektleder", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_30_minutes_without_a_request(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    make_users()
    client = Client()
    assert client.login(username="projektleder", password=PASSWORD)
    assert client.get(reverse("pages:dashboard")).status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)
    # Idle for 31 minutes: the session has expired and the visitor must log in again.
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("pages:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("pages:login"))
