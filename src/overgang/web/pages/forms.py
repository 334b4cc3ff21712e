"""The pages' forms: they check what a person typed and name the field that is wrong, in Danish."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from overgang.web.dataset.models import Case, Municipality
from overgang.web.process.models import Body


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class InterviewForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the interview"), widget=DateInput())
    wish = forms.ChoiceField(
        label=_("Wished municipality"),
        required=False,  # blank: the employee stated no preference
        help_text=_("Where the employee wishes to work from the effective date."),
    )
    acceptable = forms.MultipleChoiceField(
        label=_("Other municipalities the employee can accept"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A move to one of these is not against the wish, though the wish is not met. "
            "The wished municipality itself need not be ticked."
        ),
    )
    note = forms.CharField(
        label=_("Remark"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        municipalities = [(str(m.code), m.name) for m in Municipality.objects.order_by("code")]
        self.fields["wish"].choices = [("", _("No preference")), *municipalities]
        self.fields["acceptable"].choices = municipalities

    def acceptable_codes(self) -> list[int]:
        """Return the codes of the acceptable municipalities ticked (after is_valid)."""
        return [int(code) for code in self.cleaned_data.get("acceptable") or ()]


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    voluntary_only = forms.BooleanField(
        label=_("Voluntary only: nobody leaves the host against a stated wish"), required=False
    )
    cooperation_services = forms.MultipleChoiceField(
        label=_("Services kept in a voluntary cooperation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their cases keep the host's staff across municipal lines."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        services = (
            Case.objects.filter(delivery="intern")
            .order_by("service")
            .values_list("service", flat=True)
            .distinct()
        )
        self.fields["cooperation_services"].choices = [(s, s) for s in services]


class RunPlanForm(forms.Form):
    scenario = forms.ChoiceField(label=_("Scenario"), required=False)
    time_limit = forms.IntegerField(
        label=_("Time limit in seconds"), min_value=1, max_value=3600, initial=60
    )
    from_plan = forms.TypedChoiceField(
        label=_("Re-plan from"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Every decision employees have been told of is kept, and as few others as possible change."
        ),
    )
    leaders_only = forms.BooleanField(
        label=_("Leaders only: plan the leaders first, without cases"), required=False
    )

    def __init__(
        self,
        *args: object,
        scenarios: list[str],
        plans: list[tuple[int, bool]] | None = None,
        **kwargs: object,
    ) -> None:
        """`plans`: the stored plans one may re-plan from, as (id, approved), newest first."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["scenario"].choices = [("", _("Default settings"))] + [
            (name, name) for name in scenarios
        ]
        self.fields["from_plan"].choices = [("", _("No plan: plan afresh"))] + [
            (
                str(pk),
                (_("Plan %(number)s (approved)") if approved else _("Plan %(number)s"))
                % {"number": pk},
            )
            for pk, approved in plans or []
        ]


class HandoverForm(forms.Form):
    """The handover record of a case that changes contact person (barnets lov)."""

    summary = forms.CharField(
        label=_("Summary for the new contact person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The assessments and the plan so far, for whoever takes the case over."),
    )
    held_on = forms.DateField(
        label=_("Date of the handover meeting"), widget=DateInput(), required=False
    )
    participants = forms.CharField(
        label=_("Participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who took part, e.g. the former and the new contact person and the family."),
    )
    done = forms.BooleanField(label=_("The handover is done"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    family_meeting_planned_on = forms.DateField(
        label=_("Meeting or visit with the child and family planned on"),
        widget=DateInput(),
        required=False,
    )
    family_meeting_held_on = forms.DateField(
        label=_("Meeting or visit with the child and family held on"),
        widget=DateInput(),
        required=False,
    )
    child_conversation_on = forms.DateField(
        label=_("Conversation with the child about the change held on"),
        widget=DateInput(),
        required=False,
        help_text=_("Barnets lov § 5: the child is heard about the change."),
    )
    child_conversation_note = forms.CharField(
        label=_("What the child said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    support_person_offered = forms.BooleanField(
        label=_("The child was offered a support person (bisidder, barnets lov § 6)"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What the bodies are asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies asked"),
        queryset=Body.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )


class ResponseForm(forms.Form):
    text = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 8}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("The administration's reply"),
        required=False,  # empty: the reply is withdrawn
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Answer each point the body raises; the council reads it beside the response."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CompiledResponseForm(forms.Form):
    text = forms.CharField(
        label=_("The compiled response to the city council"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Starts as the submitted responses by body; edit it into one response."),
    )


class NewMilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Deadline"), widget=DateInput())
    responsible = forms.CharField(
        label=_("Responsible"),
        max_length=200,
        required=False,
        help_text=_("The person who sees to it, by name or title (e.g. 'HR-chefen')."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MilestoneForm(NewMilestoneForm):
    due_on = forms.DateField(
        label=_("Deadline"),
        widget=DateInput(),
        help_text=_("A deadline you move no longer follows the effective date."),
    )
    done_on = forms.DateField(label=_("Done on"), widget=DateInput(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["title", "due_on", "done_on", "responsible", "note"]


class FixEmployeeForm(forms.Form):
    municipality = forms.ChoiceField(
        label=_("Fixed municipality"),
        help_text=_("Every plan places the employee here until the decision is unfixed."),
    )
    reason = forms.CharField(
        label=_("Reason for fixing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the decision: 'Fixed by <user> <date>: <reason>'."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["municipality"].choices = [
            (str(m.code), m.name) for m in Municipality.objects.filter(retired_at=None)
        ]


class ContactChangeForm(forms.Form):
    """A change of a case's contact person after the effective date, from the case page."""

    changed_on = forms.DateField(label=_("Changed on"), widget=DateInput())
    from_person = forms.CharField(
        label=_("Former contact person (medarbejder_id)"), max_length=50, required=False
    )
    to_person = forms.CharField(
        label=_("New contact person (medarbejder_id)"), max_length=50, required=False
    )
