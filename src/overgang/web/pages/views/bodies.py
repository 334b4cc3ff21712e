"""The page "Høringsparter": the consulted bodies and their members (transition lead)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overgang.web.accounts.services import AccountError, set_body_membership
from overgang.web.pages.permissions import requires
from overgang.web.pages.setup_forms import AddMemberForm, BodyForm, NewBodyForm
from overgang.web.process.bodies import add_body, change_body
from overgang.web.process.models import Body
from overgang.web.process.services import ProcessError


@requires("manage_transition")
def body_list(request: HttpRequest) -> HttpResponse:
    form = NewBodyForm(prefix="new")
    if request.method == "POST":
        form = NewBodyForm(request.POST, prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            members = get_user_model().objects.filter(pk__in=data["members"])
            try:
                with transaction.atomic():  # the body with all its members, or nothing
                    body = add_body(
                        name=data["name"],
                        kind=data["kind"],
                        municipality_code=data["municipality"],
                        by=request.user,
                    )
                    for user in members:
                        set_body_membership(user=user, body=body, by=request.user)
            except (ProcessError, AccountError) as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request, _("The body %(name)s has been created.") % {"name": body.name}
                )
                return redirect("pages:bodies")
    bodies = Body.objects.prefetch_related("members__user").order_by("name")
    return render(request, "pages/bodies.html", {"bodies": bodies, "form": form})


@requires("manage_transition")
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=pk)
    form = BodyForm(
        initial={"name": body.name, "kind": body.kind, "municipality": body.municipality_code}
    )
    add_form = AddMemberForm(body=body)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "change":
                form = BodyForm(request.POST)
                if form.is_valid():
                    data = form.cleaned_data
                    change_body(
                        body=body,
                        name=data["name"],
                        kind=data["kind"],
                        municipality_code=data["municipality"],
                        by=request.user,
                    )
                    messages.success(request, _("The body has been saved."))
                    return redirect("pages:body", pk=body.pk)
            elif action == "add":
                add_form = AddMemberForm(request.POST, body=body)
                if add_form.is_valid():
                    user = get_object_or_404(get_user_model(), pk=add_form.cleaned_data["member"])
                    set_body_membership(user=user, body=body, by=request.user)
                    messages.success(
                        request,
                        _("%(user)s now sits on %(body)s.")
                        % {"user": user.get_username(), "body": body.name},
                    )
                    return redirect("pages:body", pk=body.pk)
            elif action == "remove":
                user = get_object_or_404(
                    get_user_model(), pk=request.POST.get("member"), profile__body=body
                )
                set_body_membership(user=user, body=None, by=request.user)
                messages.success(
                    request,
                    _("%(user)s no longer sits on %(body)s.")
                    % {"user": user.get_username(), "body": body.name},
                )
                return redirect("pages:body", pk=body.pk)
        except ProcessError as refused:
            form.add_error(None, str(refused))
        except AccountError as refused:
            add_form.add_error(None, str(refused))
    members = body.members.select_related("user").order_by("user__username")
    return render(
        request,
        "pages/body.html",
        {"body": body, "form": form, "add_form": add_form, "members": members},
    )
