"""The transition lead's set-up pages: Forløbet, Høringsparter, Brugere, through the use cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from overgang.web.accounts.models import Profile
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.models import Municipality
from overgang.web.process.models import Body, Transition
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db
STRONG = "Rødgrød-med-fløde-og-kanel-77"


@pytest.fixture
def lead(settings) -> Client:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    build_world()
    make_users()
    set_today(BEFORE)
    client = Client()
    assert client.login(username="projektleder", password=PASSWORD)
    return client


def test_the_transition_page_saves_the_settings_and_explains_each_basis(lead):
    page = lead.get("/forloeb/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "§ 7" in text and "§ 1, stk. 2" in text
    version = Transition.current().version
    saved = lead.post(
        "/forloeb/",
        {
            "effective_date": "2022-01-01",
            "announced_on": "2021-02-01",
            "legal_basis": "aftale",
            "legal_basis_note": "Aftale af 12. april",
            "version": version,
        },
    )
    assert saved.status_code == 302
    transition = Transition.current()
    assert (transition.announced_on, transition.legal_basis) == (date(2021, 2, 1), "aftale")

    stale = lead.post(
        "/forloeb/",
        {"effective_date": "2022-01-01", "legal_basis": "andet", "version": version},
    )
    assert stale.status_code == 200 and 'role="alert"' in stale.content.decode()
    assert Transition.current().legal_basis == "aftale"


def test_the_transition_page_sets_a_municipality_s_name_and_role(lead):
    response = lead.post(
        "/forloeb/kommuner/187/", {"187-name": "Vallensbæk Kommune", "187-role": "vaert"}
    )
    assert response.status_code == 302
    assert dict(Municipality.objects.values_list("code", "role")) == {183: "medlem", 187: "vaert"}
    assert Municipality.objects.get(code=187).name_set_by == "projektleder"


def test_the_bodies_page_creates_a_body_with_a_member_renames_it_and_removes_the_member(lead):
    med = get_user_model().objects.get(username="med")
    created = lead.post(
        "/hoeringsparter/",
        {
            "new-name": "Lokal-MED",
            "new-kind": "med",
            "new-municipality": "",
            "new-members": [med.pk],
        },
    )
    assert created.status_code == 302, created.content.decode()
    body = Body.objects.get(name="Lokal-MED")
    assert Profile.objects.get(user=med).body == body

    renamed = lead.post(
        f"/hoeringsparter/{body.pk}/",
        {"action": "change", "name": "MED Kirkebækskolen", "kind": "staff", "municipality": "187"},
    )
    assert renamed.status_code == 302
    body.refresh_from_db()
    assert (body.name, body.kind, body.municipality_code) == ("MED Kirkebækskolen", "staff", 187)

    removed = lead.post(f"/hoeringsparter/{body.pk}/", {"action": "remove", "member": med.pk})
    assert removed.status_code == 302
    assert Profile.objects.get(user=med).body is None
    assert lead.get(f"/hoeringsparter/{body.pk}/").status_code == 200


def test_the_users_page_creates_a_user_changes_the_role_and_deactivates(lead):
    assert lead.get("/brugere/").status_code == 200
    created = lead.post(
        "/brugere/",
        {
            "new-username": "kl-ny",
            "new-role": "kommuneleder",
            "new-municipality": "187",
            "new-password1": STRONG,
            "new-password2": STRONG,
        },
    )
    assert created.status_code == 302, created.content.decode()
    user = get_user_model().objects.get(username="kl-ny")
    assert user.check_password(STRONG) and user.profile.municipality_code == 187
    assert STRONG not in str(list(AuditEntry.objects.values_list("detail", flat=True)))

    missing = lead.post("/brugere/", {"new-username": "tl", "new-role": "teamleder"})
    assert (
        missing.status_code == 200 and not get_user_model().objects.filter(username="tl").exists()
    )

    changed = lead.post(f"/brugere/{user.pk}/", {"role": "revisor"})
    assert changed.status_code == 302
    assert Profile.objects.get(user=user).role == "revisor"
    assert lead.post(f"/brugere/{user.pk}/adgang/", {"active": "0"}).status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert lead.get(f"/brugere/{user.pk}/").status_code == 200


@pytest.mark.parametrize("username", ["kommuneleder-ishoej", "teamleder-ishoej", "med", "revisor"])
def test_no_one_but_the_transition_lead_opens_or_posts_to_the_set_up_pages(lead, username):
    other = Client()
    assert other.login(username=username, password=PASSWORD)
    med = get_user_model().objects.get(username="med")
    for url in ("/forloeb/", "/hoeringsparter/", "/brugere/", f"/brugere/{med.pk}/"):
        assert other.get(url).status_code == 403, url
    assert (
        other.post("/forloeb/kommuner/187/", {"187-name": "X", "187-role": "vaert"}).status_code
        == 403
    )
    assert other.post(f"/brugere/{med.pk}/adgang/", {"active": "0"}).status_code == 403
    assert Municipality.objects.get(code=187).name == "Vallensbæk"
