"""The status report for the council, rendered for the demo data set and read back."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from tests.reports.conftest import pdf_text

SECTIONS_DA = (
    "Status for processen",
    "Arbejdsmiljøet i processen",
    "Det vil børn, unge og familier opleve",
    "Bedre koordineret sagsbehandling",
    "Kontinuitet i indsatsen",
    "Kompetencer, robusthed og nyansættelser",
    "Handlekommune og betalingskommune",
    "Kommende milepæle",
)
SECTIONS_EN = (
    "Status of the process",
    "The work environment in the process",
    "What children, young people and families will experience",
    "Better coordinated casework",
    "Continuity of the interventions",
    "Competences, robustness and hires",
    "Acting and paying municipality",
    "Milestones ahead",
)


class _Cells(HTMLParser):
    """Collect every table cell's text, and the count cells by their key."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, str] = {}
        self.cells: list[str] = []
        self._key: str | None = None
        self._in_cell = False
        self._text = ""
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._in_cell, self._text = True, ""
            self._key = dict(attrs).get("data-cell")

    def handle_endtag(self, tag):
        if tag == "td":
            self.cells.append(self._text.strip())
            if self._key:
                self.counts[self._key] = self._text.strip()
            self._in_cell, self._key = False, None

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell:
            self._text += data


@pytest.fixture(scope="module")
def report(demo_run):
    demo_run.run("report", "--format", "html", "--out", "status.html")
    demo_run.run("report", "--format", "pdf", "--out", "status.pdf")
    html = (demo_run.folder / "status.html").read_text(encoding="utf-8")
    parser = _Cells()
    parser.feed(html)
    return html, parser, pdf_text(demo_run.folder / "status.pdf")


def _expected(metrics) -> dict[str, int]:
    """The figure each count cell must show, computed here from the plan file's metrics."""
    want: dict[str, int] = {}

    def table(key, rows):  # rows: {row: {column: value}}
        columns = defaultdict(int)
        for row, values in rows.items():
            for column, value in values.items():
                want[f"{key}/{row}/{column}"] = value
                columns[column] += value
            want[f"{key}/{row}/total"] = sum(values.values())
        for column, value in columns.items():
            want[f"{key}/total/{column}"] = value
        want[f"{key}/total/total"] = sum(columns.values())

    employees = metrics["employees"]
    due = sum(r["medarbejdere"] for r in employees)
    not_held = sum(r["ikke_interviewet"] for r in employees)
    want["interviews/held/count"] = due - not_held
    want["interviews/not_held/count"] = not_held
    want["interviews/total/count"] = due
    by_municipality = defaultdict(lambda: defaultdict(int))
    for r in employees:
        row = by_municipality[str(r["kommune"])]
        row["by_wish"] += r["bliver_efter_oenske"] + r["flyttet_efter_oenske"]
        row["acceptable"] += r["acceptabel"]
        row["no_preference"] += r["uden_oenske"]
        row["against_wish"] += r["oenske_ikke_opfyldt"] - r["acceptabel"]
    table("decisions", by_municipality)
    contact = defaultdict(lambda: defaultdict(int))
    continuity = defaultdict(lambda: defaultdict(int))
    for r in metrics["continuity"]:
        contact[r["faggruppe"]]["keep"] += r["beholder"]
        contact[r["faggruppe"]]["change"] += r["skifter"]
        contact[r["faggruppe"]]["none_before"] += r["sager"] - r["beholder"] - r["skifter"]
        where = continuity[str(r["kommune"])]
        where["keep"] += r["beholder"]
        where["new"] += r["sager"] - r["beholder"] - r["ubemandet"]
        where["unstaffed"] += r["ubemandet"]
    table("contact", contact)
    table("continuity", continuity)
    for key in ("children", "families"):
        table(
            key,
            {
                str(r["kommune"]): {"keep": r["beholder"], "change": r["skifter"]}
                for r in metrics[key]
            },
        )
    orders = ("first", "second", "third", "fourth")
    keys = ("skift_1", "skift_2", "skift_3", "skift_4_eller_flere")
    table(
        "change_order",
        {
            str(r["kommune"]): dict(zip(orders, (r[k] for k in keys), strict=True))
            for r in metrics["history"]
        },
    )
    mismatch = metrics["acting_paying_mismatch"]
    for p in mismatch["par"]:
        want[f"mismatch/{p['handlekommune']}-{p['betalingskommune']}/count"] = p["antal"]
    if mismatch["par"]:
        want["mismatch/total/count"] = mismatch["antal"]
    return want


def _check(shown: str, value: int) -> None:
    if shown == "<5":
        assert 1 <= value <= 4
    elif shown == "x":
        assert value >= 5
    elif shown == "–":
        assert value == 0
    else:
        assert int(shown) == value


def test_the_report_has_every_section_of_the_status_note_in_html_and_pdf(report):
    html, _parser, pdf = report
    flat = " ".join(pdf.split())
    for title in SECTIONS_DA:
        assert title in html
        assert title in flat, title
    assert html.count("<svg") >= 2  # the charts, inline in the page


def test_every_count_shown_equals_the_plans_metrics(report, demo_run):
    _html, parser, _pdf = report
    want = _expected(demo_run.plan["metrics"])
    checked = 0
    for key, value in want.items():
        if key in parser.counts:
            _check(parser.counts[key], value)
            checked += 1
    assert checked >= 40
    # The headline figures are large enough to be shown as they are.
    assert parser.counts["contact/total/total"] == str(want["contact/total/total"])
    assert parser.counts["interviews/total/count"] == str(want["interviews/total/count"])


def test_the_report_counts_the_children_by_which_change_it_is_for_them(report, demo_run):
    _html, parser, _pdf = report
    want = _expected(demo_run.plan["metrics"])
    shown = {k: v for k, v in parser.counts.items() if k.startswith("change_order/")}
    assert "change_order/total/total" in shown  # the demo set has earlier changes
    for key, text in shown.items():
        _check(text, want[key])
    # the demo's history makes later changes show up beside the first ones
    assert want["change_order/total/second"] + want["change_order/total/fourth"] > 0


def test_resignations_are_counted_by_month_and_reason(report, small_dataset):
    _html, parser, _pdf = report
    months = defaultdict(lambda: defaultdict(int))
    for e in small_dataset.employees:
        if e.resigned_on:
            reason = "dissolution" if e.resignation_reason == "ophoer" else "other"
            months[f"{e.resigned_on:%Y-%m}"][reason] += 1
    assert months, "the demo set records resignations"
    for month, counts in months.items():
        for reason in ("dissolution", "other"):
            _check(parser.counts[f"resignations/{month}/{reason}"], counts[reason])
    total = sum(sum(c.values()) for c in months.values())
    _check(parser.counts["resignations/total/total"], total)


def test_the_pdf_shows_the_same_figures_as_the_html(report):
    _html, parser, pdf = report
    flat = " ".join(pdf.split())
    for key in ("contact/total/total", "children/total/total", "families/total/total"):
        assert re.search(rf"\b{parser.counts[key]}\b", flat), key


def test_no_count_from_one_to_four_is_shown(report):
    _html, parser, pdf = report
    for text in parser.cells:
        if re.fullmatch(r"\d+", text):
            assert int(text) >= 5, text
    assert "<5" in pdf  # the demo set has small cells, shown as "<5"
    kinds = set(parser.counts.values())
    assert "x" in kinds  # and secondary suppression at work


def test_no_name_or_id_of_an_employee_or_citizen_is_in_the_council_report(report, small_dataset):
    html, _parser, pdf = report
    texts = (html, " ".join(pdf.split()))
    for employee in small_dataset.employees:
        for text in texts:
            assert employee.name not in text
            assert employee.id not in text
    for text in texts:
        assert not re.search(r"\b[MBFS]\d{4,}\b", text)
    citizens = {c.id for c in small_dataset.citizens} | {
        c.family_id for c in small_dataset.citizens
    }
    cases = {c.id for c in small_dataset.cases}
    for identifier in citizens | cases:
        assert identifier not in html
    for interview in small_dataset.interviews:
        if len(interview.note) > 12:
            assert interview.note not in html


def test_the_charts_are_vectors_in_the_pdf(demo_run, report):
    listing = subprocess.run(
        ["pdfimages", "-list", str(demo_run.folder / "status.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len(listing.strip().splitlines()) == 2  # the header only: no raster image


def test_the_report_comes_in_english(demo_run):
    demo_run.run("report", "--format", "pdf", "--lang", "en", "--out", "status-en.pdf")
    flat = " ".join(pdf_text(demo_run.folder / "status-en.pdf").split())
    for title in SECTIONS_EN:
        assert title in flat, title


def test_an_unknown_plan_or_format_is_refused_in_danish(demo_run):
    unknown = demo_run.run("report", "--plan", "999", check=False)
    assert unknown.returncode == 1
    assert "Der findes ingen plan med id 999" in unknown.stdout + unknown.stderr
    bad = demo_run.run("report", "--format", "doc", check=False)
    assert bad.returncode != 0
    assert "vælg en af html, pdf" in " ".join((bad.stdout + bad.stderr).split())
