"""The demo's users: one per role and municipality, tied to real rows of the demo data set.

For the demo only: every user has the password `overgang-demo`. The command
refuses to run with production settings (DEBUG off) and on a data set that is
not the demo's (it needs Ishøj, 183, as host and Vallensbæk, 187, as member).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from overgang.web.accounts.models import Profile, Role
from overgang.web.dataset.models import Case, Employee, Municipality
from overgang.web.planning.models import CaseDecision
from overgang.web.planning.selectors import current_plan, planned_employee_ids
from overgang.web.process.milestones import TEMPLATE_ACTOR, ensure_milestones
from overgang.web.process.models import Body, BodyKind, Milestone, MilestoneKind, Transition
from overgang.web.process.services import mark_milestone_done

DEMO_PASSWORD = "overgang-demo"
# The demo runs as on this day: interviews are held, the employees not yet notified.
DEMO_TODAY = date(2021, 9, 15)
ISHOEJ, VALLENSBAEK = 183, 187
SLUGS = {ISHOEJ: "ishoej", VALLENSBAEK: "vallensbaek"}


class DemoUsersError(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    municipality_code: int | None
    team: str
    employee_id: str
    body: str


def _check_demo_data() -> None:
    if not settings.DEBUG:
        raise DemoUsersError(
            _("Demo users are not created with production settings (OVERGANG_DEBUG=0).")
        )
    codes = dict(Municipality.objects.values_list("code", "role"))
    if codes.get(ISHOEJ) != "vaert" or codes.get(VALLENSBAEK) != "medlem":
        raise DemoUsersError(
            _(
                "The stored data set is not the demo's: demo users need Ishøj (183) as host and "
                "Vallensbæk (187) as member. Run overgang demo-data and overgang import first."
            )
        )


def _team_of(code: int) -> tuple[str, str]:
    """The unit with most employees planned to the municipality, and its leader if any."""
    planned = planned_employee_ids(code)
    unit = (
        Employee.objects.filter(ext_id__in=planned, is_leader=False)
        .exclude(unit="")
        .values("unit")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit")
        .values_list("unit", flat=True)
        .first()
    )
    if unit is None:
        raise DemoUsersError(_("No employee is planned to municipality %(code)s.") % {"code": code})
    leader = (
        Employee.objects.filter(unit=unit, is_leader=True)
        .order_by("ext_id")
        .values_list("ext_id", flat=True)
        .first()
    )
    return unit, leader or ""


def _caseworker_of(code: int) -> str:
    """An employee planned to the municipality with cases there, preferring one with handovers."""
    planned = planned_employee_ids(code)
    plan = current_plan()
    handovers = CaseDecision.objects.filter(plan=plan).exclude(former_contact=F("contact_person"))
    candidates = (
        Employee.objects.filter(ext_id__in=planned, cases__acting_municipality__code=code)
        .annotate(
            leaving=Count(
                "pk",
                filter=Q(ext_id__in=handovers.values("former_contact")),
                distinct=True,
            ),
            coming=Count(
                "pk",
                filter=Q(ext_id__in=handovers.values("contact_person")),
                distinct=True,
            ),
            n=Count("cases", distinct=True),
        )
        .order_by("-leaving", "-coming", "-n", "ext_id")
    )
    found = candidates.values_list("ext_id", flat=True).first()
    if found is None:
        any_case = (
            Case.objects.filter(acting_municipality__code=code, contact_person__isnull=False)
            .order_by("ext_id")
            .values_list("contact_person__ext_id", flat=True)
            .first()
        )
        if any_case is None:
            raise DemoUsersError(
                _("No case of municipality %(code)s has a contact person.") % {"code": code}
            )
        return any_case
    return found


def plan_demo_users() -> list[DemoUser]:
    """Return the demo users, tied to rows of the stored data set."""
    _check_demo_data()
    users = [DemoUser("projektleder", Role.TRANSITION_LEAD, None, "", "", "")]
    for code, slug in SLUGS.items():
        users.append(DemoUser(f"kommuneleder-{slug}", Role.MUNICIPAL_LEAD, code, "", "", ""))
    for code, slug in SLUGS.items():
        team, leader = _team_of(code)
        users.append(DemoUser(f"teamleder-{slug}", Role.TEAM_LEADER, code, team, leader, ""))
    for code, slug in SLUGS.items():
        users.append(
            DemoUser(f"sagsbehandler-{slug}", Role.CASEWORKER, code, "", _caseworker_of(code), "")
        )
    users.append(DemoUser("med", Role.COMMITTEE, None, "", "", "HovedMED"))
    users.append(DemoUser("byraad", Role.COMMITTEE, ISHOEJ, "", "", "Byrådet i Ishøj"))
    users.append(DemoUser("revisor", Role.AUDITOR, None, "", "", ""))
    return users


DEMO_BODIES = (
    ("HovedMED", BodyKind.MED, None),
    ("MED-udvalget i Center for Børn og Forebyggelse", BodyKind.MED, None),
    ("Byrådet i Ishøj", BodyKind.COUNCIL, ISHOEJ),
    ("Byrådet i Vallensbæk", BodyKind.COUNCIL, VALLENSBAEK),
)


# The steps the demo's story has behind it; the interviews, telling the employees and the
# representatives' information are still open on its day, as its data show.
_DEMO_STEPS_DONE = (
    MilestoneKind.ANNOUNCEMENT,
    MilestoneKind.POLITICAL_DECISION,
    MilestoneKind.HOVEDMED_MEETING,
    MilestoneKind.CONSULTATION_DEADLINE,
)


def _close_past_milestones(day: date) -> None:
    """Mark the steps the demo has behind it done on their deadline."""
    past = Milestone.objects.filter(done_on__isnull=True, due_on__lt=day, kind__in=_DEMO_STEPS_DONE)
    for milestone in past:
        mark_milestone_done(
            milestone=milestone,
            version=milestone.version,
            done_on=milestone.due_on,
            by=TEMPLATE_ACTOR,
        )


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    """Create (or reset) the demo users, the consulted bodies, the milestones and the demo clock."""
    users = plan_demo_users()
    bodies = {
        name: Body.objects.update_or_create(
            name=name, defaults={"kind": kind, "municipality_code": code}
        )[0]
        for name, kind, code in DEMO_BODIES
    }
    transition = Transition.current()
    transition.today_override = DEMO_TODAY
    transition.save()
    ensure_milestones(transition.effective_date)
    _close_past_milestones(DEMO_TODAY)
    user_model = get_user_model()
    for demo in users:
        user, _created = user_model.objects.get_or_create(username=demo.username)
        user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.save()
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "role": demo.role,
                "municipality_code": demo.municipality_code,
                "team": demo.team,
                "employee_id": demo.employee_id,
                "body": bodies.get(demo.body),
            },
        )
    return users
