"""The plan's figures count civil servants (tjenestemænd) per municipality: how many work there
from the effective date, how many transfer from the host, and how many against their wish.

Checked against a brute count straight from the employees and their latest interviews, over
every small data set Hypothesis draws, and on a plan the planner makes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from overgang.core.domain import Dataset, EmploymentForm
from overgang.core.planning.metrics import civil_servant_figures
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from tests.core.factories import (
    ISHOEJ,
    VALLENSBAEK,
    case,
    citizen,
    dataset,
    employee,
    interview,
)

ROEDOVRE = 175
CODES = (ISHOEJ, VALLENSBAEK, ROEDOVRE)
FORMS = (EmploymentForm.CIVIL_SERVANT, EmploymentForm.COLLECTIVE_AGREEMENT, None)
EFFECTIVE = Policy().effective_date


def _brute(
    data: Dataset, employer: dict[str, int]
) -> tuple[dict[int, tuple[int, int, int]], list[tuple[str, int]]]:
    """Per municipality: (civil servants, transferred from Ishøj, moved against the wish),
    and those moved against the wish, counted one employee at a time from the rules as
    DESIGN.md words them."""
    counts = {m: [0, 0, 0] for m in CODES}
    against = []
    for e in data.employees:
        if e.employment_form is not EmploymentForm.CIVIL_SERVANT:
            continue
        if e.resigned_on is not None and e.resigned_on < EFFECTIVE:
            continue  # not planned
        mine = [i for i in data.interviews if i.employee_id == e.id]
        latest = max(mine, key=lambda i: i.held_on) if mine else None
        where = employer[e.id]
        counts[where][0] += 1
        if where != ISHOEJ:
            counts[where][1] += 1
            # Not interviewed counts as wishing to stay; no preference is never against it;
            # a municipality named as acceptable is a wish not met, not against it.
            wished = latest.wished_municipality if latest else ISHOEJ
            acceptable = latest.acceptable_municipalities if latest else ()
            if wished is not None and where != wished and where not in acceptable:
                counts[where][2] += 1
                against.append((e.id, where))
    return {m: (c[0], c[1], c[2]) for m, c in counts.items()}, sorted(against)


@st.composite
def _staff(draw: st.DrawFn) -> tuple[Dataset, dict[str, int]]:
    n = draw(st.integers(0, 8))
    employees, interviews, employer = [], [], {}
    for i in range(n):
        id = f"E{i}"
        resigned = draw(st.sampled_from([None, EFFECTIVE - timedelta(days=1), EFFECTIVE]))
        employees.append(
            employee(id, employment_form=draw(st.sampled_from(FORMS)), resigned_on=resigned)
        )
        for day in range(draw(st.integers(0, 2))):  # the latest interview counts
            talk = interview(id, draw(st.sampled_from((*CODES, None))), date(2021, 4, 1 + day))
            acceptable = draw(st.lists(st.sampled_from(CODES), max_size=2, unique=True))
            interviews.append(replace(talk, acceptable_municipalities=tuple(acceptable)))
        employer[id] = draw(st.sampled_from(CODES))
    data = dataset(employees, interviews, citizens=[], cases=[], codes=CODES)
    return data, employer


@settings(max_examples=300, deadline=None)
@given(_staff())
def test_civil_servants_are_counted_per_municipality_as_a_brute_count_counts_them(drawn):
    data, employer = drawn
    figures = civil_servant_figures(build_problem(data, Policy()), employer)
    got = {
        r["kommune"]: (r["tjenestemaend"], r["overfoert"], r["flyttet_mod_oenske"])
        for r in figures["pr_kommune"]
    }
    listed = [(r["medarbejder_id"], r["kommune"]) for r in figures["mod_oenske"]]
    assert (got, listed) == _brute(data, employer)


def test_a_plan_counts_the_civil_servant_it_moves_against_the_wish_and_names_them():
    """T (civil servant) and O wish to stay in Ishøj; C (civil servant) wishes Vallensbæk.
    Vallensbæk's cases need two psychologists, so T moves with their case against the wish."""
    data = dataset(
        employees=[
            employee("T", employment_form=EmploymentForm.CIVIL_SERVANT),
            employee("C", employment_form=EmploymentForm.CIVIL_SERVANT),
            employee("O", employment_form=EmploymentForm.COLLECTIVE_AGREEMENT),
        ],
        interviews=[interview("T", ISHOEJ), interview("C", VALLENSBAEK), interview("O", ISHOEJ)],
        citizens=[citizen("v1", VALLENSBAEK), citizen("v2", VALLENSBAEK), citizen("i1", ISHOEJ)],
        cases=[
            case("V1", "v1", VALLENSBAEK, "T", load=8),
            case("V2", "v2", VALLENSBAEK, "C", load=8),
            case("I1", "i1", ISHOEJ, "O", load=8),
        ],
    )
    made = plan(build_problem(data, Policy()), Policy(time_limit=5))
    assert {d.employee_id: d.municipality for d in made.employees} == {
        "T": VALLENSBAEK,
        "C": VALLENSBAEK,
        "O": ISHOEJ,
    }
    assert made.metrics["civil_servants"] == {
        "pr_kommune": [
            {"kommune": ISHOEJ, "tjenestemaend": 0, "overfoert": 0, "flyttet_mod_oenske": 0},
            {"kommune": VALLENSBAEK, "tjenestemaend": 2, "overfoert": 2, "flyttet_mod_oenske": 1},
        ],
        "mod_oenske": [{"medarbejder_id": "T", "kommune": VALLENSBAEK}],
    }
