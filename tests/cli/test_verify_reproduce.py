"""overgang verify-plan --reproduce: the plan file's settings give the same plan again."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.io.write import write_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_verify_plan_reproduce_notices_a_plan_the_settings_do_not_give(tmp_path, small_dataset):
    workbook = tmp_path / "small.xlsx"
    write_workbook(small_dataset, workbook)
    assert run("import", str(workbook)).exit_code == 0
    plan_file = tmp_path / "plan.json"
    assert run("plan", "--json", str(plan_file), "--time-limit", "5").exit_code == 0
    # The wall-clock search (the default) need not give the same of several equal plans,
    # so only a plan no re-solve gives is checked here (docs/planning.md).
    document = json.loads(plan_file.read_text())
    case = next(c for c in document["cases"] if c["kontaktperson"])
    case["kontaktperson"] = None
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(document))
    result = run("verify-plan", str(altered), "--reproduce")
    assert result.exit_code == 1
    assert "Ikke genskabt: 0 medarbejdere og" in " ".join(result.output.split())
