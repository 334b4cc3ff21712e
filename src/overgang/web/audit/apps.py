from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "overgang.web.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # Importing the module connects its receivers (Django's documented place for it).
        from overgang.web.audit import signals  # noqa: F401
