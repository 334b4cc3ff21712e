"""The page "Brugere": users, their roles and where the roles apply (transition lead)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.accounts.models import Profile
from overgang.web.accounts.services import (
    AccountError,
    Scope,
    change_role,
    create_user,
    set_active,
)
from overgang.web.dataset.models import Employee
from overgang.web.pages.permissions import requires
from overgang.web.pages.setup_forms import NewUserForm, RoleForm


def _scope(data: dict[str, Any]) -> Scope:
    return Scope(
        municipality_code=data.get("municipality"),
        team=data.get("team", ""),
        employee_id=data.get("employee_id", ""),
        body=data.get("body"),
    )


@requires("manage_transition")
def user_list(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(prefix="new")
    if request.method == "POST":
        form = NewUserForm(request.POST, prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = create_user(
                    username=data["username"],
                    role=data["role"],
                    scope=_scope(data),
                    password=data["password1"] or None,
                    by=request.user,
                )
            except AccountError as refused:
                form.add_error(None, str(refused))
            except ValidationError as refused:
                form.add_error("password1", refused)
            else:
                messages.success(
                    request, _("The user %(name)s has been created.") % {"name": user.username}
                )
                return redirect("pages:users")
    users = list(get_user_model().objects.select_related("profile__body").order_by("username"))
    # A user's employee id names an employee: shown where the lead may see that employee
    # (after the effective date the transition lead sees no employee), the read logged.
    tied = [u.profile.employee_id for u in users if hasattr(u, "profile") and u.profile.employee_id]
    visible = {
        employee.ext_id
        for employee in Employee.objects.for_user(request.user).filter(ext_id__in=tied)
    }
    return render(
        request, "pages/users.html", {"users": users, "form": form, "visible_employees": visible}
    )


@requires("manage_transition")
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    profile = Profile.objects.filter(user=user).select_related("body").first()
    form = RoleForm(
        initial={
            "role": profile.role,
            "municipality": profile.municipality_code,
            "team": profile.team,
            "employee_id": profile.employee_id,
            "body": profile.body,
        }
        if profile
        else None
    )
    if request.method == "POST":
        form = RoleForm(request.POST)
        if form.is_valid():
            try:
                change_role(
                    user=user,
                    role=form.cleaned_data["role"],
                    scope=_scope(form.cleaned_data),
                    by=request.user,
                )
            except AccountError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The role has been saved."))
                return redirect("pages:user", pk=user.pk)
    return render(request, "pages/user.html", {"account": user, "profile": profile, "form": form})


@require_POST
@requires("manage_transition")
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        set_active(user=user, active=active, by=request.user)
    except AccountError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            (_("%(name)s may log in again.") if active else _("%(name)s is deactivated."))
            % {"name": user.get_username()},
        )
    return redirect("pages:user", pk=user.pk)
