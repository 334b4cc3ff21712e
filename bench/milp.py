"""A straightforward monolithic MILP of the planning cost, solved by HiGHS: the yardstick.

One model for the whole problem (all professions at once), with a binary per
(case, employee) pair of the same profession. Nothing of the planner's structure
is used: no split by profession, no load classes, no symmetry breaking, no cuts.
Float coefficients are fine here; the exact cost of the solution is recomputed
with overgang.core.planning.cost.plan_cost.

Variables (the names of the planner's model where they mean the same):

- works_for[e, m]  binary: employee e works for municipality m
- takes[c, e]      binary: case c goes to employee e; only pairs of the same
                   profession where the case's load fits under e's hard limit
- unstaffed[c]     in [0, 1]: the case has no contact person (integral through
                   its assignment row)
- overload[e]      >= 0: load above cap(e), in hundredths of a load unit
- short[m, p]      >= 0: FTE missing under a staffing need, in 1/3700 FTE
- uses[f, e]       binary: employee e holds a case of family group f (a family's
                   cases of one profession, when there are two or more)
- split[f]         >= 0: contact persons of group f beyond the first

Loads are counted in hundredths of a load unit, so loads and limits are whole
numbers and the hard rule needs no tolerance.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

import highspy
import numpy as np
import numpy.typing as npt

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem
from overgang.core.planning.units import (
    FTE_UNITS_PER_FTE,
    Q_PER_LOAD_UNIT,
    capacity_q,
    fte_units,
    hundredths,
    max_load_q,
    need_units,
)

Q_PER_HUNDREDTH = Q_PER_LOAD_UNIT // 100
# Above this many takes[c, e] binaries the model is not built: HiGHS would need tens
# of GiB before its first LP (about 4 matrix entries per binary, copied by presolve).
DEFAULT_MAX_PAIRS = 20_000_000
# An incumbent reaches a target cost when it is within this relative float tolerance.
REACH_TOLERANCE = 1e-7

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Incumbent:
    seconds: float  # since the model build started (build time included)
    objective: float


@dataclass
class MilpResult:
    status: str  # HiGHS's model status, or "skipped"
    binaries: int  # takes[c, e] pairs, counted even when the model is not built
    columns: int = 0
    rows: int = 0
    nonzeros: int = 0
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    objective: float | None = None  # HiGHS's objective of its best solution
    bound: float | None = None  # HiGHS's dual bound
    exact_cost: Fraction | None = None  # plan_cost of its best solution
    violations: list[str] = field(default_factory=list)
    incumbents: list[Incumbent] = field(default_factory=list)
    employer: dict[str, int] = field(default_factory=dict)
    contact: dict[str, str | None] = field(default_factory=dict)
    note: str = ""

    def seconds_to_reach(self, target: float) -> float | None:
        """Return the seconds (build included) until an incumbent cost at most `target`."""
        tolerance = REACH_TOLERANCE * max(1.0, abs(target))
        return next((i.seconds for i in self.incumbents if i.objective <= target + tolerance), None)


class _Problem:
    """The problem as arrays: staff and cases by index, hard limits in hundredths."""

    def __init__(self, problem: Problem, policy: Policy) -> None:
        norms = {p.code: p.norm for p in problem.dataset.professions}
        self.municipalities = list(problem.municipalities)
        self.m_index = {m: j for j, m in enumerate(self.municipalities)}
        self.staff = list(problem.staff)
        self.s_index = {s.id: i for i, s in enumerate(self.staff)}
        self.cases = list(problem.assignments)
        cap_q = [capacity_q(s.employee.hours, norms[s.employee.profession]) for s in self.staff]
        self.capacity = np.array([q / Q_PER_HUNDREDTH for q in cap_q], dtype=np.float64)
        self.limit = np.array(
            [max_load_q(q, policy.max_load_factor) // Q_PER_HUNDREDTH for q in cap_q],
            dtype=np.int64,
        )
        self.allowed = np.ones((len(self.staff), len(self.municipalities)), dtype=bool)
        if policy.voluntary_only:
            for i, s in enumerate(self.staff):
                if s.wish is not None:
                    for j, m in enumerate(self.municipalities):
                        self.allowed[i, j] = m in (problem.host, s.wish)
        self.load = np.array([hundredths(a.case.load) for a in self.cases], dtype=np.int64)
        self.serving = np.array([self.m_index[a.serving] for a in self.cases], dtype=np.int64)
        by_profession_staff: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(self.staff):
            by_profession_staff[s.employee.profession].append(i)
        by_profession_cases: dict[str, list[int]] = defaultdict(list)
        for k, a in enumerate(self.cases):
            by_profession_cases[a.case.profession].append(k)
        self.by_profession = {
            p: (
                np.array(by_profession_cases[p], dtype=np.int64),
                np.array(by_profession_staff.get(p, []), dtype=np.int64),
            )
            for p in by_profession_cases
        }

    def count_pairs(self) -> int:
        """Return the number of takes[c, e] binaries, without building them."""
        total = 0
        for cases, staff in self.by_profession.values():
            for j in range(len(self.municipalities)):
                limits = np.sort(self.limit[staff[self.allowed[staff, j]]])
                loads = self.load[cases[self.serving[cases] == j]]
                total += int((len(limits) - np.searchsorted(limits, loads, side="left")).sum())
        return total

    def pairs(self) -> tuple[IntArray, IntArray]:
        """Return (case index, staff index) of every takes[c, e] binary."""
        case_parts, staff_parts = [], []
        for cases, staff in self.by_profession.values():
            if len(staff) == 0:
                continue
            fits = (self.load[cases][:, None] <= self.limit[staff][None, :]) & self.allowed[staff][
                :, self.serving[cases]
            ].T
            k, i = np.nonzero(fits)
            case_parts.append(cases[k])
            staff_parts.append(staff[i])
        if not case_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(case_parts), np.concatenate(staff_parts)


def count_binaries(problem: Problem, policy: Policy) -> int:
    """Return the number of takes[c, e] binaries the monolithic MILP would have."""
    return _Problem(problem, policy).count_pairs()


class _Builder:
    """Columns and rows of the MILP as flat arrays, for one passModel call."""

    def __init__(self) -> None:
        self.cost: list[FloatArray] = []
        self.lower: list[FloatArray] = []
        self.upper: list[FloatArray] = []
        self.integer: list[IntArray] = []
        self.columns = 0
        self.entry_rows: list[IntArray] = []
        self.entry_cols: list[IntArray] = []
        self.entry_values: list[FloatArray] = []
        self.row_lower: list[FloatArray] = []
        self.row_upper: list[FloatArray] = []
        self.rows = 0
        self.offset = 0.0

    def add_columns(
        self,
        n: int,
        cost: FloatArray | float,
        lower: float,
        upper: FloatArray | float,
        integer: bool,
    ) -> IntArray:
        first = self.columns
        self.columns += n
        self.cost.append(np.broadcast_to(np.asarray(cost, dtype=np.float64), (n,)).copy())
        self.lower.append(np.full(n, lower, dtype=np.float64))
        self.upper.append(np.broadcast_to(np.asarray(upper, dtype=np.float64), (n,)).copy())
        self.integer.append(np.full(n, 1 if integer else 0, dtype=np.int64))
        return np.arange(first, first + n, dtype=np.int64)

    def add_rows(self, lower: FloatArray, upper: FloatArray) -> IntArray:
        first = self.rows
        self.rows += len(lower)
        self.row_lower.append(np.asarray(lower, dtype=np.float64))
        self.row_upper.append(np.asarray(upper, dtype=np.float64))
        return np.arange(first, first + len(lower), dtype=np.int64)

    def add_entries(self, rows: IntArray, cols: IntArray, values: FloatArray | float) -> None:
        self.entry_rows.append(np.asarray(rows, dtype=np.int64))
        self.entry_cols.append(np.asarray(cols, dtype=np.int64))
        self.entry_values.append(
            np.broadcast_to(np.asarray(values, dtype=np.float64), (len(rows),)).copy()
        )

    def pass_to(self, h: highspy.Highs) -> int:
        rows = np.concatenate(self.entry_rows)
        cols = np.concatenate(self.entry_cols)
        values = np.concatenate(self.entry_values)
        order = np.lexsort((cols, rows))
        rows, cols, values = rows[order], cols[order], values[order]
        starts = np.searchsorted(rows, np.arange(self.rows), side="left").astype(np.int32)
        status = h.passModel(
            self.columns,
            self.rows,
            len(values),
            int(highspy.MatrixFormat.kRowwise),
            int(highspy.ObjSense.kMinimize),
            self.offset,
            np.concatenate(self.cost),
            np.concatenate(self.lower),
            np.concatenate(self.upper),
            np.concatenate(self.row_lower),
            np.concatenate(self.row_upper),
            starts,
            cols.astype(np.int32),
            values,
            np.concatenate(self.integer).astype(np.int32),
        )
        if status != highspy.HighsStatus.kOk:
            raise RuntimeError(f"HiGHS rejected the model: {status}")
        return len(values)


def solve_milp(
    problem: Problem,
    policy: Policy,
    *,
    time_limit: float,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    log_file: str = "",
) -> MilpResult:
    """Return HiGHS's best plan of the monolithic MILP within `time_limit` seconds of solving."""
    started = time.perf_counter()
    w = policy.weights
    p = _Problem(problem, policy)
    n_staff, n_mun, n_cases = len(p.staff), len(p.municipalities), len(p.cases)
    pairs = p.count_pairs()
    if pairs > max_pairs:
        return MilpResult(
            status="skipped",
            binaries=pairs,
            note=f"{pairs:,} takes[c, e] binaries: over the limit of {max_pairs:,}",
        )
    b = _Builder()

    # wish_not_met: 100; moved_from_host_against_wish: +100.
    wish_cost = np.zeros((n_staff, n_mun))
    for i, s in enumerate(p.staff):
        if s.wish is None:
            continue  # "either is fine"
        b.offset += float(w.wish_not_met)
        if s.wish in p.m_index:
            wish_cost[i, p.m_index[s.wish]] -= float(w.wish_not_met)
        for j, m in enumerate(p.municipalities):
            if m not in (problem.host, s.wish):
                wish_cost[i, j] += float(w.moved_from_host_against_wish)

    # works_for[e, m]: every employee works for exactly one municipality (voluntary
    # only: not outside the host and their wish, by an upper bound of 0).
    works_for = b.add_columns(
        n_staff * n_mun,
        wish_cost.reshape(-1),
        0.0,
        p.allowed.reshape(-1).astype(np.float64),
        integer=True,
    ).reshape(n_staff, n_mun)
    one_place = b.add_rows(np.ones(n_staff), np.ones(n_staff))
    b.add_entries(np.repeat(one_place, n_mun), works_for.reshape(-1), 1.0)

    # takes[c, e] and unstaffed[c]: each case has one contact person or none.
    pair_case, pair_staff = p.pairs()
    current = np.array(
        [p.s_index.get(a.current_contact or "", -1) for a in p.cases], dtype=np.int64
    )
    vulnerability = np.array([a.case.vulnerability for a in p.cases], dtype=np.float64)
    had_contact = np.array([a.current_contact is not None for a in p.cases], dtype=bool)
    # contact_change: 10 x saarbarhed for every case that had a contact person,
    # given back where it keeps that person.
    change = float(w.contact_change) * vulnerability
    b.offset += float(change[had_contact].sum())
    keeps = pair_staff == current[pair_case]
    takes = b.add_columns(len(pair_case), np.where(keeps, -change[pair_case], 0.0), 0, 1, True)
    # unstaffed: 1000 x vaegt
    unstaffed = b.add_columns(n_cases, float(w.unstaffed) * p.load / 100, 0, 1, integer=False)
    staffed_once = b.add_rows(np.ones(n_cases), np.ones(n_cases))
    b.add_entries(staffed_once[pair_case], takes, 1.0)
    b.add_entries(staffed_once, unstaffed, 1.0)

    # Hard rule: load at most 1.2 x cap(e), and only in the municipality e works for.
    key = pair_staff * n_mun + p.serving[pair_case]
    keys, pair_row = np.unique(key, return_inverse=True)
    capacity_rows = b.add_rows(np.full(len(keys), -np.inf), np.zeros(len(keys)))
    b.add_entries(capacity_rows[pair_row], takes, p.load[pair_case].astype(np.float64))
    b.add_entries(capacity_rows, works_for.reshape(-1)[keys], -p.limit[keys // n_mun])

    # overload: 20 per load unit above cap(e).
    loaded = np.unique(pair_staff)
    if w.overload > 0 and len(loaded):
        room = np.maximum(0.0, p.limit[loaded] - p.capacity[loaded])
        overload = b.add_columns(len(loaded), float(w.overload) / 100, 0.0, room, integer=False)
        over_rows = b.add_rows(-p.capacity[loaded], np.full(len(loaded), np.inf))
        row_of = np.full(n_staff, -1, dtype=np.int64)
        row_of[loaded] = over_rows
        b.add_entries(over_rows, overload, 1.0)
        b.add_entries(row_of[pair_staff], takes, -p.load[pair_case].astype(np.float64))

    # below_min_fte: 500 per FTE missing under a staffing need.
    fte = np.array([fte_units(s.employee.hours) for s in p.staff], dtype=np.float64)
    for (m, profession), min_fte in sorted(problem.needs.items()):
        required = need_units(min_fte)
        if required <= 0 or m not in p.m_index:
            continue
        short = b.add_columns(
            1, float(w.below_min_fte) / FTE_UNITS_PER_FTE, 0.0, float(required), False
        )
        row = b.add_rows(np.array([float(required)]), np.array([np.inf]))
        b.add_entries(row, short, 1.0)
        members = np.array(
            [i for i, s in enumerate(p.staff) if s.employee.profession == profession],
            dtype=np.int64,
        )
        b.add_entries(np.repeat(row, len(members)), works_for[members, p.m_index[m]], fte[members])

    # family_split: 5 for each contact person beyond the first, per family and profession.
    if w.family_split > 0:
        group_of = _family_groups(p)
        in_group = group_of[pair_case] >= 0
        group_key = group_of[pair_case[in_group]] * n_staff + pair_staff[in_group]
        uses_keys, uses_of_pair = np.unique(group_key, return_inverse=True)
        uses = b.add_columns(len(uses_keys), 0.0, 0, 1, integer=True)
        # takes[c, e] -> uses[f, e]
        link = b.add_rows(np.zeros(len(group_key)), np.full(len(group_key), np.inf))
        b.add_entries(link, uses[uses_of_pair], 1.0)
        b.add_entries(link, takes[in_group], -1.0)
        groups, uses_group = np.unique(uses_keys // n_staff, return_inverse=True)
        split = b.add_columns(len(groups), float(w.family_split), 0.0, np.inf, integer=False)
        split_rows = b.add_rows(np.full(len(groups), -1.0), np.full(len(groups), np.inf))
        b.add_entries(split_rows, split, 1.0)
        b.add_entries(split_rows[uses_group], uses, -1.0)

    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(log_file))
    if log_file:
        h.setOptionValue("log_to_console", False)
        h.setOptionValue("log_file", log_file)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-9)  # prove the optimum, not HiGHS's default 0.01%
    h.setOptionValue("mip_abs_gap", 1e-6)
    h.setOptionValue("random_seed", 0)
    nonzeros = b.pass_to(h)
    result = MilpResult(
        status="",
        binaries=len(pair_case),
        columns=b.columns,
        rows=b.rows,
        nonzeros=nonzeros,
        build_seconds=time.perf_counter() - started,
    )

    def improving(event: highspy.highs.HighsCallbackEvent) -> None:
        result.incumbents.append(
            Incumbent(
                seconds=time.perf_counter() - started,
                objective=float(event.data_out.objective_function_value),
            )
        )

    h.cbMipImprovingSolution.subscribe(improving)
    solve_started = time.perf_counter()
    h.run()
    result.solve_seconds = time.perf_counter() - solve_started
    result.status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        result.objective = float(info.objective_function_value)
        result.bound = float(info.mip_dual_bound)
        if not result.incumbents or result.incumbents[-1].objective > result.objective:
            result.incumbents.append(
                Incumbent(time.perf_counter() - started, float(info.objective_function_value))
            )
        value = np.asarray(h.getSolution().col_value)
        result.employer = {
            s.id: p.municipalities[int(np.argmax(value[works_for[i]]))]
            for i, s in enumerate(p.staff)
        }
        chosen = value[takes] > 0.5
        result.contact = {a.id: None for a in p.cases}
        for k, i in zip(pair_case[chosen], pair_staff[chosen], strict=True):
            result.contact[p.cases[k].id] = p.staff[i].id
        result.exact_cost = plan_cost(problem, policy, result.employer, result.contact).total
        result.violations = hard_rule_violations(problem, policy, result.employer, result.contact)
    else:
        result.bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    return result


def _family_groups(p: _Problem) -> IntArray:
    """Return each case's family group (family and profession, two cases or more), or -1."""
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, a in enumerate(p.cases):
        members[a.family_id, a.case.profession].append(k)
    group_of = np.full(len(p.cases), -1, dtype=np.int64)
    number = 0
    for cases in members.values():
        if len(cases) > 1:
            group_of[cases] = number
            number += 1
    return group_of
