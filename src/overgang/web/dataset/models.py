"""The stored transition data set: one row per row of the transition workbook.

Field names are English; `ext_id` holds the source system's own id
(`medarbejder_id`, `sag_id`, ...), which is what users and the workbook see.
An import matches rows by these ids: it adds and changes rows, and retires
(`retired_at`) those it no longer lists instead of deleting them, so that
nothing recorded in Overgang about them is lost. Retired rows are left out of
planning. Each import leaves an `ImportBatch` behind as its record, each purge of the
personal data after the transition a `Purge`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from overgang.core.domain import (
    Delivery,
    EmploymentForm,
    InstitutionType,
    MunicipalityRole,
    ResignationReason,
)
from overgang.web.scoping import ScopedQuerySet

LOAD = {"max_digits": 9, "decimal_places": 2}


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class ImportBatch(models.Model):
    """The record of one imported data set: when, by whom, from which file."""

    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.CharField(_("imported by"), max_length=150)
    file_name = models.CharField(_("file name"), max_length=500)
    file_hash = models.CharField(_("file hash (SHA-256)"), max_length=64)
    row_counts = models.JSONField(_("rows per sheet"), default=dict)
    is_current = models.BooleanField(_("current"), default=True)
    # What the import changed, per sheet (added, changed, retired), and what it touched.
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class Purge(models.Model):
    """The record of one purge of personal data after the transition: when, by whom, how many.

    The rows stay (their ids and what counts need: municipality, profession, service,
    delivery, load); their personal data are blanked (`dataset.retention`).
    """

    ran_at = models.DateTimeField(_("purged at"), auto_now_add=True)
    ran_by = models.CharField(_("purged by"), max_length=150)
    # Before the retention period was over: who forced it, and why.
    forced = models.BooleanField(_("before the retention period was over"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    retained_until = models.DateField(_("personal data kept until"))
    counts = models.JSONField(_("rows purged per kind"), default=dict)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        verbose_name = _("purge of personal data")
        verbose_name_plural = _("purges of personal data")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {self.ran_by}"


class Municipality(models.Model):
    code = models.PositiveIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=10, choices=_choices(MunicipalityRole))
    # Who set the name or the role in Overgang (blank: as the workbook says). A later import
    # keeps what was set here and names the difference (`dataset.municipalities`).
    name_set_by = models.CharField(_("name set in Overgang by"), max_length=150, blank=True)
    role_set_by = models.CharField(_("role set in Overgang by"), max_length=150, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Profession(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    norm = models.DecimalField(_("norm"), **LOAD)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    ext_id = models.CharField(_("id"), max_length=50, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="districts"
    )
    name = models.CharField(_("name"), max_length=200)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["ext_id"]
        verbose_name = _("school district")
        verbose_name_plural = _("school districts")

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    ext_id = models.CharField(_("id"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=_choices(InstitutionType))
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="institutions")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["ext_id"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    ext_id = models.CharField(_("employee id"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="employees")
    hours = models.DecimalField(_("weekly hours"), max_digits=5, decimal_places=2)
    is_leader = models.BooleanField(_("leader"), default=False)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    employment_form = models.CharField(
        _("employment form"), max_length=20, choices=_choices(EmploymentForm), blank=True
    )
    competences = models.JSONField(_("competences"), default=list, blank=True)
    resigned_on = models.DateField(_("resigned on"), null=True, blank=True)
    resignation_reason = models.CharField(
        _("resignation reason"), max_length=20, choices=_choices(ResignationReason), blank=True
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["ext_id"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return f"{self.name} ({self.ext_id})"


class Interview(models.Model):
    """A preference interview: several per employee, the latest counts."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="interviews")
    held_on = models.DateField(_("held on"))
    wished_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("remark"), blank=True)
    # The codes of the other municipalities the employee can accept (kan_accepteres),
    # sorted: a move there is a wish not met, not against the wish.
    acceptable_municipalities = models.JSONField(
        _("acceptable municipalities"), default=list, blank=True
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # Recorded in the web application (blank for imported interviews); see process/concurrency.py.
    recorded_by = models.CharField(_("recorded by"), max_length=150, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["employee__ext_id", "held_on", "pk"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.held_on}"


class Citizen(models.Model):
    ext_id = models.CharField(_("citizen id"), max_length=50, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="citizens"
    )
    family_id = models.CharField(_("family id"), max_length=50, db_index=True)
    birth_year = models.PositiveIntegerField(_("year of birth"), null=True, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="citizens"
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="citizens"
    )
    cpr_hash = models.CharField(_("CPR hash"), max_length=64, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["ext_id"]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return self.ext_id


class Case(models.Model):
    ext_id = models.CharField(_("case id"), max_length=50, unique=True)
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="cases")
    service = models.CharField(_("service"), max_length=200)
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="cases")
    delivery = models.CharField(_("delivery"), max_length=10, choices=_choices(Delivery))
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    load = models.DecimalField(_("load"), **LOAD)
    acting_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="acting_cases"
    )
    paying_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="paying_cases"
    )
    contact_person = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    vulnerability = models.PositiveSmallIntegerField(_("vulnerability"), default=1)
    started_on = models.DateField(_("start date"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    # Changes of contact person in the last 24 months (tidligere_skift, from the case system).
    earlier_changes = models.PositiveSmallIntegerField(_("earlier changes"), default=0)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    # Set when an import no longer lists the row: kept with its history, out of planning.
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["ext_id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.ext_id


class StaffingNeed(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="needs")
    profession = models.ForeignKey(Profession, on_delete=models.CASCADE, related_name="needs")
    min_fte = models.DecimalField(_("minimum FTE"), **LOAD)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["municipality__code", "profession__code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "profession"], name="one_need_per_pair")
        ]
        verbose_name = _("staffing need")
        verbose_name_plural = _("staffing needs")

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.profession_id}: {self.min_fte}"
