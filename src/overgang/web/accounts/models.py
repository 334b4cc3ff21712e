"""Each user's role and where it applies: municipality, team, employee, body.

The municipality is kept as its official code and the employee as the HR id
(`medarbejder_id`), so that a new import of the data set leaves the profiles intact.
What a role may see and do is decided in one place, `overgang.web.access`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overgang.web.process.models import Body


class Role(models.TextChoices):
    TRANSITION_LEAD = "projektleder", _("Transition lead")
    MUNICIPAL_LEAD = "kommuneleder", _("Municipal lead")
    TEAM_LEADER = "teamleder", _("Team leader")
    CASEWORKER = "sagsbehandler", _("Caseworker")
    COMMITTEE = "udvalg", _("Committee member (MED or council)")
    AUDITOR = "revisor", _("Auditor (data protection officer)")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality_code = models.PositiveIntegerField(_("municipality"), null=True, blank=True)
    team = models.CharField(
        _("team"), max_length=200, blank=True, help_text=_("The unit a team leader leads.")
    )
    employee_id = models.CharField(
        _("employee id"),
        max_length=50,
        blank=True,
        help_text=_("The caseworker's or team leader's own medarbejder_id."),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("body"),
        help_text=_("The MED committee or council a committee member sits on."),
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
