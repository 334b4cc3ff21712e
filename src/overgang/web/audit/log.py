"""Write to the audit log: `record` for one object, `record_list` for a page or download of many.

The scoping layer and the views call these for every read and write of personal
data. An entry is written in its own small transaction on the head row, so the
chain stays one line even with several writers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from overgang.web.audit.chain import entry_hash
from overgang.web.audit.context import current_request
from overgang.web.audit.models import Action, AuditEntry, AuditHead


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


def municipality_of(obj: models.Model | None) -> int | None:
    """The municipality the object's personal data belongs to, as its code."""
    if obj is None:
        return None
    label = obj._meta.label_lower
    if label == "dataset.case":
        return obj.acting_municipality.code  # type: ignore[attr-defined]
    if label == "dataset.citizen":
        return obj.municipality.code  # type: ignore[attr-defined]
    if label in ("planning.casedecision", "planning.employeedecision"):
        return obj.municipality  # type: ignore[attr-defined]
    if label in ("process.handovermeeting", "process.decisionnotification"):
        return obj.decision.municipality  # type: ignore[attr-defined]
    if label == "dataset.interview":
        return _employee_municipality(obj.employee.ext_id)  # type: ignore[attr-defined]
    if label == "dataset.employee":
        return _employee_municipality(obj.ext_id)  # type: ignore[attr-defined]
    code = getattr(obj, "municipality_code", None)
    return code if isinstance(code, int) else None


def _employee_municipality(employee_id: str) -> int | None:
    from overgang.web.access import current_plan, host_code
    from overgang.web.planning.models import EmployeeDecision

    decided = (
        EmployeeDecision.objects.filter(plan=current_plan(), employee_id=employee_id)
        .values_list("municipality", flat=True)
        .first()
    )
    return decided if decided is not None else host_code()


def _object_id(obj: models.Model) -> str:
    ext = getattr(obj, "ext_id", None)
    for name in ("case_id", "employee_id"):
        ext = ext or getattr(obj, name, None)
    return str(ext) if ext else str(obj.pk)


@transaction.atomic
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
    """Append one entry to the chain."""
    AuditHead.objects.get_or_create(pk=1)
    # Taking the head's row lock first makes writers wait for each other (SQLite: the write lock).
    AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1)
    head = AuditHead.objects.select_for_update().get(pk=1)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    fields: dict[str, Any] = {
        "seq": head.seq,
        "at": timezone.now(),
        "user_id_value": user.pk if authenticated else None,
        "username": user.get_username() if authenticated else "",
        "action": str(action),
        "object_type": object_type,
        "object_id": object_id[:100],
        "municipality": municipality,
        "remote_addr": address,
        "detail": detail or {},
    }
    digest = entry_hash(head.hash, fields)
    entry = AuditEntry.objects.create(prev_hash=head.hash, hash=digest, **fields)
    AuditHead.objects.filter(pk=1).update(hash=digest)
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
    return write_entry(
        user=user,
        address=address,
        action=action,
        object_type=object_type,
        object_id=object_id,
        municipality=municipality,
        detail=detail,
    )


class _Municipalities:
    """The municipality of many objects with a few queries instead of one or two per object."""

    def __init__(self) -> None:
        from overgang.web.dataset.models import Municipality

        self.codes = dict(Municipality.objects.values_list("pk", "code"))
        self._employees: dict[str, int] | None = None

    def employees(self) -> dict[str, int]:
        if self._employees is None:
            from overgang.web.access import current_plan
            from overgang.web.planning.models import EmployeeDecision

            self._employees = dict(
                EmployeeDecision.objects.filter(plan=current_plan()).values_list(
                    "employee_id", "municipality"
                )
            )
        return self._employees

    def of(self, obj: models.Model) -> int | None:
        label = obj._meta.label_lower
        if label == "dataset.case":
            return self.codes.get(obj.acting_municipality_id)  # type: ignore[attr-defined]
        if label == "dataset.citizen":
            return self.codes.get(obj.municipality_id)  # type: ignore[attr-defined]
        if label in ("dataset.employee", "dataset.interview"):
            from overgang.web.access import host_code

            ext = obj.ext_id if label == "dataset.employee" else obj.employee.ext_id  # type: ignore[attr-defined]
            found = self.employees().get(ext)
            return found if found is not None else host_code()
        return municipality_of(obj)


def record_list(
    request_or_user: Any,
    objects: Iterable[models.Model],
    *,
    action: str = Action.LIST,
    detail: dict[str, Any] | None = None,
) -> list[AuditEntry]:
    """Log a read of many objects (a list page, a download): one entry per municipality, naming every id."""
    user, address = _who(request_or_user)
    groups: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    resolver = _Municipalities()
    for obj in objects:
        groups[(obj._meta.label_lower, resolver.of(obj))].append(_object_id(obj))
    entries = []
    for (object_type, municipality), ids in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1] or 0)
    ):
        entries.append(
            write_entry(
                user=user,
                address=address,
                action=action,
                object_type=object_type,
                object_id=f"{len(ids)}",
                municipality=municipality,
                detail={**(detail or {}), "ids": ids},
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
