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
approved. An employee who is not in it belongs to the host municipality.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from overgang.web.accounts.models import Profile
    from overgang.web.planning.models import StoredPlan

    User = AbstractBaseUser | AnonymousUser

# Figures below this are shown as "<5" to aggregate-only roles, so no person can be recognised.
SMALL_NUMBER = 5

PERSONAL_ROLES = frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"})
AGGREGATE_ROLES = frozenset(
    {"projektleder", "kommuneleder", "teamleder", "sagsbehandler", "udvalg"}
)


# --- who the user is -------------------------------------------------------------------


def profile_of(user: Any) -> Profile | None:
    """Return the user's profile, or None for an anonymous user or one without a role."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_overgang_profile", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    from overgang.web.accounts.models import Profile

    profile = Profile.objects.select_related("body").filter(user=user).first()
    user._overgang_profile = profile
    return profile


def role_of(user: Any) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


# --- the transition's clock and plan -----------------------------------------------------


def today() -> date:
    """Today, or the demo's clock when the demo has set one."""
    from overgang.web.process.models import Transition

    transition = Transition.current()
    return transition.today_override or timezone.localdate()


def effective_date() -> date:
    from overgang.web.process.models import Transition

    return Transition.current().effective_date


def before_effective_date() -> bool:
    return today() < effective_date()


def current_plan() -> StoredPlan | None:
    """The approved plan, or the latest stored plan while none is approved."""
    from overgang.web.planning.models import StoredPlan

    approved = StoredPlan.objects.filter(approval__isnull=False).order_by("-pk").first()
    return approved or StoredPlan.objects.order_by("-pk").first()


def host_code() -> int | None:
    from overgang.web.dataset.models import Municipality

    return Municipality.objects.filter(role="vaert").values_list("code", flat=True).first()


def planned_employee_ids(code: int) -> models.QuerySet[Any]:
    """The medarbejder_ids the current plan gives municipality `code` (the host: also the unplanned)."""
    from overgang.web.dataset.models import Employee
    from overgang.web.planning.models import EmployeeDecision

    plan = current_plan()
    decided = EmployeeDecision.objects.filter(plan=plan)
    mine = decided.filter(municipality=code).values("employee_id")
    if code == host_code():
        return Employee.objects.filter(
            Q(ext_id__in=mine) | ~Q(ext_id__in=decided.values("employee_id"))
        ).values("ext_id")
    return mine


def handover_case_ids(employee_id: str) -> models.QuerySet[Any]:
    """The sag_ids on a caseworker's handover lists: leaving them or coming to them."""
    from overgang.web.planning.models import CaseDecision

    return (
        CaseDecision.objects.filter(plan=current_plan())
        .filter(Q(former_contact=employee_id) | Q(contact_person=employee_id))
        .values("case_id")
    )


# --- row filters, one per personal-data model -------------------------------------------

NOTHING = Q(pk__in=[])
EVERYTHING = Q()


def _team_employee_ids(profile: Profile) -> models.QuerySet[Any]:
    from overgang.web.dataset.models import Employee

    return Employee.objects.filter(
        unit=profile.team, ext_id__in=planned_employee_ids(profile.municipality_code or 0)
    ).values("ext_id")


def employee_filter(user: Any, prefix: str = "") -> Q:
    """The employees the user may see; `prefix` reaches them from a related model."""
    profile = profile_of(user)
    if profile is None:
        return NOTHING
    ext = f"{prefix}ext_id__in"
    if profile.role == "projektleder":
        return EVERYTHING if before_effective_date() else NOTHING
    if profile.role == "kommuneleder":
        if before_effective_date():
            return EVERYTHING  # the shared centre's staff
        return Q(**{ext: planned_employee_ids(profile.municipality_code or 0)})
    if profile.role == "teamleder":
        return Q(**{ext: _team_employee_ids(profile)})
    if profile.role == "sagsbehandler":
        return Q(**{f"{prefix}ext_id": profile.employee_id}) if profile.employee_id else NOTHING
    return NOTHING


def _visible_case_ids(user: Any) -> models.QuerySet[Any]:
    from overgang.web.dataset.models import Case

    return Case.objects.filter(case_filter(user)).values("ext_id")


def case_filter(user: Any, prefix: str = "") -> Q:
    profile = profile_of(user)
    if profile is None:
        return NOTHING
    code = profile.municipality_code
    if profile.role == "projektleder":
        return EVERYTHING if before_effective_date() else NOTHING
    if profile.role == "kommuneleder":
        return Q(**{f"{prefix}acting_municipality__code": code}) | Q(
            **{f"{prefix}paying_municipality__code": code}
        )
    if profile.role == "teamleder":
        from overgang.web.planning.models import CaseDecision

        team = _team_employee_ids(profile)
        coming = CaseDecision.objects.filter(plan=current_plan(), contact_person__in=team).values(
            "case_id"
        )
        return Q(**{f"{prefix}acting_municipality__code": code}) & (
            Q(**{f"{prefix}contact_person__ext_id__in": team})
            | Q(**{f"{prefix}ext_id__in": coming})
        )
    if profile.role == "sagsbehandler":
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


def citizen_filter(user: Any) -> Q:
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    if profile.role == "projektleder":
        return EVERYTHING if before_effective_date() else NOTHING
    if profile.role == "kommuneleder":
        return Q(municipality__code=profile.municipality_code) | Q(
            ext_id__in=_citizen_ids_of_cases(user)
        )
    return Q(ext_id__in=_citizen_ids_of_cases(user))


def _citizen_ids_of_cases(user: Any) -> models.QuerySet[Any]:
    from overgang.web.dataset.models import Case

    return Case.objects.filter(case_filter(user)).values("citizen__ext_id")


def interview_filter(user: Any) -> Q:
    return employee_filter(user, prefix="employee__")


def employee_decision_filter(user: Any) -> Q:
    from overgang.web.dataset.models import Employee

    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    visible = Employee.objects.filter(employee_filter(user)).values("ext_id")
    if profile.role == "kommuneleder":
        return Q(employee_id__in=visible) | Q(municipality=profile.municipality_code)
    return Q(employee_id__in=visible)


def case_decision_filter(user: Any, prefix: str = "") -> Q:
    profile = profile_of(user)
    if profile is None or profile.role not in PERSONAL_ROLES:
        return NOTHING
    if profile.role == "projektleder":
        return EVERYTHING if before_effective_date() else NOTHING
    visible = Q(**{f"{prefix}case_id__in": _visible_case_ids(user)})
    if profile.role == "kommuneleder":
        return visible | Q(**{f"{prefix}municipality": profile.municipality_code})
    if profile.role == "sagsbehandler":
        mine = Q(**{f"{prefix}former_contact": profile.employee_id}) | Q(
            **{f"{prefix}contact_person": profile.employee_id}
        )
        if not profile.employee_id:
            return NOTHING
        if before_effective_date():
            return mine
        return mine & Q(**{f"{prefix}municipality": profile.municipality_code})
    return visible


def handover_filter(user: Any) -> Q:
    return case_decision_filter(user, prefix="decision__")


def _filters() -> dict[str, Any]:
    return {
        "dataset.employee": employee_filter,
        "dataset.interview": interview_filter,
        "dataset.citizen": citizen_filter,
        "dataset.case": case_filter,
        "planning.employeedecision": employee_decision_filter,
        "planning.casedecision": case_decision_filter,
        "process.handovermeeting": handover_filter,
        "process.decisionnotification": lambda user: Q(decision__in=_decisions_of(user)),
    }


def _decisions_of(user: Any) -> models.QuerySet[Any]:
    from overgang.web.planning.models import EmployeeDecision

    return EmployeeDecision.objects.filter(employee_decision_filter(user)).values("pk")


PERSONAL_MODELS = frozenset(
    {
        "dataset.employee",
        "dataset.interview",
        "dataset.citizen",
        "dataset.case",
        "planning.employeedecision",
        "planning.casedecision",
        "process.handovermeeting",
        "process.decisionnotification",
    }
)


def scope(queryset: models.QuerySet[Any], user: Any) -> models.QuerySet[Any]:
    """Return the rows of the queryset the user may see; an unknown model is refused whole."""
    label = queryset.model._meta.label_lower
    rule = _filters().get(label)
    if rule is None:
        raise LookupError(f"no access rule for {label}")
    condition = rule(user)
    if condition is NOTHING:
        return queryset.none()
    return queryset.filter(condition).distinct() if condition else queryset._chain()


class ScopedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """A queryset with `for_user(user)`: the rows that user may see, and no other.

    The rows a `for_user` queryset fetches are written to the audit log in the
    user's name (one entry for one object, one per municipality for a list), so
    that every read of personal data through the scoping layer is logged. Counts
    and existence checks fetch no rows and are not logged.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._audit_user: Any = None

    def for_user(self, user: Any) -> ScopedQuerySet:
        scoped = scope(self, user)
        scoped._audit_user = user  # type: ignore[attr-defined]
        return scoped  # type: ignore[return-value]

    def _clone(self) -> ScopedQuerySet:
        clone = super()._clone()  # type: ignore[misc]
        clone._audit_user = self._audit_user
        return clone  # type: ignore[no-any-return]

    def get(self, *args: Any, **kwargs: Any) -> Any:
        """The one row, as `QuerySet.get`; a row asked for but out of the user's sight is
        logged as refused (a person trying other municipalities' ids shows in the log)."""
        try:
            return super().get(*args, **kwargs)
        except self.model.DoesNotExist:
            if self._audit_user is not None and kwargs:
                from overgang.web.audit.log import record
                from overgang.web.audit.models import Action

                record(
                    self._audit_user,
                    Action.REFUSED,
                    object_type=self.model._meta.label_lower,
                    object_id=str(next(iter(kwargs.values()))),
                    detail={"lookup": {key: str(value)[:100] for key, value in kwargs.items()}},
                )
            raise

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()  # type: ignore[misc]
        if fresh and self._audit_user is not None and self._result_cache:
            from overgang.web.audit.log import record_read

            record_read(self._audit_user, self.model, self._result_cache)


def visible(user: Any, obj: models.Model) -> bool:
    """Whether the user may see this row of a personal-data model."""
    model = type(obj)
    return scope(model._default_manager.filter(pk=obj.pk), user).exists()


# --- the permission table ---------------------------------------------------------------

ALL_ROLES = frozenset(
    {"projektleder", "kommuneleder", "teamleder", "sagsbehandler", "udvalg", "revisor"}
)

# action -> the roles that may do it (a row-level check follows where an object is given)
PERMISSIONS: dict[str, frozenset[str]] = {
    "view_dashboard": AGGREGATE_ROLES,
    "view_aggregates": AGGREGATE_ROLES,
    "view_employees": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"}),
    "view_citizens": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"}),
    "view_cases": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"}),
    "record_interview": frozenset({"projektleder", "kommuneleder", "teamleder"}),
    "view_scenarios": frozenset({"projektleder", "kommuneleder", "teamleder", "udvalg"}),
    "manage_scenarios": frozenset({"projektleder", "kommuneleder"}),
    "run_plan": frozenset({"projektleder", "kommuneleder"}),
    "approve_plan": frozenset({"projektleder"}),
    "view_plans": frozenset({"projektleder", "kommuneleder", "teamleder", "udvalg"}),
    "view_decisions": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"}),
    "notify_decision": frozenset({"projektleder", "kommuneleder"}),
    "view_handovers": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"}),
    "record_handover": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler"}),
    "view_teams": frozenset({"projektleder", "kommuneleder", "teamleder"}),
    "view_resignations": frozenset({"projektleder", "kommuneleder", "teamleder"}),
    "view_consultations": frozenset({"projektleder", "kommuneleder", "udvalg"}),
    "manage_consultations": frozenset({"projektleder"}),
    "respond_consultation": frozenset({"udvalg"}),
    "view_milestones": AGGREGATE_ROLES,
    "manage_milestones": frozenset({"projektleder"}),
    "download_aggregate_reports": frozenset({"projektleder", "kommuneleder", "udvalg"}),
    "download_personal_reports": frozenset({"projektleder", "kommuneleder"}),
    "view_audit_log": frozenset({"revisor"}),
    "use_api": frozenset({"projektleder", "kommuneleder", "teamleder", "sagsbehandler", "udvalg"}),
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
    label = obj._meta.label_lower
    if label in PERSONAL_MODELS:
        return visible(user, obj)
    if label == "process.consultation":
        return profile.role != "udvalg" or obj.bodies.filter(pk=profile.body_id).exists()  # type: ignore[attr-defined]
    if label == "process.consultationresponse":
        if profile.role == "udvalg":
            return obj.body_id == profile.body_id  # type: ignore[attr-defined]
        return True
    return True


# Rows of a plan's metrics that are about one person or case, by the key that names them.
PERSONAL_KEYS = {"medarbejder_id": "employees", "sag_id": "cases", "borger_id": "citizens"}


def scoped_metrics(metrics: Any, user: Any, shown: set[str] | None = None) -> Any:
    """A plan's metrics without the rows about people or cases the user may not see.

    Most metrics are counts; some list one row per employee (their attachment under the
    transfer of undertakings act) or case ids. `shown` collects the ids left in, for the
    audit log.
    """
    from overgang.web.dataset.models import Case, Citizen, Employee

    visible = {
        "employees": set(
            Employee.objects.filter(employee_filter(user)).values_list("ext_id", flat=True)
        ),
        "cases": set(Case.objects.filter(case_filter(user)).values_list("ext_id", flat=True)),
        "citizens": set(
            Citizen.objects.filter(citizen_filter(user)).values_list("ext_id", flat=True)
        ),
    }
    return _scoped(metrics, visible, shown if shown is not None else set())


def _scoped(value: Any, visible: dict[str, set[str]], shown: set[str], key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _scoped(item, visible, shown, k) for k, item in value.items()}
    if isinstance(value, list):
        kept = []
        for item in value:
            if isinstance(item, dict):
                named = [(k, item[k]) for k in PERSONAL_KEYS if k in item]
                if any(str(v) not in visible[PERSONAL_KEYS[k]] for k, v in named):
                    continue
                shown.update(str(v) for _k, v in named)
            elif key == "sager" and isinstance(item, str):  # a list of case ids
                if item not in visible["cases"]:
                    continue
                shown.add(item)
            kept.append(_scoped(item, visible, shown))
        return kept
    return value


def consultations_for(user: Any) -> models.QuerySet[Any]:
    from overgang.web.process.models import Consultation

    profile = profile_of(user)
    if profile is None or profile.role not in PERMISSIONS["view_consultations"]:
        return Consultation.objects.none()
    if profile.role == "udvalg":
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
