"""Logging in and out with Django's authentication."""

from __future__ import annotations

from django.contrib.auth import views as auth


class LoginView(auth.LoginView):
    template_name = "pages/login.html"
    redirect_authenticated_user = True


class LogoutView(auth.LogoutView):
    pass
