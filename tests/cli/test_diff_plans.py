"""overgang diff-plans as a user runs it, on the hand-made data set of tests/core/test_comparison.py.

Under the default settings A (wishing Ishøj) moves to Vallensbæk and keeps case c1;
voluntary only keeps A in Ishøj and leaves c1 unstaffed. B and c2 are the same in both.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import StoredPlan
from tests.cli.test_compare import table_rows
from tests.core.test_comparison import two_psychologists

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def two_plans() -> tuple[int, int]:
    merge_dataset(two_psychologists(), file_name="to.xlsx", file_hash="0" * 64, imported_by="test")
    assert run("scenario", "create", "frivillig", "--voluntary-only").exit_code == 0
    for scenario in ([], ["--scenario", "frivillig"]):
        made = run("plan", "--time-limit", "2", "--cooperation-seconds", "0", *scenario)
        assert made.exit_code == 0, made.output
    first, second = StoredPlan.objects.order_by("pk").values_list("pk", flat=True)
    return first, second


def test_diff_plans_lists_each_differing_decision_with_both_reasons(two_plans):
    first, second = two_plans
    result = run("diff-plans", str(first), str(second))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert (
        f"Plan {first} og {second} har forskellige beslutninger om 1 medarbejdere og 1 sager."
        in text
    )
    rows = table_rows(result.output)
    assert set(rows) >= {"A", "c1"} and not {"B", "c2"} & set(rows)
    cells = [cell.strip() for cell in rows["A"].split("│")[2:6]]
    assert cells[0] == "Vallensbæk" and cells[2] == "Ishøj"
    assert cells[1] == "Flyttes til Vallensbæk mod eget ønske: 1 barn beholder sin kontaktperson"
    assert cells[3] == "Bliver i Ishøj: eget ønske"
    cells = [cell.strip() for cell in rows["c1"].split("│")[2:6]]
    assert cells[0] == "A" and cells[2] == "ingen"
    assert cells[1] == "Beholder kontaktpersonen"


def test_diff_plans_logs_that_decisions_were_listed(two_plans):
    first, second = two_plans
    run("diff-plans", str(first), str(second))
    entry = AuditEntry.objects.filter(action="list", object_type="planning.decisions").last()
    assert entry is not None
    assert entry.detail == {"command": f"diff-plans {first} {second}"}


def test_a_plan_compared_with_itself_differs_in_nothing(two_plans):
    first, _second = two_plans
    result = run("diff-plans", str(first), str(first))
    assert result.exit_code == 0
    assert "om 0 medarbejdere og 0 sager" in result.output
    assert "Medarbejdere med forskellig beslutning" not in result.output


def test_diff_plans_speaks_english_when_asked(two_plans):
    first, second = two_plans
    result = run("--lang", "en", "diff-plans", str(first), str(second))
    assert result.exit_code == 0
    assert "differ in the decisions about 1 employees and 1 cases" in " ".join(
        result.output.split()
    )
    assert "Employees whose decision differs" in result.output
    assert "Stays in Ishøj: own wish" in result.output


def test_diff_plans_names_a_plan_that_does_not_exist(two_plans):
    first, _second = two_plans
    result = run("diff-plans", str(first), "999")
    assert result.exit_code == 1
    assert "Der findes ingen plan med id 999." in result.output
