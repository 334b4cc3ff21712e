"""Resignations: the monthly trend counted by hand, and the simulation of further resignations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from math import comb

from hypothesis import given, settings
from hypothesis import strategies as st

from overgang.core.attrition import (
    hand_over,
    monthly_trend,
    simulate_attrition,
    solver_replanner,
    with_resignations,
)
from overgang.core.domain import ResignationReason
from overgang.core.planning.cost import hard_rule_violations
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, citizen, dataset, employee, interview
from tests.core.planning.strategies import small_instances
from tests.core.test_comparison import two_psychologists

DISSOLUTION, NEW_JOB, RETIREMENT = (
    ResignationReason.DISSOLUTION,
    ResignationReason.NEW_JOB,
    ResignationReason.RETIREMENT,
)


def resigned(id: str, on: date, reason: ResignationReason | None):
    return employee(id, resigned_on=on, resignation_reason=reason)


def test_the_monthly_trend_counts_each_month_by_reason_with_the_empty_months():
    data = dataset(
        employees=[
            employee("stays"),
            resigned("a", date(2021, 2, 28), NEW_JOB),
            resigned("b", date(2021, 2, 1), DISSOLUTION),
            resigned("c", date(2021, 4, 30), DISSOLUTION),
            resigned("d", date(2021, 4, 15), DISSOLUTION),
            resigned("e", date(2021, 4, 1), RETIREMENT),
            resigned("f", date(2021, 5, 31), None),
        ],
        interviews=[],
        citizens=[],
        cases=[],
    )
    trend = monthly_trend(data)
    # By hand: February a (new job), b (dissolution); March none; April c, d
    # (dissolution), e (retirement); May f (no reason given).
    assert [(m.month, m.total, m.due_to_dissolution, m.other) for m in trend] == [
        (date(2021, 2, 1), 2, 1, 1),
        (date(2021, 3, 1), 0, 0, 0),
        (date(2021, 4, 1), 3, 2, 1),
        (date(2021, 5, 1), 1, 0, 1),
    ]
    assert dict(trend[2].by_reason) == {"ophoer": 2, "nyt_job": 0, "pension": 1, "andet": 0, "": 0}
    assert dict(trend[3].by_reason)[""] == 1
    widened = monthly_trend(data, start=date(2021, 1, 10), end=date(2021, 6, 30))
    assert [m.month.month for m in widened] == [1, 2, 3, 4, 5, 6]
    assert sum(m.total for m in widened) == 6


def tight_team():
    """Ten psychologists in Ishøj (norm 10), each at capacity with one case of load 10.

    Nobody can take a colleague's case (10 + 10 is above the limit of 12), so
    every resignation leaves exactly one case of load 10 unstaffed.
    """
    ids = [f"P{i:02d}" for i in range(10)]
    return dataset(
        employees=[employee(i) for i in ids],
        interviews=[interview(i, ISHOEJ) for i in ids],
        citizens=[citizen(f"b{i}", ISHOEJ) for i in ids],
        cases=[case(f"c{i}", f"b{i}", ISHOEJ, i, load=10) for i in ids],
    )


def simulate(data, runs, seed, rate=0.08, against=0.08, start=date(2021, 7, 1), **kw):
    policy = Policy(time_limit=5)
    base = plan(build_problem(data, policy), policy)
    return simulate_attrition(
        data,
        policy,
        base.employer(),
        base.contacts(),
        runs=runs,
        seed=seed,
        monthly_rate=rate,
        against_wish_rate=against,
        start=start,
        **kw,
    )


def test_each_resignation_in_a_tight_team_costs_exactly_its_case():
    result = simulate(tight_team(), runs=50, seed=7)
    assert result.months == 6 and result.at_risk == 10 and result.against_wish == 0
    assert result.base.unstaffed_load == 0 and result.base.cost == 0
    for o in result.outcomes:
        k = len(o.resigned)
        assert (o.unstaffed_load, o.hires_fte, o.contact_changes, o.cost) == (
            10.0 * k,
            1.0 * k,
            k,
            10010.0 * k,
        )


def test_the_same_seed_gives_the_same_numbers_and_another_seed_other_draws():
    first = simulate(tight_team(), runs=40, seed=2021)
    again = simulate(tight_team(), runs=40, seed=2021)
    other = simulate(tight_team(), runs=40, seed=2022)
    assert first.outcomes == again.outcomes
    assert first.percentiles("unstaffed_load") == again.percentiles("unstaffed_load")
    assert [o.resigned for o in first.outcomes] != [o.resigned for o in other.outcomes]


def test_percentiles_are_stable_as_runs_grow_and_approach_the_binomial_ones():
    # Each of the 10 resigns within the 6 months with p = 1 - 0.92^6 = 0.394, so
    # resignations follow Binomial(10, 0.394): P(<=1) = 0.06, P(<=2) = 0.19,
    # P(<=3) = 0.41, P(<=4) = 0.65, P(<=5) = 0.85, P(<=6) = 0.95. Its 10th, 50th
    # and 90th percentiles are 2, 4 and 6 resignations: 20, 40, 60 load units unstaffed.
    p = 1 - 0.92**6
    cdf = [sum(comb(10, j) * p**j * (1 - p) ** (10 - j) for j in range(k + 1)) for k in range(11)]
    exact = [next(k for k, c in enumerate(cdf) if c > q) for q in (0.1, 0.5, 0.9)]
    assert exact == [2, 4, 6]

    short = simulate(tight_team(), runs=200, seed=1)
    long = simulate(tight_team(), runs=400, seed=1)
    assert long.outcomes[:200] == short.outcomes  # a longer run extends a shorter one
    for figure, per_resignation in (("unstaffed_load", 10), ("contact_changes", 1)):
        a, b = short.percentiles(figure), long.percentiles(figure)
        # Tolerance: one resignation's worth between 200 and 400 runs ...
        for x, y in ((a.p10, b.p10), (a.median, b.median), (a.p90, b.p90)):
            assert abs(x - y) <= per_resignation
        # ... and at 400 runs the binomial percentiles themselves.
        assert (b.p10, b.median, b.p90) == tuple(per_resignation * k for k in exact)


def test_employees_moved_against_their_wish_resign_at_their_own_rate():
    # In the two psychologists' plan A is moved to Vallensbæk against the wish.
    # Rate 0 for everyone else and 1 for A: A resigns in every draw, c1 (load 8)
    # is unstaffed: 1000 x 8 + 10 for the change = 8010, and 8 / 10 = 0.8 FTE of hires.
    result = simulate(two_psychologists(), runs=5, seed=3, rate=0.0, against=1.0)
    assert result.against_wish == 1
    assert result.base.cost == 200.0  # A's move against the wish
    assert {o.resigned for o in result.outcomes} == {("A",)}
    assert {
        (o.unstaffed_load, o.hires_fte, o.contact_changes, o.cost) for o in result.outcomes
    } == {(8.0, 0.8, 1, 8010.0)}
    # All of it in Vallensbæk, the municipality c1 belongs to.
    draw = result.outcomes[0]
    assert draw.unstaffed_by_municipality == ((ISHOEJ, 0.0), (VALLENSBAEK, 8.0))
    assert draw.hires_by_municipality == ((ISHOEJ, 0.0), (VALLENSBAEK, 0.8))
    assert draw.changes_by_municipality == ((ISHOEJ, 0), (VALLENSBAEK, 1))
    assert result.percentiles("unstaffed_load", VALLENSBAEK).median == 8.0
    assert result.percentiles("unstaffed_load", ISHOEJ).p90 == 0.0


def test_re_planning_each_draw_with_the_solver_is_reproduced_by_its_seed():
    data = two_psychologists()
    policy = Policy(time_limit=5)
    kwargs = {"rate": 0.1, "against": 0.1, "replanner": solver_replanner(policy, 2.0)}
    first = simulate(data, runs=8, seed=11, **kwargs)
    again = simulate(data, runs=8, seed=11, **kwargs)
    assert first.outcomes == again.outcomes
    # Re-planned by hand: without A, B stays in Ishøj with c2 and c1 is unstaffed
    # (8000 + 10; moving B instead costs 200 + 8010 + 10); without B, A stays too
    # and takes c2 (10), c1 unstaffed (8010); without both, 2 x 8010.
    cost = {(): 200.0, ("A",): 8010.0, ("B",): 8020.0, ("A", "B"): 16020.0}
    assert all(o.cost == cost[o.resigned] for o in first.outcomes)
    assert len({o.resigned for o in first.outcomes}) > 1  # the draws differ


def test_a_handed_on_case_goes_to_a_sibling_s_contact_first_then_the_least_loaded():
    data = dataset(
        employees=[employee("X"), employee("Y"), employee("Z")],
        interviews=[interview(i, ISHOEJ) for i in "XYZ"],
        citizens=[citizen("s1", ISHOEJ, "fam"), citizen("s2", ISHOEJ, "fam"), citizen("o", ISHOEJ)],
        cases=[
            case("k1", "s1", ISHOEJ, "X", load=2, vulnerability=2),
            case("k2", "s2", ISHOEJ, "Y", load=6),
            case("k3", "o", ISHOEJ, "X", load=2),
            case("z", "o", ISHOEJ, "Z", load=1),
        ],
    )
    policy = Policy()
    contact = {"k1": "X", "k2": "Y", "k3": "X", "z": "Z"}
    without_x = build_problem(
        replace(
            data,
            employees=tuple(
                replace(e, resigned_on=date(2021, 6, 30)) if e.id == "X" else e
                for e in data.employees
            ),
        ),
        policy,
    )
    handed = hand_over(without_x, policy, {"Y": ISHOEJ, "Z": ISHOEJ}, contact)
    # k1's sibling case k2 is with Y, so Y takes k1 (6 + 2 = 8 <= 12); k3 goes to
    # the least loaded: Z (1 of 12) rather than Y (8 of 12).
    assert handed == {"k1": "Y", "k2": "Y", "k3": "Z", "z": "Z"}


@settings(max_examples=30, deadline=None)
@given(data=small_instances(max_employees=4, max_cases=6), leavers=st.sets(st.integers(0, 3)))
def test_handing_on_keeps_every_hard_rule_and_every_case_whose_contact_stays(data, leavers):
    policy = Policy(time_limit=2)
    base = plan(build_problem(data, policy), policy)
    gone = {f"E{i}" for i in leavers}
    drawn = {e: date(2021, 6, 30) for e in gone if e in base.employer()}
    after = build_problem(with_resignations(data, drawn), policy)
    employer = {s.id: base.employer()[s.id] for s in after.staff}
    contact = hand_over(after, policy, employer, base.contacts())
    assert hard_rule_violations(after, policy, employer, contact) == []
    for case_id, person in base.contacts().items():
        if person is not None and person not in gone:
            assert contact[case_id] == person
