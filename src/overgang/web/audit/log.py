"""Write to the audit log: `record` for one object, `record_list` for a page or download of many.

Use cases call `record` for their writes, in their own transaction; reads through
the scoping layer arrive by its signals (`signals.py`); views call `record_list`
for downloads. A request's entries are appended to the chain together as it ends, in one
short transaction on the head row (`context.py`); an entry made inside a transaction (a
use case's) or outside a request is appended at once (`chain.append`), so the chain stays
one line even with several writers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import append
from overgang.web.audit.context import current_request, pending_entries
from overgang.web.audit.models import Action, AuditEntry
from overgang.web.scoping import citizens_of, municipalities_resolver, municipality_of


def _who(request_or_user: Any) -> tuple[Any, str]:
    """The user and their address; for a bare user, the address of the request being served."""
    if isinstance(request_or_user, HttpRequest):
        request = request_or_user
        user = getattr(request, "user", None)
        return user, _address(request)
    request = current_request.get()
    return request_or_user, _address(request) if request is not None else ""


def _address(request: HttpRequest) -> str:
    return (request.META.get("REMOTE_ADDR", "") or "")[:45]


def _object_id(obj: models.Model) -> str:
    """The id users know the object by: the source system's id, a decision's case or
    employee id, else the row's own key (never a related row's key, as an interview's
    `employee_id` would be)."""
    for name in ("ext_id", "case_id", "employee_id"):
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            return value
    return str(obj.pk)


def _with_citizens(detail: dict[str, Any] | None, objects: list[models.Model]) -> dict[str, Any]:
    """The detail with the ids of the citizens whose data the objects are (`citizens`), so
    that a citizen's request for insight finds every entry about them, also after their
    cases are gone (`overgang audit citizen`)."""
    citizens = citizens_of(objects)
    return {**(detail or {}), "citizens": citizens} if citizens else dict(detail or {})


def write_entry(
    *,
    user: Any,
    address: str,
    action: str,
    object_type: str = "",
    object_id: str = "",
    municipality: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """The entry for one access, appended to the chain: with the request's other entries as
    it ends, or at once inside a transaction (it stands or falls with it) or outside a request.
    """
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    named = authenticated or isinstance(user, SystemActor)
    entry = AuditEntry(
        at=timezone.now(),
        user_id_value=user.pk if authenticated else None,
        username=user.get_username() if named else "",
        action=str(action),
        object_type=object_type,
        object_id=object_id[:100],
        municipality=municipality,
        remote_addr=address,
        detail=detail or {},
    )
    pending = pending_entries.get()
    if pending is not None and pending.can_wait():
        pending.entries.append(entry)
    else:
        append([entry])
    return entry


def record(
    request_or_user: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    municipality: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Log one access: who (user and address, from the request when given), what, to which object."""
    user, address = _who(request_or_user)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or _object_id(obj)
        municipality = municipality if municipality is not None else municipality_of(obj)
        detail = _with_citizens(detail, [obj])
    return write_entry(
        user=user,
        address=address,
        action=action,
        object_type=object_type,
        object_id=object_id,
        municipality=municipality,
        detail=detail,
    )


def record_list(
    request_or_user: Any,
    objects: Iterable[models.Model],
    *,
    action: str = Action.LIST,
    detail: dict[str, Any] | None = None,
) -> list[AuditEntry]:
    """Log a read of many objects (a list page, a download): one entry per municipality, naming every id."""
    user, address = _who(request_or_user)
    groups: dict[tuple[str, int | None], list[models.Model]] = defaultdict(list)
    resolver = municipalities_resolver()
    for obj in objects:
        groups[(obj._meta.label_lower, resolver(obj))].append(obj)
    entries = []
    for (object_type, municipality), group in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1] or 0)
    ):
        ids = [_object_id(obj) for obj in group]
        entries.append(
            write_entry(
                user=user,
                address=address,
                action=action,
                object_type=object_type,
                object_id=f"{len(ids)}",
                municipality=municipality,
                detail=_with_citizens({**(detail or {}), "ids": ids}, group),
            )
        )
    return entries


def record_read(user: Any, model: type[models.Model], rows: list[Any]) -> None:
    """Log rows fetched through `Model.objects.for_user(user)`: one object read, or a list."""
    if not rows:
        return
    if isinstance(rows[0], models.Model):
        if len(rows) == 1:
            record(user, Action.VIEW, rows[0])
        else:
            record_list(user, rows)
        return
    # values() / values_list(): the rows are not objects; log the model and how many.
    user, address = _who(user)
    write_entry(
        user=user,
        address=address,
        action=Action.LIST,
        object_type=model._meta.label_lower,
        object_id=str(len(rows)),
        detail={"rows": len(rows)},
    )
