"""overgang settlement list|add|change|apply-key|remove|export: the settlement register
(delingsaftale) on the command line. Each write goes through settlement.services, audited."""

from __future__ import annotations

import getpass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

settlement_app = typer.Typer(
    help=_("The settlement register (delingsaftale): everything that is not a person."),
    no_args_is_help=True,
)
app.add_typer(settlement_app, name="settlement")

BY_OPTION = typer.Option(
    getpass.getuser(), "--by", help=_("Who does it (recorded with the item and in the audit log).")
)
ITEM_ARGUMENT = typer.Argument(..., metavar="ID", help=_("The item's id, e.g. D001."))
VERSION_OPTION = typer.Option(
    None,
    "--version",
    help=_("The version you saw (from 'settlement list'); refused if the item changed since."),
)


def _refused(message: str) -> typer.Exit:
    err_console.print(message, markup=False)
    return typer.Exit(1)


def _municipality(text: str | None) -> int | None:
    """A municipality's code from its code or name; None for none."""
    from overgang.web.settlement.selectors import municipality_names

    if text is None or not text.strip():
        return None
    names = municipality_names()
    wanted = text.strip()
    if wanted.isdigit() and int(wanted) in names:
        return int(wanted)
    for code, name in names.items():
        if name.casefold() == wanted.casefold():
            return code
    raise _refused(
        _("No municipality is named %(name)s; expected one of %(names)s")
        % {"name": wanted, "names": ", ".join(f"{n} ({c})" for c, n in names.items())}
    )


def _decimal(text: str | None) -> Decimal | None:
    if text is None or not text.strip():
        return None
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise _refused(_("%(value)s is not an amount") % {"value": text}) from None


def _fields(current: Any, options: dict[str, Any]) -> Any:
    """The item's fields: the current ones (or the defaults), with the options given."""
    from overgang.io.settlement import parse_shares
    from overgang.web.settlement.services import ItemFields

    values = dict(current.__dict__) if current is not None else {}
    if options["to"] is not None:
        values.update(split_kind="en", split_to=_municipality(options["to"]), split_key="")
    elif options["disputed"]:
        values.update(split_kind="uenighed", split_to=None, split_key="")
    elif options["key"] is not None:
        values.update(split_kind="noegle", split_to=None, split_key=options["key"], shares={})
    if options["shares"] is not None:
        shares = parse_shares(options["shares"])
        if shares is None:
            raise _refused(_("Write the shares as code: share; e.g. 183: 0,6; 187: 0,4"))
        values.update(shares=shares)
    for name, option in (
        ("category", "category"),
        ("description", "description"),
        ("status", "status"),
        ("due_on", "due"),
        ("responsible", "responsible"),
        ("note", "note"),
    ):
        if options[option] is not None:
            values[name] = options[option]
    if options["value"] is not None:
        values["value"] = _decimal(options["value"])
    if options["owner"] is not None:
        values["owner_code"] = _municipality(options["owner"])
    if "category" not in values or "description" not in values:
        raise _refused(_("An item needs --category and --description."))
    return ItemFields(**values)


def _options(**options: Any) -> dict[str, Any]:
    due = options.get("due")
    if isinstance(due, str):
        try:
            options["due"] = date.fromisoformat(due)
        except ValueError:
            raise _refused(_("Write the deadline as YYYY-MM-DD.")) from None
    return options


CATEGORY = typer.Option(
    None, "--category", help=_("budget, udstyr, lejemaal, kontrakt, it, arkiv, pension or andet.")
)
DESCRIPTION = typer.Option(None, "--description", help=_("What the item is."))
VALUE = typer.Option(None, "--value", help=_("The value in DKK; an obligation is negative."))
OWNER = typer.Option(None, "--owner", help=_("Today's owner: a municipality's code or name."))
TO = typer.Option(None, "--to", help=_("The item goes to this municipality (code or name)."))
KEY = typer.Option(
    None, "--key", help=_("Shared by a key: sager, belastning, personale, borgere or aftalt.")
)
SHARES = typer.Option(None, "--shares", help=_("With --key aftalt: e.g. '183: 0,6; 187: 0,4'."))
DISPUTED = typer.Option(False, "--disputed", help=_("The split is disputed."))
STATUS = typer.Option(None, "--status", help=_("forslag, forhandlet, aftalt or uenighed."))
DUE = typer.Option(None, "--due", help=_("The deadline, YYYY-MM-DD."))
RESPONSIBLE = typer.Option(None, "--responsible", help=_("Who is responsible."))
NOTE = typer.Option(None, "--note", help=_("A note, e.g. the agreement's clause."))


@settlement_app.command("list", help=_("List the items, the totals by status and the keys."))
def list_command() -> None:
    ensure_database()
    from overgang.core.settlement import rounded
    from overgang.web.settlement.models import SettlementItem, SplitKey, Status
    from overgang.web.settlement.selectors import current_keys, municipality_names, totals

    names = municipality_names()
    table = Table(title=_("The settlement register"), title_justify="left")
    for column in (
        _("Id"), _("Version"), _("Category"), _("Description"), _("Value (DKK)"),
        _("Today's owner"), _("Proposed split"), _("Status"), _("Deadline"), _("Responsible"),
    ):  # fmt: skip
        table.add_column(column)
    keys = dict(SplitKey.choices)
    for item in SettlementItem.objects.order_by("category", "ext_id"):
        if item.split_kind == "en":
            split = _("to %(name)s") % {"name": names.get(item.split_to or 0, item.split_to)}
        elif item.split_kind == "noegle":
            shares = ", ".join(f"{code}: {share}" for code, share in sorted(item.shares.items()))
            split = f"{keys.get(item.split_key, item.split_key)} ({shares})"
        else:
            split = _("disputed")
        table.add_row(
            escape(item.ext_id),
            str(item.version),
            item.get_category_display(),
            escape(item.description),
            "" if item.value is None else f"{item.value:,.2f}",
            escape(names.get(item.owner_code or 0, "")),
            escape(split),
            item.get_status_display(),
            item.due_on.isoformat() if item.due_on else "",
            escape(item.responsible),
        )
    console.print(table)
    found = totals()
    summary = Table(title=_("Totals by status"), title_justify="left")
    for column in (_("Status"), _("Items"), _("Value (DKK)")):
        summary.add_column(column)
    for value, label in Status.choices:
        total = found.by_status[value]
        summary.add_row(str(label), str(total.count), f"{total.value:,.2f}")
    console.print(summary)
    proposed = Table(title=_("Keys proposed from the data"), title_justify="left")
    proposed.add_column(_("Key"))
    for name in names.values():
        proposed.add_column(escape(name))
    for name, key in current_keys().items():
        shares = rounded(dict(key.shares))
        proposed.add_row(str(keys[name]), *(f"{shares[code] * 100:.2f} %" for code in names))
    console.print(proposed)


@settlement_app.command("add", help=_("Add an item to the register."))
def add_command(
    category: str = CATEGORY,
    description: str = DESCRIPTION,
    value: str = VALUE,
    owner: str = OWNER,
    to: str = TO,
    key: str = KEY,
    shares: str = SHARES,
    disputed: bool = DISPUTED,
    status: str = STATUS,
    due: str = DUE,
    responsible: str = RESPONSIBLE,
    note: str = NOTE,
    item_id: str = typer.Option("", "--id", help=_("The item's id; by default the next D-number.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.settlement.services import SettlementError, add_item

    options = _options(
        category=category, description=description, value=value, owner=owner, to=to, key=key,
        shares=shares, disputed=disputed, status=status, due=due, responsible=responsible,
        note=note,
    )  # fmt: skip
    try:
        item = add_item(fields=_fields(None, options), ext_id=item_id, by=command_line_actor(by))
    except SettlementError as refused:
        raise _refused(str(refused)) from refused
    console.print(_("Added %(id)s.") % {"id": item.ext_id}, markup=False)


def _item(ext_id: str) -> Any:
    from overgang.web.settlement.models import SettlementItem

    item = SettlementItem.objects.filter(ext_id=ext_id).first()
    if item is None:
        raise _refused(_("No item has the id %(id)s.") % {"id": ext_id})
    return item


def _stale(item: Any) -> typer.Exit:
    return _refused(
        _("Someone else changed %(id)s meanwhile (now version %(version)s); look again and retry.")
        % {"id": item.ext_id, "version": type(item).objects.get(pk=item.pk).version}
    )


@settlement_app.command("change", help=_("Change an item: only the options given change."))
def change_command(
    item_id: str = ITEM_ARGUMENT,
    version: int = VERSION_OPTION,
    category: str = CATEGORY,
    description: str = DESCRIPTION,
    value: str = VALUE,
    owner: str = OWNER,
    to: str = TO,
    key: str = KEY,
    shares: str = SHARES,
    disputed: bool = DISPUTED,
    status: str = STATUS,
    due: str = DUE,
    responsible: str = RESPONSIBLE,
    note: str = NOTE,
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.process.concurrency import StaleEdit
    from overgang.web.settlement.services import SettlementError, change_item, fields_of

    item = _item(item_id)
    options = _options(
        category=category, description=description, value=value, owner=owner, to=to, key=key,
        shares=shares, disputed=disputed, status=status, due=due, responsible=responsible,
        note=note,
    )  # fmt: skip
    try:
        saved = change_item(
            item=item,
            version=item.version if version is None else version,
            fields=_fields(fields_of(item), options),
            by=command_line_actor(by),
        )
    except StaleEdit:
        raise _stale(item) from None
    except SettlementError as refused:
        raise _refused(str(refused)) from refused
    console.print(
        _("Saved %(id)s (version %(version)s).") % {"id": saved.ext_id, "version": saved.version}
    )


@settlement_app.command("apply-key", help=_("Share an item by a key proposed from the data."))
def apply_key_command(
    item_id: str = ITEM_ARGUMENT,
    key: str = typer.Argument(
        ..., metavar="KEY", help=_("sager, belastning, personale or borgere.")
    ),
    version: int = VERSION_OPTION,
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.process.concurrency import StaleEdit
    from overgang.web.settlement.services import SettlementError, apply_key

    item = _item(item_id)
    try:
        saved = apply_key(
            item=item,
            version=item.version if version is None else version,
            key=key,
            by=command_line_actor(by),
        )
    except StaleEdit:
        raise _stale(item) from None
    except SettlementError as refused:
        raise _refused(str(refused)) from refused
    shares = ", ".join(f"{code}: {share}" for code, share in sorted(saved.shares.items()))
    console.print(
        _("%(id)s is shared by %(key)s: %(shares)s.")
        % {"id": saved.ext_id, "key": key, "shares": shares},
        markup=False,
    )


@settlement_app.command("remove", help=_("Remove an item from the register."))
def remove_command(
    item_id: str = ITEM_ARGUMENT,
    version: int = VERSION_OPTION,
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.process.concurrency import StaleEdit
    from overgang.web.settlement.services import SettlementError, remove_item

    item = _item(item_id)
    try:
        remove_item(
            item=item,
            version=item.version if version is None else version,
            by=command_line_actor(by),
        )
    except StaleEdit:
        raise _stale(item) from None
    except SettlementError as refused:
        raise _refused(str(refused)) from refused
    console.print(_("Removed %(id)s.") % {"id": item.ext_id}, markup=False)


@settlement_app.command(
    "export",
    help=_("Write the register as the workbook's sheet deling (.xlsx, or a folder of CSV)."),
)
def export_command(
    path: Path = typer.Argument(..., metavar="FILE", help=_("An .xlsx file, or a folder.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.settlement.services import export_register

    count = export_register(path, by=command_line_actor(by))
    console.print(
        _("Wrote %(count)d items to %(path)s.") % {"count": count, "path": path}, markup=False
    )
