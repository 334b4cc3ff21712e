"""The forms of the hearing and of informing the employee representatives."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from overgang.web.pages.forms import DateInput
from overgang.web.process.models import HearingOutcome


class HearingResponseForm(forms.Form):
    received_on = forms.DateField(
        label=_("Response received on"),
        required=False,
        widget=DateInput(),
        help_text=_("Blank while no response has come."),
    )
    text = forms.CharField(
        label=_("The employee's response"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the employee said or wrote, in short."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HearingOutcome.choices, required=False)
    consideration = forms.CharField(
        label=_("How the response was considered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The final decision letter quotes this to the employee."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RepresentativesForm(forms.Form):
    informed_on = forms.DateField(
        label=_("Employee representatives informed on"), required=False, widget=DateInput()
    )
    consulted_on = forms.DateField(
        label=_("Employee representatives consulted on"), required=False, widget=DateInput()
    )
    note = forms.CharField(
        label=_("Note on informing the representatives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which bodies, the minutes' reference, the measures discussed."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
