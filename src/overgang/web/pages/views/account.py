"""Logging in and out with Django's authentication."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth


class LoginView(auth.LoginView):
    template_name = "pages/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # With OpenID Connect switched on, the municipality's own login is offered first.
        return {**super().get_context_data(**kwargs), "oidc": settings.OIDC_ENABLED}


class LogoutView(auth.LogoutView):
    pass
