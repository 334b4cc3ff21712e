"""overgang resignations and overgang simulate as a user runs them, on hand-made data sets."""

from __future__ import annotations

import json
import statistics
from datetime import date

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import StoredPlan
from tests.core.factories import dataset, employee
from tests.core.test_attrition import DISSOLUTION, NEW_JOB, resigned, tight_team

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def store(data):
    merge_dataset(data, file_name="x.xlsx", file_hash="0" * 64, imported_by="test")


def cells(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(f"│ {label} "))
    return [cell.strip() for cell in line.split("│")[2:-1]]


def test_resignations_shows_each_month_by_reason_as_counted_by_hand():
    store(
        dataset(
            employees=[
                employee("stays"),
                resigned("a", date(2021, 3, 31), NEW_JOB),
                resigned("b", date(2021, 3, 1), DISSOLUTION),
                resigned("c", date(2021, 5, 31), DISSOLUTION),
            ],
            interviews=[],
            citizens=[],
            cases=[],
        )
    )
    result = run("resignations")
    assert result.exit_code == 0, result.output
    # Columns: in all, due to the dissolution, new job, retirement, other, not stated.
    assert cells(result.output, "2021-03") == ["2", "1", "1", "0", "0", "0"]
    assert cells(result.output, "2021-04") == ["0", "0", "0", "0", "0", "0"]
    assert cells(result.output, "2021-05") == ["1", "1", "0", "0", "0", "0"]
    assert cells(result.output, "I alt") == ["3", "2", "1", "0", "0", "0"]
    # Reading the resignations and their reasons is logged.
    logged = AuditEntry.objects.filter(object_type="dataset.employee", object_id="fratraedelser")
    assert [e.detail["command"] for e in logged] == ["resignations"]


def test_simulate_gives_the_same_figures_for_the_same_seed_and_stores_its_plan(tmp_path):
    store(tight_team())
    args = ("simulate", "--runs", "40", "--seed", "9", "--rate", "0.08", "--from", "2021-07-01")
    first = run(*args, "--new-plan", "--time-limit", "2")
    assert first.exit_code == 0, first.output
    assert "Lavede og gemte plan" in first.output  # made only as asked, and said so
    assert "(6 måneder): 10 medarbejdere" in first.output
    plan_id = StoredPlan.objects.get().pk
    draws = tmp_path / "draws.json"
    again = run(*args, "--plan", str(plan_id), "--json", str(draws))
    assert again.exit_code == 0, again.output
    assert StoredPlan.objects.count() == 1  # --plan reuses the stored plan
    resignations = cells(first.output, "Flere fratrædelser")
    assert resignations == cells(again.output, "Flere fratrædelser")
    unstaffed = cells(first.output, "Ubemandet belastning (belastningsenheder)")
    assert unstaffed == cells(again.output, "Ubemandet belastning (belastningsenheder)")
    # In the tight team each resignation leaves one case of load 10 unstaffed.
    as_numbers = [float(c.replace(",", ".")) for c in resignations]
    assert [float(c.replace(",", ".")) for c in unstaffed] == [10 * n for n in as_numbers]
    assert as_numbers[0] == 0  # the plan itself: no further resignations
    # The file has every draw, and its figures give the table's median.
    document = json.loads(draws.read_text(encoding="utf-8"))
    assert len(document["udfald"]) == 40 and document["froe"] == 9
    drawn = sorted(len(d["fratraadte"]) for d in document["udfald"])
    assert float(resignations[2].replace(",", ".")) == statistics.median(drawn)
    assert all(d["ubemandet_belastning"] == 10 * len(d["fratraadte"]) for d in document["udfald"])
    assert AuditEntry.objects.filter(object_id="simulering").count() == 1


def test_simulate_twice_on_the_current_plan_gives_the_same_output_and_makes_no_plan():
    store(tight_team())
    assert run("simulate", "--runs", "2").exit_code == 1  # no plan yet: it makes none unasked
    assert not StoredPlan.objects.exists()
    made = run("simulate", "--runs", "2", "--new-plan", "--time-limit", "2", "--from", "2021-07-01")
    assert made.exit_code == 0, made.output
    args = ("simulate", "--runs", "20", "--seed", "5", "--rate", "0.08", "--from", "2021-07-01")
    first, again = run(*args), run(*args)
    assert first.exit_code == 0, first.output
    assert first.output == again.output
    plan = StoredPlan.objects.get()
    assert f"Simulerer fra plan {plan.pk}, den seneste plan" in first.output
    listed = run("plans")
    assert listed.exit_code == 0 and StoredPlan.objects.count() == 1
    replanned = [run(*args, "--replan", "--draw-time-limit", "1").output for _ in range(2)]
    assert replanned[0] == replanned[1]
    assert StoredPlan.objects.count() == 1


def test_simulate_refuses_a_plan_that_does_not_exist_in_danish():
    store(tight_team())
    result = run("simulate", "--plan", "999", "--runs", "2")
    assert result.exit_code == 1
    assert "Kan ikke simulere: ingen plan med id 999" in result.output
    both = run("simulate", "--plan", "1", "--scenario", "x")
    assert both.exit_code == 1 and "ikke begge" in both.output
    none = run("simulate", "--scenario", "x", "--runs", "2")
    assert none.exit_code == 1 and "--new-plan" in none.output
    late = run("simulate", "--from", "2022-01-01", "--runs", "2", "--new-plan", "--time-limit", "1")
    assert late.exit_code == 1
    assert "2022-01-01 er ikke før ikrafttrædelsen 2022-01-01" in " ".join(late.output.split())
