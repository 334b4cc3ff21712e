"""Plans started through the API, as jobs for the workers: POST /api/v1/plans/ answers 202
with the job, GET /api/v1/jobs/ID/ follows it, POST /api/v1/jobs/ID/cancel/ cancels it.

The same use cases as the plans page (web/jobs/services.py): a job is one's own to follow
and cancel; the transition lead may follow and cancel every job.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from overgang.web.access import can
from overgang.web.jobs.models import Job, JobKind
from overgang.web.jobs.services import JobError, cancel_job, find_job, may_cancel, start_job
from overgang.web.planning.models import Scenario, StoredPlan


class StartPlanSerializer(serializers.Serializer):  # type: ignore[type-arg]
    scenarie = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    tidsgraense = serializers.IntegerField(min_value=1, max_value=3600, default=60)
    fra_plan = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    kun_ledere = serializers.BooleanField(required=False, default=False)
    # One job per profession, for several workers (docs/deployment.md); default: the setting.
    fordelt = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate_scenarie(self, value: str) -> str:
        if value and not Scenario.objects.filter(name=value).exists():
            raise serializers.ValidationError("no scenario has this name")
        return value

    def validate_fra_plan(self, value: int | None) -> int | None:
        if value is not None and not StoredPlan.objects.filter(pk=value).exists():
            raise serializers.ValidationError("no plan has this number")
        return value


class JobSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    type = serializers.CharField(source="kind")
    tilstand = serializers.CharField(source="state")
    trin = serializers.CharField(source="step")
    udfoert = serializers.IntegerField(source="done")
    ialt = serializers.IntegerField(source="total")
    plan = serializers.IntegerField(source="plan_id", allow_null=True)
    fejl = serializers.CharField(source="error")
    detaljer = serializers.ListField(child=serializers.CharField(), source="details")
    annullering_bedt_om = serializers.BooleanField(source="cancel_requested")
    startet_af = serializers.CharField(source="started_by_name")
    oprettet = serializers.DateTimeField(source="created_at")
    startet = serializers.DateTimeField(source="started_at", allow_null=True)
    afsluttet = serializers.DateTimeField(source="finished_at", allow_null=True)


def start_plan(request: Request) -> Response:
    """POST /api/v1/plans/: queue a plan; 202 with the job to follow."""
    given = StartPlanSerializer(data=request.data)
    given.is_valid(raise_exception=True)
    data = given.validated_data
    job = start_job(
        kind=JobKind.PLAN,
        params={
            "scenario": data["scenarie"],
            "time_limit": data["tidsgraense"],
            "from_plan": data["fra_plan"],
            "leaders_only": data["kun_ledere"],
            "distribute": (
                settings.DISTRIBUTE_PLANS if data["fordelt"] is None else data["fordelt"]
            ),
        },
        by=request.user,
        language=get_language(),
    )
    headers = {"Location": f"/api/v1/jobs/{job.pk}/"}
    return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED, headers=headers)


def start_plan_reproduction(request: Request, plan: StoredPlan) -> Response:
    """POST /api/v1/plans/ID/reproduce/: queue the plan's re-solve; 202 with the job to follow.

    The outcome is stored beside the plan and shown on its page (planning.reproductions).
    """
    from overgang.web.planning.reproductions import start_reproduction

    job = start_reproduction(plan=plan, by=request.user, language=get_language())
    headers = {"Location": f"/api/v1/jobs/{job.pk}/"}
    return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED, headers=headers)


class JobViewSet(viewsets.ViewSet):
    """A job one started (the transition lead: any job), with its state and progress."""

    required_action = "run_plan"
    lookup_value_regex = "[^/]+"

    def _job(self, request: Request, pk: str) -> Job:
        job = find_job(pk)
        if job is None or not (
            job.started_by_id == request.user.pk or can(request.user, "cancel_any_job")
        ):
            raise NotFound
        return job

    @extend_schema(responses=JobSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(JobSerializer(self._job(request, pk)).data)

    @extend_schema(request=None, responses=JobSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        job = self._job(request, pk)
        if not may_cancel(job, request.user):
            raise NotFound
        try:
            job = cancel_job(job=job, by=request.user)
        except JobError as ended:
            raise ValidationError({"tilstand": str(ended)}) from ended
        return Response(JobSerializer(job).data)
