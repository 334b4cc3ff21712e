"""Logins, failed logins and logouts go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
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


# Writes of personal data made while serving a request: created, changed, deleted.
def _written(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from overgang.web.audit.context import current_request
    from overgang.web.audit.log import record

    request = current_request.get()
    if request is None or kwargs.get("raw"):
        return  # imports and the command line are recorded by their own batch records
    action = (
        Action.DELETE
        if kwargs.get("signal") is post_delete
        else (Action.CREATE if created else Action.UPDATE)
    )
    record(request, action, instance)


def connect_writes() -> None:
    """Log saves of personal data, and deletions of the process's own records.

    Rows of the data set are deleted only by an import, which replaces the data set as a
    whole and is recorded by its ImportBatch; a delete receiver on them would also stop
    Django's fast bulk delete and slow every import down.
    """
    from django.apps import apps

    for label in (
        "dataset.employee",
        "dataset.interview",
        "dataset.citizen",
        "dataset.case",
        "process.handovermeeting",
        "process.decisionnotification",
    ):
        model = apps.get_model(label)
        post_save.connect(_written, sender=model, dispatch_uid=f"audit-save-{label}")
    for label in ("process.handovermeeting", "process.decisionnotification"):
        model = apps.get_model(label)
        post_delete.connect(_written, sender=model, dispatch_uid=f"audit-delete-{label}")
