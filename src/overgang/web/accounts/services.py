"""Use cases on user accounts: API tokens, passwords, lockouts. Each audits itself.

Pages, the API and the command line call these; none of them writes a token, a password
or a lockout record itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from overgang.web.accounts.tokens import expires_at, has_expired
from overgang.web.audit.actors import Actor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action


@dataclass(frozen=True)
class IssuedToken:
    key: str
    expires: datetime
    new: bool


@transaction.atomic
def issue_token(*, user: Any) -> IssuedToken:
    """Return the user's API token, a new one when they have none or theirs has expired.

    The caller has checked the password: this is the API's login, and is logged as one.
    """
    token = Token.objects.select_for_update().filter(user=user).first()
    new = token is None or has_expired(token)
    if token is not None and new:
        token.delete()
    if new:
        token = Token.objects.create(user=user)
    assert token is not None
    issued = IssuedToken(key=token.key, expires=expires_at(token), new=new)
    record(
        user,
        Action.LOGIN,
        detail={
            "via": "api",
            "token": "issued" if new else "reused",
            "expires": issued.expires.isoformat(),
        },
    )
    return issued


def token_of(user: Any) -> Token | None:
    """Return the user's API token if they hold one that is still accepted."""
    token = Token.objects.filter(user=user).first()
    return None if token is None or has_expired(token) else token


@transaction.atomic
def revoke_token(*, user: Any, by: Actor) -> bool:
    """Revoke the user's API token at once; whether they had one (an expired one counts)."""
    deleted, _by_model = Token.objects.filter(user=user).delete()
    record(
        by,
        Action.DELETE,
        object_type="authtoken.token",
        object_id=user.get_username(),
        detail={"revoked": bool(deleted)},
    )
    return bool(deleted)


@transaction.atomic
def set_password(*, user: Any, password: str, by: Actor) -> None:
    """Give the user a new password that passes every one of AUTH_PASSWORD_VALIDATORS.

    Raises django.core.exceptions.ValidationError with the validators' messages otherwise.
    The user's other sessions end (their session hash changes) and their API token is revoked.
    """
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    deleted, _by_model = Token.objects.filter(user=user).delete()
    record(
        by,
        Action.UPDATE,
        object_type="auth.user",
        object_id=user.get_username(),
        detail={"changed": "password", "token_revoked": bool(deleted)},
    )


@transaction.atomic
def end_sessions(*, user: Any, by: Actor) -> int:
    """End every session of the user and revoke their API token; how many sessions ended.

    For a lost laptop or a colleague who leaves: the user must log in again everywhere.
    """
    now = timezone.now()
    ended = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=now).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=ended).delete()
    revoked, _by_model = Token.objects.filter(user=user).delete()
    record(
        by,
        Action.DELETE,
        object_type="sessions.session",
        object_id=user.get_username(),
        detail={"sessions": len(ended), "token_revoked": bool(revoked)},
    )
    return len(ended)


@transaction.atomic
def unlock_login(*, username: str, by: Actor) -> int:
    """Lift the lockout of a user name before its time is up; how many failures were forgotten."""
    forgotten = sum(
        AccessAttempt.objects.filter(username=username).values_list(
            "failures_since_start", flat=True
        )
    )
    AccessAttempt.objects.filter(username=username).delete()
    record(
        by,
        Action.UPDATE,
        object_type="login",
        object_id=username[:100],
        detail={"unlocked": True, "failures": forgotten},
    )
    return forgotten
