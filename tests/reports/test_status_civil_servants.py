"""The status report counts civil servants per municipality from the plan's figures, hides
small counts, and says which rules move them and that HR confirms each person's rights."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import translation

from overgang.reports.sections_civil_servants import civil_servants_section
from overgang.reports.sources import PlanFacts, ReportSources
from tests.core.factories import ISHOEJ, VALLENSBAEK, dataset
from tests.reports.test_status_report import _Cells, _check

NAMES = {ISHOEJ: "Ishøj Kommune", VALLENSBAEK: "Vallensbæk Kommune"}


def _figures(ishoej: int, vallensbaek: int, transferred: int, against: int) -> dict:
    return {
        "pr_kommune": [
            {
                "kommune": ISHOEJ,
                "tjenestemaend": ishoej,
                "overfoert": 0,
                "flyttet_mod_oenske": 0,
            },
            {
                "kommune": VALLENSBAEK,
                "tjenestemaend": vallensbaek,
                "overfoert": transferred,
                "flyttet_mod_oenske": against,
            },
        ],
        "mod_oenske": [{"medarbejder_id": f"M{i}", "kommune": VALLENSBAEK} for i in range(against)],
    }


def _sources(figures: dict | None) -> ReportSources:
    metrics = {"civil_servants": figures} if figures is not None else {}
    return ReportSources(
        plan=PlanFacts(7, datetime(2021, 9, 1), "optimal", "", ()),
        metrics=metrics,
        municipalities=NAMES,
        professions={},
        host=ISHOEJ,
        effective_date=date(2022, 1, 1),
        as_of=date(2021, 9, 1),
        made_on=date(2021, 9, 1),
        dataset=dataset([], [], [], []),
        employee_decisions=(),
        case_decisions=(),
    )


def _cells(section) -> dict[str, str]:
    [table] = section.tables
    return {cell.key: cell.text for row in table.rows for cell in row.cells}


def test_counts_of_civil_servants_are_shown_per_municipality_with_small_ones_hidden():
    with translation.override("da"):
        section = civil_servants_section(_sources(_figures(12, 9, 7, 2)))
        cells = _cells(section)
    assert cells["civil_servants/183/count"] == "12"
    assert cells["civil_servants/187/count"] == "9"
    assert cells["civil_servants/187/transferred"] == "7"
    assert cells["civil_servants/187/against_wish"] == "<5"  # two people
    assert cells["civil_servants/total/count"] == "21"
    assert cells["civil_servants/total/against_wish"] == "<5"
    text = " ".join(section.paragraphs)
    assert "21 af medarbejderne i planen er tjenestemænd" in text
    assert "færre end 5 af dem mod deres ønske" in text


def test_a_single_civil_servant_is_never_shown_as_a_number():
    with translation.override("da"):
        section = civil_servants_section(_sources(_figures(0, 1, 1, 1)))
        cells = _cells(section)
    shown = {k: v for k, v in cells.items() if v not in ("–", "<5", "x")}
    assert shown == {}
    assert "1" not in " ".join(section.paragraphs)


def test_the_section_names_the_civil_servants_rules_and_that_hr_confirms_them():
    with translation.override("da"):
        text = " ".join(civil_servants_section(_sources(_figures(6, 6, 6, 0))).paragraphs)
    for phrase in (
        "ikke omfattet af virksomhedsoverdragelsesloven",
        "passende stilling",
        "rådighedsløn",
        "ventepenge eller pension",
        "deles mellem arbejdsgiverne",
        "HR bekræfter den enkeltes rettigheder",
    ):
        assert phrase in text, phrase


def test_a_plan_without_civil_servants_says_so_and_a_plan_made_before_says_to_replan():
    with translation.override("en"):
        none = civil_servants_section(_sources(_figures(0, 0, 0, 0)))
        before = civil_servants_section(_sources(None))
    assert "The plan has no civil servants." in none.paragraphs
    assert none.tables == []
    assert before.notes == [
        "This plan was made before civil servants were counted; a new plan counts them."
    ]


def test_the_demo_report_shows_the_plans_civil_servants_after_the_process(demo_run):
    demo_run.run("report", "--format", "html", "--out", "status-tjm.html")
    html = (demo_run.folder / "status-tjm.html").read_text(encoding="utf-8")
    parser = _Cells()
    parser.feed(html)
    assert html.index("<h2>Status for processen") < html.index("<h2>Tjenestemænd</h2>")
    figures = demo_run.plan["metrics"]["civil_servants"]
    want = {str(r["kommune"]): r for r in figures["pr_kommune"]}
    keys = {
        "count": "tjenestemaend",
        "transferred": "overfoert",
        "against_wish": "flyttet_mod_oenske",
    }
    for code, row in want.items():
        for column, key in keys.items():
            _check(parser.counts[f"civil_servants/{code}/{column}"], row[key])
    total = sum(r["tjenestemaend"] for r in figures["pr_kommune"])
    assert 1 <= total <= 4  # the demo at a tenth has few: hidden as "<5"
    assert parser.counts["civil_servants/total/count"] == "<5"
    for row in figures["mod_oenske"]:  # listed for the transition lead, never in the report
        assert row["medarbejder_id"] not in html
