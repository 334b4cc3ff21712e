"""Hypothesis strategies for valid, referentially consistent transition data sets.

Texts include Danish letters and starts that a spreadsheet would take for a formula
(= + - @, also behind an apostrophe), so round trips exercise the formula guard.
They are stripped and free of control characters, as a cell read back is.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from overgang.core.domain import (
    Case,
    Citizen,
    Dataset,
    Delivery,
    District,
    Employee,
    EmploymentForm,
    Institution,
    InstitutionType,
    Interview,
    Municipality,
    MunicipalityRole,
    Profession,
    ResignationReason,
    StaffingNeed,
)

_LETTERS = st.characters(
    categories=("L", "N", "P", "S", "Zs"),
    include_characters="æøåÆØÅ§é",
    exclude_characters=";",  # the separator of tags
    codec="utf-8",
)
_FORMULA_STARTS = st.sampled_from(["", "", "", "=", "+", "-", "@", "'", "'=", "''+"])


@st.composite
def texts(draw: st.DrawFn, *, max_size: int = 12) -> str:
    """Return a non-empty stripped text, sometimes starting like a formula."""
    body = draw(st.text(_LETTERS, min_size=1, max_size=max_size))
    text = (draw(_FORMULA_STARTS) + body).strip()
    return text or "x"


def optional_texts() -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), texts())


def ids(count: tuple[int, int]) -> st.SearchStrategy[list[str]]:
    return st.lists(texts(max_size=6), min_size=count[0], max_size=count[1], unique=True)


def amounts(high: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False)


_DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
_CPR_HASHES = st.text("0123456789abcdef", min_size=64, max_size=64)


@st.composite
def employees(draw: st.DrawFn, employee_id: str, professions: list[str]) -> Employee:
    hired_on = draw(st.none() | _DATES)
    resigned_on = None
    if draw(st.booleans()):
        start = hired_on or date(1990, 1, 1)
        resigned_on = start + timedelta(days=draw(st.integers(0, 5000)))
    return Employee(
        id=employee_id,
        name=draw(texts()),
        profession=draw(st.sampled_from(professions)),
        hours=draw(st.sampled_from([Decimal(37), Decimal("18.5")]) | amounts(48)),
        is_leader=draw(st.booleans()),
        unit=draw(optional_texts()),
        hired_on=hired_on,
        employment_form=draw(st.none() | st.sampled_from(EmploymentForm)),
        competences=tuple(draw(st.lists(texts(max_size=8), max_size=3))),
        resigned_on=resigned_on,
        resignation_reason=(
            draw(st.none() | st.sampled_from(ResignationReason)) if resigned_on else None
        ),
    )


@st.composite
def cases(
    draw: st.DrawFn,
    case_id: str,
    citizens: list[Citizen],
    professions: list[str],
    staff: dict[str, list[str]],
    codes: list[int],
) -> Case:
    profession = draw(st.sampled_from(professions))
    delivery = draw(st.sampled_from(Delivery))
    contact = None
    provider = ""
    if delivery is Delivery.IN_HOUSE and staff.get(profession):
        contact = draw(st.none() | st.sampled_from(staff[profession]))
    if delivery is Delivery.EXTERNAL:
        provider = draw(texts())
    return Case(
        id=case_id,
        citizen_id=draw(st.sampled_from(citizens)).id,
        service=draw(texts()),
        profession=profession,
        delivery=delivery,
        acting_municipality=draw(st.sampled_from(codes)),
        paying_municipality=draw(st.sampled_from(codes)),
        provider=provider,
        load=draw(amounts(10)),
        contact_person=contact,
        vulnerability=draw(st.integers(1, 3)),
        started_on=draw(st.none() | _DATES),
        legal_basis=draw(optional_texts()),
        earlier_changes=draw(st.sampled_from([0, 0, 1, 2, 3, 7])),
    )


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """Return a small valid Dataset: every reference resolves, exactly one host."""
    codes = draw(st.lists(st.integers(101, 999), min_size=2, max_size=4, unique=True))
    host = draw(st.sampled_from(codes))
    municipalities = [
        Municipality(
            code, draw(texts()), MunicipalityRole.HOST if code == host else MunicipalityRole.MEMBER
        )
        for code in codes
    ]
    profession_ids = draw(ids((1, 3)))
    professions = [Profession(p, draw(texts()), draw(amounts(50))) for p in profession_ids]
    districts = [
        District(d, draw(st.sampled_from(codes)), draw(texts())) for d in draw(ids((0, 3)))
    ]
    institutions = (
        [
            Institution(
                i,
                draw(texts()),
                draw(st.sampled_from(InstitutionType)),
                draw(st.sampled_from(districts)).id,
            )
            for i in draw(ids((0, 3)))
        ]
        if districts
        else []
    )
    staff = [draw(employees(e, profession_ids)) for e in draw(ids((0, 6)))]
    interviews = (
        [
            Interview(
                draw(st.sampled_from(staff)).id,
                draw(_DATES),
                draw(st.none() | st.sampled_from(codes)),
                draw(optional_texts()),
                tuple(draw(st.lists(st.sampled_from(codes), max_size=3))),
            )
            for _ in range(draw(st.integers(0, 5)))
        ]
        if staff
        else []
    )
    citizen_ids = draw(ids((1, 6)))
    families = citizen_ids[: draw(st.integers(1, len(citizen_ids)))]
    citizens = []
    for citizen_id in citizen_ids:
        institution = draw(st.none() | st.sampled_from(institutions)) if institutions else None
        district = institution.district_id if institution else None
        if district is None and districts:
            district = draw(st.sampled_from(districts)).id if draw(st.booleans()) else None
        citizens.append(
            Citizen(
                id=citizen_id,
                municipality=draw(st.sampled_from(codes)),
                family_id=draw(st.sampled_from(families)),
                birth_year=draw(st.none() | st.integers(1990, 2025)),
                district_id=district,
                institution_id=institution.id if institution else None,
                cpr_hash=draw(st.none() | _CPR_HASHES),
            )
        )
    by_profession: dict[str, list[str]] = {}
    for employee in staff:
        by_profession.setdefault(employee.profession, []).append(employee.id)
    case_list = [
        draw(cases(c, citizens, profession_ids, by_profession, codes)) for c in draw(ids((0, 8)))
    ]
    need_keys = draw(
        st.lists(
            st.tuples(st.sampled_from(codes), st.sampled_from(profession_ids)),
            max_size=3,
            unique=True,
        )
    )
    needs = [StaffingNeed(code, profession, draw(amounts(5))) for code, profession in need_keys]
    return Dataset(
        municipalities=tuple(municipalities),
        professions=tuple(professions),
        districts=tuple(districts),
        institutions=tuple(institutions),
        employees=tuple(staff),
        interviews=tuple(interviews),
        citizens=tuple(citizens),
        cases=tuple(case_list),
        needs=tuple(needs),
    )
