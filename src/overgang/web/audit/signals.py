"""Logins, failed logins, logouts and reads through the scoping layer go to the audit log.

Writes are recorded by the use cases that make them, in their own transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from overgang.web.audit.log import record, record_read, write_entry
from overgang.web.audit.models import Action
from overgang.web.scoping import lookup_refused, rows_read


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


# Reads through the scoping layer (`Model.objects.for_user(user)`): rows fetched, ids refused.
@receiver(rows_read)
def _rows_read(sender: Any, user: Any, model: Any, rows: list[Any], **kwargs: Any) -> None:
    record_read(user, model, rows)


@receiver(lookup_refused)
def _lookup_refused(
    sender: Any, user: Any, model: Any, lookup: dict[str, Any], **kwargs: Any
) -> None:
    record(
        user,
        Action.REFUSED,
        object_type=model._meta.label_lower,
        object_id=str(next(iter(lookup.values()))),
        detail={"lookup": {key: str(value)[:100] for key, value in lookup.items()}},
    )
