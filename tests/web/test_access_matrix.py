"""Every URL as every role and as an anonymous visitor, against objects of both municipalities.

The URL patterns are enumerated from Django's resolver, so a new page is covered
as soon as it lands, and a pattern missing from EXPECTED fails the test: whoever
adds a page states who may see it. Each rule gives the status code a user gets,
from the hand-made tables below (not from the access module it checks), and
every response a user gets is searched for personal data they may not see.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from overgang.web.accounts.models import Profile
from overgang.web.audit.actors import SystemActor
from overgang.web.planning.fixing import fix_employee
from overgang.web.process.milestones import ensure_milestones
from overgang.web.process.models import Body, Consultation, Hearing
from overgang.web.settlement.services import ItemFields, add_item
from tests.web.test_access import AFTER_TABLE, BEFORE_TABLE
from tests.web.users import AFTER, BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

ANONYMOUS, SUPERUSER = "anonym", "admin"
USERS = [ANONYMOUS, *sorted(BEFORE_TABLE), SUPERUSER]

# --- who may do what (the rules, written out by hand) -------------------------

LEADS = {"projektleder", "kommuneleder-ishoej", "kommuneleder-vallensbaek"}
TEAM = {"teamleder-ishoej", "teamleder-vallensbaek"}
CASEWORKERS = {"sagsbehandler-ishoej", "sagsbehandler-vallensbaek"}
COMMITTEE = {"med", "byraad"}
PERSONAL = LEADS | TEAM | CASEWORKERS
ROLES: dict[str, set[str]] = {
    "dashboard": PERSONAL | COMMITTEE,
    "employees": PERSONAL,
    "citizens": PERSONAL,
    "cases": PERSONAL,
    "record_interview": LEADS | TEAM,
    "view_plans": LEADS | TEAM | COMMITTEE,
    "run_plan": LEADS - {"nobody"},
    "decisions": PERSONAL,
    "handovers": PERSONAL,
    "teams": LEADS | TEAM,
    "resignations": LEADS | TEAM,
    "consultations": LEADS | COMMITTEE,
    "milestones": PERSONAL | COMMITTEE,
    "manage_milestones": {"projektleder"},
    "settlement": LEADS | COMMITTEE,  # no personal data: the council agrees the settlement
    "manage_settlement": LEADS,
    "import_workbook": {"projektleder"},
    "manage_transition": {"projektleder"},
    "fix_decision": {"projektleder"},
    "record_hearing": LEADS | TEAM,
    "record_representatives": {"projektleder"},
    "reports": LEADS | COMMITTEE,
    "personal_reports": LEADS,
    "case_transfers": LEADS,
    "continuity": LEADS,
    "audit": {"revisor"},
    "aggregates": PERSONAL | COMMITTEE,
}

CONTACTS = {"I-CASE": "I-EMP", "V-CASE": "V-EMP", "MOVE": "X-EMP"}
NAMES = {"I-EMP": "Ida Ishøj", "V-EMP": "Vera Vallensbæk", "X-EMP": "Xenia Familie"}
CITIZEN_OF = {"I-CASE": "I-CIT", "V-CASE": "V-CIT", "MOVE": "V-CIT2"}
# Consultations by the body asked: HovedMED's is seen by the MED member, the council's by byraad.
CONSULTATIONS = {
    **{user: {"HovedMED", "Byrådet i Ishøj"} for user in LEADS},
    "med": {"HovedMED"},
    "byraad": {"Byrådet i Ishøj"},
}


def tables(rows: dict[str, tuple[list[str], list[str], list[str]]]) -> dict[str, dict]:
    """Who sees which row, from a hand table of (employees, citizens, cases) per user."""
    cases = {user: set(row[2]) for user, row in rows.items()}
    return {
        "employees": {user: set(row[0]) for user, row in rows.items()},
        "citizens": {user: set(row[1]) for user, row in rows.items()},
        "cases": cases,
        # MOVE is the one handover (X-EMP to V-EMP): seen by those who see the case.
        "handovers": {user: {"MOVE"} & cases[user] for user in rows},
        "handover_lists": {user: {"X-EMP"} if "MOVE" in cases[user] else set() for user in rows},
        "consultations": CONSULTATIONS,
    }


PERIODS = {
    "before": (BEFORE, tables(BEFORE_TABLE)),
    "after": (AFTER, tables(AFTER_TABLE)),
}


def may_see_markers(user: str, seen: dict[str, dict]) -> set[str]:
    """The personal ids and names a user may meet: their rows, and the people on their cases."""
    cases = seen["cases"].get(user, set())
    employees = set(seen["employees"].get(user, set()))
    employees |= {CONTACTS[case] for case in cases}
    if "MOVE" in cases:
        employees |= {"X-EMP", "V-EMP"}  # the handover's former and new contact person
    citizens = seen["citizens"].get(user, set()) | {CITIZEN_OF[case] for case in cases}
    return cases | citizens | employees | {NAMES[e] for e in employees}


MARKERS = [*CITIZEN_OF, *CITIZEN_OF.values(), *NAMES, *NAMES.values()]


# --- the expected status of each URL pattern ----------------------------------------


@dataclass(frozen=True)
class Target:
    """One concrete URL of a pattern, and what it shows."""

    kwargs: dict[str, str]
    shows: str = ""  # the personal row (or consultation body) the URL is about, if any


@dataclass(frozen=True)
class Rule:
    kind: str  # "page", "api", "public", "post_only", "admin", "login", "redirect"
    roles: str = ""  # key of ROLES; empty: anyone logged in
    visible: Callable[[str, Target, dict], bool] | None = None  # for URLs about one object
    targets: Callable[[dict], list[Target]] = field(default=lambda objects: [Target({})])
    ok: int = 200  # what an entitled user gets (a redirect for a page that sends them on)
    sends_on: frozenset[str] = frozenset()  # users without the role redirected to their own page

    def expected(self, user: str, target: Target, seen: dict[str, dict]) -> int:
        if self.kind == "public":
            return 200
        if self.kind == "post_only":
            return 405
        if self.kind == "redirect":
            return 302
        if self.kind == "login":
            return 200 if user == ANONYMOUS else 302
        if self.kind == "admin_login":
            return 302 if user == SUPERUSER else 200
        if self.kind == "admin":
            return _admin_status(self, user, target)
        if user == ANONYMOUS:
            return 302 if self.kind == "page" else 401
        if self.roles and user not in ROLES[self.roles]:
            return 302 if user in self.sends_on else 403
        if self.visible is not None and not self.visible(user, target, seen):
            return 404
        return self.ok


def _admin_status(rule: Rule, user: str, target: Target) -> int:
    if user != SUPERUSER:
        return 302  # to the admin's login page: the admin is for superusers only
    return int(target.shows or 200)


def _in(table: str) -> Callable[[str, Target, dict], bool]:
    return lambda user, target, seen: target.shows in seen[table].get(user, set())


def _one_of(*names: str) -> Callable[[dict], list[Target]]:
    def targets(objects: dict) -> list[Target]:
        return [objects[name] for name in names]

    return targets


def _kw(key: str, *names: str) -> Callable[[dict], list[Target]]:
    def targets(objects: dict) -> list[Target]:
        return [Target({key: objects[name][0]}, objects[name][1]) for name in names]

    return targets


EMP = ("emp-i", "emp-v", "emp-x")
CIT = ("cit-i", "cit-v", "cit-v2")
CASE = ("case-i", "case-v", "case-move")
INTERVIEW = ("interview-i", "interview-v")
HANDOVER = ("handover-move", "handover-none")
CONSULT = ("consult-med", "consult-council")


def _admin(status: int = 200, **targets: str) -> Rule:
    """A page of the admin: a superuser gets `status`, everyone else the admin's login page."""
    if not targets:
        return Rule("admin", targets=lambda objects: [Target({}, str(status))])
    key, name = next(iter(targets.items()))
    return Rule(
        "admin",
        targets=lambda objects: [Target({key: objects[name]}, str(status))],
    )


def _admin_model(model: str, key: str) -> dict[str, Rule]:
    return {
        f"admin:{model}_changelist": _admin(),
        f"admin:{model}_add": _admin(),
        f"admin:{model}_history": _admin(object_id=key),
        f"admin:{model}_delete": _admin(object_id=key),
        f"admin:{model}_change": _admin(object_id=key),
    }


EXPECTED: dict[str, Rule] = {
    # pages
    # The auditor and a superuser have no overview: the front page sends them to their page.
    "pages:dashboard": Rule("page", "dashboard", sends_on=frozenset({"revisor", SUPERUSER})),
    "pages:login": Rule("login"),
    "pages:logout": Rule("post_only"),
    "pages:import": Rule("page", "import_workbook"),
    "pages:import-confirm": Rule("post_only"),
    "pages:employees": Rule("page", "employees"),
    "pages:employee": Rule("page", "employees", _in("employees"), _kw("ext_id", *EMP)),
    "pages:employee-fix": Rule("page", "fix_decision", _in("employees"), _kw("ext_id", *EMP)),
    "pages:employee-unfix": Rule("post_only", targets=_kw("ext_id", "emp-v")),
    "pages:interview-edit": Rule(
        "page", "record_interview", _in("employees"), _kw("pk", *INTERVIEW)
    ),
    "pages:resignations": Rule("page", "resignations"),
    "pages:staff-concerns": Rule("page", "aggregates"),
    "pages:interview-followup": Rule("page", "record_interview"),
    "pages:interview-exempt": Rule("post_only", targets=_kw("ext_id", "emp-v")),
    "pages:interview-unexempt": Rule("post_only", targets=_kw("ext_id", "emp-v")),
    "pages:citizens": Rule("page", "citizens"),
    "pages:citizen": Rule("page", "citizens", _in("citizens"), _kw("ext_id", *CIT)),
    "pages:cases": Rule("page", "cases"),
    "pages:case": Rule("page", "cases", _in("cases"), _kw("ext_id", *CASE)),
    "pages:case-contact-change": Rule("post_only", targets=_kw("ext_id", "case-v")),
    "pages:continuity": Rule("page", "continuity"),
    "pages:plans": Rule("page", "view_plans"),
    "pages:plan-run-start": Rule("post_only"),
    "pages:plan-run-cancel": Rule("post_only", targets=_kw("run_id", "unknown-run")),
    "pages:plan-run": Rule("page", "run_plan", lambda u, t, s: False, _kw("run_id", "unknown-run")),
    "pages:plan-run-progress": Rule(
        "page", "run_plan", lambda u, t, s: False, _kw("run_id", "unknown-run")
    ),
    # Without two plans chosen, the comparison sends the user back to the plans.
    "pages:plan-compare": Rule("page", "view_plans", ok=302),
    "pages:plan": Rule("page", "view_plans", None, _kw("pk", "plan")),
    # Without two plans chosen, the choice of plans to tell apart sends the user back too.
    "pages:plan-diff-choose": Rule("page", "view_plans", ok=302),
    "pages:plan-diff": Rule(
        "page",
        "view_plans",
        targets=lambda o: [Target({"pk": o["plan"][0], "other": o["plan"][0]})],
    ),
    "pages:plan-approve": Rule("post_only", targets=_kw("pk", "plan")),
    "pages:plan-reproduce": Rule("post_only", targets=_kw("pk", "plan")),
    "pages:decision-notify": Rule("post_only", targets=_kw("pk", "decision-v")),
    # V-EMP's hearing: seen by whoever sees her decision; the letter is hers only.
    "pages:hearing": Rule("page", "record_hearing", _in("employees"), _kw("pk", "hearing-v")),
    "pages:hearing-final": Rule("post_only", targets=_kw("pk", "hearing-v")),
    "pages:hearing-letter": Rule(
        "page",
        "record_hearing",
        _in("employees"),
        lambda o: [Target({"pk": o["hearing-v"][0], "fmt": "docx"}, "V-EMP")],
    ),
    "pages:information": Rule("page", "record_representatives"),
    # The information letters are written from the approved plan; none is approved here.
    "pages:information-letters": Rule(
        "page", "record_representatives", lambda u, t, s: False, _kw("fmt", "docx-file")
    ),
    "pages:employee-decision-fix": Rule("post_only", targets=_kw("pk", "decision-v")),
    "pages:case-decision-fix": Rule("post_only", targets=_kw("pk", "handover-move")),
    "pages:handovers": Rule("page", "handovers"),
    "pages:handover": Rule("page", "handovers", _in("handovers"), _kw("pk", *HANDOVER)),
    # One file with the letters to the families of the user's municipality: MOVE's family
    # (Vallensbæk) is the one whose child changes contact person; none to write, nothing to give.
    "pages:family-letters": Rule(
        "page",
        "personal_reports",
        lambda u, t, seen: "MOVE" in seen["cases"][u],
        lambda o: [Target({"pk": o["plan"][0], "fmt": "pdf"}, "MOVE")],
    ),
    "pages:case-transfers": Rule("page", "case_transfers"),
    "pages:case-transfer-export": Rule("post_only"),
    "pages:handover-sign-off": Rule("post_only", targets=_kw("pk", "handover-move")),
    "pages:teams": Rule("page", "teams"),
    "pages:consultations": Rule("page", "consultations"),
    "pages:consultation": Rule("page", "consultations", _in("consultations"), _kw("pk", *CONSULT)),
    "pages:consultation-compile": Rule("post_only", targets=_kw("pk", "consult-med")),
    "pages:consultation-reply": Rule(
        "post_only", targets=lambda o: [Target({"pk": o["consult-med"][0], "response_pk": "1"})]
    ),
    "pages:milestones": Rule("page", "milestones"),
    "pages:milestone-edit": Rule("page", "manage_milestones", None, _kw("pk", "milestone")),
    "pages:settlement": Rule("page", "settlement"),
    "pages:settlement-item": Rule("page", "manage_settlement", None, _kw("pk", "settlement")),
    "pages:settlement-apply-key": Rule("post_only", targets=_kw("pk", "settlement")),
    "pages:settlement-remove": Rule("post_only", targets=_kw("pk", "settlement")),
    "pages:milestone-remove": Rule("post_only", targets=_kw("pk", "milestone")),
    "pages:reports": Rule("page", "reports"),
    "pages:plan-file": Rule("page", "personal_reports", None, _kw("pk", "plan")),
    "pages:report-status": Rule(
        "page", "reports", None, lambda o: [Target({"pk": o["plan"][0], "fmt": "html"})]
    ),
    # One PDF with the letters of the employees the user sees; none to see, nothing to give.
    "pages:report-letters": Rule(
        "page", "personal_reports", lambda u, t, seen: bool(seen["employees"][u]), _kw("pk", "plan")
    ),
    "pages:report-handover-list": Rule(
        "page",
        "handovers",
        _in("handover_lists"),
        lambda o: [
            Target({"pk": o["plan"][0], "employee_id": "X-EMP"}, "X-EMP"),  # MOVE leaves X-EMP
            Target({"pk": o["plan"][0], "employee_id": "I-EMP"}, "no list"),  # hands nothing over
        ],
    ),
    "pages:teams-form": Rule("post_only", targets=_kw("pk", "plan")),
    # The transition lead's set-up: the transition, the bodies, the users.
    "pages:transition": Rule("page", "manage_transition"),
    "pages:transition-municipality": Rule("post_only", targets=lambda o: [Target({"code": "187"})]),
    "pages:bodies": Rule("page", "manage_transition"),
    "pages:body": Rule(
        "page",
        "manage_transition",
        targets=lambda o: [Target({"pk": str(Body.objects.get(name="HovedMED").pk)})],
    ),
    "pages:users": Rule("page", "manage_transition"),
    "pages:user": Rule(
        "page", "manage_transition", targets=lambda o: [Target({"pk": str(o["users"]["med"].pk)})]
    ),
    "pages:user-active": Rule(
        "post_only", targets=lambda o: [Target({"pk": str(o["users"]["med"].pk)})]
    ),
    "pages:audit": Rule("page", "audit"),
    "pages:audit-verify": Rule("post_only"),
    "pages:audit-logins": Rule("page", "audit"),
    "pages:audit-insight": Rule("page", "audit"),
    # one's own account: anyone logged in, a role or not
    "pages:account": Rule("page"),
    "pages:password-change": Rule("page"),
    "pages:account-token-revoke": Rule("post_only"),
    "set_language": Rule("redirect"),
    # the API
    "api:token": Rule("post_only"),
    "api:schema": Rule("public"),
    "api:metrics": Rule("api", "aggregates"),
    "api:employee-list": Rule("api", "employees"),
    "api:employee-detail": Rule("api", "employees", _in("employees"), _kw("medarbejder_id", *EMP)),
    "api:interview-list": Rule("api", "employees"),
    "api:interview-detail": Rule("api", "employees", _in("employees"), _kw("pk", *INTERVIEW)),
    "api:citizen-list": Rule("api", "citizens"),
    "api:citizen-detail": Rule("api", "citizens", _in("citizens"), _kw("borger_id", *CIT)),
    "api:case-list": Rule("api", "cases"),
    "api:case-detail": Rule("api", "cases", _in("cases"), _kw("sag_id", *CASE)),
    "api:plan-list": Rule("api", "view_plans"),
    "api:plan-detail": Rule("api", "view_plans", None, _kw("pk", "plan")),
    # Re-solving a plan is a POST; a GET by those who may ask for it is refused as such.
    "api:plan-reproduce": Rule("api", "run_plan", None, _kw("pk", "plan"), ok=405),
    "api:job-detail": Rule("api", "run_plan", lambda u, t, s: False, _kw("pk", "unknown-run")),
    # POST only: a GET is refused as the API refuses it, after who may use it.
    "api:job-cancel": Rule("api", "run_plan", None, _kw("pk", "unknown-run"), ok=405),
    "api:employee-decision-list": Rule("api", "decisions"),
    "api:case-decision-list": Rule("api", "decisions"),
    "api:fix-list": Rule("api", "decisions"),
    "api:fix-detail": Rule("api", "decisions", _in("employees"), _kw("nr", "fix-v")),
    # the Django admin: superusers only
    "admin:index": _admin(),
    "admin:login": Rule("admin_login"),  # a logged-in superuser is sent on to the index
    "admin:logout": _admin(405),
    "admin:password_change": _admin(),
    "admin:password_change_done": _admin(),
    "admin:autocomplete": _admin(403),  # without its parameters
    "admin:jsi18n": _admin(),
    "admin:app_list": Rule("admin", targets=lambda o: [Target({"app_label": "auth"}, "200")]),
    "admin:view_on_site": Rule(
        "admin",
        targets=lambda o: [
            Target({"content_type_id": o["ct-user"], "object_id": o["admin-pk"]}, "404")
        ],
    ),
    "admin:auth_user_password_change": _admin(id="admin-pk"),
    **_admin_model("auth_group", "group-pk"),
    **_admin_model("auth_user", "admin-pk"),
    **_admin_model("accounts_profile", "profile-pk"),
    **_admin_model("authtoken_tokenproxy", "token-pk"),
    # unnamed admin patterns: an object's bare URL redirects to its change page
    "admin/auth/group/<path:object_id>/": _admin(302, object_id="group-pk"),
    "admin/auth/user/<path:object_id>/": _admin(302, object_id="admin-pk"),
    "admin/accounts/profile/<path:object_id>/": _admin(302, object_id="profile-pk"),
    "admin/authtoken/tokenproxy/<path:object_id>/": _admin(302, object_id="token-pk"),
    "admin/(?P<url>.*)$": Rule("admin", targets=lambda o: [Target({"url": "ukendt/"}, "404")]),
}


# --- the URL patterns, from the resolver ------------------------------------------------


def url_patterns() -> list[tuple[str, str, URLPattern]]:
    """Every pattern as (key, route, pattern): the key is its name, or its route if unnamed."""
    found = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if pattern.namespace and namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                route = prefix + str(pattern.pattern)
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                found.append((name or route, route, pattern))

    walk(get_resolver().url_patterns, "", None)
    return found


_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def build_url(route: str, kwargs: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        return str(kwargs[match.group(1) or match.group(2)])

    url = _PARAMETER.sub(fill, route)
    return "/" + url.replace("^", "").replace("$", "")


def test_every_url_pattern_has_an_expected_status():
    keys = [key for key, _route, _pattern in url_patterns()]
    unknown = sorted(set(keys) - set(EXPECTED))
    assert not unknown, f"add these URL patterns to EXPECTED in {__file__}: {unknown}"
    stale = sorted(set(EXPECTED) - set(keys))
    assert not stale, f"EXPECTED names URL patterns that no longer exist: {stale}"


# --- the walk ---------------------------------------------------------------------------


@pytest.fixture
def objects(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()
    world = build_world()
    users = make_users()
    admin = get_user_model().objects.create_superuser("admin", password="admin-adgangskode-42")
    users[SUPERUSER] = admin
    set_today(BEFORE)
    ensure_milestones(date(2022, 1, 1))
    consultations = {}
    for body in ("HovedMED", "Byrådet i Ishøj"):
        consultation = Consultation.objects.create(
            title=f"Høring {body}", deadline=date(2021, 10, 1)
        )
        consultation.bodies.add(Body.objects.get(name=body))
        consultations[body] = consultation
    from overgang.web.process.models import Milestone

    return {
        "users": users,
        "emp-i": ("I-EMP", "I-EMP"),
        "emp-v": ("V-EMP", "V-EMP"),
        "emp-x": ("X-EMP", "X-EMP"),
        "cit-i": ("I-CIT", "I-CIT"),
        "cit-v": ("V-CIT", "V-CIT"),
        "cit-v2": ("V-CIT2", "V-CIT2"),
        "case-i": ("I-CASE", "I-CASE"),
        "case-v": ("V-CASE", "V-CASE"),
        "case-move": ("MOVE", "MOVE"),
        "interview-i": (world.interviews["I-EMP"].pk, "I-EMP"),
        "interview-v": (world.interviews["V-EMP"].pk, "V-EMP"),
        "handover-move": (world.case_decisions["MOVE"].pk, "MOVE"),
        "handover-none": (world.case_decisions["V-CASE"].pk, "not a handover"),
        "consult-med": (consultations["HovedMED"].pk, "HovedMED"),
        "consult-council": (consultations["Byrådet i Ishøj"].pk, "Byrådet i Ishøj"),
        "plan": (world.plan.pk, ""),
        "decision-v": (world.employee_decisions["V-EMP"].pk, "V-EMP"),
        "hearing-v": (
            Hearing.objects.create(
                decision=world.employee_decisions["V-EMP"],
                reply_by=date(2021, 9, 1),
                final_issued_on=date(2021, 9, 2),  # her decision letter may be written
            ).pk,
            "V-EMP",
        ),
        "docx-file": ("docx", ""),
        # V-EMP fixed where the plan puts her: seen by whoever sees her.
        "fix-v": (
            fix_employee(
                employee_id="V-EMP", municipality=187, reason="r", by=SystemActor("test")
            ).pk,
            "V-EMP",
        ),
        "milestone": (Milestone.objects.first().pk, ""),
        "settlement": (
            add_item(
                fields=ItemFields(category="it", description="Licens", split_key="sager"),
                by=SystemActor("test"),
            ).pk,
            "",
        ),
        "unknown-run": ("ukendt", ""),
        "admin-pk": admin.pk,
        "group-pk": Group.objects.create(name="HR").pk,
        "profile-pk": Profile.objects.first().pk,
        "token-pk": Token.objects.create(user=admin).user_id,  # the admin names a token by its user
        "ct-user": ContentType.objects.get_for_model(get_user_model()).pk,
    }


def readable_text(response) -> str:
    """What a person reads in the response: the page or JSON, or the cells of a workbook,
    or the text of a PDF, so that downloads are searched too."""
    body = b"".join(response) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    if kind.startswith("application/pdf"):
        result = subprocess.run(
            ["pdftotext", "-", "-"], input=body, capture_output=True, check=True, timeout=60
        )
        return result.stdout.decode("utf-8", "replace")
    return body.decode("utf-8", "replace")


def _client(objects: dict, user: str) -> Client:
    client = Client()
    if user != ANONYMOUS:
        client.force_login(objects["users"][user])
    return client


def _leaks(user: str, key: str, url: str, body: str, seen: dict[str, dict]) -> list[str]:
    body = body.replace(url, "")  # the address the user typed is not data they were given
    if key.startswith("pages:audit") and user == "revisor":
        return []  # the audit log names the objects accessed: that is the auditor's work
    if key.startswith("admin") and user == SUPERUSER:
        return []  # the admin is for superusers
    allowed = may_see_markers(user, seen) if user in BEFORE_TABLE else set()
    found = []
    for marker in MARKERS:
        if marker not in allowed and re.search(rf"(?<![\w-]){re.escape(marker)}(?![\w-])", body):
            found.append(marker)
    return found


@pytest.mark.parametrize("period", sorted(PERIODS))
@pytest.mark.parametrize("user", USERS)
def test_every_url_as_every_role(objects, user, period):
    day, seen = PERIODS[period]
    set_today(day)
    client = _client(objects, user)
    wrong, leaks = [], []
    for key, route, _pattern in url_patterns():
        rule = EXPECTED.get(key)
        assert rule is not None, f"{route}: add the pattern {key!r} to EXPECTED"
        for target in rule.targets(objects):
            url = build_url(route, target.kwargs)
            response = client.get(url)
            expected = rule.expected(user, target, seen)
            if response.status_code != expected:
                wrong.append(f"{url}: {response.status_code}, expected {expected}")
            if response.status_code == 302 and key.startswith("pages:") and user == ANONYMOUS:
                assert response["Location"].startswith("/login/"), url
            found = _leaks(user, key, url, readable_text(response), seen)
            if found:
                leaks.append(f"{url}: {found}")
    assert not wrong, "\n".join(wrong)
    assert not leaks, "personal data the user may not see:\n" + "\n".join(leaks)


def test_downloads_are_read_as_text_so_the_search_covers_them(objects):
    # The search above reads workbooks and PDFs; here it must find what they hold.
    set_today(BEFORE)
    client = _client(objects, "projektleder")
    plan = objects["plan"][0]
    letters = readable_text(client.get(f"/rapporter/breve/{plan}/"))
    assert all(name in letters for name in NAMES.values())
    handover = readable_text(client.get(f"/rapporter/overdragelse/{plan}/X-EMP/"))
    assert "MOVE" in handover
