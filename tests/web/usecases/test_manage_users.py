"""create_user, change_role and set_active: users given a role and its scope, audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from overgang.web.accounts.models import Profile, Role
from overgang.web.accounts.services import (
    AccountError,
    Scope,
    change_role,
    create_user,
    set_active,
)
from overgang.web.audit.actors import SystemActor
from overgang.web.process.models import Body
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db
LEAD = SystemActor("anna")
STRONG = "Rødgrød-med-fløde-og-kanel-77"


def test_a_team_leader_is_created_with_their_scope_and_a_password_never_logged(world):
    since = mark()
    user = create_user(
        username="tl-ppr",
        role=Role.TEAM_LEADER,
        scope=Scope(municipality_code=ISHOEJ, team="PPR", employee_id="I-EMP"),
        password=STRONG,
        by=LEAD,
    )
    profile = Profile.objects.get(user=user)
    assert (profile.role, profile.municipality_code, profile.team, profile.employee_id) == (
        "teamleder",
        ISHOEJ,
        "PPR",
        "I-EMP",
    )
    assert user.check_password(STRONG)
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("cli:anna", "create", "auth.user", "tl-ppr")
    assert STRONG not in str(entry.detail) and entry.detail["password"] is True


def test_a_user_without_a_password_cannot_log_in_with_one(world):
    user = create_user(username="revisor2", role=Role.AUDITOR, by=LEAD)
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        (Role.MUNICIPAL_LEAD, Scope(), "en kommune"),
        (Role.TEAM_LEADER, Scope(municipality_code=ISHOEJ), "et team"),
        (Role.CASEWORKER, Scope(municipality_code=ISHOEJ), "medarbejder-id"),
        (Role.MUNICIPAL_LEAD, Scope(municipality_code=999), "999"),
        ("chef", Scope(), "projektleder"),
    ],
)
def test_a_role_without_the_scope_it_needs_is_refused_and_nothing_is_stored(
    world, role, scope, message
):
    since = mark()
    with pytest.raises(AccountError, match=message):
        create_user(username="ny", role=role, scope=scope, by=LEAD)
    assert not get_user_model().objects.filter(username="ny").exists()
    assert since.entries() == []


def test_a_weak_password_is_refused_with_the_validators_messages(world):
    with pytest.raises(ValidationError):
        create_user(username="ny", role=Role.AUDITOR, password="1234", by=LEAD)
    assert not get_user_model().objects.filter(username="ny").exists()


def test_a_user_name_is_taken_whatever_the_case_of_its_letters(users):
    with pytest.raises(AccountError, match="allerede en bruger"):
        create_user(username="ProjektLeder", role=Role.AUDITOR, by=LEAD)


def test_a_role_change_keeps_only_the_scope_the_new_role_uses(users):
    since = mark()
    change_role(
        user=users["teamleder-ishoej"],
        role=Role.COMMITTEE,
        scope=Scope(
            municipality_code=VALLENSBAEK, team="PPR", body=Body.objects.get(name="HovedMED")
        ),
        by=LEAD,
    )
    profile = Profile.objects.get(user=users["teamleder-ishoej"])
    assert (profile.role, profile.municipality_code, profile.team, profile.body.name) == (
        "udvalg",
        VALLENSBAEK,
        "",
        "HovedMED",
    )
    assert the_one_entry(since).detail["role"] == "udvalg"


def test_the_only_transition_lead_can_neither_be_demoted_nor_deactivated(users):
    with pytest.raises(AccountError, match="eneste projektleder"):
        change_role(user=users["projektleder"], role=Role.AUDITOR, scope=Scope(), by=LEAD)
    with pytest.raises(AccountError, match="eneste projektleder"):
        set_active(user=users["projektleder"], active=False, by=LEAD)


def test_a_deactivated_user_can_no_longer_log_in_and_is_logged(users, client):
    since = mark()
    set_active(user=users["med"], active=False, by=LEAD)
    assert not get_user_model().objects.get(username="med").is_active
    actions = [who_did_what(e)[1:] for e in since.entries()]
    assert ("update", "auth.user", "med") in actions
    set_active(user=users["med"], active=True, by=LEAD)
    assert get_user_model().objects.get(username="med").is_active
