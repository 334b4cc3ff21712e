"""Scenarios side by side: the figures a committee compares, and how each differs from the first.

`scenario_figures` reads one plan's figures (from its metrics, so a stored plan
gives the same figures as a fresh one: see `figures_from_metrics`), and
`compare_scenarios` lines several up as rows: one figure per row, one value per
scenario, with its difference from the first scenario. Row keys name the figure;
the words for them are in `overgang.texts.comparison`, so the terminal and the
reports show the same comparison.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from overgang.core.planning.metrics import CHANGE_ORDER_KEYS
from overgang.core.planning.plan import Plan
from overgang.core.robustness import Robustness
from overgang.core.teams import TeamPlan

# Figures are shown with two decimals; differences are taken from the shown values,
# so that a reader can check every difference from the two numbers beside it.
DIGITS = 2
PERCENT_DIGITS = 4  # a share shown as a percentage with two decimals


class Kind:
    """What a row's values are, which decides how they are shown."""

    TEXT = "text"  # the solver's status
    PERCENT = "percent"  # a share, 0 to 1
    COST = "cost"
    LOAD = "load"  # load units
    FTE = "fte"
    COUNT = "count"


@dataclass(frozen=True)
class ScenarioFigures:
    """One scenario's plan, as the comparison sees it."""

    name: str
    status: str
    gap: float
    total_cost: float
    unstaffed_load: Mapping[int, float]  # per serving municipality
    hires_fte: Mapping[int, float]  # per municipality
    moved_by_wish: int
    moved_against_wish: int  # moved away from the host against a stated wish
    wish_not_met: int
    contact_changes: Mapping[str, int]  # per profession
    # Employees placed in a municipality they can accept, not the wished one (a wish not
    # met, not against it); None for a plan stored before the figure existed.
    placed_acceptable: int | None = None
    # Children who change contact person, by which change it is for them (1, 2, 3, 4 for
    # the 4th or later); None for a plan stored before the figure existed.
    children_by_change: Mapping[int, int] | None = None
    # From the district teams and the robustness analysis, where they were made.
    teams_without_leader: int | None = None
    teams_missing_profession: int | None = None
    robustness_warnings: int | None = None
    plan_id: int | None = None


def figures_from_metrics(
    name: str,
    metrics: Mapping[str, Any],
    *,
    status: str,
    gap: float,
    total_cost: float,
    teams_without_leader: int | None = None,
    teams_missing_profession: int | None = None,
    robustness_warnings: int | None = None,
    plan_id: int | None = None,
) -> ScenarioFigures:
    """Return a scenario's figures from a plan's metrics (as stored with the plan)."""
    unstaffed: dict[int, float] = defaultdict(float)
    hires: dict[int, float] = defaultdict(float)
    for row in metrics["capacity"]:
        unstaffed[row["kommune"]] += row["ubemandet_belastning"]
        hires[row["kommune"]] += row["nyansaettelser_fte"]
    changes: dict[str, int] = defaultdict(int)
    for row in metrics["continuity"]:
        changes[row["faggruppe"]] += row["skifter"]
    employees = metrics["employees"]
    placed_acceptable = (
        sum(r["acceptabel"] for r in employees)
        if all("acceptabel" in r for r in employees)
        else None
    )
    return ScenarioFigures(
        name=name,
        status=status,
        gap=gap,
        total_cost=total_cost,
        unstaffed_load={m: round(v, DIGITS) for m, v in sorted(unstaffed.items())},
        hires_fte={m: round(v, DIGITS) for m, v in sorted(hires.items())},
        moved_by_wish=sum(r["flyttet_efter_oenske"] for r in employees),
        moved_against_wish=sum(r["flyttet_mod_oenske"] for r in employees),
        wish_not_met=sum(r["oenske_ikke_opfyldt"] for r in employees),
        contact_changes=dict(sorted(changes.items())),
        placed_acceptable=placed_acceptable,
        children_by_change=_children_by_change(metrics.get("history")),
        teams_without_leader=teams_without_leader,
        teams_missing_profession=teams_missing_profession,
        robustness_warnings=robustness_warnings,
        plan_id=plan_id,
    )


def _children_by_change(history: Sequence[Mapping[str, Any]] | None) -> dict[int, int] | None:
    """Return the children who change contact person by which change it is, all municipalities."""
    if history is None:
        return None
    keys = CHANGE_ORDER_KEYS
    return {n: sum(int(r[key]) for r in history) for n, key in enumerate(keys, start=1)}


def scenario_figures(
    name: str,
    plan: Plan,
    *,
    teams: TeamPlan | None = None,
    robustness: Robustness | None = None,
    plan_id: int | None = None,
) -> ScenarioFigures:
    """Return a scenario's figures from a fresh plan, with its district teams and robustness."""
    return figures_from_metrics(
        name,
        plan.metrics,
        status=plan.solve.status,
        gap=plan.solve.gap,
        total_cost=float(plan.solve.objective),
        teams_without_leader=len(teams.lacking_leader()) if teams else None,
        teams_missing_profession=len(teams.lacking_profession()) if teams else None,
        robustness_warnings=len(robustness.warnings) if robustness else None,
        plan_id=plan_id,
    )


Value = float | int | str | None


@dataclass(frozen=True)
class Row:
    """One figure across the scenarios.

    `detail` is the municipality (code) or profession of a breakdown row, None
    for a total. `differences` are each value less the first scenario's (None
    for text, or where a value is missing).
    """

    key: str
    kind: str
    values: tuple[Value, ...]
    detail: int | str | None = None
    differences: tuple[float | None, ...] = field(default=())

    @property
    def differs(self) -> bool:
        """Return whether the scenarios do not all have the same value."""
        return len(set(self.values)) > 1


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    rows: tuple[Row, ...]
    plan_ids: tuple[int | None, ...] = ()

    def row(self, key: str, detail: int | str | None = None) -> Row:
        """Return the row of a figure (and breakdown), or raise KeyError."""
        for row in self.rows:
            if row.key == key and row.detail == detail:
                return row
        raise KeyError((key, detail))


def _row(key: str, kind: str, values: Sequence[Value], detail: int | str | None = None) -> Row:
    digits = PERCENT_DIGITS if kind == Kind.PERCENT else DIGITS
    if kind not in (Kind.TEXT, Kind.COUNT):
        values = [None if v is None else round(float(v), digits) for v in values]
    first = values[0]
    differences: list[float | None] = []
    for value in values:
        if kind == Kind.TEXT or value is None or first is None:
            differences.append(None)
        else:
            difference = float(value) - float(first)
            differences.append(difference if kind == Kind.COUNT else round(difference, digits))
    if kind == Kind.COUNT:
        differences = [None if d is None else int(d) for d in differences]
    return Row(
        key=key, kind=kind, values=tuple(values), detail=detail, differences=tuple(differences)
    )


def _breakdown(
    key: str, kind: str, figures: Sequence[ScenarioFigures], per: Sequence[Mapping[Any, Any]]
) -> list[Row]:
    """Return a total row and one row per municipality or profession, zero where one lacks it."""
    details = sorted({d for mapping in per for d in mapping}, key=str)
    rows = [_row(key, kind, [sum(mapping.values()) for mapping in per])]
    rows += [_row(key, kind, [mapping.get(d, 0) for mapping in per], detail=d) for d in details]
    return rows


def _optional_breakdown(key: str, per: Sequence[Mapping[int, int] | None]) -> list[Row]:
    """Return a count broken down as `_breakdown` does, '-' for a plan without the figure,
    and no rows at all when no plan has it."""
    if all(mapping is None for mapping in per):
        return []
    details = sorted({d for mapping in per if mapping is not None for d in mapping})
    rows = [
        _row(key, Kind.COUNT, [None if m is None else sum(m.values()) for m in per]),
    ]
    rows += [
        _row(key, Kind.COUNT, [None if m is None else m.get(d, 0) for m in per], detail=d)
        for d in details
    ]
    return rows


def compare_scenarios(figures: Sequence[ScenarioFigures]) -> Comparison:
    """Return the scenarios' figures side by side, each row with its differences from the first."""
    if not figures:
        raise ValueError("nothing to compare")
    rows = [
        _row("status", Kind.TEXT, [f.status for f in figures]),
        _row("gap", Kind.PERCENT, [f.gap for f in figures]),
        _row("total_cost", Kind.COST, [f.total_cost for f in figures]),
    ]
    rows += _breakdown("unstaffed_load", Kind.LOAD, figures, [f.unstaffed_load for f in figures])
    rows += _breakdown("hires_fte", Kind.FTE, figures, [f.hires_fte for f in figures])
    rows.append(_row("moved_by_wish", Kind.COUNT, [f.moved_by_wish for f in figures]))
    if any(f.placed_acceptable is not None for f in figures):
        rows.append(_row("placed_acceptable", Kind.COUNT, [f.placed_acceptable for f in figures]))
    rows += [
        _row("moved_against_wish", Kind.COUNT, [f.moved_against_wish for f in figures]),
        _row("wish_not_met", Kind.COUNT, [f.wish_not_met for f in figures]),
    ]
    rows += _breakdown("contact_changes", Kind.COUNT, figures, [f.contact_changes for f in figures])
    rows += _optional_breakdown("children_by_change", [f.children_by_change for f in figures])
    optional = (
        ("teams_without_leader", [f.teams_without_leader for f in figures]),
        ("teams_missing_profession", [f.teams_missing_profession for f in figures]),
        ("robustness_warnings", [f.robustness_warnings for f in figures]),
    )
    for key, values in optional:
        if any(v is not None for v in values):
            rows.append(_row(key, Kind.COUNT, values))
    return Comparison(
        names=tuple(f.name for f in figures),
        rows=tuple(rows),
        plan_ids=tuple(f.plan_id for f in figures),
    )
