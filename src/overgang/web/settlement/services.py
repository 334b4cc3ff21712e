"""Use cases of the settlement register (delingsaftale): add, change, remove an item, apply a
proposed key, and store a workbook's sheet `deling`.

Each is keyword-only, takes the acting user or system actor as `by`, validates, writes
in one transaction and records its audit entry in that transaction. Pages and the
command line call these and write nothing themselves. A change or removal names the
version it was made from and is refused (StaleEdit) when someone saved in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.core.settlement import PROPOSED_KEYS, rounded
from overgang.io.settlement import SettlementRow
from overgang.io.write import write_settlement
from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.process.concurrency import StaleEdit, differences, save_versioned
from overgang.web.settlement.models import Category, SettlementItem, SplitKey, SplitKind, Status
from overgang.web.settlement.selectors import current_keys, municipality_names

OBJECT_TYPE = "settlement.settlementitem"


class SettlementError(ValueError):
    """An item that cannot be stored as given; `field` names the field the message is about."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ItemFields:
    """What an item holds, as entered on a page, the command line or a workbook's row.

    `shares` (municipality code -> share) is needed where the key is agreed by hand
    (`aftalt`); with a key Overgang proposes, blank shares are taken from the data.
    """

    category: str
    description: str
    value: Decimal | None = None
    owner_code: int | None = None
    split_kind: str = SplitKind.KEY
    split_to: int | None = None
    split_key: str = ""
    shares: Mapping[int, Decimal] = field(default_factory=dict)
    status: str = Status.PROPOSAL
    due_on: date | None = None
    responsible: str = ""
    note: str = ""


def _known(code: int | None, names: Mapping[int, str], name: str) -> None:
    if code is not None and code not in names:
        raise SettlementError(
            _("no municipality has the code %(code)s; expected one of %(codes)s")
            % {"code": code, "codes": ", ".join(str(c) for c in names)},
            name,
        )


def _shares_text(shares: Mapping[int, Decimal | Fraction]) -> dict[str, str]:
    return {str(code): format(Decimal(str(share)), "f") for code, share in sorted(shares.items())}


def _proposed_shares(key: str) -> dict[str, str]:
    """The shares of a key Overgang proposes, from the data as they are now, to four places."""
    proposed = current_keys().get(key)
    if proposed is None:
        raise SettlementError(
            _("the key %(key)s cannot be computed: the data set has nothing to share by it")
            % {"key": key},
            "split_key",
        )
    return _shares_text(rounded(dict(proposed.shares)))


def _cleaned(fields: ItemFields) -> dict[str, Any]:
    """The model's values of the fields, or SettlementError naming the first field that is wrong."""
    names = municipality_names()
    if fields.category not in Category.values:
        raise SettlementError(_("unknown category"), "category")
    if not fields.description.strip():
        raise SettlementError(_("an item needs a description"), "description")
    if fields.split_kind not in SplitKind.values:
        raise SettlementError(_("unknown kind of split"), "split_kind")
    if fields.status not in Status.values:
        raise SettlementError(_("unknown status"), "status")
    _known(fields.owner_code, names, "owner_code")
    values: dict[str, Any] = {
        "category": fields.category,
        "description": fields.description.strip(),
        "value": fields.value,
        "owner_code": fields.owner_code,
        "split_kind": fields.split_kind,
        "split_to": None,
        "split_key": "",
        "shares": {},
        "status": fields.status,
        "due_on": fields.due_on,
        "responsible": fields.responsible.strip(),
        "note": fields.note.strip(),
    }
    if fields.split_kind == SplitKind.ONE:
        if fields.split_to is None:
            raise SettlementError(_("name the municipality the item goes to"), "split_to")
        _known(fields.split_to, names, "split_to")
        values["split_to"] = fields.split_to
    elif fields.split_kind == SplitKind.KEY:
        values["split_key"], values["shares"] = _key_and_shares(fields, names)
    return values


def _key_and_shares(fields: ItemFields, names: Mapping[int, str]) -> tuple[str, dict[str, str]]:
    if fields.split_key not in SplitKey.values:
        raise SettlementError(_("choose the key the item is shared by"), "split_key")
    if not fields.shares:
        if fields.split_key == SplitKey.AGREED:
            raise SettlementError(
                _("shares agreed by hand need each municipality's share"), "shares"
            )
        return fields.split_key, _proposed_shares(fields.split_key)
    for code, share in fields.shares.items():
        _known(code, names, "shares")
        if not Decimal(0) <= share <= Decimal(1):
            raise SettlementError(_("a share lies between 0 and 1"), "shares")
    total = sum(fields.shares.values(), Decimal(0))
    if total != 1:
        raise SettlementError(
            _("the shares add up to %(total)s; expected exactly 1") % {"total": total}, "shares"
        )
    return fields.split_key, _shares_text(fields.shares)


def next_item_id() -> str:
    """An id for a new item: D001, D002, ... after the highest such id in use."""
    numbers = [
        int(ext[1:])
        for ext in SettlementItem.objects.filter(ext_id__startswith="D").values_list(
            "ext_id", flat=True
        )
        if ext[1:].isdigit()
    ]
    return f"D{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def add_item(*, fields: ItemFields, ext_id: str = "", by: Actor) -> SettlementItem:
    """Add an item to the register (its id given, or the next D-number)."""
    ext_id = ext_id.strip() or next_item_id()
    if len(ext_id) > 50:
        raise SettlementError(_("an item id has at most 50 characters"), "ext_id")
    if SettlementItem.objects.filter(ext_id=ext_id).exists():
        raise SettlementError(_("an item with the id %(id)s exists") % {"id": ext_id}, "ext_id")
    item = SettlementItem.objects.create(ext_id=ext_id, updated_by=user_of(by), **_cleaned(fields))
    record(by, Action.CREATE, item, object_type=OBJECT_TYPE, object_id=item.ext_id)
    return item


@transaction.atomic
def change_item(
    *, item: SettlementItem, version: int, fields: ItemFields, by: Actor
) -> SettlementItem:
    """Change an item unless someone else changed it since `version` (StaleEdit)."""
    changes = {**_cleaned(fields), "updated_by": user_of(by)}
    saved = save_versioned(item, version, changes)
    record(
        by,
        Action.UPDATE,
        saved,
        object_type=OBJECT_TYPE,
        object_id=saved.ext_id,
        detail={"fields": sorted(changes)},
    )
    return saved


@transaction.atomic
def remove_item(*, item: SettlementItem, version: int, by: Actor) -> None:
    """Remove an item from the register unless someone changed it since `version` (StaleEdit)."""
    deleted, _count = SettlementItem.objects.filter(pk=item.pk, version=version).delete()
    if not deleted:
        current = SettlementItem.objects.filter(pk=item.pk).first()
        if current is None:
            raise SettlementError(_("the item has been removed already"), "ext_id")
        raise StaleEdit(current, differences(current, {"version": version}))
    record(
        by,
        Action.DELETE,
        object_type=OBJECT_TYPE,
        object_id=item.ext_id,
        detail={"description": item.description[:200]},
    )


@transaction.atomic
def apply_key(*, item: SettlementItem, version: int, key: str, by: Actor) -> SettlementItem:
    """Share the item by a key Overgang proposes, with the shares of the data as they are now,
    unless someone else changed it since `version` (StaleEdit)."""
    if key not in PROPOSED_KEYS:
        raise SettlementError(
            _("Overgang proposes no key named %(key)s") % {"key": key}, "split_key"
        )
    shares = _proposed_shares(key)
    changes = {
        "split_kind": SplitKind.KEY,
        "split_to": None,
        "split_key": key,
        "shares": shares,
        "updated_by": user_of(by),
    }
    saved = save_versioned(item, version, changes)
    record(
        by,
        Action.UPDATE,
        saved,
        object_type=OBJECT_TYPE,
        object_id=saved.ext_id,
        detail={"key": key, "shares": shares},
    )
    return saved


class SettlementRowError(SettlementError):
    """A row of the workbook's sheet `deling` that cannot be stored; `row` is its number."""

    def __init__(self, message: str, field: str, row: int) -> None:
        super().__init__(message, field)
        self.row = row


def fields_of(item: SettlementItem) -> ItemFields:
    """The fields an item holds now, as they would be entered."""
    return ItemFields(
        category=item.category,
        description=item.description,
        value=item.value,
        owner_code=item.owner_code,
        split_kind=item.split_kind,
        split_to=item.split_to,
        split_key=item.split_key,
        shares={int(code): Decimal(share) for code, share in (item.shares or {}).items()},
        status=item.status,
        due_on=item.due_on,
        responsible=item.responsible,
        note=item.note,
    )


def fields_of_row(row: SettlementRow) -> ItemFields:
    """The fields of a row of the workbook's sheet `deling`."""
    return ItemFields(
        category=row.category,
        description=row.description,
        value=row.value,
        owner_code=row.owner_code,
        split_kind=row.split_kind,
        split_to=row.split_to,
        split_key=row.split_key,
        shares=row.shares,
        status=row.status,
        due_on=row.due_on,
        responsible=row.responsible,
        note=row.note,
    )


def row_of(item: SettlementItem) -> SettlementRow:
    """The row of the workbook's sheet `deling` that holds the item."""
    fields = fields_of(item)
    return SettlementRow(
        ext_id=item.ext_id,
        category=fields.category,
        description=fields.description,
        value=fields.value,
        owner_code=fields.owner_code,
        split_kind=fields.split_kind,
        split_to=fields.split_to,
        split_key=fields.split_key,
        shares=dict(fields.shares),
        status=fields.status,
        due_on=fields.due_on,
        responsible=fields.responsible,
        note=fields.note,
    )


def import_items(rows: Iterable[SettlementRow], *, by: Actor) -> list[SettlementItem]:
    """Store the items of a workbook's sheet `deling`: each row adds the item or changes the one
    with its id; an item the same as the row is left as it is, so importing an export again
    changes nothing. Items the sheet does not name stay.

    Run inside the import's transaction. Returns the items stored; raises SettlementRowError,
    naming the row, for one that cannot be.
    """
    stored = []
    for row in rows:
        try:
            item = SettlementItem.objects.filter(ext_id=row.ext_id).first()
            if item is None:
                stored.append(add_item(fields=fields_of_row(row), ext_id=row.ext_id, by=by))
                continue
            wanted = _cleaned(fields_of_row(row))
            if all(getattr(item, name) == value for name, value in wanted.items()):
                continue
            stored.append(
                change_item(item=item, version=item.version, fields=fields_of_row(row), by=by)
            )
        except SettlementError as refused:
            raise SettlementRowError(str(refused), refused.field, row.row) from refused
    return stored


def export_register(path: Path, *, by: Actor) -> int:
    """Write every item as the workbook's sheet `deling` (.xlsx, or a folder with deling.csv),
    log the export, and return how many items it holds."""
    rows = [row_of(item) for item in SettlementItem.objects.order_by("ext_id")]
    write_settlement(rows, path)
    record(
        by,
        Action.DOWNLOAD,
        object_type=OBJECT_TYPE,
        object_id=str(len(rows)),
        detail={"file": Path(path).name, "ids": [row.ext_id for row in rows]},
    )
    return len(rows)
