from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "overgang.web.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from overgang.web.audit import signals  # logins, failed logins and writes are logged

        signals.connect_writes()
