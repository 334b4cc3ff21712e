"""overgang transition, body and user add/role/deactivate/list: the set-up of a transition
on the command line, through the same use cases as the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.accounts.models import Profile
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.models import Municipality
from overgang.web.process.models import Body, Milestone, MilestoneAnchor, MilestoneKind, Transition
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db
STRONG = "Rødgrød-med-fløde-og-kanel-77"


@pytest.fixture
def world(settings, wide_console):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["--lang", "da", *args], input=input)


def test_transition_set_changes_the_dates_and_basis_and_show_shows_them(world):
    Milestone.objects.create(
        kind=MilestoneKind.OTHER,
        title="told",
        due_on=date(2021, 5, 31),
        anchor=MilestoneAnchor.EFFECTIVE_DATE,
        offset_days=-215,
    )
    result = run(
        "transition",
        "set",
        "--effective-date",
        "2022-04-01",
        "--announced-on",
        "2021-02-01",
        "--legal-basis",
        "aftale",
        "--legal-basis-note",
        "Byrådenes aftale af 12. april",
        "--by",
        "anna",
    )
    assert result.exit_code == 0, result.output
    assert "1 milepæl " in result.output
    transition = Transition.current()
    assert (transition.effective_date, transition.announced_on, transition.legal_basis) == (
        date(2022, 4, 1),
        date(2021, 2, 1),
        "aftale",
    )
    assert AuditEntry.objects.filter(username="cli:anna", object_type="process.transition").exists()

    shown = run("transition", "show")
    assert shown.exit_code == 0, shown.output
    assert "2022-04-01" in shown.output and "Byrådenes aftale af 12. april" in shown.output
    assert "Vallensbæk" in shown.output


def test_transition_set_refuses_an_unknown_basis_and_nothing_to_change(world):
    wrong = run("transition", "set", "--legal-basis", "lov")
    assert wrong.exit_code == 1 and "vol, aftale, andet" in wrong.output
    nothing = run("transition", "set")
    assert nothing.exit_code == 1
    assert Transition.current().legal_basis == "vol"


def test_transition_municipality_sets_the_host_and_the_name(world):
    result = run("transition", "municipality", "187", "--role", "vaert", "--name", "Vallensbæk K")
    assert result.exit_code == 0, result.output
    assert dict(Municipality.objects.values_list("code", "role")) == {183: "medlem", 187: "vaert"}
    refused = run("transition", "municipality", "187", "--role", "medlem")
    assert refused.exit_code == 1


def test_body_add_with_members_list_change_and_remove(world):
    added = run("body", "add", "Lokal-MED", "--kind", "med", "--member", "med", "--by", "anna")
    assert added.exit_code == 0, added.output
    body = Body.objects.get(name="Lokal-MED")
    assert Profile.objects.get(user__username="med").body == body

    listed = run("body", "list")
    assert "Lokal-MED" in listed.output and "med" in listed.output

    changed = run("body", "change", "lokal-med", "--name", "MED Kirkebækskolen", "--kind", "staff")
    assert changed.exit_code == 0, changed.output
    body.refresh_from_db()
    assert (body.name, body.kind) == ("MED Kirkebækskolen", "staff")

    removed = run("body", "member", "remove", "MED Kirkebækskolen", "med")
    assert removed.exit_code == 0, removed.output
    assert Profile.objects.get(user__username="med").body is None


def test_body_add_with_a_member_who_is_no_committee_member_stores_nothing(world):
    result = run("body", "add", "Lokal-MED", "--member", "teamleder-ishoej")
    assert result.exit_code == 1
    assert not Body.objects.filter(name="Lokal-MED").exists()


def test_user_add_asks_the_password_twice_never_echoes_it_and_checks_the_scope(world):
    result = run(
        "user",
        "add",
        "tl-ny",
        "--role",
        "teamleder",
        "--municipality",
        "183",
        "--team",
        "PPR",
        "--password",
        input=f"{STRONG}\n{STRONG}\n",
    )
    assert result.exit_code == 0, result.output
    assert STRONG not in result.output
    user = get_user_model().objects.get(username="tl-ny")
    assert user.check_password(STRONG) and user.profile.team == "PPR"

    missing = run("user", "add", "kl-ny", "--role", "kommuneleder")
    assert missing.exit_code == 1 and "kommune" in missing.output
    weak = run("user", "add", "x", "--role", "revisor", "--password", input="1234\n1234\n")
    assert weak.exit_code == 1
    assert not get_user_model().objects.filter(username__in=["kl-ny", "x"]).exists()


def test_user_role_deactivate_and_list(world):
    changed = run("user", "role", "byraad", "--role", "udvalg", "--body", "HovedMED")
    assert changed.exit_code == 0, changed.output
    assert Profile.objects.get(user__username="byraad").body.name == "HovedMED"

    assert run("user", "deactivate", "byraad").exit_code == 0
    assert not get_user_model().objects.get(username="byraad").is_active
    listed = run("user", "list")
    assert "byraad" in listed.output and "deaktiveret" in listed.output
    assert run("user", "deactivate", "projektleder").exit_code == 1
