"""Scenarios and stored plans. A stored plan is immutable: it is saved once and never changed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overgang.web.scoping import ScopedQuerySet


class Scenario(models.Model):
    """A named set of planning settings: weights, voluntary only, effective date, services kept."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    settings = models.JSONField(_("settings"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name


class ImmutableError(RuntimeError):
    pass


class StoredPlan(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.CharField(_("created by"), max_length=150)
    scenario_name = models.CharField(_("scenario"), max_length=100, blank=True)
    input_hash = models.CharField(_("hash of the inputs"), max_length=64)
    settings = models.JSONField(_("settings"))
    status = models.CharField(_("solver status"), max_length=20)
    objective = models.CharField(_("objective (exact)"), max_length=100)
    bound = models.CharField(_("proven bound (exact)"), max_length=100)
    objective_value = models.FloatField(_("objective"))
    bound_value = models.FloatField(_("proven bound"))
    gap = models.FloatField(_("gap"))
    seconds = models.FloatField(_("seconds"))
    # The search that made the plan (core/planning/determinism.py): "deterministic" or
    # "wall_clock"; blank for a plan stored before the search was recorded (wall clock then).
    search = models.CharField(_("search"), max_length=20, blank=True, default="")
    # A deterministic search stopped by the time limit's clock: the plan may not come back.
    stopped_on_clock = models.BooleanField(_("stopped on the clock"), default=False)
    cost_terms = models.JSONField(_("cost per term"))
    professions = models.JSONField(_("solver per profession"))
    metrics = models.JSONField(_("metrics"))
    labels = models.JSONField(_("names of municipalities and professions"), default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"Plan {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise ImmutableError("a stored plan is never changed")
        super().save(*args, **kwargs)


class EmployeeDecision(models.Model):
    plan = models.ForeignKey(
        StoredPlan, on_delete=models.CASCADE, related_name="employee_decisions"
    )
    employee_id = models.CharField(_("employee id"), max_length=50)
    profession = models.CharField(_("profession"), max_length=20)
    municipality = models.PositiveIntegerField(_("municipality"))
    reason_code = models.CharField(_("reason"), max_length=50)
    reason_params = models.JSONField(default=dict)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["employee_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "employee_id"], name="one_decision_per_employee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} -> {self.municipality}"


class CaseDecision(models.Model):
    plan = models.ForeignKey(StoredPlan, on_delete=models.CASCADE, related_name="case_decisions")
    case_id = models.CharField(_("case id"), max_length=50)
    profession = models.CharField(_("profession"), max_length=20)
    municipality = models.PositiveIntegerField(_("municipality"))
    former_contact = models.CharField(_("former contact person"), max_length=50, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    reason_code = models.CharField(_("reason"), max_length=50)
    reason_params = models.JSONField(default=dict)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["case_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "case_id"], name="one_decision_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.contact_person or '-'}"


class PlanAnalysis(models.Model):
    """A stored plan's district teams, joint family plans and robustness, stored once after it."""

    plan = models.OneToOneField(StoredPlan, on_delete=models.CASCADE, related_name="analysis")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    settings = models.JSONField(_("settings"))
    teams_proven_optimal = models.BooleanField(_("team staffing proven optimal"))
    shared_staff = models.JSONField(_("staff shared by the teams"))
    outside_load = models.JSONField(_("load outside the districts"))
    robustness = models.JSONField(_("robustness"))
    warnings = models.JSONField(_("robustness warnings"))

    class Meta:
        verbose_name = _("plan analysis")
        verbose_name_plural = _("plan analyses")

    def __str__(self) -> str:
        return f"Analysis of plan {self.plan_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise ImmutableError("a stored plan's analysis is never changed")
        super().save(*args, **kwargs)


class PlanTeam(models.Model):
    """A district team of a stored plan."""

    plan = models.ForeignKey(StoredPlan, on_delete=models.CASCADE, related_name="teams")
    team_id = models.CharField(_("team"), max_length=30)
    municipality = models.PositiveIntegerField(_("municipality"))
    name = models.CharField(_("name"), max_length=500)
    leader = models.CharField(_("leader"), max_length=50, blank=True)
    districts = models.JSONField(_("districts"))
    institutions = models.JSONField(_("institutions"))
    missing_professions = models.JSONField(_("missing professions"))
    balance = models.JSONField(_("demand and supply per profession"))

    class Meta:
        ordering = ["municipality", "team_id"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["plan", "team_id"], name="one_team_per_id")]

    def __str__(self) -> str:
        return f"{self.team_id} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise ImmutableError("a stored plan's team is never changed")
        super().save(*args, **kwargs)


class TeamMembership(models.Model):
    """An employee in a district team, with the share of their cases inside its districts."""

    team = models.ForeignKey(PlanTeam, on_delete=models.CASCADE, related_name="memberships")
    employee_id = models.CharField(_("employee id"), max_length=50)
    profession = models.CharField(_("profession"), max_length=20)
    is_leader = models.BooleanField(_("leader"), default=False)
    fte = models.FloatField(_("FTE"))
    cases = models.PositiveIntegerField(_("cases"))
    cases_inside = models.PositiveIntegerField(_("cases inside the team's districts"))
    load = models.FloatField(_("load"))
    load_inside = models.FloatField(_("load inside the team's districts"))

    class Meta:
        ordering = ["team", "-is_leader", "profession", "employee_id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "employee_id"], name="one_membership_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} in {self.team.team_id}"

    @property
    def share_inside(self) -> float | None:
        return self.cases_inside / self.cases if self.cases else None


class FamilyPlan(models.Model):
    """A joint plan for a family with cases in two or more professions, and its coordinator."""

    plan = models.ForeignKey(StoredPlan, on_delete=models.CASCADE, related_name="family_plans")
    family_id = models.CharField(_("family id"), max_length=50)
    municipality = models.PositiveIntegerField(_("municipality"))
    team_id = models.CharField(_("team"), max_length=30, blank=True)
    coordinator = models.CharField(_("coordinator"), max_length=50, blank=True)
    coordinator_rule = models.CharField(_("coordinator rule"), max_length=30)
    professions = models.JSONField(_("professions"))
    contacts = models.JSONField(_("contact persons"))
    cases = models.PositiveIntegerField(_("cases"))
    unstaffed_cases = models.PositiveIntegerField(_("unstaffed cases"))

    class Meta:
        ordering = ["municipality", "team_id", "family_id"]
        verbose_name = _("joint family plan")
        verbose_name_plural = _("joint family plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "family_id"], name="one_family_plan_per_family")
        ]

    def __str__(self) -> str:
        return f"{self.family_id}: {self.coordinator or '-'}"


class PlanReproduction(models.Model):
    """A stored plan re-solved with its stored settings on the stored data, and what came back.

    Kept once and never changed, like the plan: who asked and when, whether the inputs were
    still the plan's, how many decisions differ, and the two costs (docs/planning.md, "Same
    data, same settings, same answer").
    """

    plan = models.ForeignKey(StoredPlan, on_delete=models.CASCADE, related_name="reproductions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The asker as the audit log names them (a user, or cli:NAME).
    asked_by_name = models.CharField(_("asked by"), max_length=150)
    asked_at = models.DateTimeField(_("asked at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    job_id = models.UUIDField(_("job"), null=True, blank=True)
    # Whether the plan was made with the deterministic search: only then is the same plan owed.
    deterministic = models.BooleanField(_("deterministic search"))
    same_inputs = models.BooleanField(_("same inputs"))
    employees_differ = models.PositiveIntegerField(_("employees that differ"))
    cases_differ = models.PositiveIntegerField(_("cases that differ"))
    stated = models.CharField(_("cost stated (exact)"), max_length=100)
    reproduced = models.CharField(_("cost re-solved (exact)"), max_length=100)
    stated_value = models.FloatField(_("cost stated"))
    reproduced_value = models.FloatField(_("cost re-solved"))
    seconds = models.FloatField(_("seconds"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reproduction of a plan")
        verbose_name_plural = _("reproductions of plans")

    def __str__(self) -> str:
        return f"Reproduction {self.pk} of plan {self.plan_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise ImmutableError("a plan's reproduction is never changed")
        super().save(*args, **kwargs)

    @property
    def same(self) -> bool:
        return self.same_inputs and not self.employees_differ and not self.cases_differ


class FixKind(models.TextChoices):
    EMPLOYEE = "employee", _("employee")
    CASE = "case", _("case")


class FixedDecision(models.Model):
    """A decision fixed by hand (fastlagt): a hard rule of every plan while it is in force.

    An employee fix says where the employee works (`value` is the municipality's code);
    a case fix says who is the case's contact person (`value` is their medarbejder_id).
    `subject_id` is the employee's or the case's id in the data set. Unfixing sets
    `removed_at` and keeps the row; a new fix of the same subject replaces the one in force
    the same way, so the history of every fix stays.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=FixKind.choices)
    subject_id = models.CharField(_("employee or case id"), max_length=50)
    value = models.CharField(_("fixed value"), max_length=50)
    reason = models.TextField(_("reason"))
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The actor's name as the records give it (a user's username, or the command line's
    # person); kept beside the key so that a fix made on the command line names its maker.
    fixed_by_name = models.CharField(_("fixed by"), max_length=150)
    fixed_at = models.DateTimeField(_("fixed at"))
    fixed_on = models.DateField(_("fixed on"))  # the transition's day (process.clock.today)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_by_name = models.CharField(_("removed by"), max_length=150, blank=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["kind", "subject_id", "-fixed_at", "-pk"]
        verbose_name = _("fixed decision")
        verbose_name_plural = _("fixed decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id"],
                condition=models.Q(removed_at__isnull=True),
                name="one_fix_in_force_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id} -> {self.value}"

    @property
    def in_force(self) -> bool:
        return self.removed_at is None
