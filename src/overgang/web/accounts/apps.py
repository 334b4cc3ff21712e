from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "overgang.web.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        # The models' rules import every app's models, so they register once all are loaded.
        from overgang.web.access import register_personal_data

        register_personal_data()
        # The lockout's audit entries: connected to axes' signal on import.
        from overgang.web.accounts import lockout, sessions  # noqa: F401
