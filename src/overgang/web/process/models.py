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
from overgang.web.request_memo import per_request
from overgang.web.scoping import ScopedQuerySet


class LegalBasis(models.TextChoices):
    """Why employees move with the service: a choice the municipalities record (LEGAL-NOTES)."""

    BY_LAW = "vol", _("The transfer of undertakings act applies by law")
    BY_AGREEMENT = "aftale", _("The transfer of undertakings act applied by agreement")
    OTHER = "andet", _("Other basis")


class Transition(models.Model):
    """The one transition this installation tracks: its dates, legal basis and the demo's clock."""

    effective_date = models.DateField(_("effective date"), default=DEFAULT_EFFECTIVE_DATE)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    legal_basis = models.CharField(
        _("legal basis for moving staff"),
        max_length=10,
        choices=LegalBasis.choices,
        default=LegalBasis.BY_LAW,
    )
    legal_basis_note = models.TextField(_("note on the legal basis"), blank=True)
    # When the employee representatives were informed and consulted on the transfer
    # (virksomhedsoverdragelsesloven § 7, the MED agreement); blank: not yet recorded.
    representatives_informed_on = models.DateField(
        _("employee representatives informed on"), null=True, blank=True
    )
    representatives_consulted_on = models.DateField(
        _("employee representatives consulted on"), null=True, blank=True
    )
    representatives_note = models.TextField(_("note on informing the representatives"), blank=True)
    # How many days after the effective date a handover's visit with the family may wait
    # before it is flagged to the team leader as overdue.
    handover_visit_days = models.PositiveIntegerField(
        _("days after the effective date for the family visit"), default=30
    )
    version = models.PositiveIntegerField(_("version"), default=1)
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
        return _current_transition()


@per_request
def _current_transition() -> Transition:
    transition, _created = Transition.objects.get_or_create(pk=1)
    return transition


class PlanApproval(models.Model):
    """The one approved plan; once approved, the plan is locked (stored plans never change)."""

    plan = models.OneToOneField(StoredPlan, on_delete=models.PROTECT, related_name="approval")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)
    # Given where the plan was approved while a consultation was open or before the
    # employee representatives were recorded as informed (the transition lead confirmed).
    override_reason = models.TextField(_("reason for approving anyway"), blank=True)

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = _("plan approval")
        verbose_name_plural = _("plan approvals")

    def __str__(self) -> str:
        return f"{self.plan} ({self.approved_at:%Y-%m-%d})"


class MilestoneKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("The process is announced")
    POLITICAL_DECISION = "political_decision", _("The political decision")
    HOVEDMED_MEETING = "hovedmed_meeting", _("Extraordinary HovedMED meeting")
    CONSULTATION_DEADLINE = "consultation_deadline", _("Consultation deadline")
    INTERVIEW_DEADLINE = "interview_deadline", _("All interviews held")
    TELL_EMPLOYEES = "tell_employees", _("Employees told who transfers")
    HEARING_DEADLINE = "hearing_deadline", _("Hearing deadline for decisions against a wish")
    INFORM_REPRESENTATIVES = "inform_representatives", _("Inform the employee representatives")
    INDIVIDUAL_NOTICE = "individual_notice", _("Individual notice of changed terms")
    NOTIFY_EMPLOYEES = "notify_employees", _("Notify the employees of the decision")
    EFFECTIVE_DATE = "effective_date", _("Effective date")
    FOLLOW_UP = "follow_up", _("Follow-up after the effective date")
    OTHER = "other", _("Other")


class MilestoneAnchor(models.TextChoices):
    """The date a milestone's deadline follows, so that moving it moves the milestone."""

    NONE = "", _("A date of its own")
    EFFECTIVE_DATE = "effective_date", _("The effective date")
    ANNOUNCED_ON = "announced_on", _("The announcement")


class Milestone(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    # Where `anchor` is set, due_on is the anchor's date plus offset_days, and follows it
    # when it moves; a deadline moved by hand clears the anchor.
    anchor = models.CharField(
        _("follows"), max_length=20, choices=MilestoneAnchor.choices, blank=True, default=""
    )
    offset_days = models.IntegerField(_("days from the date it follows"), null=True, blank=True)
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
    # The handover record (barnets lov): a summary for the new contact person, the joint
    # meeting or visit with the child and family, the conversation with the child about
    # the change (§ 5, with the right to a support person, § 6), the team leader's sign-off.
    summary = models.TextField(_("summary for the new contact person"), blank=True)
    family_meeting_planned_on = models.DateField(
        _("meeting with the child and family planned on"), null=True, blank=True
    )
    family_meeting_held_on = models.DateField(
        _("meeting with the child and family held on"), null=True, blank=True
    )
    child_conversation_on = models.DateField(
        _("conversation with the child held on"), null=True, blank=True
    )
    child_conversation_note = models.TextField(_("conversation with the child"), blank=True)
    support_person_offered = models.BooleanField(
        _("support person (bisidder) offered"), default=False
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
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


class InterviewExemption(models.Model):
    """An employee who need not be interviewed (on leave, leaving, ...), so the counts are right.

    Keyed by the HR id (`medarbejder_id`) so that a new import leaves it in place.
    """

    employee_id = models.CharField(_("employee id"), max_length=50, unique=True)
    reason = models.TextField(_("reason"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["employee_id"]
        verbose_name = _("interview exemption")
        verbose_name_plural = _("interview exemptions")

    def __str__(self) -> str:
        return self.employee_id


class HearingOutcome(models.TextChoices):
    PENDING = "", _("Not yet decided")
    UPHELD = "upheld", _("Decision upheld")
    CHANGED = "changed", _("Decision changed")


class Hearing(models.Model):
    """A hearing (partshøring) of an employee before a decision that does not meet their wish.

    One per employee and approved plan; the final decision letter can be issued only
    once the response is received or the reply deadline has passed.
    """

    decision = models.OneToOneField(
        EmployeeDecision, on_delete=models.CASCADE, related_name="hearing"
    )
    sent_on = models.DateField(_("hearing letter sent on"), null=True, blank=True)
    reply_by = models.DateField(_("reply deadline"))
    response_received_on = models.DateField(_("response received on"), null=True, blank=True)
    response_text = models.TextField(_("response"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=HearingOutcome.choices, blank=True, default=""
    )
    consideration = models.TextField(_("how the response was considered"), blank=True)
    final_issued_on = models.DateField(_("final decision issued on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["decision__employee_id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return f"{self.decision.employee_id} ({self.reply_by})"


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
    # The administration's answer to the response, shown beside it to the council.
    reply = models.TextField(_("the administration's reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
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
