"""The transition lead sees, in Chromium, the civil servant a plan moves against their wish:
on the overview and on the plan's page, where a committee member sees only the counts;
every page checked with axe-core. The world is tests/web/test_civil_servants.py's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from overgang.web.planning.models import StoredPlan
from tests.browser.conftest import _open
from tests.browser.steps import check
from tests.web.test_civil_servants import _world
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today

pytestmark = pytest.mark.slow


@pytest.fixture
def civil_site(transactional_db, live_server, settings) -> str:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = FAST_HASHERS
    _world()
    set_today(BEFORE)
    make_users()
    return str(live_server.url)


@pytest.fixture
def window(browser: Browser, civil_site: str) -> Iterator[Page]:
    yield from _open(browser, civil_site)


def _log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text(f"Logget ind som {username}")).to_be_visible()


def test_the_transition_lead_follows_the_flag_to_the_civil_servant(window: Page) -> None:
    _log_in(window, "projektleder")
    window.goto("/")
    flag = window.locator("#civil-servants-flag")
    expect(flag).to_contain_text("flytter én tjenestemand mod vedkommendes ønske")
    check(window, "tjm-1-overview")
    flag.get_by_role("link", name="Se hvem på planens side").click()
    warning = window.locator("#civil-servants-against-wish")
    expect(warning).to_contain_text("Planen flytter én tjenestemand mod vedkommendes ønske")
    expect(warning).to_contain_text("Bed HR bekræfte")
    expect(window.get_by_role("table", name="Tjenestemænd efter den kommune")).to_be_visible()
    check(window, "tjm-2-plan")
    warning.get_by_role("link", name="TJM-1").click()
    expect(window.locator("h1")).to_contain_text("TJM-1")


def test_a_committee_member_sees_the_counts_but_not_who(window: Page) -> None:
    _log_in(window, "med")
    window.goto("/")
    expect(window.locator("#civil-servants-flag")).to_have_count(0)
    window.goto(f"/planer/{StoredPlan.objects.get().pk}/")
    expect(window.locator("#civil-servants")).to_be_visible()
    expect(window.locator("#civil-servants-against-wish")).to_have_count(0)
    table = window.get_by_role("table", name="Tjenestemænd efter den kommune")
    expect(table).to_contain_text("<5")
    expect(window.get_by_text("HR bekræfter den enkeltes rettigheder")).to_be_visible()
    check(window, "tjm-3-plan-committee")
