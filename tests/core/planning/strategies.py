"""Hypothesis strategies for small planning instances that brute force can still solve."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hypothesis import strategies as st

from overgang.core.domain import Dataset, StaffingNeed
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem, restricted_to
from tests.core.factories import case, citizen, dataset, employee, interview

CODES = (183, 187, 175)


@st.composite
def small_instances(
    draw: st.DrawFn, max_employees: int = 3, max_cases: int = 4, siblings: bool = False
) -> Dataset:
    """A small instance; with `siblings`, a family's children share home and contact person."""
    codes = CODES[: draw(st.integers(2, 3))]
    professions = draw(st.sampled_from([(("PSY", 4),), (("PSY", 4), ("FYS", 3))]))
    profession_codes = [p for p, _ in professions]
    n_employees = draw(st.integers(1, max_employees))
    employees = [
        employee(
            f"E{i}",
            profession=draw(st.sampled_from(profession_codes)),
            hours=draw(st.sampled_from(["37", "18.5", "30", "10"])),
        )
        for i in range(n_employees)
    ]
    interviews = []
    for e in employees:
        kind = draw(st.sampled_from(["none", "blank", "wish"]))
        if kind == "blank":
            interviews.append(interview(e.id, None))
        elif kind == "wish":
            interviews.append(interview(e.id, draw(st.sampled_from(codes))))
    n_cases = draw(st.integers(0, max_cases))
    citizens, cases = [], []
    first_of: dict[str, tuple[int, str, str | None]] = {}
    for i in range(n_cases):
        home = draw(st.sampled_from(codes))
        family = draw(st.sampled_from(["f1", "f2", None]))
        profession = draw(st.sampled_from(profession_codes))
        colleagues = [e.id for e in employees if e.profession == profession]
        contact = draw(st.sampled_from([None, *colleagues]))
        if siblings and family is not None:
            home, profession, contact = first_of.setdefault(family, (home, profession, contact))
        citizens.append(citizen(f"b{i}", home, family))
        cases.append(
            case(
                f"c{i}",
                f"b{i}",
                home,
                contact,
                load=draw(st.sampled_from(["0.5", "1", "1.25", "2", "3"])),
                vulnerability=draw(st.integers(1, 3)),
                profession=profession,
            )
        )
    needs = ()
    if draw(st.booleans()):
        needs = (
            StaffingNeed(
                codes[1], profession_codes[0], draw(st.sampled_from([Decimal("0.5"), Decimal(1)]))
            ),
        )
    return dataset(
        employees, interviews, citizens, cases, professions=professions, codes=codes, needs=needs
    )


def each_profession(data: Dataset, policy: Policy) -> Iterator[Problem]:
    """The instance's problem restricted to each profession in turn (brute force per profession)."""
    problem = build_problem(data, policy)
    for profession in problem.professions():
        yield restricted_to(problem, profession)
