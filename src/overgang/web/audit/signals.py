"""Logins, failed logins and logouts go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from overgang.web.audit.log import write_entry
from overgang.web.audit.models import Action


def _address(request: Any) -> str:
    return (request.META.get("REMOTE_ADDR", "") or "")[:45] if request is not None else ""


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    write_entry(user=user, address=_address(request), action=Action.LOGIN)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        write_entry(user=user, address=_address(request), action=Action.LOGOUT)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    write_entry(
        user=None,
        address=_address(request),
        action=Action.LOGIN_FAILED,
        detail={"username": str(credentials.get("username", ""))[:150]},
    )
