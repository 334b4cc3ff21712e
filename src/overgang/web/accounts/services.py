"""Use cases on user accounts: users and their roles, API tokens, passwords, lockouts.
Each audits itself.

Pages, the API and the command line call these; none of them writes a token, a password
or a lockout record itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.models import Token

from overgang.web.accounts.models import Profile, Role
from overgang.web.accounts.tokens import expires_at, has_expired
from overgang.web.audit.actors import Actor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Municipality
from overgang.web.process.models import Body


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


# --- users, their roles and scopes (the page "Brugere", `overgang user`) ---------------


class AccountError(ValueError):
    """An account that cannot be made or changed as asked; the message says why, for the user."""


@dataclass(frozen=True)
class Scope:
    """Where a role applies: what each role needs is checked by `check_scope`."""

    municipality_code: int | None = None
    team: str = ""
    employee_id: str = ""
    body: Body | None = None


def check_scope(role: str, scope: Scope) -> Scope:
    """Return the scope the role keeps (what it does not use left out), or refuse it, saying why.

    A municipal lead needs a municipality; a team leader a municipality and a team (the
    unit they lead); a caseworker a municipality and their own employee id; a committee
    member may sit on a body (without one they see aggregates and no consultation). The
    transition lead and the auditor are tied to nothing.
    """
    if role not in Role.values:
        raise AccountError(_("The role is one of: %(roles)s.") % {"roles": ", ".join(Role.values)})
    code = scope.municipality_code
    if code is not None and not Municipality.objects.filter(code=code).exists():
        raise AccountError(_("No municipality has the code %(code)s.") % {"code": code})
    needs = {
        Role.MUNICIPAL_LEAD: ("municipality",),
        Role.TEAM_LEADER: ("municipality", "team"),
        Role.CASEWORKER: ("municipality", "employee_id"),
    }.get(Role(role), ())
    given = {
        "municipality": code is not None,
        "team": bool(scope.team.strip()),
        "employee_id": bool(scope.employee_id.strip()),
    }
    missing = [str(SCOPE_LABELS[name]) for name in needs if not given[name]]
    if missing:
        raise AccountError(
            _("The role %(role)s needs: %(missing)s.")
            % {"role": Role(role).label, "missing": ", ".join(missing)}
        )
    return Scope(
        municipality_code=code if role != Role.TRANSITION_LEAD and role != Role.AUDITOR else None,
        team=scope.team.strip() if role == Role.TEAM_LEADER else "",
        employee_id=scope.employee_id.strip()
        if role in (Role.TEAM_LEADER, Role.CASEWORKER)
        else "",
        body=scope.body if role == Role.COMMITTEE else None,
    )


SCOPE_LABELS = {
    "municipality": gettext_lazy("a municipality"),
    "team": gettext_lazy("a team (the unit led)"),
    "employee_id": gettext_lazy("the employee id"),
}


def _scope_detail(role: str, scope: Scope) -> dict[str, Any]:
    return {
        "role": role,
        "municipality": scope.municipality_code,
        "team": scope.team,
        "employee_id": scope.employee_id,
        "body": scope.body.name if scope.body else None,
    }


@transaction.atomic
def create_user(
    *, username: str, role: str, scope: Scope = Scope(), password: str | None = None, by: Actor
) -> Any:
    """Create a user with a role and its scope; return the user.

    The password must pass every one of AUTH_PASSWORD_VALIDATORS (ValidationError
    otherwise); without one the user cannot log in with a password until one is set
    (`overgang user password`), as for a user who logs in through SSO.
    """
    username = username.strip()
    user_model = get_user_model()
    if not username:
        raise AccountError(_("A user needs a user name."))
    if user_model.objects.filter(username__iexact=username).exists():
        raise AccountError(_("A user is already named %(name)s.") % {"name": username})
    scope = check_scope(role, scope)
    user = user_model(username=username)
    if password is None:
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    user.save()
    Profile.objects.create(
        user=user,
        role=role,
        municipality_code=scope.municipality_code,
        team=scope.team,
        employee_id=scope.employee_id,
        body=scope.body,
    )
    record(
        by,
        Action.CREATE,
        object_type="auth.user",
        object_id=username,
        municipality=scope.municipality_code,
        detail={**_scope_detail(role, scope), "password": password is not None},
    )
    return user


def _last_lead_left(user: Any) -> bool:
    """Whether the user is the only active transition lead (who alone manages the others)."""
    leads = Profile.objects.filter(role=Role.TRANSITION_LEAD, user__is_active=True)
    return leads.filter(user=user).exists() and leads.count() == 1


@transaction.atomic
def change_role(*, user: Any, role: str, scope: Scope, by: Actor) -> Profile:
    """Give the user a role and its scope (a user without a profile gets one); return it."""
    scope = check_scope(role, scope)
    if role != Role.TRANSITION_LEAD and _last_lead_left(user):
        raise AccountError(
            _("%(name)s is the only transition lead; make someone else transition lead first.")
            % {"name": user.get_username()}
        )
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "role": role,
            "municipality_code": scope.municipality_code,
            "team": scope.team,
            "employee_id": scope.employee_id,
            "body": scope.body,
        },
    )
    record(
        by,
        Action.UPDATE,
        object_type="auth.user",
        object_id=user.get_username(),
        municipality=scope.municipality_code,
        detail=_scope_detail(role, scope),
    )
    return profile


@transaction.atomic
def set_active(*, user: Any, active: bool, by: Actor) -> None:
    """Deactivate a user (they can no longer log in; their sessions end, their API token is
    revoked) or activate them again. The account and its history stay."""
    if not active and _last_lead_left(user):
        raise AccountError(
            _("%(name)s is the only transition lead and cannot be deactivated.")
            % {"name": user.get_username()}
        )
    user.is_active = active
    user.save(update_fields=["is_active"])
    sessions = 0
    if not active:
        sessions = end_sessions(user=user, by=by)
    record(
        by,
        Action.UPDATE,
        object_type="auth.user",
        object_id=user.get_username(),
        detail={"active": active, "sessions_ended": sessions},
    )


@transaction.atomic
def set_body_membership(*, user: Any, body: Body | None, by: Actor) -> Profile:
    """Make a committee member a member of `body` (None: of no body); return their profile.

    A committee member sits on one body, whose consultations they see and answer; being
    added to another body moves them, and one removed from their body sees none.
    """
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.role != Role.COMMITTEE:
        raise AccountError(
            _("Only a committee member sits on a body; give %(name)s the committee role first.")
            % {"name": user.get_username()}
        )
    before = profile.body.name if profile.body else None
    profile.body = body
    profile.save(update_fields=["body"])
    record(
        by,
        Action.UPDATE,
        object_type="auth.user",
        object_id=user.get_username(),
        detail={"body": [before, body.name if body else None]},
    )
    return profile
