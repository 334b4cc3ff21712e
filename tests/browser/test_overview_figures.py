"""The overview in Chromium says when its figures were counted; a team leader's interview
is counted on their next overview at once, and the transition lead then sees the same
figures, kept for everyone a few seconds, with the time they were counted."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from overgang.web.dataset.models import Employee
from overgang.web.process.models import InterviewExemption
from tests.browser.steps import check, log_in

pytestmark = pytest.mark.slow

AS_OF = re.compile(r"^Tal pr\. kl\. \d\d:\d\d:\d\d$")


def _held(page: Page) -> int:
    """The overview's "Afholdte samtaler": how many employees have had their interview."""
    figure = page.locator("li.figure", has_text="Afholdte samtaler").locator(".value")
    return int(figure.inner_text().split()[0])


def _as_of(page: Page) -> str:
    shown = page.locator("#figures-as-of")
    expect(shown).to_have_text(AS_OF)
    return shown.inner_text()


def _not_interviewed(username: str) -> str:
    """An employee the user may see who is due an interview and has had none."""
    user = get_user_model().objects.get(username=username)
    return str(
        Employee.objects.for_user(user)
        .filter(interviews__isnull=True, resigned_on__isnull=True, retired_at__isnull=True)
        .exclude(ext_id__in=InterviewExemption.objects.values("employee_id"))
        .values_list("ext_id", flat=True)
        .order_by("ext_id")
        .first()
    )


def test_an_interview_counts_at_once_for_its_recorder_and_the_figures_say_their_time(
    page: Page, second_page: Page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.STATUS_SECONDS = 60  # kept longer than the test takes
    log_in(second_page, "projektleder")
    second_page.goto("/")
    lead_held = _held(second_page)
    _as_of(second_page)
    check(second_page, "overblik-1-figures-as-of")

    log_in(page, "teamleder-ishoej")
    page.goto("/")
    held = _held(page)
    employee = _not_interviewed("teamleder-ishoej")
    page.goto(f"/medarbejdere/{employee}/")
    page.get_by_label("Dato for samtalen").fill("2021-09-10")
    page.get_by_role("button", name="Registrér samtalen").click()
    expect(page.get_by_text("Samtalen er registreret.")).to_be_visible()
    page.goto("/")
    assert _held(page) == held + 1 == lead_held + 1
    counted = _as_of(page)
    check(page, "overblik-2-own-interview-counted")

    second_page.reload()  # the figures counted for the team leader, not counted again
    assert (_held(second_page), _as_of(second_page)) == (held + 1, counted)
