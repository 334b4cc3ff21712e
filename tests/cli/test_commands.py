"""The overgang command as a new user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.io.read import read_workbook
from overgang.io.write import write_workbook

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def test_a_workbook_filled_in_by_hand_goes_through_template_check_import_and_export(tmp_path):
    template = tmp_path / "overgang.xlsx"
    assert run("template", str(template)).exit_code == 0

    book = openpyxl.load_workbook(template)
    book["kommuner"].append([183, "Ishøj", "vaert"])
    book["kommuner"].append([187, "Vallensbæk", "medlem"])
    book["faggrupper"].append(["PSY", "Psykologer", 10])
    book["distrikter"].append(["D1", 187, "Pilehave"])
    book["institutioner"].append(["I1", "Pilehaveskolen", "skole", "D1"])
    book["medarbejdere"].append(["M1", "Anna Testesen", "PSY", 37])
    book["medarbejdere"].append(["M2", "Bo Prøvesen", "PSY", "32,5", "nej"])
    book["samtaler"].append(["M1", "01-05-2021", 187])
    book["borgere"].append(["B1", 187, "F1", 2012, "D1", "I1"])
    book["borgere"].append(["B2", 187, "F1", 2014])
    book["sager"].append(
        ["S1", "B1", "PPR-undersøgelse", "PSY", "intern", None, 2, None, None, "M1", 3]
    )
    book["sager"].append(["S2", "B2", "Specialundervisning", "PSY", "ekstern", "Skolen ved Søen"])
    book.save(template)

    checked = run("check", str(template))
    assert checked.exit_code == 0, checked.output
    imported = run("import", str(template), "--by", "hr")
    assert imported.exit_code == 0, imported.output
    exported = tmp_path / "export.xlsx"
    assert run("export", str(exported)).exit_code == 0
    first = read_workbook(template, cpr_key=b"k").dataset
    again = read_workbook(exported, cpr_key=b"k").dataset
    assert first is not None and again == first
    assert again.cases[0].acting_municipality == 187  # the default: the citizen's municipality


def test_check_names_every_problem_and_stores_nothing(tmp_path, small_dataset):
    path = tmp_path / "bad.xlsx"
    write_workbook(small_dataset, path)
    book = openpyxl.load_workbook(path)
    sheet = book["medarbejdere"]
    sheet["D2"] = 60  # timer
    sheet["C3"] = "XYZ"  # faggruppe
    book.save(path)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "medarbejdere, række 2, kolonne timer" in result.output
    assert "medarbejdere, række 3, kolonne faggruppe" in result.output
    assert run("export", str(tmp_path / "x.xlsx")).exit_code == 1  # nothing was imported


def test_demo_data_is_the_same_for_the_same_seed(tmp_path):
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    for path, seed in ((a, "5"), (b, "5"), (c, "6")):
        assert run("demo-data", str(path), "--seed", seed, "--scale", "0.1").exit_code == 0
    read = [read_workbook(p, cpr_key=b"k").dataset for p in (a, b, c)]
    assert read[0] == read[1]
    assert read[0] != read[2]


def test_plan_stores_a_plan_whose_file_verifies(tmp_path, small_dataset):
    from overgang.web.planning.models import StoredPlan

    workbook = tmp_path / "small.xlsx"
    write_workbook(small_dataset, workbook)
    assert run("import", str(workbook)).exit_code == 0
    plan_file = tmp_path / "plan.json"
    result = run("plan", "--json", str(plan_file), "--time-limit", "20")
    assert result.exit_code == 0, result.output
    plan_id = StoredPlan.objects.get().pk  # not 1 on PostgreSQL, whose ids run on
    assert f"Plan {plan_id}:" in result.output
    document = json.loads(plan_file.read_text())
    assert set(document) >= {
        "weights",
        "max_load_factor",
        "voluntary_only",
        "effective_date",
        "solver",
        "employees",
        "cases",
        "metrics",
    }
    assert {e["medarbejder_id"] for e in document["employees"]} <= {
        e.id for e in small_dataset.employees
    }
    assert all(c["reason"] for c in document["cases"])
    verified = run("verify-plan", str(plan_file))
    assert verified.exit_code == 0, verified.output

    # A plan file whose objective was altered does not verify.
    document["solver"]["objective_exact"] = str(float(document["solver"]["objective"]) + 1)
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(document))
    assert run("verify-plan", str(tampered)).exit_code == 1

    listed = run("plans")
    assert listed.exit_code == 0 and str(plan_id) in listed.output
    shown = run("show-plan", str(plan_id))
    assert shown.exit_code == 0 and f"Plan {plan_id}" in shown.output


def test_every_command_works_on_a_fresh_empty_database(tmp_path):
    """A real process against a database file that does not exist yet."""
    workbook = tmp_path / "demo.xlsx"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    command = [sys.executable, "-m", "overgang.cli", "demo-data", str(workbook), "--scale", "0.05"]
    subprocess.run(command, check=True, env=env, capture_output=True)
    command = [sys.executable, "-m", "overgang.cli", "import", str(workbook)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "fresh.sqlite3").exists()
    assert Path(workbook).exists()


def test_a_scenario_is_created_and_planned_under(tmp_path):
    from overgang.web.dataset.store import merge_dataset
    from overgang.web.planning.models import StoredPlan
    from tests.core.factories import worked_example

    merge_dataset(worked_example(), file_name="x.xlsx", file_hash="0" * 64, imported_by="test")
    created = run(
        "scenario", "create", "frivillig", "--voluntary-only", "--weight", "contact_change=20"
    )
    assert created.exit_code == 0, created.output
    assert "frivillig" in run("scenario", "list").output
    assert '"contact_change": 20' in run("scenario", "show", "frivillig").output
    assert run("scenario", "create", "frivillig").exit_code == 1  # exists already
    assert run("scenario", "create", "x", "--weight", "nonsense=1").exit_code == 1
    planned = run("plan", "--scenario", "frivillig")
    assert planned.exit_code == 0, planned.output
    stored = StoredPlan.objects.get()
    assert stored.scenario_name == "frivillig"
    assert stored.settings["voluntary_only"] is True
    assert stored.settings["weights"]["contact_change"] == 20
    unknown = run("plan", "--scenario", "ukendt")
    assert unknown.exit_code == 1
    assert "ukendt scenarie" in unknown.output
