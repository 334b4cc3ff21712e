"""Children's cases on their way to the receiving municipality's case system, and after.

`CaseTransfer`: a case listed for a receiving municipality's case system and what its
administrator answered (taken over, refused with a reason). `ContactChange`: a change
of a case's contact person after the effective date, recorded by the municipality, to
compare with the plan's promise of continuity. Both refer to the data set by its ids
(`sag_id`, municipality code), so that a new import never deletes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overgang.web.scoping import ScopedQuerySet


class TransferStatus(models.TextChoices):
    PENDING = "afventer", _("Pending")
    TAKEN_OVER = "overtaget", _("Taken over")
    REFUSED = "afvist", _("Refused")


class CaseTransfer(models.Model):
    """One case on a receiving municipality's transfer list, and the administrator's answer."""

    case_id = models.CharField(_("case id"), max_length=50)
    municipality_code = models.PositiveIntegerField(_("receiving municipality"))
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    exported_at = models.DateTimeField(_("exported at"), null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["municipality_code", "case_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_id", "municipality_code"], name="one_transfer_per_case_and_receiver"
            )
        ]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.municipality_code} ({self.status})"


class ChangeSource(models.TextChoices):
    IMPORT = "import", _("Imported from the case system")
    PAGE = "side", _("Recorded on the case page")


class ContactChange(models.Model):
    """A change of a case's contact person after the effective date."""

    case_id = models.CharField(_("case id"), max_length=50)
    municipality_code = models.PositiveIntegerField(_("municipality"))
    changed_on = models.DateField(_("changed on"))
    from_person = models.CharField(_("former contact person"), max_length=50, blank=True)
    to_person = models.CharField(_("new contact person"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=ChangeSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()  # .for_user(user): see overgang.web.scoping

    class Meta:
        ordering = ["municipality_code", "changed_on", "case_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_id", "changed_on", "to_person"], name="one_change_per_case_day_person"
            )
        ]
        verbose_name = _("contact person change")
        verbose_name_plural = _("contact person changes")

    def __str__(self) -> str:
        return f"{self.case_id} {self.changed_on}: {self.from_person} -> {self.to_person}"
