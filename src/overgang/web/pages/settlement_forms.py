"""The settlement register's forms: an item as entered, and the choice of a proposed key."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overgang.core.settlement import PROPOSED_KEYS
from overgang.io.settlement import parse_shares
from overgang.web.pages.forms import DateInput
from overgang.web.settlement.models import Category, SplitKey, SplitKind, Status
from overgang.web.settlement.selectors import municipality_names
from overgang.web.settlement.services import ItemFields


def _municipalities() -> list[tuple[str, str]]:
    return [
        ("", "–"),
        *((str(code), f"{name} ({code})") for code, name in municipality_names().items()),
    ]


def _code(value: str) -> int:
    return int(value)


class SettlementItemForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    description = forms.CharField(
        label=_("Description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    value = forms.DecimalField(
        label=_("Value (DKK)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_("Where the item has one; an obligation is negative."),
    )
    owner_code = forms.TypedChoiceField(
        label=_("Today's owner"), required=False, coerce=_code, empty_value=None
    )
    split_kind = forms.ChoiceField(label=_("Proposed split"), choices=SplitKind.choices)
    split_to = forms.TypedChoiceField(
        label=_("To municipality"),
        required=False,
        coerce=_code,
        empty_value=None,
        help_text=_("Where the item goes to one municipality."),
    )
    split_key = forms.ChoiceField(
        label=_("Key"),
        required=False,
        choices=[("", "–"), *SplitKey.choices],
        help_text=_("Where the item is shared: one of Overgang's keys, or shares agreed by hand."),
    )
    shares = forms.CharField(
        label=_("Shares agreed by hand"),
        required=False,
        max_length=200,
        help_text=_("Each municipality's code and share, adding up to 1, e.g. 183: 0,6; 187: 0,4."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    due_on = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    responsible = forms.CharField(label=_("Responsible"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _municipalities()
        self.fields["owner_code"].choices = choices  # type: ignore[attr-defined]
        self.fields["split_to"].choices = choices  # type: ignore[attr-defined]

    def clean_shares(self) -> dict[int, Any]:
        text = self.cleaned_data.get("shares", "").strip()
        if not text:
            return {}
        shares = parse_shares(text)
        if shares is None:
            raise forms.ValidationError(
                _("Write each municipality's code and share, e.g. 183: 0,6; 187: 0,4.")
            )
        return shares

    def item_fields(self) -> ItemFields:
        """The item's fields as entered; shares only where the key is agreed by hand."""
        data = self.cleaned_data
        return ItemFields(
            category=data["category"],
            description=data["description"],
            value=data.get("value"),
            owner_code=data.get("owner_code"),
            split_kind=data["split_kind"],
            split_to=data.get("split_to"),
            split_key=data.get("split_key") or "",
            shares=data.get("shares") if data.get("split_key") == SplitKey.AGREED else {},
            status=data["status"],
            due_on=data.get("due_on"),
            responsible=data.get("responsible", ""),
            note=data.get("note", ""),
        )


class ApplyKeyForm(forms.Form):
    key = forms.ChoiceField(
        label=_("Proposed key"),
        choices=[(key, label) for key, label in SplitKey.choices if key in PROPOSED_KEYS],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
