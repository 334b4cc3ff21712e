"""add_body, change_body and set_body_membership: the consulted bodies and their members."""

from __future__ import annotations

import pytest

from overgang.web.accounts.models import Profile
from overgang.web.accounts.services import AccountError, set_body_membership
from overgang.web.audit.actors import SystemActor
from overgang.web.process.bodies import add_body, change_body
from overgang.web.process.models import Body, BodyKind
from overgang.web.process.services import ProcessError
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.world import VALLENSBAEK

pytestmark = pytest.mark.django_db
LEAD = SystemActor("anna")


def test_a_body_is_created_and_renamed_each_with_one_entry(world):
    since = mark()
    body = add_body(name=" Lokal-MED Kirkebækskolen ", kind=BodyKind.STAFF, by=LEAD)
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("cli:anna", "create", "process.body", str(body.pk))
    assert Body.objects.get(pk=body.pk).name == "Lokal-MED Kirkebækskolen"

    since = mark()
    change_body(
        body=body,
        name="MED Kirkebækskolen",
        kind=BodyKind.MED,
        municipality_code=VALLENSBAEK,
        by=LEAD,
    )
    entry = the_one_entry(since)
    assert entry.detail["fields"] == ["kind", "municipality_code", "name"]
    assert entry.detail["name"] == ["Lokal-MED Kirkebækskolen", "MED Kirkebækskolen"]
    assert entry.municipality == VALLENSBAEK


@pytest.mark.parametrize(
    ("name", "kind", "code", "message"),
    [
        ("hovedmed", BodyKind.MED, None, "allerede en høringspart"),
        ("  ", BodyKind.MED, None, "skal have et navn"),
        ("Ny", "forening", None, "med, council, staff"),
        ("Ny", BodyKind.COUNCIL, 999, "999"),
    ],
)
def test_a_body_that_cannot_be_is_refused_and_nothing_is_logged(world, name, kind, code, message):
    since = mark()
    with pytest.raises(ProcessError, match=message):
        add_body(name=name, kind=kind, municipality_code=code, by=LEAD)
    assert since.entries() == []


def test_a_committee_member_is_moved_to_another_body_and_removed_from_it(users):
    body = add_body(name="Lokal-MED", by=LEAD)
    since = mark()
    set_body_membership(user=users["med"], body=body, by=LEAD)
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("cli:anna", "update", "auth.user", "med")
    assert entry.detail["body"] == ["HovedMED", "Lokal-MED"]
    assert Profile.objects.get(user=users["med"]).body == body

    set_body_membership(user=users["med"], body=None, by=LEAD)
    assert Profile.objects.get(user=users["med"]).body is None


def test_only_a_committee_member_sits_on_a_body(users):
    since = mark()
    with pytest.raises(AccountError, match="udvalgsrollen"):
        set_body_membership(
            user=users["teamleder-ishoej"], body=Body.objects.get(name="HovedMED"), by=LEAD
        )
    assert since.entries() == []
