"""overgang scenario and overgang compare as a user runs them, on a hand-made data set.

The data set is the one of tests/core/test_comparison.py, where the figures are
computed by hand: voluntary only leaves Vallensbæk's case c1 (load 8)
unstaffed, costs 8010 against 200 and calls for 0.8 FTE of hires.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.core.domain import Delivery
from overgang.core.planning.policy import policy_from_dict
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import Scenario, StoredPlan
from overgang.web.planning.scenarios import (
    COOPERATION_PROFESSIONS,
    FULL_DISSOLUTION,
    VOLUNTARY_COOPERATION,
    VOLUNTARY_ONLY,
)
from tests.core.test_comparison import two_psychologists

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def table_rows(output: str) -> dict[str, str]:
    """Return the comparison's rows by label; a breakdown row as 'total label / its label'."""
    rows: dict[str, str] = {}
    total = ""
    for line in output.splitlines():
        if "│" not in line:
            continue
        cell = line.split("│")[1]
        label = cell.strip()
        if cell.startswith("   "):
            label = f"{total} / {label}"
        elif label:
            total = label
        rows[label] = line
    return rows


@pytest.fixture
def stored():
    merge_dataset(two_psychologists(), file_name="to.xlsx", file_hash="0" * 64, imported_by="test")


def test_compare_prints_both_scenarios_with_the_hand_computed_difference(stored):
    assert run("scenario", "create", "fuld").exit_code == 0
    created = run("scenario", "create", "frivillig", "--voluntary-only")
    assert created.exit_code == 0, created.output

    result = run("compare", "fuld", "frivillig", "--time-limit", "2")

    assert result.exit_code == 0, result.output
    rows = table_rows(result.output)
    assert "200,00" in rows["Samlet omkostning"]
    assert "8.010,00 (+7.810,00)" in rows["Samlet omkostning"]
    assert "8,00 (+8,00)" in rows["Ubemandet belastning (belastningsenheder) / Vallensbæk"]
    assert "0,00 " in rows["Ubemandet belastning (belastningsenheder) / Ishøj"]
    assert "0,80 (+0,80)" in rows["Nyansættelser (årsværk) / Vallensbæk"]
    assert "0 (−1)" in rows["Medarbejdere flyttet mod deres ønske"]
    assert "1 (+1)" in rows["Sager, der skifter kontaktperson / PSY"]
    # No districts, so no district teams: none lacks a leader or a profession.
    assert [c.strip() for c in rows["Teams uden leder"].split("│")[2:4]] == ["0", "0"]
    plans = StoredPlan.objects.order_by("pk")
    assert [p.scenario_name for p in plans] == ["fuld", "frivillig"]
    # Each plan's teams and robustness are stored beside it, as 'overgang plan' does.
    assert all(p.analysis.settings["rank_services"] is False for p in plans)
    warnings = [len(p.analysis.warnings) for p in plans]
    assert [c.strip() for c in rows["Robusthedsadvarsler"].split("│")[2:4]] == [
        str(n) for n in warnings
    ]


def test_a_setting_that_names_nothing_in_the_data_is_warned_about(stored):
    result = run(
        "scenario", "create", "tastefejl", "--cooperation", "Familiebehandlng", "--norm", "XYZ=3"
    )
    assert result.exit_code == 0, result.output
    assert "holder Familiebehandlng i samarbejde, men ingen sag har den ydelse" in result.output
    assert "ændrer faggruppen XYZ, som ikke findes i data" in result.output
    compared = run("compare", "tastefejl", "--time-limit", "1")
    assert "holder Familiebehandlng i samarbejde" in compared.output


def test_compare_names_an_unknown_scenario_before_planning(stored):
    result = run("compare", "fuld-opløsning", "findes-ikke", "--time-limit", "1")
    assert result.exit_code == 1
    assert "ukendt scenarie: findes-ikke" in result.output
    assert StoredPlan.objects.count() == 0


def test_a_scenario_with_norms_and_needs_is_stored_and_shown(stored):
    result = run(
        "scenario",
        "create",
        "normer",
        "--norm",
        "PSY=12,5",
        "--need",
        "187:PSY=1",
        "--need",
        "183:PSY=0",
    )
    assert result.exit_code == 0, result.output
    policy = policy_from_dict(Scenario.objects.get(name="normer").settings)
    assert [(p, str(n)) for p, n in policy.norm_overrides] == [("PSY", "12.5")]
    assert [(m, p, str(f)) for m, p, f in policy.need_overrides] == [
        (183, "PSY", "0.0"),
        (187, "PSY", "1.0"),
    ]
    shown = run("scenario", "show", "normer")
    assert "norm PSY=12,50" in shown.output
    assert "behov 187:PSY=1,00 FTE" in shown.output


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--norm", "PSY", "--norm PSY: skriv FAGGRUPPE=NORM"),
        ("--norm", "PSY=-1", "--norm PSY=-1: '-1' er ikke et tal"),
        ("--need", "PSY=1", "--need PSY=1: skriv KOMMUNE:FAGGRUPPE=FTE"),
        ("--need", "187:PSY=1,234", "--need 187:PSY=1,234: '1,234' er ikke et tal"),
    ],
)
def test_a_bad_override_is_refused_with_a_danish_message_naming_it(option, value, message):
    result = run("scenario", "create", "forkert", option, value)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert not Scenario.objects.filter(name="forkert").exists()


def test_the_shipped_scenarios_exist_after_defaults_and_parse(small_dataset):
    result = run("scenario", "defaults")
    assert result.exit_code == 0, result.output
    names = set(Scenario.objects.values_list("name", flat=True))
    assert names == {FULL_DISSOLUTION, VOLUNTARY_COOPERATION, VOLUNTARY_ONLY}
    policies = {s.name: policy_from_dict(s.settings) for s in Scenario.objects.all()}
    assert policies[FULL_DISSOLUTION].cooperation_services == frozenset()
    assert not policies[FULL_DISSOLUTION].voluntary_only
    assert policies[VOLUNTARY_ONLY].voluntary_only
    # The cooperation scenario keeps exactly the demo data's in-house services of
    # family treatment, physio/OT and adult special education.
    in_house = {
        c.service: c.profession for c in small_dataset.cases if c.delivery is Delivery.IN_HOUSE
    }
    kept = policies[VOLUNTARY_COOPERATION].cooperation_services
    assert kept == {s for s, p in in_house.items() if p in COOPERATION_PROFESSIONS}
    # Running defaults again keeps what is there.
    again = run("scenario", "defaults")
    assert again.output.count("findes allerede") == 3


def test_a_plan_under_norm_and_need_overrides_costs_what_they_imply_and_verifies(stored, tmp_path):
    # Norm 5: capacities 5, limit 6, so neither case (load 8) can be staffed:
    # 2 x (1000 x 8 + 10) = 16020. A need of 2 FTE of psychologists in Vallensbæk:
    # moving A and B there against their wish costs 2 x 200 = 400, less than the
    # 2 x 500 the shortfall would. Total 16420.
    created = run("scenario", "create", "normer", "--norm", "PSY=5", "--need", "187:PSY=2")
    assert created.exit_code == 0, created.output
    plan_file = tmp_path / "plan.json"
    planned = run("plan", "--scenario", "normer", "--time-limit", "2", "--json", str(plan_file))
    assert planned.exit_code == 0, planned.output
    assert StoredPlan.objects.get().objective == "16420"
    verified = run("verify-plan", str(plan_file))
    assert verified.exit_code == 0, verified.output
    assert "Bemærk" not in verified.output and "16420,00" in verified.output


def test_stored_plans_compare_to_exactly_the_figures_they_were_planned_with(stored):
    run("scenario", "create", "fuld")
    run("scenario", "create", "frivillig", "--voluntary-only")
    fresh = run("compare", "fuld", "frivillig", "--time-limit", "2")
    assert fresh.exit_code == 0, fresh.output
    ids = [str(p.pk) for p in StoredPlan.objects.order_by("pk")]

    again = run("compare", "--plan", ids[0], "--plan", ids[1])

    assert again.exit_code == 0, again.output
    assert StoredPlan.objects.count() == 2  # nothing planned anew
    assert table_rows(again.output) == table_rows(fresh.output)
    missing = run("compare", "--plan", "999")
    assert missing.exit_code == 1 and "ingen plan med id 999" in missing.output
    both = run("compare", "fuld", "--plan", ids[0])
    assert both.exit_code == 1
