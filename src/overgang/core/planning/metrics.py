"""The figures of a plan: continuity for the children, wishes for the staff, capacity, attachment.

Everything is a plain, JSON-ready structure (lists of records keyed by the
workbook's words), so that the plan file, the database and the reports carry
the same figures.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from overgang.core.domain import EmploymentForm
from overgang.core.planning.plan import EmployeeDecision
from overgang.core.planning.policy import Policy
from overgang.core.planning.prices import against_wish, allowed_municipalities
from overgang.core.planning.problem import Problem
from overgang.core.planning.units import capacity_q, load_q, max_load_q, q_to_load

Record = dict[str, Any]


def _round(value: Fraction | float, digits: int = 2) -> float:
    return round(float(value), digits)


def plan_metrics(
    problem: Problem,
    policy: Policy,
    employer: Mapping[str, int],
    contact: Mapping[str, str | None],
    employees: tuple[EmployeeDecision, ...],
) -> dict[str, Any]:
    """Return every figure of a plan, per municipality and profession where that applies."""
    return {
        "continuity": continuity(problem, contact),
        "keep_upper_bound": keep_upper_bound(problem, policy),
        "children": people_continuity(problem, contact, key="citizen"),
        "families": people_continuity(problem, contact, key="family"),
        "history": change_order(problem, contact),
        "employees": employee_figures(problem, employer, employees),
        "capacity": capacity_figures(problem, policy, employer, contact),
        "attachment": attachment_shares(problem),
        "acting_paying_mismatch": acting_paying_mismatch(problem),
        "external": external_cases(problem),
        "civil_servants": civil_servant_figures(problem, employer),
    }


def continuity(problem: Problem, contact: Mapping[str, str | None]) -> list[Record]:
    """Return, per municipality and profession, the cases that keep, change or lose their contact."""
    rows: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for a in problem.assignments:
        row = rows[a.serving, a.case.profession]
        person = contact.get(a.id)
        row["sager"] += 1
        if a.current_contact is None:
            row["ny_uden_tidligere" if person else "ubemandet"] += 1
        elif person == a.current_contact:
            row["beholder"] += 1
        elif person is None:
            row["ubemandet"] += 1
            row["skifter"] += 1
        else:
            row["skifter"] += 1
    keys = ("sager", "beholder", "skifter", "ubemandet", "ny_uden_tidligere")
    return [
        {"kommune": m, "faggruppe": p, **{k: rows[m, p][k] for k in keys}} for m, p in sorted(rows)
    ]


def keep_upper_bound(problem: Problem, policy: Policy) -> Record:
    """Return the most cases any plan could let keep their contact person, and how many have one.

    A contact person who stays on works for one municipality, so of their cases
    at most those of one municipality can stay with them, and no more than the
    hard load limit admits (the most cases fit when the lightest go first).
    """
    norms = {p.code: p.norm for p in problem.dataset.professions}
    allowed = allowed_municipalities(problem, policy)
    by_person: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    with_contact = 0
    for a in problem.assignments:
        if a.current_contact is not None:
            with_contact += 1
            by_person[a.current_contact][a.serving].append(load_q(a.case.load))
    bound = 0
    for s in problem.staff:
        limit = max_load_q(
            capacity_q(s.employee.hours, norms[s.employee.profession]), policy.max_load_factor
        )
        best = 0
        for m in allowed[s.id]:
            total, count = 0, 0
            for q in sorted(by_person[s.id].get(m, [])):
                if total + q > limit:
                    break
                total, count = total + q, count + 1
            best = max(best, count)
        bound += best
    return {"sager_med_kontaktperson": with_contact, "hoejst_mulige_beholder": bound}


def people_continuity(
    problem: Problem, contact: Mapping[str, str | None], key: str
) -> list[Record]:
    """Return, per municipality, the children (or families) who keep every contact person."""
    changed: dict[str, bool] = {}
    home: dict[str, int] = {}
    for a in problem.assignments:
        who = a.case.citizen_id if key == "citizen" else a.family_id
        home.setdefault(who, a.serving)
        if a.current_contact is None:
            changed.setdefault(who, False)
            continue
        changes = contact.get(a.id) != a.current_contact
        changed[who] = changed.get(who, False) or changes
    rows: dict[int, Counter[str]] = defaultdict(Counter)
    for who, did_change in changed.items():
        rows[home[who]]["i_alt"] += 1
        rows[home[who]]["skifter" if did_change else "beholder"] += 1
    return [
        {
            "kommune": m,
            "i_alt": rows[m]["i_alt"],
            "beholder": rows[m]["beholder"],
            "skifter": rows[m]["skifter"],
        }
        for m in sorted(rows)
    ]


# The largest earlier-change count the figures tell apart: the 4th change and later are one.
CHANGE_ORDER_TOP = 4
CHANGE_ORDER_KEYS = tuple(
    f"skift_{n}" if n < CHANGE_ORDER_TOP else f"skift_{n}_eller_flere"
    for n in range(1, CHANGE_ORDER_TOP + 1)
)


def change_order(problem: Problem, contact: Mapping[str, str | None]) -> list[Record]:
    """Return, per municipality, the children who change contact person by which change it is.

    A case with `earlier_changes` k (tidligere_skift: changes in the last 24 months) that
    changes contact person gives its child their (k + 1)-th change; a child with several
    such cases counts once, at the highest. `skift_1` are first changes, `skift_2` second,
    ... and the last key the 4th and later; `sager_skift_1`, ... count the changing cases
    the same way, each by its own history.
    """
    child_order: dict[str, int] = {}
    home: dict[str, int] = {}
    cases: dict[int, Counter[str]] = defaultdict(Counter)
    for a in problem.assignments:
        home.setdefault(a.case.citizen_id, a.serving)
        if a.current_contact is None or contact.get(a.id) == a.current_contact:
            continue
        order = min(1 + max(0, a.case.earlier_changes), CHANGE_ORDER_TOP)
        who = a.case.citizen_id
        child_order[who] = max(order, child_order.get(who, 0))
        cases[home[who]][CHANGE_ORDER_KEYS[order - 1]] += 1
    children: dict[int, Counter[str]] = defaultdict(Counter)
    for who, order in child_order.items():
        children[home[who]][CHANGE_ORDER_KEYS[order - 1]] += 1
    return [
        {
            "kommune": m,
            "boern": sum(children[m].values()),
            **{k: children[m][k] for k in CHANGE_ORDER_KEYS},
            "sager": sum(cases[m].values()),
            **{f"sager_{k}": cases[m][k] for k in CHANGE_ORDER_KEYS},
        }
        for m in sorted(set(children) | set(cases))
    ]


def employee_figures(
    problem: Problem, employer: Mapping[str, int], employees: tuple[EmployeeDecision, ...]
) -> list[Record]:
    """Return, per municipality and profession, who moves by wish, against it, and who was not asked.

    Three outcomes of a stated wish are told apart: met (`bliver_efter_oenske`,
    `flyttet_efter_oenske`); not met, but in a municipality the employee can accept
    (`acceptabel`); against the wish (`imod_oenske`). `oenske_ikke_opfyldt` counts every
    wish not met (the cost's wish_not_met: `acceptabel` + `imod_oenske`), and
    `flyttet_mod_oenske` those moved from the host against their wish (the cost's
    moved_from_host_against_wish; a move to an acceptable municipality is not one).
    """
    rows: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for s in problem.staff:
        where = employer[s.id]
        row = rows[where, s.employee.profession]
        row["medarbejdere"] += 1
        moved = where != problem.host
        if s.wish is None:
            row["uden_oenske"] += 1
            row["flyttet_uden_oenske"] += moved
        elif where == s.wish:
            row["flyttet_efter_oenske" if moved else "bliver_efter_oenske"] += 1
        else:
            row["oenske_ikke_opfyldt"] += 1
            if where in s.acceptable:
                row["acceptabel"] += 1
            else:
                row["imod_oenske"] += 1
            row["flyttet_mod_oenske"] += against_wish(s, where, problem.host)
        row["ikke_interviewet"] += not s.interviewed
    fte: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    for s in problem.staff:
        fte[employer[s.id], s.employee.profession] += Fraction(s.employee.hours) / 37
    keys = (
        "medarbejdere",
        "bliver_efter_oenske",
        "flyttet_efter_oenske",
        "acceptabel",
        "imod_oenske",
        "flyttet_mod_oenske",
        "oenske_ikke_opfyldt",
        "uden_oenske",
        "flyttet_uden_oenske",
        "ikke_interviewet",
    )
    return [
        {"kommune": m, "faggruppe": p, "fte": _round(fte[m, p]), **{k: rows[m, p][k] for k in keys}}
        for m, p in sorted(rows)
    ]


CIVIL_SERVANT_KEYS = ("tjenestemaend", "overfoert", "flyttet_mod_oenske")


def civil_servant_figures(problem: Problem, employer: Mapping[str, int]) -> Record:
    """Return, per municipality, the civil servants who work there from the effective date.

    A civil servant (tjenestemand) does not move under the transfer of undertakings act: the
    receiving municipality offers a suitable post, which they may decline and keep a civil
    servant's rights (rådighedsløn, ventepenge or pension), so each transfer is HR's to
    confirm. Per municipality (`pr_kommune`): the civil servants (`tjenestemaend`), those who
    transfer from the host (`overfoert`), and those moved from the host against their wish
    (`flyttet_mod_oenske`, as `employee_figures` counts it). `mod_oenske` lists the latter,
    one row per employee (`medarbejder_id`, so that the API scopes and logs it like the
    attachment rows), for the transition lead's attention.
    """
    rows: dict[int, Counter[str]] = {m: Counter() for m in problem.municipalities}
    against: list[Record] = []
    for s in problem.staff:
        if s.employee.employment_form is not EmploymentForm.CIVIL_SERVANT:
            continue
        where = employer[s.id]
        row = rows.setdefault(where, Counter())
        row["tjenestemaend"] += 1
        row["overfoert"] += where != problem.host
        if against_wish(s, where, problem.host):
            row["flyttet_mod_oenske"] += 1
            against.append({"medarbejder_id": s.id, "kommune": where})
    return {
        "pr_kommune": [
            {"kommune": m, **{k: rows[m][k] for k in CIVIL_SERVANT_KEYS}} for m in sorted(rows)
        ],
        "mod_oenske": sorted(against, key=lambda row: str(row["medarbejder_id"])),
    }


def capacity_figures(
    problem: Problem, policy: Policy, employer: Mapping[str, int], contact: Mapping[str, str | None]
) -> list[Record]:
    """Return, per municipality and profession, load against capacity and the hires it calls for."""
    norms = {p.code: p.norm for p in problem.dataset.professions}
    load_on: dict[str, int] = defaultdict(int)
    unstaffed: dict[tuple[int, str], int] = defaultdict(int)
    demand: dict[tuple[int, str], int] = defaultdict(int)
    for a in problem.assignments:
        q = load_q(a.case.load)
        demand[a.serving, a.case.profession] += q
        person = contact.get(a.id)
        if person is None:
            unstaffed[a.serving, a.case.profession] += q
        else:
            load_on[person] += q
    keys = (
        set(demand)
        | {(employer[s.id], s.employee.profession) for s in problem.staff}
        | set(problem.needs)
    )
    rows = []
    for m, p in sorted(keys):
        members = [s for s in problem.staff if employer[s.id] == m and s.employee.profession == p]
        capacity = sum(capacity_q(s.employee.hours, norms[p]) for s in members)
        overload = sum(
            max(0, load_on[s.id] - capacity_q(s.employee.hours, norms[p])) for s in members
        )
        fte = sum((Fraction(s.employee.hours) / 37 for s in members), Fraction(0))
        per_fte = [
            q_to_load(load_on[s.id]) / (Fraction(s.employee.hours) / 37)
            for s in members
            if s.employee.hours > 0 and norms[p] > 0
        ]
        norm = Fraction(norms[p])
        missing_fte = max(Fraction(0), Fraction(problem.needs.get((m, p), 0)) - fte)
        hires = missing_fte + (q_to_load(unstaffed[m, p] + overload) / norm if norm else 0)
        rows.append(
            {
                "kommune": m,
                "faggruppe": p,
                "fte": _round(fte),
                "kapacitet": _round(q_to_load(capacity)),
                "belastning": _round(q_to_load(demand[m, p])),
                "ubemandet_belastning": _round(q_to_load(unstaffed[m, p])),
                "belastning_over_norm": _round(q_to_load(overload)),
                "manglende_fte_behov": _round(missing_fte),
                "nyansaettelser_fte": _round(hires),
                "belastning_pr_fte_min": _round(min(per_fte)) if per_fte else None,
                "belastning_pr_fte_median": _round(statistics.median(per_fte)) if per_fte else None,
                "belastning_pr_fte_max": _round(max(per_fte)) if per_fte else None,
            }
        )
    return rows


def attachment_shares(problem: Problem) -> list[Record]:
    """Return each employee's share of today's caseload per municipality.

    Under the transfer of undertakings act it matters who is primarily attached
    to each municipality's work: the municipality with more than half their load.
    """
    load: dict[str, Counter[int]] = defaultdict(Counter)
    for a in problem.assignments:
        if a.current_contact is not None:
            load[a.current_contact][a.case.acting_municipality] += load_q(a.case.load)
    rows = []
    for s in problem.staff:
        total = sum(load[s.id].values())
        shares = {
            str(m): _round(Fraction(load[s.id][m], total), 3) if total else 0.0
            for m in problem.municipalities
        }
        primary = next(
            (m for m in problem.municipalities if total and load[s.id][m] * 2 > total), None
        )
        rows.append({"medarbejder_id": s.id, "andele": shares, "primaert_tilknyttet": primary})
    return rows


def acting_paying_mismatch(problem: Problem) -> Record:
    """Return the cases whose acting and paying municipality differ, counted and listed."""
    cases = [c for c in problem.dataset.cases if c.acting_municipality != c.paying_municipality]
    pairs = Counter((c.acting_municipality, c.paying_municipality) for c in cases)
    return {
        "antal": len(cases),
        "sager": sorted(c.id for c in cases),
        "par": [
            {"handlekommune": acting, "betalingskommune": paying, "antal": count}
            for (acting, paying), count in sorted(pairs.items())
        ],
    }


def external_cases(problem: Problem) -> list[Record]:
    """Return the externally provided cases per municipality and service: counted, left untouched."""
    rows = Counter((c.acting_municipality, c.service) for c in problem.external_cases)
    return [
        {"kommune": m, "ydelse": service, "antal": n} for (m, service), n in sorted(rows.items())
    ]
