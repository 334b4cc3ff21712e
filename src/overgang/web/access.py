"""Who may see and do what: the one place the web application's scoping is decided.

Every personal-data model has `Model.objects.for_user(user)` (through
`ScopedQuerySet`), which returns exactly the rows the user's role entitles them
to; pages, downloads and the API list and fetch through it and nothing else.
`can(user, action, obj)` is the permission table for everything that is not a
row filter: which roles may use a page, record an interview, approve a plan, ...

The rules (issue 5):
- Transition lead (`projektleder`): everything, across municipalities, until the
  effective date; after it aggregates and the process only.
- Municipal lead of X: X's citizens and cases (acting or paying municipality X)
  and the employees the current plan gives X; before the effective date also the
  shared centre's staff (all its employees, their interviews and decisions).
  Children's data never crosses municipalities.
- Team leader of team T in X: the employees of unit T whom the plan gives X, and
  the cases of X they carry now or are to carry.
- Caseworker E: their own cases, and their handover lists (cases leaving E and
  cases coming to E in the current plan), with those citizens; after the
  effective date only those of their own municipality.
- Committee member (MED or council): aggregates with small-number suppression,
  and the consultations of their body. No personal data.
- Auditor: the audit log. No personal data.
- Anyone without a profile (also a superuser): no personal data. The Django admin
  is for superusers and registers no personal-data model.

"The current plan" is the approved plan, or the latest stored plan while none is
approved (`overgang.web.planning.selectors`). An employee who is not in it belongs
to the host municipality.

Each personal-data model's row rule and municipality are registered together, in
`register_personal_data` (called once at start-up by the accounts app); the
queryset that applies them, `overgang.web.scoping.ScopedQuerySet`, knows no model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.models import Q

from overgang.web import scoping
from overgang.web.accounts.models import Profile, Role
from overgang.web.casefiles.models import CaseTransfer, ContactChange
from overgang.web.dataset.models import Case, Citizen, Employee, Interview, Municipality
from overgang.web.planning.models import CaseDecision, EmployeeDecision, FixedDecision, FixKind
from overgang.web.planning.selectors import (
    current_plan,
    handover_case_ids,
    host_code,
    planned_employee_ids,
    planned_municipalities,
    planned_municipality,
)
from overgang.web.process.clock import before_effective_date
from overgang.web.process.models import (
    Consultation,
    ConsultationResponse,
    DecisionNotification,
    HandoverMeeting,
    Hearing,
    InterviewExemption,
)
from overgang.web.scoping import EVERYTHING, NOTHING

# Figures below this are shown as "<5" to aggregate-only roles, so no person can be recognised.
SMALL_NUMBER = 5

PERSONAL_ROLES = frozenset(
    {Role.TRANSITION_LEAD, Role.MUNICIPAL_LEAD, Role.TEAM_LEADER, Role.CASEWORKER}
)
AGGREGATE_ROLES = PERSONAL_ROLES | {Role.COMMITTEE}
ALL_ROLES = AGGREGATE_ROLES | {Role.AUDITOR}


# --- who the user is -------------------------------------------------------------------


def profile_of(user: Any) -> Profile | None:
    """Return the user's profile, or None for an anonymous user or one without a role."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_overgang_profile", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    profile = Profile.objects.select_related("body").filter(user=user).first()
    user._overgang_profile = profile
    return profile


def role_of(user: Any) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


# --- row rules, one per personal-data model ---------------------------------------------


def _team_employee_ids(profile: Profile) -> models.QuerySet[Any]:
    return Employee.objects.filter(
        unit=profile.team, ext_id__in=planned_employee_ids(profile.municipality_code or 0)
    ).values("ext_id")


def employee_filter(user: Any, prefix: str = "") -> Q:
    """The employees the user may see; `prefix` reaches them from a related model."""
    profile = profile_of(user)
    if profile is None:
        return NOTHING
    ext = f"{prefix}ext_id__in"
    if profile.role == Role.TRANSITION_LEAD:
        return EVERYTHING if before_effective_date() else NOTHING
    if profile.role == Role.MUNICIPAL_LEAD:
        if before_effective_date():
            return EVERYTHING  # the shared centre's staff
        return Q(**{ext: planned_employee_ids(profile.municipality_code or 0)})
    if profile.role == Role.TEAM_LEADER:
        return Q(**{ext: _team_employee_ids(profile)})
    if profile.role == Role.CASEWORKER:
        return Q(**{f"{prefix}ext_id": profile.employee_id}) if profile.employee_id else NOTHING
    return NOTHING


def case_filter(user: Any, prefix: str = "") -> Q:
    profile = profile_of(user)
    if profile is None:
        return NOTHING
    code = profile.municipality_code
    if profile.role == Role.TRANSITION_LEAD:
        return EVERYTHING if before_effective_date() else NOTHING
    if profile.role == Role.MUNICIPAL_LEAD:
        return Q(**{f"{prefix}acting_municipality__code": code}) | Q(
            **{f"{prefix}paying_municipality__code": code}
        )
    if profile.role == Role.TEAM_LEADER:
        team = _team_employee_ids(profile)
        coming = CaseDecision.objects.filter(plan=current_plan(), contact_person__in=team).values(
            "case_id"
        )
        return Q(**{f"{prefix}acting_municipality__code": code}) & (
            Q(**{f"{prefix}contact_person__ext_id__in": team})
            | Q(**{f"{prefix}ext_id__in": coming})
        )
    if profile.role == Role.CASEWORKER:
        if not profile.employee_id:
            return NOTHING
        mine = Q(**{f"{prefix}contact_person__ext_id": profile.employee_id}) | Q(
            **{f"{prefix}ext_id__in": handover_case_ids(profile.employee_id)}
        )
        if before_effective_date():
            return mine
        # After the split a caseworker works for one municipality and sees only its cases.
        return mine & Q(**{f"{prefix}acting_municipality__code": code})
    return NOTHING


def _visible_case_ids(user: Any) -> models.QuerySet[Any]:
    return Case.objects.filter(case_filter(user)).values("ext_id")


def citizen_filter(user: Any) -> Q:
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    if profile.role == Role.TRANSITION_LEAD:
        return EVERYTHING if before_effective_date() else NOTHING
    of_cases = Case.objects.filter(case_filter(user)).values("citizen__ext_id")
    if profile.role == Role.MUNICIPAL_LEAD:
        return Q(municipality__code=profile.municipality_code) | Q(ext_id__in=of_cases)
    return Q(ext_id__in=of_cases)


def interview_filter(user: Any) -> Q:
    return employee_filter(user, prefix="employee__")


def employee_decision_filter(user: Any) -> Q:
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    visible = Employee.objects.filter(employee_filter(user)).values("ext_id")
    if profile.role == Role.MUNICIPAL_LEAD:
        return Q(employee_id__in=visible) | Q(municipality=profile.municipality_code)
    return Q(employee_id__in=visible)


def case_decision_filter(user: Any, prefix: str = "") -> Q:
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    if profile.role == Role.TRANSITION_LEAD:
        return EVERYTHING if before_effective_date() else NOTHING
    visible = Q(**{f"{prefix}case_id__in": _visible_case_ids(user)})
    if profile.role == Role.MUNICIPAL_LEAD:
        return visible | Q(**{f"{prefix}municipality": profile.municipality_code})
    if profile.role == Role.CASEWORKER:
        if not profile.employee_id:
            return NOTHING
        mine = Q(**{f"{prefix}former_contact": profile.employee_id}) | Q(
            **{f"{prefix}contact_person": profile.employee_id}
        )
        if before_effective_date():
            return mine
        return mine & Q(**{f"{prefix}municipality": profile.municipality_code})
    return visible


def fixed_decision_filter(user: Any) -> Q:
    """Fixes about the employees and cases the user may see (a municipal lead: also the
    employees fixed to their municipality)."""
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    if profile.role == Role.TRANSITION_LEAD:
        return EVERYTHING if before_effective_date() else NOTHING
    employees = Employee.objects.filter(employee_filter(user)).values("ext_id")
    rule = Q(kind=FixKind.EMPLOYEE, subject_id__in=employees) | Q(
        kind=FixKind.CASE, subject_id__in=_visible_case_ids(user)
    )
    if profile.role == Role.MUNICIPAL_LEAD:
        rule |= Q(kind=FixKind.EMPLOYEE, value=str(profile.municipality_code))
    return rule


def handover_filter(user: Any) -> Q:
    return case_decision_filter(user, prefix="decision__")


def case_transfer_filter(user: Any) -> Q:
    """A receiving municipality's transfer list: its municipal lead sees all of it, others the
    rows of their municipality's cases they may see."""
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    if profile.role == Role.TRANSITION_LEAD:
        return EVERYTHING if before_effective_date() else NOTHING
    own = Q(municipality_code=profile.municipality_code)
    if profile.role == Role.MUNICIPAL_LEAD:
        return own
    return own & Q(case_id__in=_visible_case_ids(user))


def contact_change_filter(user: Any) -> Q:
    return Q(case_id__in=_visible_case_ids(user))


def exemption_filter(user: Any) -> Q:
    """An employee's "not relevant for an interview" mark: whoever may see the employee sees it."""
    if profile_of(user) is None:
        return NOTHING
    return Q(employee_id__in=Employee.objects.filter(employee_filter(user)).values("ext_id"))


def notification_filter(user: Any) -> Q:
    decisions = EmployeeDecision.objects.filter(employee_decision_filter(user)).values("pk")
    return Q(decision__in=decisions)


# --- each personal-data model's rule and municipality, registered together ---------------


def _employees_municipalities() -> scoping.Resolver:
    """Employees' (and their interviews') municipalities for a list: one query for the plan."""
    planned = planned_municipalities()
    host = host_code()
    # An interview names its employee by key: each employee's id is read once per list,
    # not once per interview (an employee's page lists all their interviews).
    ext_ids: dict[int, str] = {}

    def resolve(obj: models.Model) -> int | None:
        if isinstance(obj, Employee):
            ext = obj.ext_id
        else:
            key = obj.employee_id  # type: ignore[attr-defined]
            if key not in ext_ids:
                ext_ids[key] = obj.employee.ext_id  # type: ignore[attr-defined]
            ext = ext_ids[key]
        return planned.get(ext, host)

    return resolve


def _codes_by_pk() -> scoping.Resolver:
    """Cases' and citizens' municipalities for a list: one query for the codes."""
    codes = dict(Municipality.objects.values_list("pk", "code"))

    def resolve(obj: models.Model) -> int | None:
        if isinstance(obj, Case):
            return codes.get(obj.acting_municipality_id)
        return codes.get(obj.municipality_id)  # type: ignore[attr-defined]

    return resolve


def _fix_municipality(obj: models.Model) -> int | None:
    """An employee fix's municipality is the one it fixes; a case fix's, the case's."""
    if obj.kind == FixKind.EMPLOYEE:  # type: ignore[attr-defined]
        return int(obj.value)  # type: ignore[attr-defined]
    return (
        Case.objects.filter(ext_id=obj.subject_id)  # type: ignore[attr-defined]
        .values_list("acting_municipality__code", flat=True)
        .first()
    )


def _citizens_of_cases(case_ids: Any) -> list[str]:
    """The citizens of the cases with these ids (an iterable or a query of ids)."""
    return list(Case.objects.filter(ext_id__in=case_ids).values_list("citizen__ext_id", flat=True))


def _citizens_of_case_rows(objs: Sequence[models.Model]) -> list[str]:
    pks = {obj.citizen_id for obj in objs}  # type: ignore[attr-defined]
    return list(Citizen.objects.filter(pk__in=pks).values_list("ext_id", flat=True))


def _citizens_of_meetings(objs: Sequence[models.Model]) -> list[str]:
    decisions = {obj.decision_id for obj in objs}  # type: ignore[attr-defined]
    return _citizens_of_cases(CaseDecision.objects.filter(pk__in=decisions).values("case_id"))


def register_personal_data() -> None:
    """Register every personal-data model's row rule and municipality with the scoping layer."""
    scoping.register(
        Employee,
        rule=employee_filter,
        municipality=lambda obj: planned_municipality(obj.ext_id),  # type: ignore[attr-defined]
        municipalities=_employees_municipalities,
    )
    scoping.register(
        Interview,
        rule=interview_filter,
        municipality=lambda obj: planned_municipality(obj.employee.ext_id),  # type: ignore[attr-defined]
        municipalities=_employees_municipalities,
    )
    scoping.register(
        Citizen,
        rule=citizen_filter,
        municipality=lambda obj: obj.municipality.code,  # type: ignore[attr-defined]
        municipalities=_codes_by_pk,
        citizens=lambda objs: [obj.ext_id for obj in objs],  # type: ignore[attr-defined]
    )
    scoping.register(
        Case,
        rule=case_filter,
        municipality=lambda obj: obj.acting_municipality.code,  # type: ignore[attr-defined]
        municipalities=_codes_by_pk,
        citizens=_citizens_of_case_rows,
    )
    scoping.register(
        EmployeeDecision,
        rule=employee_decision_filter,
        municipality=lambda obj: obj.municipality,  # type: ignore[attr-defined]
    )
    scoping.register(
        CaseDecision,
        rule=case_decision_filter,
        municipality=lambda obj: obj.municipality,  # type: ignore[attr-defined]
        citizens=lambda objs: _citizens_of_cases({obj.case_id for obj in objs}),  # type: ignore[attr-defined]
    )
    scoping.register(
        FixedDecision,
        rule=fixed_decision_filter,
        municipality=_fix_municipality,
        citizens=lambda objs: _citizens_of_cases(
            [obj.subject_id for obj in objs if obj.kind == FixKind.CASE]  # type: ignore[attr-defined]
        ),
    )
    scoping.register(
        HandoverMeeting,
        rule=handover_filter,
        municipality=lambda obj: obj.decision.municipality,  # type: ignore[attr-defined]
        citizens=_citizens_of_meetings,
    )
    scoping.register(
        CaseTransfer,
        rule=case_transfer_filter,
        municipality=lambda obj: obj.municipality_code,  # type: ignore[attr-defined]
        citizens=lambda objs: _citizens_of_cases({obj.case_id for obj in objs}),  # type: ignore[attr-defined]
    )
    scoping.register(
        ContactChange,
        rule=contact_change_filter,
        municipality=lambda obj: obj.municipality_code,  # type: ignore[attr-defined]
        citizens=lambda objs: _citizens_of_cases({obj.case_id for obj in objs}),  # type: ignore[attr-defined]
    )
    scoping.register(
        InterviewExemption,
        rule=exemption_filter,
        municipality=lambda obj: planned_municipality(obj.employee_id),  # type: ignore[attr-defined]
    )
    scoping.register(
        DecisionNotification,
        rule=notification_filter,
        municipality=lambda obj: obj.decision.municipality,  # type: ignore[attr-defined]
    )
    # A hearing is about the employee's decision: whoever may see the decision sees it.
    scoping.register(
        Hearing,
        rule=notification_filter,
        municipality=lambda obj: obj.decision.municipality,  # type: ignore[attr-defined]
    )


# --- the permission table ---------------------------------------------------------------

LEADS = frozenset({Role.TRANSITION_LEAD, Role.MUNICIPAL_LEAD})

# action -> the roles that may do it (a row-level check follows where an object is given)
PERMISSIONS: dict[str, frozenset[str]] = {
    "view_dashboard": AGGREGATE_ROLES,
    "view_aggregates": AGGREGATE_ROLES,
    "view_employees": PERSONAL_ROLES,
    "view_citizens": PERSONAL_ROLES,
    "view_cases": PERSONAL_ROLES,
    "record_interview": LEADS | {Role.TEAM_LEADER},
    "view_scenarios": LEADS | {Role.TEAM_LEADER, Role.COMMITTEE},
    "manage_scenarios": LEADS,
    "run_plan": LEADS,
    # Cancel a job someone else started (one's own job one may always cancel).
    "cancel_any_job": frozenset({Role.TRANSITION_LEAD}),
    "approve_plan": frozenset({Role.TRANSITION_LEAD}),
    "view_plans": LEADS | {Role.TEAM_LEADER, Role.COMMITTEE},
    "view_decisions": PERSONAL_ROLES,
    "notify_decision": LEADS,
    "record_hearing": LEADS | {Role.TEAM_LEADER},
    "issue_final_decision": LEADS,
    "record_representatives": frozenset({Role.TRANSITION_LEAD}),
    "fix_decision": frozenset({Role.TRANSITION_LEAD}),
    "view_handovers": PERSONAL_ROLES,
    "record_handover": PERSONAL_ROLES,
    # A team leader sees the cases their unit carries or is to carry: the row rule limits
    # the sign-off of a handover record to the unit's team leader and the municipal lead.
    "sign_off_handover": frozenset({Role.TEAM_LEADER, Role.MUNICIPAL_LEAD}),
    "record_contact_change": PERSONAL_ROLES - {Role.TRANSITION_LEAD},
    "view_continuity": LEADS,
    "view_teams": LEADS | {Role.TEAM_LEADER},
    "view_resignations": LEADS | {Role.TEAM_LEADER},
    "view_consultations": LEADS | {Role.COMMITTEE},
    "manage_consultations": frozenset({Role.TRANSITION_LEAD}),
    "respond_consultation": frozenset({Role.COMMITTEE}),
    "view_milestones": AGGREGATE_ROLES,
    "manage_milestones": frozenset({Role.TRANSITION_LEAD}),
    # The settlement register holds no personal data: the leads keep it, committees read it.
    "view_settlement": LEADS | {Role.COMMITTEE},
    "manage_settlement": LEADS,
    "download_aggregate_reports": LEADS | {Role.COMMITTEE},
    "download_personal_reports": LEADS,
    # Case files to the receiving case system: each municipal lead their own list.
    "transfer_case_files": LEADS,
    "view_audit_log": frozenset({Role.AUDITOR}),
    "use_api": AGGREGATE_ROLES,
    "import_workbook": frozenset({Role.TRANSITION_LEAD}),
    "manage_transition": frozenset({Role.TRANSITION_LEAD}),  # settings, bodies, users
}


def can(user: Any, action: str, obj: models.Model | None = None) -> bool:
    """Whether the user may do `action`, on `obj` when one is given."""
    if action not in PERMISSIONS:
        raise KeyError(f"unknown action {action!r}")
    profile = profile_of(user)
    if profile is None or profile.role not in PERMISSIONS[action]:
        return False
    if obj is None:
        return True
    if scoping.is_personal(type(obj)):
        return scoping.visible(user, obj)
    if isinstance(obj, Consultation):
        return profile.role != Role.COMMITTEE or obj.bodies.filter(pk=profile.body_id).exists()
    if isinstance(obj, ConsultationResponse):
        return profile.role != Role.COMMITTEE or obj.body_id == profile.body_id
    return True


def consultations_for(user: Any) -> models.QuerySet[Any]:
    profile = profile_of(user)
    if profile is None or profile.role not in PERMISSIONS["view_consultations"]:
        return Consultation.objects.none()
    if profile.role == Role.COMMITTEE:
        return Consultation.objects.filter(bodies=profile.body_id)
    return Consultation.objects.all()


def suppressed(count: int, user: Any = None) -> int | None:
    """The count, or None ("<5") when it is below 5, zero included (as overgang.core.suppression).

    Suppression applies to aggregate-only roles (committee members) and, with no
    user given, always.
    """
    if user is not None and role_of(user) in PERSONAL_ROLES:
        return count
    return None if count < SMALL_NUMBER else count
