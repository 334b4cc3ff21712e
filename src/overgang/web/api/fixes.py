"""/api/v1/fixes/: fixed decisions (fastlagte beslutninger), listed as far as the user may see
them, made and unfixed by the transition lead through the same use cases as the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from overgang.web.access import can
from overgang.web.api.views import ScopedViewSet
from overgang.web.dataset.models import Case, Employee
from overgang.web.planning.fixing import (
    FixError,
    fix_case,
    fix_employee,
    municipality_code,
    unfix,
)
from overgang.web.planning.models import FixedDecision, FixKind

# The workbook's words for the kinds (the sheet `fastlagt`, column `type`).
KIND_WORDS = {FixKind.EMPLOYEE: "medarbejder", FixKind.CASE: "sag"}
KINDS_BY_WORD = {word: kind for kind, word in KIND_WORDS.items()}


class FixSerializer(serializers.Serializer):
    """A fixed decision; `vaerdi` is a municipality's code (medarbejder) or a medarbejder_id (sag)."""

    nr = serializers.IntegerField(source="pk", read_only=True)
    type = serializers.ChoiceField(choices=sorted(KINDS_BY_WORD))
    id = serializers.CharField(max_length=50)
    vaerdi = serializers.CharField(
        max_length=100,
        help_text="The municipality's code or name (medarbejder), the contact person's "
        "medarbejder_id (sag).",
    )
    begrundelse = serializers.CharField(max_length=2000)
    fastlagt_af = serializers.CharField(read_only=True)
    fastlagt_dato = serializers.DateField(read_only=True)
    i_kraft = serializers.BooleanField(read_only=True)

    def to_representation(self, instance: FixedDecision) -> dict[str, Any]:
        return {
            "nr": instance.pk,
            "type": KIND_WORDS[FixKind(instance.kind)],
            "id": instance.subject_id,
            "vaerdi": instance.value,
            "begrundelse": instance.reason,
            "fastlagt_af": instance.fixed_by_name,
            "fastlagt_dato": instance.fixed_on.isoformat(),
            "i_kraft": instance.removed_at is None,
        }


HISTORY_PARAMETER = OpenApiParameter(
    "historik",
    bool,
    description="Also the fixes that were unfixed or replaced.",
    required=False,
)


class FixViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    ScopedViewSet,
):
    """Fixed decisions about the employees and cases the user may see. The transition lead
    fixes one with POST (a new fix of the same employee or case replaces the one in force)
    and unfixes it with DELETE; an unfixed decision is kept in the history."""

    model = FixedDecision
    serializer_class = FixSerializer
    required_action = "view_decisions"
    lookup_field = "pk"
    lookup_url_kwarg = "nr"
    lookup_value_regex = "[0-9]{1,9}"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        if self.action == "list" and self.request.query_params.get("historik") in ("true", "1"):
            return queryset
        return queryset.filter(removed_at=None)

    @extend_schema(parameters=[HISTORY_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def _allowed(self, request: Request) -> None:
        if not can(request.user, "fix_decision"):
            raise PermissionDenied(_("Your role may not fix decisions."))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._allowed(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        kind = KINDS_BY_WORD[data["type"]]
        # Not found and not visible look the same: nothing is told about others' data.
        subjects = Employee if kind == FixKind.EMPLOYEE else Case
        if not subjects.objects.for_user(request.user).filter(ext_id=data["id"]).exists():
            raise ValidationError({"id": [_("nothing you may see has this id")]})
        try:
            if kind == FixKind.EMPLOYEE:
                fix = fix_employee(
                    employee_id=data["id"],
                    municipality=municipality_code(data["vaerdi"]),
                    reason=data["begrundelse"],
                    by=request.user,
                )
            else:
                fix = fix_case(
                    case_id=data["id"],
                    contact_person=data["vaerdi"],
                    reason=data["begrundelse"],
                    by=request.user,
                )
        except FixError as refused:
            raise ValidationError({_api_field(refused.field): [str(refused)]}) from refused
        return Response(FixSerializer(fix).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Unfix: the fix is taken out of force and kept in the history."""
        self._allowed(request)
        fix = self.get_object()
        try:
            unfix(kind=fix.kind, subject_id=fix.subject_id, by=request.user)
        except FixError as refused:
            raise NotFound(str(refused)) from refused
        return Response(status=status.HTTP_204_NO_CONTENT)


def _api_field(field: str) -> str:
    """The request's field a use case's complaint is about."""
    return {
        "medarbejder_id": "id",
        "sag_id": "id",
        "kommune": "vaerdi",
        "kontaktperson": "vaerdi",
        "begrundelse": "begrundelse",
    }.get(field, "non_field_errors")
