"""The settlement register (delingsaftale): every item, the totals, and the keys Overgang
proposes beside each item; the leads add, change, remove items and apply a key.

The register holds no personal data: every lead sees every item, and committee members
read it (the council agrees the settlement). Writes go through settlement.services.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.core.settlement import ProposedKey, rounded, shares_from_text, split_amount
from overgang.web.access import can
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.permissions import requires
from overgang.web.pages.settlement_forms import ApplyKeyForm, SettlementItemForm
from overgang.web.process.concurrency import StaleEdit
from overgang.web.settlement import services
from overgang.web.settlement.models import Category, SettlementItem, SplitKey, SplitKind, Status
from overgang.web.settlement.selectors import current_keys, items, municipality_names, totals


@dataclass(frozen=True)
class Share:
    """One municipality's part of a split: its name, the share in per cent, the amount."""

    name: str
    percent: Decimal
    amount: Decimal | None


@dataclass(frozen=True)
class KeyShares:
    key: str
    label: str
    shares: list[Share]


@dataclass(frozen=True)
class Row:
    item: SettlementItem
    owner: str
    split: str
    shares: list[Share]
    proposed: list[KeyShares]


def _shares(
    shares: dict[int, Fraction], value: Decimal | None, names: dict[int, str]
) -> list[Share]:
    percent = rounded(shares)
    amounts = split_amount(value, shares) if value is not None else {}
    return [
        Share(names.get(code, str(code)), percent[code] * 100, amounts.get(code))
        for code in sorted(shares)
    ]


def _proposed(
    keys: dict[str, ProposedKey], value: Decimal | None, names: dict[int, str]
) -> list[KeyShares]:
    labels = dict(SplitKey.choices)
    return [
        KeyShares(name, str(labels[name]), _shares(dict(key.shares), value, names))
        for name, key in keys.items()
    ]


def _split_text(item: SettlementItem, names: dict[int, str]) -> str:
    if item.split_kind == SplitKind.ONE and item.split_to is not None:
        return _("To %(municipality)s") % {
            "municipality": names.get(item.split_to, str(item.split_to))
        }
    if item.split_kind == SplitKind.KEY:
        return str(dict(SplitKey.choices).get(item.split_key, item.split_key))
    return str(SplitKind(item.split_kind).label)


def _rows(keys: dict[str, ProposedKey], names: dict[int, str]) -> list[Row]:
    rows = []
    for item in items():
        stored = shares_from_text(item.shares) if item.split_kind == SplitKind.KEY else {}
        rows.append(
            Row(
                item,
                names.get(item.owner_code, "") if item.owner_code is not None else "",
                _split_text(item, names),
                _shares(stored, item.value, names) if stored else [],
                _proposed(keys, item.value, names),
            )
        )
    return rows


def _initial(item: SettlementItem) -> dict[str, Any]:
    shares = "; ".join(f"{code}: {share}" for code, share in sorted(item.shares.items()))
    return {
        "category": item.category,
        "description": item.description,
        "value": item.value,
        "owner_code": item.owner_code,
        "split_kind": item.split_kind,
        "split_to": item.split_to,
        "split_key": item.split_key,
        "shares": shares if item.split_key == SplitKey.AGREED else "",
        "status": item.status,
        "due_on": item.due_on,
        "responsible": item.responsible,
        "note": item.note,
        "version": item.version,
    }


def _refused(form: SettlementItemForm, refused: services.SettlementError) -> None:
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, str(refused))


@requires("view_settlement")
def settlement(request: HttpRequest) -> HttpResponse:
    """The register, its totals and the proposed keys; a lead may add an item here."""
    may_manage = can(request.user, "manage_settlement")
    form = SettlementItemForm(initial={"split_kind": SplitKind.KEY, "split_key": "sager"})
    if request.method == "POST":
        if not may_manage:
            return redirect("pages:settlement")
        form = SettlementItemForm(request.POST)
        if form.is_valid():
            try:
                item = services.add_item(fields=form.item_fields(), by=request.user)
            except services.SettlementError as refused:
                _refused(form, refused)
            else:
                messages.success(
                    request, _("The item %(id)s has been added.") % {"id": item.ext_id}
                )
                return redirect("pages:settlement")
    names = municipality_names()
    keys = current_keys()
    found = totals()
    return render(
        request,
        "pages/settlement.html",
        {
            "rows": _rows(keys, names),
            "keys": _proposed(keys, None, names),
            "by_status": [(label, found.by_status[value]) for value, label in Status.choices],
            "by_category": [
                (label, found.by_category[value])
                for value, label in Category.choices
                if value in found.by_category
            ],
            "all": found.all,
            "form": form if may_manage else None,
            "may_manage": may_manage,
        },
    )


@requires("manage_settlement")
def settlement_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an item, with the keys Overgang proposes beside it."""
    item = get_object_or_404(SettlementItem, pk=pk)
    form = SettlementItemForm(initial=_initial(item))
    conflict = None
    if request.method == "POST":
        form = SettlementItemForm(request.POST)
        if form.is_valid():
            try:
                services.change_item(
                    item=item,
                    version=int(form.cleaned_data.get("version") or 0),
                    fields=form.item_fields(),
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale, {name: str(field.label) for name, field in form.fields.items()}
                )
                # What they typed stays, on the stored version: saving again overwrites.
                form = SettlementItemForm(
                    {**request.POST.dict(), "version": stale.current.version}  # type: ignore[attr-defined]
                )
            except services.SettlementError as refused:
                _refused(form, refused)
            else:
                messages.success(
                    request, _("The item %(id)s has been saved.") % {"id": item.ext_id}
                )
                return redirect("pages:settlement")
    names = municipality_names()
    return render(
        request,
        "pages/settlement_item.html",
        {
            "item": item,
            "form": form,
            "conflict": conflict,
            "proposed": _proposed(current_keys(), item.value, names),
            "key_form": ApplyKeyForm(initial={"version": item.version}),
        },
    )


@require_POST
@requires("manage_settlement")
def settlement_apply_key(request: HttpRequest, pk: int) -> HttpResponse:
    """Share the item by the proposed key chosen, with the shares of the data as they are now."""
    item = get_object_or_404(SettlementItem, pk=pk)
    form = ApplyKeyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the proposed keys."))
        return redirect("pages:settlement")
    try:
        services.apply_key(
            item=item,
            version=form.cleaned_data["version"],
            key=form.cleaned_data["key"],
            by=request.user,
        )
    except StaleEdit:
        messages.error(
            request,
            _("Someone else changed the item %(id)s meanwhile; look at it again and retry.")
            % {"id": item.ext_id},
        )
    except services.SettlementError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The item %(id)s is now shared by: %(key)s.")
            % {"id": item.ext_id, "key": dict(SplitKey.choices)[form.cleaned_data["key"]]},
        )
    return redirect("pages:settlement")


@require_POST
@requires("manage_settlement")
def settlement_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an item from the register, unless someone changed it since the page was shown."""
    item = get_object_or_404(SettlementItem, pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        services.remove_item(item=item, version=version, by=request.user)
    except (StaleEdit, services.SettlementError):
        messages.error(
            request,
            _("Someone else changed the item %(id)s meanwhile; look at it again and retry.")
            % {"id": item.ext_id},
        )
        return redirect("pages:settlement-item", pk=item.pk)
    messages.success(request, _("The item %(id)s has been removed.") % {"id": item.ext_id})
    return redirect("pages:settlement")
