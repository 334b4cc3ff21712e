"""The Content-Security-Policy (django-csp): no inline script or style anywhere in the pages;
the HTML reports' own <style> is allowed by its hash on that response alone. The browser
tests (tests/browser/conftest.py) fail on any violation a page causes."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from overgang.web.pages.style_hashes import permit_own_styles
from tests.web.users import make_users

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "overgang" / "web" / "pages" / "templates"


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_every_page_gets_a_policy_without_unsafe_inline_or_eval():
    header = Client().get(reverse("pages:login"))["Content-Security-Policy"]
    policy = _directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


@pytest.mark.django_db
def test_the_api_and_errors_carry_it_too():
    assert "Content-Security-Policy" in Client().get("/api/v1/schema/")
    assert "Content-Security-Policy" in Client().get("/findes-ikke/")


def test_no_template_holds_an_inline_script_style_or_event_handler():
    offending = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",  # a script without src is inline
            r"<style\b",
            r"\sstyle=",
            r"\son[a-z]+=",  # onclick= and friends
            r"javascript:",
            r"hx-on",  # htmx's inline handlers need eval
        ):
            if re.search(pattern, text):
                offending.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert offending == []


def test_htmx_adds_no_inline_style_evals_nothing_and_keeps_no_pages_in_local_storage():
    base = (TEMPLATES / "pages" / "base.html").read_text()
    assert '"includeIndicatorStyles": false' in base
    assert '"allowEval": false' in base
    assert '"historyCacheSize": 0' in base  # the search's history would copy pages there


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_reports_own_styles_are_allowed_by_their_exact_hashes_only():
    from django.http import HttpResponse

    css = "body { font-family: serif; }"
    response = permit_own_styles(
        HttpResponse(
            f"<html><head><style>{css}</style></head><body>"
            '<svg><path style="fill: #1f5a96"/><path style="fill: #1f5a96"/>'
            '<text style="font: 9px &quot;DejaVu Sans&quot;">x</text></svg></body></html>'
        )
    )
    assert response._csp_update == {
        "style-src": [
            _sha(css),
            "'unsafe-hashes'",
            *sorted([_sha("fill: #1f5a96"), _sha('font: 9px "DejaVu Sans"')]),
        ]
    }
    plain = permit_own_styles(HttpResponse("<p>no style</p>"))
    assert not hasattr(plain, "_csp_update")


@pytest.mark.django_db
def test_the_html_status_report_names_its_styles_and_nothing_inline_else(settings):
    from overgang.demo import generate
    from overgang.web.audit.actors import SystemActor
    from overgang.web.dataset.store import merge_dataset
    from overgang.web.planning.services import run_plan

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    merge_dataset(generate(scale=0.05), file_name="d.xlsx", file_hash="0" * 64, imported_by="t")
    plan = run_plan(by=SystemActor("test"), time_limit=1).stored
    make_users()
    client = Client()
    client.force_login(get_user_model().objects.get(username="projektleder"))
    response = client.get(reverse("pages:report-status", args=[plan.pk, "html"]))
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["style-src"][0] == "'self'"
    assert all(
        source.startswith("'sha256-") or source in ("'self'", "'unsafe-hashes'")
        for source in policy["style-src"]
    )
