"""The settlement register (delingsaftale): everything that is not a person and must be split.

Budget lines, equipment, leases, supplier contracts, IT systems and licences, archives
and case files, civil servants' pension obligations. The register holds no personal
data: every municipal lead sees every item.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BUDGET = "budget", _("Budget line")
    EQUIPMENT = "udstyr", _("Equipment")
    LEASE = "lejemaal", _("Lease")
    CONTRACT = "kontrakt", _("Supplier contract")
    IT = "it", _("IT system or licence")
    ARCHIVE = "arkiv", _("Archive and case files")
    PENSION = "pension", _("Civil servants' pension obligations")
    OTHER = "andet", _("Other")


class SplitKind(models.TextChoices):
    ONE = "en", _("To one municipality")
    KEY = "noegle", _("Shared by a key")
    DISPUTED = "uenighed", _("Disputed")


class SplitKey(models.TextChoices):
    """The keys Overgang proposes from its own data, or shares agreed by hand."""

    CASES = "sager", _("Share of cases")
    LOAD = "belastning", _("Share of case load")
    STAFF = "personale", _("Share of staff by the plan")
    CITIZENS = "borgere", _("Share of citizens")
    AGREED = "aftalt", _("Shares agreed by hand")


class Status(models.TextChoices):
    PROPOSAL = "forslag", _("Proposal")
    NEGOTIATED = "forhandlet", _("Negotiated")
    AGREED = "aftalt", _("Agreed")
    DISPUTED = "uenighed", _("Disputed")


class SettlementItem(models.Model):
    ext_id = models.CharField(_("item id"), max_length=50, unique=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    description = models.TextField(_("description"))
    value = models.DecimalField(
        _("value (DKK)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    owner_code = models.PositiveIntegerField(_("today's owner"), null=True, blank=True)
    split_kind = models.CharField(
        _("proposed split"), max_length=10, choices=SplitKind.choices, default=SplitKind.KEY
    )
    split_to = models.PositiveIntegerField(_("to municipality"), null=True, blank=True)
    split_key = models.CharField(
        _("key"), max_length=12, choices=SplitKey.choices, blank=True, default=""
    )
    # Each municipality's share (code -> decimal string), where shared by a key.
    shares = models.JSONField(_("shares"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSAL
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["category", "ext_id"]
        verbose_name = _("settlement item")
        verbose_name_plural = _("settlement items")

    def __str__(self) -> str:
        return f"{self.ext_id}: {self.description[:60]}"
