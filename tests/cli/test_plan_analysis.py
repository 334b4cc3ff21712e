"""overgang plan forms the district teams, family plans and robustness, stores them and shows them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import merge_dataset
from overgang.web.planning.models import (
    FamilyPlan,
    ImmutableError,
    PlanAnalysis,
    PlanTeam,
    StoredPlan,
)
from tests.core.teams.instances import two_districts

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def stored_two_districts():
    problem, _ = two_districts()
    merge_dataset(problem.dataset, file_name="teams.xlsx", file_hash="0" * 64, imported_by="test")


def test_plan_stores_teams_family_plans_and_robustness_and_shows_them(stored_two_districts):
    result = run("plan", "--time-limit", "2", "--min-team-fte", "2", "--cooperation-seconds", "1")
    assert result.exit_code == 0, result.output
    # D1, D2 (Ishøj) and D3 (Vallensbæk) each need more than 2 FTE: three teams.
    assert "Distriktsteams: 3 (Ishøj 2, Vallensbæk 1)" in result.output
    stored = StoredPlan.objects.get()
    assert [t.team_id for t in PlanTeam.objects.filter(plan=stored)] == ["183-1", "183-2", "187-1"]
    teams = {t.team_id: t for t in stored.teams.all()}
    assert teams["183-2"].districts == ["D2"] and teams["183-2"].institutions == ["S2"]
    assert teams["187-1"].institutions == ["B3", "S3"]
    members = [m.employee_id for t in teams.values() for m in t.memberships.all()]
    assert sorted(members) == sorted(set(members))  # nobody in two teams
    analysis = PlanAnalysis.objects.get(plan=stored)
    assert analysis.settings["min_team_fte"] == 2.0
    assert [s["ydelse"] for s in analysis.robustness["samarbejde"]] == ["PPR"]
    assert {s["medarbejder_id"] for s in analysis.shared_staff} >= {"A1"}

    shown = run("show-plan", str(stored.pk), "--teams", "--families", "--robustness")
    assert shown.exit_code == 0, shown.output
    for heading in (
        "Distriktsteams",
        "Efterspørgsel og udbud pr. team og faggruppe",
        "Teammedlemmer: andel af deres sager i teamets distrikter",
        "Samlede familieplaner",
        "Udbud over for efterspørgsel pr. kommune og faggruppe",
        "Advarsler",
        "Hvor et frivilligt samarbejde ville gavne mest",
    ):
        assert heading in shown.output
    assert "Nord" in shown.output and "Lille" in shown.output
    assert "Skoler og dagtilbud: deres faste team" in shown.output
    assert "Lilleskolen" in shown.output and "dagtilbud" in shown.output


def test_the_default_summary_stays_short_and_english_is_available(stored_two_districts):
    assert run("plan", "--time-limit", "2", "--cooperation-seconds", "0").exit_code == 0
    stored = StoredPlan.objects.get()
    summary = run("show-plan", str(stored.pk))
    assert "Distriktsteams: 2" in summary.output  # D1 and D2 share a team below 8 FTE each
    assert "Teammedlemmer" not in summary.output
    english = run("--lang", "en", "show-plan", str(stored.pk))
    assert "District teams: 2" in english.output
    assert "The services were not ranked" not in english.output
    robust = run("--lang", "en", "show-plan", str(stored.pk), "--robustness")
    assert "The services were not ranked for a voluntary cooperation." in robust.output


def test_an_analysis_is_stored_once_and_never_changed(stored_two_districts):
    assert run("plan", "--time-limit", "2", "--cooperation-seconds", "0").exit_code == 0
    analysis = PlanAnalysis.objects.get()
    analysis.warnings = []
    with pytest.raises(ImmutableError):
        analysis.save()
    team = PlanTeam.objects.first()
    team.leader = "someone"
    with pytest.raises(ImmutableError):
        team.save()
    assert PlanAnalysis.objects.get().warnings != []
    assert FamilyPlan.objects.count() == 0  # no family in this data set has two professions


def test_a_plan_made_without_analysis_is_analysed_once_by_analyse_plan(stored_two_districts):
    from overgang.web.planning.services import run_plan

    stored = run_plan(by=SystemActor("test"), time_limit=2).stored  # as compare and the pages plan
    shown = run("show-plan", str(stored.pk))
    assert f"overgang analyse-plan {stored.pk}" in " ".join(shown.output.split())
    done = run("analyse-plan", str(stored.pk), "--cooperation-seconds", "0")
    assert done.exit_code == 0, done.output
    assert "Distriktsteams: 2" in done.output
    assert PlanTeam.objects.filter(plan=stored).count() == 2
    again = run("analyse-plan", str(stored.pk))
    assert again.exit_code == 1
    assert PlanAnalysis.objects.filter(plan=stored).count() == 1


def test_analyse_plan_refuses_a_plan_made_from_other_data(stored_two_districts):
    from overgang.web.planning.services import run_plan
    from tests.core.factories import worked_example

    stored = run_plan(by=SystemActor("test"), time_limit=2).stored
    merge_dataset(worked_example(), file_name="other.xlsx", file_hash="1" * 64, imported_by="test")
    refused = run("analyse-plan", str(stored.pk))
    assert refused.exit_code == 1
    assert "andre data" in " ".join(refused.output.split())
    assert not PlanAnalysis.objects.filter(plan=stored).exists()


def test_listing_teams_and_family_plans_is_logged(stored_two_districts):
    from overgang.web.audit.models import AuditEntry

    assert run("plan", "--time-limit", "2", "--cooperation-seconds", "0").exit_code == 0
    stored = StoredPlan.objects.get()
    assert run("show-plan", str(stored.pk), "--teams", "--families").exit_code == 0
    logged = AuditEntry.objects.filter(object_id=str(stored.pk)).values_list(
        "object_type", flat=True
    )
    assert {"planning.planteam", "planning.familyplan"} <= set(logged)


def test_the_robustness_listing_words_each_warning_in_danish():
    from tests.core.teams.instances import robustness_instance

    problem, _ = robustness_instance()
    merge_dataset(problem.dataset, file_name="r.xlsx", file_hash="2" * 64, imported_by="test")
    planned = run("plan", "--time-limit", "2", "--critical-fte", "1", "--cooperation-seconds", "0")
    assert planned.exit_code == 0, planned.output
    stored = StoredPlan.objects.get()
    output = run("show-plan", str(stored.pk), "--robustness").output
    shown = " ".join(output.split())
    analysis = PlanAnalysis.objects.get(plan=stored)
    # One line per stored warning, each in Danish.
    assert output.count("\n - ") == len(analysis.warnings) > 0
    for warning in analysis.warnings:
        if warning["kode"] == "single_holder":
            assert f"{warning['emne']}: findes kun hos én medarbejder (ingen afløser)" in shown
        if warning["kode"] == "competence_lost":
            count = warning["params"]["holders_in_centre"]
            assert (
                f"{warning['emne']}: findes ikke efter delingen (hos {count} i centret i dag)"
                in shown
            )
    assert "under den kritiske masse på 1,0 årsværk" in shown
    assert "Ydelserne blev ikke rangeret" in shown


def test_a_data_set_without_school_districts_has_no_teams_and_says_so():
    from tests.core.factories import worked_example

    merge_dataset(worked_example(), file_name="w.xlsx", file_hash="3" * 64, imported_by="test")
    planned = run("plan", "--time-limit", "2", "--cooperation-seconds", "0")
    assert planned.exit_code == 0, planned.output
    assert "Ingen distriktsteams: datasættet har ingen skoledistrikter." in " ".join(
        planned.output.split()
    )
    analysis = PlanAnalysis.objects.get()
    assert {s["aarsag"] for s in analysis.shared_staff} == {"no_districts"}
    assert not PlanTeam.objects.exists()


def test_family_plans_are_listed_per_team_with_their_coordinator_and_why():
    from tests.core.teams.test_family_plans import _problem_and_plan

    problem, _ = _problem_and_plan()
    merge_dataset(problem.dataset, file_name="f.xlsx", file_hash="4" * 64, imported_by="test")
    assert run("plan", "--time-limit", "2", "--cooperation-seconds", "0").exit_code == 0
    stored = StoredPlan.objects.get()
    rows = {f.family_id: f for f in FamilyPlan.objects.filter(plan=stored)}
    assert sorted(rows) == ["f1", "f2", "f3", "f4", "f6"]  # f5 has one profession only
    # A table cell wraps in a narrow terminal, so one word of each reason is looked for.
    words = {"family_counsellor": "familierådgiver", "largest_load": "største", "none": "ingen"}
    shown = " ".join(run("show-plan", str(stored.pk), "--families").output.split())
    for family in rows.values():
        counsellors = {c["medarbejder_id"] for c in family.contacts if c["faggruppe"] == "FAM"}
        if family.coordinator_rule == "family_counsellor":
            assert family.coordinator in counsellors
        elif family.coordinator_rule == "largest_load":
            assert counsellors <= {None} and family.coordinator
        else:
            assert family.coordinator == ""
        assert words[family.coordinator_rule] in shown
    assert rows["f2"].coordinator_rule == "largest_load"  # PSY and FYS, no family counsellor
