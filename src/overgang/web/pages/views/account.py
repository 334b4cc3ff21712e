"""Logging in and out with Django's authentication; the user's own account: password, API token."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.accounts.services import revoke_token, set_password, token_of
from overgang.web.accounts.tokens import expires_at


class LoginView(auth.LoginView):
    template_name = "pages/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # With OpenID Connect switched on, the municipality's own login is offered first.
        return {**super().get_context_data(**kwargs), "oidc": settings.OIDC_ENABLED}


class LogoutView(auth.LogoutView):
    pass


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's own account: their API token (and revoking it), a link to change password."""
    token = token_of(request.user)
    hours = settings.API_TOKEN_LIFETIME.total_seconds() / 3600
    return render(
        request,
        "pages/account.html",
        {
            "token_expires": expires_at(token) if token is not None else None,
            "lifetime_hours": int(hours) if hours.is_integer() else round(hours, 1),
        },
    )


@require_POST
@login_required
def account_token_revoke(request: HttpRequest) -> HttpResponse:
    if revoke_token(user=request.user, by=request.user):
        messages.success(request, _("Your API token has been revoked. It no longer works."))
    else:
        messages.info(request, _("You had no API token."))
    return redirect("pages:account")


class PasswordChangeView(auth.PasswordChangeView):
    """Django's form (old password, the new one twice, every password validator), saved by
    the `set_password` use case, which logs the change and revokes the API token."""

    template_name = "pages/password_change.html"
    success_url = reverse_lazy("pages:account")

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            set_password(
                user=form.user, password=form.cleaned_data["new_password1"], by=self.request.user
            )
        except ValidationError as error:
            form.add_error("new_password2", error)
            return self.form_invalid(form)
        # Keeps this session; the user's other sessions end, as their hash no longer matches.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect(self.get_success_url())
