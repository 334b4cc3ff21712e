"""The forms of the transition lead's set-up pages: the transition, the bodies, the users."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from overgang.core.domain import MunicipalityRole
from overgang.web.accounts.models import Role
from overgang.web.dataset.models import Municipality
from overgang.web.pages.forms import DateInput
from overgang.web.process.models import Body, BodyKind, LegalBasis

# What each legal basis switches on, for the transition lead choosing it (LEGAL-NOTES § 1.1).
BASIS_EXPLAINED = {
    LegalBasis.BY_LAW: _(
        "The receiving municipality steps into the employees' terms (§ 2); both employers "
        "inform the employee representatives (§ 7) and negotiate planned measures in good "
        "time (§ 6); information letters go to those who move, those who stay and the "
        "receiving municipality's staff. Civil servants follow their own rules."
    ),
    LegalBasis.BY_AGREEMENT: _(
        "The act does not apply of itself (an administrative transfer between authorities, "
        "§ 1, stk. 2), but the municipalities have agreed to follow it: Overgang treats the "
        "transfer as under the act, and the letters name the agreement. Write it in the note."
    ),
    LegalBasis.OTHER: _(
        "Another basis, such as a special statute or the minister's conditions: the letters "
        "do not present the transfer of undertakings act as their basis. Write the basis in "
        "the note. The MED agreement's duty to inform and consult applies all the same."
    ),
}


class TransitionForm(forms.Form):
    effective_date = forms.DateField(label=_("Effective date"), widget=DateInput())
    announced_on = forms.DateField(
        label=_("The process was announced on"),
        required=False,
        widget=DateInput(),
        help_text=_("Milestones counted from the announcement follow this date."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for moving staff"),
        choices=LegalBasis.choices,
        widget=forms.RadioSelect,
    )
    legal_basis_note = forms.CharField(
        label=_("Note on the legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The agreement or decision the basis rests on, with its date."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class MunicipalityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (MunicipalityRole.HOST.value, _("Host (employs the staff today)")),
            (MunicipalityRole.MEMBER.value, _("Member")),
        ],
    )

    def __init__(self, *args: Any, code: int, **kwargs: Any) -> None:
        super().__init__(*args, prefix=str(code), **kwargs)
        for field in self.fields.values():  # the fields sit in a table row, outside the form
            field.widget.attrs["form"] = f"municipality-{code}"


def _committee_members() -> list[tuple[str, str]]:
    users = (
        get_user_model()
        .objects.filter(profile__role=Role.COMMITTEE, is_active=True)
        .select_related("profile__body")
        .order_by("username")
    )
    return [
        (
            str(user.pk),
            f"{user.username} ({user.profile.body})" if user.profile.body else user.username,
        )
        for user in users
    ]


def _municipalities() -> list[tuple[str, str]]:
    return [
        (str(code), f"{name} ({code})")
        for code, name in Municipality.objects.filter(retired_at=None)
        .order_by("code")
        .values_list("code", "name")
    ]


class BodyForm(forms.Form):
    name = forms.CharField(label=_("Name of the body"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Blank for a body across the municipalities, such as HovedMED."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "–"), *_municipalities()]  # type: ignore[attr-defined]


class NewBodyForm(BodyForm):
    members = forms.MultipleChoiceField(
        label=_("Members"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Committee members; one who sits on another body moves to this one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = _committee_members()  # type: ignore[attr-defined]


class AddMemberForm(forms.Form):
    member = forms.ChoiceField(label=_("Committee member to add"))

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (pk, label)
            for pk, label in _committee_members()
            if not body.members.filter(user_id=int(pk)).exists()
        ]
        self.fields["member"].choices = [("", "–"), *choices]  # type: ignore[attr-defined]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("For a municipal lead, a team leader and a caseworker."),
    )
    team = forms.CharField(
        label=_("Team"),
        required=False,
        max_length=200,
        help_text=_("The unit a team leader leads."),
    )
    employee_id = forms.CharField(
        label=_("Employee id"),
        required=False,
        max_length=50,
        help_text=_("The caseworker's or team leader's own medarbejder_id."),
    )
    body = forms.ModelChoiceField(
        label=_("Body"),
        required=False,
        queryset=Body.objects.order_by("name"),
        help_text=_("The body a committee member sits on."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "–"), *_municipalities()]  # type: ignore[attr-defined]


class NewUserForm(RoleForm):
    username = forms.CharField(label=_("User name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Blank: the user logs in through single sign-on, or gets a password later."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = [
        "username",
        "role",
        "municipality",
        "team",
        "employee_id",
        "body",
        "password1",
        "password2",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1", "") != data.get("password2", ""):
            self.add_error("password2", _("The two passwords differ."))
        return data
