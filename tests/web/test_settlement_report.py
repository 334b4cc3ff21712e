"""The status report's settlement section: items and value by status, from the register."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from overgang.reports.sections_settlement import settlement_section
from overgang.reports.status import sections, status_html
from overgang.web.audit.actors import SystemActor
from overgang.web.reporting.sources import load_sources
from overgang.web.settlement.services import ItemFields, add_item
from tests.web.users import BEFORE, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    world = build_world()
    set_today(BEFORE)
    return world.plan


def test_the_section_totals_the_items_by_status(plan):
    by = SystemActor("test")
    for status, value in (("forslag", "1000.50"), ("forslag", None), ("aftalt", "-250")):
        add_item(
            fields=ItemFields(
                category="budget",
                description="Post",
                value=None if value is None else Decimal(value),
                split_kind="uenighed",
                status=status,
            ),
            by=by,
        )
    with translation.override("en"):
        section = settlement_section(load_sources(plan))
        (table,) = section.tables
        assert table.rows == (
            ("Proposal", "2", "1,000.50"),
            ("Negotiated", "0", "0.00"),
            ("Agreed", "1", "-250.00"),
            ("Disputed", "0", "0.00"),
            ("All", "3", "750.50"),
        )
        assert "3 items; 1 agreed, 0 disputed" in section.paragraphs[0]
    with translation.override("da"):
        page = status_html(load_sources(plan))
    assert "1.000,50" in page


def test_without_items_the_section_says_so_and_has_no_table(plan):
    with translation.override("en"):
        src = load_sources(plan)
        (section,) = [s for s in sections(src) if s.key == "settlement"]
    assert section.tables == [] and "No item" in section.paragraphs[0]
