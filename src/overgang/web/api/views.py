"""The JSON API. Every list and object goes through `Model.objects.for_user(user)`, so the
API sees exactly what the pages see, and every read is in the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from overgang.web.access import can, profile_of, suppressed
from overgang.web.accounts.services import issue_token, revoke_token
from overgang.web.accounts.tokens import ExpiringTokenAuthentication
from overgang.web.api import serializers as s
from overgang.web.api.jobs import (
    JobSerializer,
    StartPlanSerializer,
    start_plan,
    start_plan_reproduction,
)
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset import models as m
from overgang.web.dataset.services import record_interview
from overgang.web.metric_scoping import scoped_metrics
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.planning.selectors import current_plan

PLAN_PARAMETER = OpenApiParameter(
    "plan", int, description="The plan's id; the current plan when left out.", required=False
)


def _plan_from(request: Request) -> StoredPlan | None:
    raw = request.query_params.get("plan")
    if raw in (None, ""):
        return current_plan()
    if not str(raw).isdigit():
        raise ValidationError({"plan": _("the plan must be given by its number")})
    return get_object_or_404(StoredPlan, pk=int(raw))


class ScopedViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Reads through the scoping layer only; `required_action` is checked by the permission class."""

    model: Any = None
    related: tuple[str, ...] = ()
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        return self.model.objects.for_user(self.request.user).select_related(*self.related)


class EmployeeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Employees the user may see."""

    model = m.Employee
    related = ("profession",)
    serializer_class = s.EmployeeSerializer
    required_action = "view_employees"
    lookup_field = "ext_id"
    lookup_url_kwarg = "medarbejder_id"


class CitizenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Citizens the user may see. No CPR number, not even its hash."""

    model = m.Citizen
    related = ("municipality", "district", "institution")
    serializer_class = s.CitizenSerializer
    required_action = "view_citizens"
    lookup_field = "ext_id"
    lookup_url_kwarg = "borger_id"


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Cases the user may see."""

    model = m.Case
    related = (
        "citizen",
        "profession",
        "acting_municipality",
        "paying_municipality",
        "contact_person",
    )
    serializer_class = s.CaseSerializer
    required_action = "view_cases"
    lookup_field = "ext_id"
    lookup_url_kwarg = "sag_id"


class InterviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    """Preference interviews of the employees the user may see; record a new one with POST."""

    model = m.Interview
    related = ("employee", "wished_municipality")
    serializer_class = s.InterviewSerializer
    required_action = "view_employees"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        employee = self.request.query_params.get("medarbejder_id")
        return queryset.filter(employee__ext_id=employee) if employee else queryset

    @extend_schema(
        parameters=[OpenApiParameter("medarbejder_id", str, required=False)],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        employee = (
            m.Employee.objects.for_user(request.user).filter(ext_id=data["medarbejder_id"]).first()
        )
        if employee is None:
            # Not found and not visible look the same: nothing is told about others' staff.
            raise ValidationError({"medarbejder_id": [_("no employee you may see has this id")]})
        if not can(request.user, "record_interview", employee):
            raise PermissionDenied(_("Your role may not record interviews."))
        interview = record_interview(
            employee=employee,
            held_on=data["held_on"],
            wish=data.get("oensket_kommune"),
            note=data.get("note", ""),
            acceptable=data.get("kan_accepteres", ()),
            by=request.user,
        )
        return Response(s.InterviewSerializer(interview).data, status=status.HTTP_201_CREATED)


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Stored plans: their solver figures and settings (no personal data). POST starts a
    plan as a background job (202, with the job to follow at /api/v1/jobs/ID/); POST
    to ID/reproduce/ re-solves a plan with its stored settings the same way."""

    queryset = StoredPlan.objects.select_related("approval").order_by("-pk")
    serializer_class = s.PlanSerializer

    @property
    def required_action(self) -> str:
        # A GET of ID/reproduce/ has no action; it is refused as the POST would be, or 405.
        match = self.request.resolver_match
        if self.action in ("create", "reproduce") or (
            match is not None and match.url_name == "plan-reproduce"
        ):
            return "run_plan"
        return "view_plans"

    @extend_schema(request=StartPlanSerializer, responses={202: JobSerializer})
    def create(self, request: Request) -> Response:
        return start_plan(request)

    @extend_schema(request=None, responses={202: JobSerializer})
    @action(detail=True, methods=["post"])
    def reproduce(self, request: Request, pk: str) -> Response:
        """Re-solve the plan with its stored settings as a job (202, the job to follow)."""
        return start_plan_reproduction(request, self.get_object())


class _PlanDecisionViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Decisions of the plan the request names (`?plan=ID`), as far as the user may see them."""

    related = ("plan",)
    required_action = "view_decisions"

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(plan=_plan_from(self.request))

    @extend_schema(parameters=[PLAN_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class EmployeeDecisionViewSet(_PlanDecisionViewSet):
    """The plan's decisions about the employees the user may see."""

    model = EmployeeDecision
    serializer_class = s.EmployeeDecisionSerializer


class CaseDecisionViewSet(_PlanDecisionViewSet):
    """The plan's decisions about the cases the user may see."""

    model = CaseDecision
    serializer_class = s.CaseDecisionSerializer


def _suppress(value: Any, user: Any) -> Any:
    """Counts in the metrics, with small numbers hidden (null) from aggregate-only roles."""
    if isinstance(value, dict):
        return {key: _suppress(item, user) for key, item in value.items()}
    if isinstance(value, list):
        return [_suppress(item, user) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return suppressed(value, user)
    return value


class MetricsView(APIView):
    """The metrics of a plan (the current plan by default). Rows about one person or case are
    left out unless the user may see that person or case; aggregate-only roles get small
    counts hidden (null)."""

    required_action = "view_aggregates"

    @extend_schema(parameters=[PLAN_PARAMETER], responses={200: dict})
    def get(self, request: Request) -> Response:
        plan = _plan_from(request)
        if plan is None:
            return Response({"plan": None, "metrics": {}})
        shown: set[str] = set()
        metrics = scoped_metrics(plan.metrics, request.user, shown)
        if shown:
            record(
                request.user,
                Action.VIEW,
                object_type="planning.storedplan.metrics",
                object_id=str(plan.pk),
                detail={"ids": sorted(shown)},
            )
        return Response({"plan": plan.pk, "metrics": _suppress(metrics, request.user)})


class TokenView(APIView):
    """Exchange a user name and password for an API token (POST); revoke your own (DELETE).

    The exchange is throttled per address (DRF, scope `token`) and counted by the login
    lockout per user name and address (django-axes, `accounts.lockout`): a locked-out
    client gets 429 whatever the password. A token expires `API_TOKEN_LIFETIME` after issue.
    """

    throttle_scope = "token"

    def get_authenticators(self) -> list[Any]:
        # Only revoking needs to know who asks; the exchange itself takes no credentials but
        # the password, so a stale token header cannot stand in its way.
        if self.request is not None and self.request.method == "DELETE":
            return [ExpiringTokenAuthentication(), SessionAuthentication()]
        return []

    def get_permissions(self) -> list[BasePermission]:
        if self.request is not None and self.request.method == "DELETE":
            return [IsAuthenticated()]
        return [AllowAny()]

    @extend_schema(request=s.TokenRequestSerializer, responses={200: s.TokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = s.TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or profile_of(user) is None:
            return Response(
                {"detail": _("Wrong user name or password.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        issued = issue_token(user=user)
        return Response({"token": issued.key, "expires": issued.expires.isoformat()})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        """Revoke the caller's own token at once (as on the page 'Min konto')."""
        revoke_token(user=request.user, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
