"""The transition's process: milestones, plan approval, decision notifications,
handover meetings and consultations.

Rows refer to the data set by its ids (`ext_id`, municipality code) or to the
immutable stored plans, so that a new import never deletes the process record.
Records that two people may edit at once carry a `version`; see `concurrency.py`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overgang.core.planning.policy import DEFAULT_EFFECTIVE_DATE
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.scoping import ScopedQuerySet


class Transition(models.Model):
    """The one transition this installation tracks: its effective date and the demo's clock."""

    effective_date = models.DateField(_("effective date"), default=DEFAULT_EFFECTIVE_DATE)
    today_override = models.DateField(
        _("today (demo clock)"),
        null=True,
        blank=True,
        help_text=_("Blank in production. The demo sets a day inside the transition."),
    )

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return str(self.effective_date)

    @classmethod
    def current(cls) -> Transition:
        transition, _created = cls.objects.get_or_create(pk=1)
        return transition


class PlanApproval(models.Model):
    """The one approved plan; once approved, the plan is locked (stored plans never change)."""

    plan = models.OneToOneField(StoredPlan, on_delete=models.PROTECT, related_name="approval")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = _("plan approval")
        verbose_name_plural = _("plan approvals")

    def __str__(self) -> str:
        return f"{self.plan} ({self.approved_at:%Y-%m-%d})"


class MilestoneKind(models.TextChoices):
    INFORM_REPRESENTATIVES = "inform_representatives", _("Inform the employee representatives")
    INTERVIEW_DEADLINE = "interview_deadline", _("All interviews held")
    NOTIFY_EMPLOYEES = "notify_employees", _("Notify the employees of the decision")
    EFFECTIVE_DATE = "effective_date", _("Effective date")
    OTHER = "other", _("Other")


class Milestone(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on})"


class DecisionNotification(models.Model):
    """That an employee has been told the plan's decision about them, and when."""

    decision = models.OneToOneField(
        EmployeeDecision, on_delete=models.CASCADE, related_name="notification"
    )
    notified_at = models.DateTimeField(_("notified at"))
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["decision__employee_id"]
        verbose_name = _("decision notification")
        verbose_name_plural = _("decision notifications")

    def __str__(self) -> str:
        return f"{self.decision.employee_id} {self.notified_at:%Y-%m-%d}"


class HandoverMeeting(models.Model):
    """The meeting where a case passes from its former contact person to the new one."""

    decision = models.OneToOneField(CaseDecision, on_delete=models.CASCADE, related_name="handover")
    held_on = models.DateField(_("date"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    done = models.BooleanField(_("done"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["decision__case_id"]
        verbose_name = _("handover meeting")
        verbose_name_plural = _("handover meetings")

    def __str__(self) -> str:
        return f"{self.decision.case_id} {self.held_on or '-'}"


class BodyKind(models.TextChoices):
    MED = "med", _("MED committee")
    COUNCIL = "council", _("City council")
    STAFF = "staff", _("Staff group")


class Body(models.Model):
    """A body that is consulted: a MED committee, a city council, a staff group."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=BodyKind.choices)
    municipality_code = models.PositiveIntegerField(_("municipality"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateField(_("deadline"))
    bodies = models.ManyToManyField(Body, related_name="consultations", verbose_name=_("bodies"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    compiled_text = models.TextField(_("compiled response"), blank=True)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: date) -> bool:
        return today <= self.deadline


class ConsultationResponse(models.Model):
    """One body's response to a consultation; a body has one response, edited until it is submitted."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="responses")
    text = models.TextField(_("response"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["consultation", "body__name"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "body"], name="one_response_per_body")
        ]
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")

    def __str__(self) -> str:
        return f"{self.consultation} / {self.body}"
