"""The API's representations. Field names are the transition workbook's column names."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from overgang.texts.reasons import case_reason_text, employee_reason_text
from overgang.web.dataset import models as m
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan


class EmployeeSerializer(serializers.ModelSerializer):
    medarbejder_id = serializers.CharField(source="ext_id")
    navn = serializers.CharField(source="name")
    faggruppe = serializers.CharField(source="profession.code")
    timer = serializers.DecimalField(source="hours", max_digits=5, decimal_places=2)
    leder = serializers.BooleanField(source="is_leader")
    enhed = serializers.CharField(source="unit")
    ansat_dato = serializers.DateField(source="hired_on", allow_null=True)
    ansaettelsesform = serializers.CharField(source="employment_form")
    kompetencer = serializers.ListField(source="competences", child=serializers.CharField())
    fratraadt_dato = serializers.DateField(source="resigned_on", allow_null=True)
    fratraedelsesaarsag = serializers.CharField(source="resignation_reason")

    class Meta:
        model = m.Employee
        fields = [
            "medarbejder_id",
            "navn",
            "faggruppe",
            "timer",
            "leder",
            "enhed",
            "ansat_dato",
            "ansaettelsesform",
            "kompetencer",
            "fratraadt_dato",
            "fratraedelsesaarsag",
        ]
        read_only_fields = fields


class InterviewSerializer(serializers.ModelSerializer):
    """A preference interview; `version` is what a later change must name (optimistic locking)."""

    id = serializers.IntegerField(read_only=True)
    medarbejder_id = serializers.CharField(max_length=50)
    dato = serializers.DateField(source="held_on")
    oensket_kommune = serializers.IntegerField(
        required=False, allow_null=True, min_value=101, max_value=999
    )
    bemaerkning = serializers.CharField(
        source="note", required=False, allow_blank=True, max_length=2000
    )
    kan_accepteres = serializers.ListField(
        child=serializers.IntegerField(min_value=101, max_value=999),
        required=False,
        max_length=100,
    )
    registreret_af = serializers.CharField(source="recorded_by", read_only=True)
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = m.Interview
        fields = [
            "id",
            "medarbejder_id",
            "dato",
            "oensket_kommune",
            "bemaerkning",
            "kan_accepteres",
            "registreret_af",
            "version",
        ]

    def to_representation(self, instance: m.Interview) -> dict[str, Any]:
        return {
            "id": instance.pk,
            "medarbejder_id": instance.employee.ext_id,
            "dato": instance.held_on.isoformat(),
            "oensket_kommune": (
                instance.wished_municipality.code if instance.wished_municipality else None
            ),
            "bemaerkning": instance.note,
            "kan_accepteres": list(instance.acceptable_municipalities),
            "registreret_af": instance.recorded_by,
            "version": instance.version,
        }

    def validate_oensket_kommune(self, value: int | None) -> int | None:
        if value is not None and not m.Municipality.objects.filter(code=value).exists():
            raise serializers.ValidationError(
                _("no municipality has the code %(code)s") % {"code": value}
            )
        return value

    def validate_kan_accepteres(self, value: list[int]) -> list[int]:
        known = set(m.Municipality.objects.filter(code__in=value).values_list("code", flat=True))
        for code in value:
            if code not in known:
                raise serializers.ValidationError(
                    _("no municipality has the code %(code)s") % {"code": code}
                )
        return value


class CitizenSerializer(serializers.ModelSerializer):
    borger_id = serializers.CharField(source="ext_id")
    kommune = serializers.IntegerField(source="municipality.code")
    familie_id = serializers.CharField(source="family_id")
    foedselsaar = serializers.IntegerField(source="birth_year", allow_null=True)
    distrikt_id = serializers.CharField(source="district.ext_id", allow_null=True, default=None)
    institution_id = serializers.CharField(
        source="institution.ext_id", allow_null=True, default=None
    )

    class Meta:
        model = m.Citizen
        fields = [
            "borger_id",
            "kommune",
            "familie_id",
            "foedselsaar",
            "distrikt_id",
            "institution_id",
        ]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    sag_id = serializers.CharField(source="ext_id")
    borger_id = serializers.CharField(source="citizen.ext_id")
    ydelse = serializers.CharField(source="service")
    faggruppe = serializers.CharField(source="profession.code")
    levering = serializers.CharField(source="delivery")
    leverandoer = serializers.CharField(source="provider")
    vaegt = serializers.DecimalField(source="load", max_digits=9, decimal_places=2)
    handlekommune = serializers.IntegerField(source="acting_municipality.code")
    betalingskommune = serializers.IntegerField(source="paying_municipality.code")
    kontaktperson = serializers.CharField(
        source="contact_person.ext_id", allow_null=True, default=None
    )
    saarbarhed = serializers.IntegerField(source="vulnerability")
    startdato = serializers.DateField(source="started_on", allow_null=True)
    paragraf = serializers.CharField(source="legal_basis")

    class Meta:
        model = m.Case
        fields = [
            "sag_id",
            "borger_id",
            "ydelse",
            "faggruppe",
            "levering",
            "leverandoer",
            "vaegt",
            "handlekommune",
            "betalingskommune",
            "kontaktperson",
            "saarbarhed",
            "startdato",
            "paragraf",
        ]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True)
    oprettet = serializers.DateTimeField(source="created_at")
    oprettet_af = serializers.CharField(source="created_by")
    scenarie = serializers.CharField(source="scenario_name")
    status = serializers.CharField()
    objective = serializers.FloatField(source="objective_value")
    bound = serializers.FloatField(source="bound_value")
    gap = serializers.FloatField()
    sekunder = serializers.FloatField(source="seconds")
    godkendt = serializers.SerializerMethodField()
    indstillinger = serializers.JSONField(source="settings")

    class Meta:
        model = StoredPlan
        fields = [
            "id",
            "oprettet",
            "oprettet_af",
            "scenarie",
            "status",
            "objective",
            "bound",
            "gap",
            "sekunder",
            "godkendt",
            "indstillinger",
        ]
        read_only_fields = fields

    def get_godkendt(self, plan: StoredPlan) -> bool:
        return hasattr(plan, "approval")


def _names(plan: StoredPlan) -> tuple[dict[int, str], dict[str, str], int]:
    labels = plan.labels or {}
    names = {int(code): name for code, name in labels.get("kommuner", {}).items()}
    return names, dict(labels.get("faggrupper", {})), int(labels.get("vaert", {}).get("kode", 0))


class EmployeeDecisionSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="plan_id")
    medarbejder_id = serializers.CharField(source="employee_id")
    faggruppe = serializers.CharField(source="profession")
    kommune = serializers.IntegerField(source="municipality")
    begrundelse_kode = serializers.CharField(source="reason_code")
    begrundelse = serializers.SerializerMethodField()

    class Meta:
        model = EmployeeDecision
        fields = [
            "plan",
            "medarbejder_id",
            "faggruppe",
            "kommune",
            "begrundelse_kode",
            "begrundelse",
        ]
        read_only_fields = fields

    def get_begrundelse(self, decision: EmployeeDecision) -> str:
        from overgang.core.planning.plan import Reason

        names, _professions, host = _names(decision.plan)
        reason = Reason(decision.reason_code, tuple(decision.reason_params.items()))
        return str(employee_reason_text(reason, names, host))


class CaseDecisionSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="plan_id")
    sag_id = serializers.CharField(source="case_id")
    faggruppe = serializers.CharField(source="profession")
    handlekommune = serializers.IntegerField(source="municipality")
    tidligere_kontaktperson = serializers.CharField(source="former_contact")
    kontaktperson = serializers.CharField(source="contact_person")
    begrundelse_kode = serializers.CharField(source="reason_code")
    begrundelse = serializers.SerializerMethodField()

    class Meta:
        model = CaseDecision
        fields = [
            "plan",
            "sag_id",
            "faggruppe",
            "handlekommune",
            "tidligere_kontaktperson",
            "kontaktperson",
            "begrundelse_kode",
            "begrundelse",
        ]
        read_only_fields = fields

    def get_begrundelse(self, decision: CaseDecision) -> str:
        from overgang.core.planning.plan import Reason

        names, professions, host = _names(decision.plan)
        reason = Reason(decision.reason_code, tuple(decision.reason_params.items()))
        return str(case_reason_text(reason, names, professions, host))


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField(help_text="When the token stops being accepted.")
