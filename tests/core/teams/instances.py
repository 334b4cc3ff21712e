"""Hand-made instances for teams, family plans and robustness, and plans made by hand for them.

A plan made by hand fixes who works where and who keeps which case, so that a
test's expected answer follows from the instance alone, not from the solver.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from overgang.core.domain import (
    Citizen,
    Dataset,
    District,
    Institution,
    InstitutionType,
    Profession,
    StaffingNeed,
)
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.metrics import plan_metrics
from overgang.core.planning.plan import CaseDecision, EmployeeDecision, Plan, Reason, SolveReport
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, dataset, employee, interview


def hand_plan(
    problem: Problem, employer: dict[str, int], contact: dict[str, str | None], policy: Policy
) -> Plan:
    """Return the plan that puts every employee and case where the test says."""
    decisions = tuple(
        EmployeeDecision(s.id, employer[s.id], Reason("by_hand")) for s in problem.staff
    )
    cost = plan_cost(problem, policy, employer, contact)
    return Plan(
        policy=policy,
        employees=decisions,
        cases=tuple(
            CaseDecision(a.id, contact.get(a.id), Reason("by_hand")) for a in problem.assignments
        ),
        cost=cost,
        solve=SolveReport("feasible", cost.total, Fraction(0), 0.0),
        professions=(),
        metrics=plan_metrics(problem, policy, employer, contact, decisions),
    )


def citizen(id: str, municipality: int, district: str, family: str | None = None) -> Citizen:
    return Citizen(id=id, municipality=municipality, family_id=family or id, district_id=district)


def with_places(data: Dataset, professions: tuple[tuple[str, int], ...]) -> Dataset:
    """Return the data set with three districts (two in Ishøj, one in Vallensbæk) and their institutions."""
    return replace(
        data,
        professions=tuple(Profession(code, code, Decimal(norm)) for code, norm in professions),
        districts=(
            District("D1", ISHOEJ, "Nord"),
            District("D2", ISHOEJ, "Syd"),
            District("D3", VALLENSBAEK, "Lille"),
        ),
        institutions=(
            Institution("S1", "Nordskolen", InstitutionType.SCHOOL, "D1"),
            Institution("B1", "Nordbo", InstitutionType.DAYCARE, "D1"),
            Institution("S2", "Sydskolen", InstitutionType.SCHOOL, "D2"),
            Institution("S3", "Lilleskolen", InstitutionType.SCHOOL, "D3"),
            Institution("B3", "Lillebo", InstitutionType.DAYCARE, "D3"),
        ),
    )


def two_districts() -> tuple[Problem, Plan]:
    """Ishøj with districts D1 and D2, Vallensbæk with D3; the answer of each test is worked out there.

    PSY (norm 10, every psychologist 37 h: capacity 10) in Ishøj: P1 carries 10 in
    D1; P2 9 in D1 and 1 in D2; P3 7 in D1 and 3 in D2; P4 2 in D1 and 8 in D2;
    a case of load 8 in D2 is unstaffed. Demand: D1 28, D2 20.
    FAM (norm 10) in Ishøj: F1 carries 8 in D1; F2 5 in D1 and 2 in D2.
    Leaders L1 (unit PPR) and L2 (unit Familieafdelingen) work in Ishøj; P3 and P4
    come from PPR, P1 and P2 from Terapi. Vallensbæk has P5 (cases in D3) and A1
    in administration, and no leader.
    """
    loads = {
        "P1": [("D1", 10)],
        "P2": [("D1", 9), ("D2", 1)],
        "P3": [("D1", 7), ("D2", 3)],
        "P4": [("D1", 2), ("D2", 8)],
        "F1": [("D1", 8)],
        "F2": [("D1", 5), ("D2", 2)],
        "P5": [("D3", 6)],
        None: [("D2", 8)],
    }
    professions = {"P1": "PSY", "P2": "PSY", "P3": "PSY", "P4": "PSY", "P5": "PSY", None: "PSY"}
    professions |= {"F1": "FAM", "F2": "FAM"}
    citizens, cases = [], []
    for person, places in loads.items():
        for i, (district, load) in enumerate(places):
            where = VALLENSBAEK if district == "D3" else ISHOEJ
            cid = f"b-{person or 'none'}-{i}"
            citizens.append(citizen(cid, where, district))
            cases.append(
                case(
                    f"c-{person or 'none'}-{i}",
                    cid,
                    where,
                    person,
                    load,
                    profession=professions[person],
                )
            )
    staff = [
        employee("P1", unit="Terapi"),
        employee("P2", unit="Terapi"),
        employee("P3", unit="PPR"),
        employee("P4", unit="PPR"),
        employee("P5", unit="PPR"),
        employee("F1", "FAM", unit="Familieafdelingen"),
        employee("F2", "FAM", unit="Familieafdelingen"),
        employee("L1", "LED", is_leader=True, unit="PPR"),
        employee("L2", "LED", is_leader=True, unit="Familieafdelingen"),
        employee("A1", "ADM", unit="Administration"),
    ]
    data = with_places(
        dataset(staff, [interview("P5", VALLENSBAEK)], citizens, cases),
        (("PSY", 10), ("FAM", 10), ("LED", 0), ("ADM", 0)),
    )
    policy = Policy()
    problem = build_problem(data, policy)
    employer = {s.id: ISHOEJ for s in problem.staff} | {"P5": VALLENSBAEK, "A1": VALLENSBAEK}
    contact = {a.id: a.current_contact for a in problem.assignments}
    return problem, hand_plan(problem, employer, contact, policy)


def robustness_instance() -> tuple[Problem, Plan]:
    """Two municipalities, PSY (norm 10) and TAL (norm 20), competences and a leader.

    Ishøj: P1 37 h (autisme, tegnsprog) carries 8 + 4; P2 18.5 h (autisme) carries 5;
    a PSY case of 3 is unstaffed; T1 37 h (stammen) carries 10; leader L1 (ledelse),
    with a staffing need of 1 leader. Vallensbæk: P3 37 h (autisme, ADHD) carries 6;
    T2 30 h (stammen, tegnsprog) carries 4.
    """
    staff = [
        employee("P1", competences=("autisme", "tegnsprog")),
        employee("P2", hours="18.5", competences=("autisme",)),
        employee("T1", "TAL", competences=("stammen",)),
        employee("L1", "LED", is_leader=True, competences=("ledelse",)),
        employee("P3", competences=("autisme", "ADHD")),
        employee("T2", "TAL", hours=30, competences=("stammen", "tegnsprog")),
    ]
    rows = [
        ("c1", ISHOEJ, "P1", 8, "PSY"),
        ("c2", ISHOEJ, "P1", 4, "PSY"),
        ("c3", ISHOEJ, "P2", 5, "PSY"),
        ("c4", ISHOEJ, None, 3, "PSY"),
        ("c5", ISHOEJ, "T1", 10, "TAL"),
        ("c6", VALLENSBAEK, "P3", 6, "PSY"),
        ("c7", VALLENSBAEK, "T2", 4, "TAL"),
    ]
    citizens = [citizen(f"b{id}", m, "D1" if m == ISHOEJ else "D3") for id, m, *_ in rows]
    cases = [case(id, f"b{id}", m, who, load, profession=p) for id, m, who, load, p in rows]
    data = with_places(
        dataset(
            staff,
            [interview("P3", VALLENSBAEK), interview("T2", VALLENSBAEK)],
            citizens,
            cases,
            needs=(StaffingNeed(ISHOEJ, "LED", Decimal(1)),),
        ),
        (("PSY", 10), ("TAL", 20), ("LED", 0)),
    )
    policy = Policy()
    problem = build_problem(data, policy)
    employer = {s.id: ISHOEJ for s in problem.staff} | {"P3": VALLENSBAEK, "T2": VALLENSBAEK}
    contact = {a.id: a.current_contact for a in problem.assignments}
    return problem, hand_plan(problem, employer, contact, policy)
