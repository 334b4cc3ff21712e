"""Two scenarios that differ in one setting compare with exactly the difference computed by hand.

The instance: Ishøj (183, host) and Vallensbæk (187); psychologists, norm 10.
A and B work 37 hours (capacity 10) and both wish to stay in Ishøj.
c1 is Vallensbæk's (contact A, load 8), c2 is Ishøj's (contact B, load 8),
both with saarbarhed 1 and service "PPR".

- Full dissolution: Vallensbæk needs a psychologist for c1. Moving A there
  against A's wish costs 100 + 100 = 200 and A keeps c1; leaving c1 unstaffed
  would cost 1000 x 8 + 10. Optimum 200: A moves against the wish, no change,
  nothing unstaffed, no hires.
- Voluntary only: A may not leave Ishøj against the wish, nobody can serve c1:
  1000 x 8 unstaffed + 10 contact change = 8010; Vallensbæk needs 8 / 10 = 0.8
  FTE of hires.
- PPR kept in cooperation: c1 is served by Ishøj, A stays and keeps it: cost 0.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from overgang.core.comparison import Kind, ScenarioFigures, compare_scenarios, scenario_figures
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, citizen, dataset, employee, interview


def two_psychologists():
    return dataset(
        employees=[employee("A"), employee("B")],
        interviews=[interview("A", ISHOEJ), interview("B", ISHOEJ)],
        citizens=[citizen("v1", VALLENSBAEK), citizen("i1", ISHOEJ)],
        cases=[
            case("c1", "v1", VALLENSBAEK, "A", load=8),
            case("c2", "i1", ISHOEJ, "B", load=8),
        ],
    )


def figures(name, policy):
    data = two_psychologists()
    result = plan(build_problem(data, policy), replace(policy, time_limit=5))
    assert result.solve.status == "optimal"
    return scenario_figures(name, result)


def test_voluntary_only_costs_exactly_one_unstaffed_case_and_its_hires():
    comparison = compare_scenarios(
        [figures("fuld", Policy()), figures("frivillig", Policy(voluntary_only=True))]
    )
    assert comparison.names == ("fuld", "frivillig")
    expected = {
        ("status", None): (("optimal", "optimal"), (None, None)),
        ("gap", None): ((0.0, 0.0), (0.0, 0.0)),
        ("total_cost", None): ((200.0, 8010.0), (0.0, 7810.0)),
        ("unstaffed_load", None): ((0.0, 8.0), (0.0, 8.0)),
        ("unstaffed_load", ISHOEJ): ((0.0, 0.0), (0.0, 0.0)),
        ("unstaffed_load", VALLENSBAEK): ((0.0, 8.0), (0.0, 8.0)),
        ("hires_fte", None): ((0.0, 0.8), (0.0, 0.8)),
        ("hires_fte", ISHOEJ): ((0.0, 0.0), (0.0, 0.0)),
        ("hires_fte", VALLENSBAEK): ((0.0, 0.8), (0.0, 0.8)),
        ("moved_by_wish", None): ((0, 0), (0, 0)),
        ("placed_acceptable", None): ((0, 0), (0, 0)),
        ("moved_against_wish", None): ((1, 0), (0, -1)),
        ("wish_not_met", None): ((1, 0), (0, -1)),
        ("contact_changes", None): ((0, 1), (0, 1)),
        ("contact_changes", "PSY"): ((0, 1), (0, 1)),
        # c1's child loses their contact person: their first change (no earlier ones)
        ("children_by_change", None): ((0, 1), (0, 1)),
        ("children_by_change", 1): ((0, 1), (0, 1)),
        ("children_by_change", 2): ((0, 0), (0, 0)),
        ("children_by_change", 3): ((0, 0), (0, 0)),
        ("children_by_change", 4): ((0, 0), (0, 0)),
    }
    assert {(r.key, r.detail): (r.values, r.differences) for r in comparison.rows} == expected
    differing = {(r.key, r.detail) for r in comparison.rows if r.differs}
    assert differing == {
        ("total_cost", None),
        ("unstaffed_load", None),
        ("unstaffed_load", VALLENSBAEK),
        ("hires_fte", None),
        ("hires_fte", VALLENSBAEK),
        ("moved_against_wish", None),
        ("wish_not_met", None),
        ("contact_changes", None),
        ("contact_changes", "PSY"),
        ("children_by_change", None),
        ("children_by_change", 1),
    }


def test_keeping_a_service_in_cooperation_saves_exactly_the_forced_move():
    comparison = compare_scenarios(
        [
            figures("fuld", Policy()),
            figures("samarbejde", Policy(cooperation_services=frozenset({"PPR"}))),
        ]
    )
    changed = {(r.key, r.detail): r.differences[1] for r in comparison.rows if r.differs}
    assert changed == {
        ("total_cost", None): -200.0,
        ("moved_against_wish", None): -1,
        ("wish_not_met", None): -1,
    }


def test_teams_and_robustness_rows_appear_only_where_their_figures_exist():
    plain = figures("fuld", Policy())
    assert "robustness_warnings" not in {r.key for r in compare_scenarios([plain]).rows}
    with_figures = replace(plain, robustness_warnings=3)
    row = compare_scenarios([with_figures, plain]).row("robustness_warnings")
    assert row.values == (3, None) and row.kind == Kind.COUNT and row.differences == (0, None)


amounts = st.decimals(min_value=0, max_value=10_000, places=2).map(float)
counts = st.integers(min_value=0, max_value=500)
scenario = st.builds(
    ScenarioFigures,
    name=st.text(min_size=1, max_size=5),
    status=st.sampled_from(["optimal", "feasible"]),
    gap=st.floats(min_value=0, max_value=1),
    total_cost=amounts,
    unstaffed_load=st.dictionaries(st.sampled_from([183, 187, 190]), amounts, max_size=3),
    hires_fte=st.dictionaries(st.sampled_from([183, 187]), amounts, max_size=2),
    moved_by_wish=counts,
    moved_against_wish=counts,
    wish_not_met=counts,
    contact_changes=st.dictionaries(st.sampled_from(["PSY", "FAM", "TAL"]), counts, max_size=3),
    placed_acceptable=st.one_of(st.none(), counts),
    children_by_change=st.one_of(
        st.none(), st.dictionaries(st.sampled_from([1, 2, 3, 4]), counts, max_size=4)
    ),
    robustness_warnings=st.one_of(st.none(), counts),
)


@given(st.lists(scenario, min_size=1, max_size=4))
def test_every_difference_is_the_value_less_the_first_scenario_s(figures):
    comparison = compare_scenarios(figures)
    for row in comparison.rows:
        assert len(row.values) == len(row.differences) == len(figures)
        first = row.values[0]
        for value, difference in zip(row.values, row.differences, strict=True):
            if row.kind == Kind.TEXT or value is None or first is None:
                assert difference is None
            elif row.kind == Kind.COUNT:
                assert difference == value - first
            else:
                assert difference == round(value - first, 4 if row.kind == Kind.PERCENT else 2)
        assert row.differs == (len(set(row.values)) > 1)
    # A breakdown's rows add up to its total (counts exactly, amounts to the cent).
    for key in ("unstaffed_load", "hires_fte", "contact_changes", "children_by_change"):
        if key == "children_by_change" and all(f.children_by_change is None for f in figures):
            continue
        total = comparison.row(key)
        parts = [r for r in comparison.rows if r.key == key and r.detail is not None]
        for i in range(len(figures)):
            if total.values[i] is None:  # a plan stored without the figure
                assert all(p.values[i] is None for p in parts)
                continue
            assert abs(sum(p.values[i] for p in parts) - total.values[i]) < 0.01 * (len(parts) + 1)
