"""overgang compare run twice on the same data: the same table (issue 20, point 3).

Each run plans and stores the scenarios anew, with the deterministic search unless
--wall-clock is given; the tables agree but for the new plans' ids.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.reproductions import made_deterministically
from overgang.web.planning.scenarios import FULL_DISSOLUTION, VOLUNTARY_ONLY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def compare(*options: str) -> str:
    result = runner.invoke(
        app,
        ["compare", FULL_DISSOLUTION, VOLUNTARY_ONLY, "--time-limit", "2", *options],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return re.sub(r"plan \d+", "plan N", result.output)


@pytest.fixture
def stored(small_dataset):
    merge_dataset(small_dataset, file_name="demo.xlsx", file_hash="0" * 64, imported_by="test")


def test_compare_run_twice_prints_the_same_table_from_deterministic_plans(stored):
    first = compare()
    again = compare()
    assert "Scenarier side om side" in first
    assert first == again
    plans = list(StoredPlan.objects.order_by("pk"))
    assert len(plans) == 4 and all(made_deterministically(p) for p in plans)
    # Decision for decision, the second run's plans are the first run's.
    for before, after in zip(plans[:2], plans[2:], strict=True):
        assert before.objective == after.objective
        assert list(before.case_decisions.values_list("case_id", "contact_person")) == list(
            after.case_decisions.values_list("case_id", "contact_person")
        )


def test_compare_on_the_wall_clock_stores_plans_made_with_that_search(stored):
    compare("--wall-clock")
    assert not any(made_deterministically(p) for p in StoredPlan.objects.all())
