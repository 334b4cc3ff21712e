"""The default data set is the case of the seeds, sized to the public figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from overgang.core.domain import (
    Dataset,
    Delivery,
    EmploymentForm,
    InstitutionType,
    MunicipalityRole,
    ResignationReason,
    latest_interviews,
)
from overgang.demo import calibration as cal
from tests.demo.invariants import capacity

ISHOJ, VALLENSBAEK = 183, 187
EFFECTIVE = cal.EFFECTIVE_DATE


def _latest_wish(demo: Dataset) -> dict[str, int | None]:
    return {e: i.wished_municipality for e, i in latest_interviews(demo.interviews).items()}


def test_two_municipalities_with_ishoj_the_host_and_vallensbaek_a_member(demo: Dataset) -> None:
    roles = {m.code: (m.name, m.role) for m in demo.municipalities}
    assert roles == {
        ISHOJ: ("Ishøj Kommune", MunicipalityRole.HOST),
        VALLENSBAEK: ("Vallensbæk Kommune", MunicipalityRole.MEMBER),
    }


def test_the_school_districts_carry_their_real_names(demo: Dataset) -> None:
    by_municipality = defaultdict(set)
    for district in demo.districts:
        by_municipality[district.municipality].add(district.name)
    assert by_municipality[ISHOJ] == {
        "Gildbroskolen",
        "Ishøj Skole",
        "Strandgårdskolen",
        "Vejlebroskolen",
        "Vibeholmskolen",
    }
    assert by_municipality[VALLENSBAEK] == {"Egholmskolen", "Pilehaveskolen", "Vallensbæk Skole"}


def test_every_district_has_its_school_and_several_daycares(demo: Dataset) -> None:
    kinds = defaultdict(Counter)
    for institution in demo.institutions:
        kinds[institution.district_id][institution.type] += 1
    names = {d.id: d.name for d in demo.districts}
    schools = {i.district_id: i.name for i in demo.institutions if i.type is InstitutionType.SCHOOL}
    for district_id, name in names.items():
        assert kinds[district_id][InstitutionType.SCHOOL] == 1
        assert schools[district_id] == name
        assert kinds[district_id][InstitutionType.DAYCARE] >= 3
    others = {i.name for i in demo.institutions if i.type is InstitutionType.OTHER}
    assert "Kirkebækskolen" in others


def test_staff_and_cases_have_the_size_of_the_centre(demo: Dataset) -> None:
    assert 150 <= len(demo.employees) <= 200
    assert 2_000 <= len(demo.cases) <= 3_000
    assert {p.code for p in demo.professions} == {
        "PSY",
        "TAL",
        "FYS",
        "FAM",
        "FBH",
        "SRP",
        "VSU",
        "ADM",
        "LED",
    }
    assert {p.code: p.norm for p in demo.professions}["LED"] == 0


def test_share_of_children_with_cases_matches_the_calibration(demo: Dataset) -> None:
    children = Counter(
        c.municipality
        for c in demo.citizens
        if c.birth_year is not None and cal.REFERENCE_YEAR - c.birth_year <= 17
    )
    for figures in (cal.ISHOJ, cal.VALLENSBAEK):
        share = children[figures.code] / figures.children_0_17
        assert abs(share - figures.share_children_with_cases) < 0.005


def test_adults_appear_only_in_special_education_for_adults(demo: Dataset) -> None:
    adults = {c.id for c in demo.citizens if cal.REFERENCE_YEAR - (c.birth_year or 0) >= 18}
    assert adults
    assert {c.profession for c in demo.cases if c.citizen_id in adults} == {"VSU"}
    assert all(
        cal.REFERENCE_YEAR - (c.birth_year or 0) >= 18
        for c in demo.citizens
        if c.id in {case.citizen_id for case in demo.cases if case.profession == "VSU"}
    )


def test_most_wish_to_stay_a_minority_to_move_some_do_not_mind_a_few_not_asked(
    demo: Dataset,
) -> None:
    wishes = Counter(_latest_wish(demo).values())
    not_interviewed = len(demo.employees) - sum(wishes.values())
    assert wishes[ISHOJ] > len(demo.employees) / 2
    assert 0.1 * len(demo.employees) <= wishes[VALLENSBAEK] < wishes[ISHOJ] / 2
    assert wishes[None] >= 5
    assert 3 <= not_interviewed <= 0.1 * len(demo.employees)


def test_several_employees_were_interviewed_twice_and_some_changed_their_wish(
    demo: Dataset,
) -> None:
    by_employee = defaultdict(list)
    for interview in demo.interviews:
        by_employee[interview.employee_id].append(interview)
    twice = [sorted(v, key=lambda i: i.held_on) for v in by_employee.values() if len(v) > 1]
    assert len(twice) >= 5
    assert all(first.held_on < second.held_on for first, second in twice)
    assert any(first.wished_municipality != second.wished_municipality for first, second in twice)
    assert all(cal.INTERVIEWS_FROM <= i.held_on <= cal.INTERVIEWS_UNTIL for i in demo.interviews)


def test_exactly_one_leader_wishes_to_move_the_leader_of_srp_fys_and_administration(
    demo: Dataset,
) -> None:
    wishes = _latest_wish(demo)
    leaders = [e for e in demo.employees if e.is_leader]
    assert all(e.profession == "LED" for e in leaders)
    moving = [e for e in leaders if wishes.get(e.id) == VALLENSBAEK]
    assert len(moving) == 1
    assert "Støtte- og ressourcepædagoger" in moving[0].unit
    assert "Administration" in moving[0].unit
    assert "Wermelin" not in moving[0].name
    assert all(wishes.get(e.id) == ISHOJ for e in leaders if e is not moving[0])


def test_one_resignation_due_to_the_dissolution_and_a_few_for_other_reasons(demo: Dataset) -> None:
    resigned = [e for e in demo.employees if e.resigned_on is not None]
    reasons = Counter(e.resignation_reason for e in resigned)
    assert reasons[ResignationReason.DISSOLUTION] == 1
    assert 2 <= len(resigned) - 1 <= 8
    assert all(e.resignation_reason is not None for e in resigned)
    before = [e for e in resigned if e.resigned_on < EFFECTIVE]  # type: ignore[operator]
    assert len(before) > len(resigned) / 2
    assert len(before) < len(resigned)
    assert len({e.resigned_on.month for e in resigned}) >= 4  # type: ignore[union-attr]
    assert not any(e.is_leader for e in resigned)


def test_every_employee_has_hire_date_employment_form_unit_and_most_have_competences(
    demo: Dataset,
) -> None:
    assert all(e.hired_on is not None and e.hired_on < cal.REFERENCE_DATE for e in demo.employees)
    assert all(e.unit for e in demo.employees)
    forms = Counter(e.employment_form for e in demo.employees)
    assert 1 <= forms[EmploymentForm.CIVIL_SERVANT] <= 0.1 * len(demo.employees)
    assert sum(1 for e in demo.employees if e.competences) > 0.8 * len(demo.employees)
    assert {"PPR", "Familieafdelingen", "Terapeutteamet", "Administration"} <= {
        e.unit for e in demo.employees
    }
    assert {Decimal(37), Decimal(32), Decimal(30)} <= {e.hours for e in demo.employees}


def test_some_competences_are_held_by_only_one_or_two_employees(demo: Dataset) -> None:
    holders = Counter(tag for e in demo.employees for tag in e.competences)
    rare = [tag for tag, n in holders.items() if n <= 2]
    assert len(rare) >= 5
    assert holders["tegnsprog"] == 1


def test_families_have_several_children_with_cases_in_several_professions(demo: Dataset) -> None:
    members = defaultdict(set)
    professions = defaultdict(set)
    family_of = {c.id: c.family_id for c in demo.citizens}
    for citizen in demo.citizens:
        members[citizen.family_id].add(citizen.id)
    for case in demo.cases:
        professions[family_of[case.citizen_id]].add(case.profession)
    rich = [f for f, m in members.items() if len(m) >= 2 and len(professions[f]) >= 2]
    assert len(rich) >= 100
    assert any(len(members[f]) >= 3 and len(professions[f]) >= 3 for f in rich)


def test_external_cases_are_special_schooling_respite_and_placements_with_providers(
    demo: Dataset,
) -> None:
    external = [c for c in demo.cases if c.delivery is Delivery.EXTERNAL]
    services = Counter(c.service for c in external)
    assert set(services) == {
        "Specialundervisning i specialskole",
        "Aflastning",
        "Anbringelse uden for hjemmet",
    }
    assert all(c.provider and c.contact_person is None for c in external)
    assert len({c.provider for c in external}) >= 10


def test_a_few_cases_are_paid_by_another_municipality_than_the_acting_one(demo: Dataset) -> None:
    share = sum(c.acting_municipality != c.paying_municipality for c in demo.cases) / len(
        demo.cases
    )
    assert 0.01 <= share <= 0.03


def test_vallensbaek_pupils_at_kirkebaekskolen_are_visited_by_ishoj_and_paid_by_vallensbaek(
    demo: Dataset,
) -> None:
    residence = {c.id: c.municipality for c in demo.citizens}
    elsewhere = [c for c in demo.cases if c.acting_municipality != residence[c.citizen_id]]
    assert elsewhere
    assert all(
        c.acting_municipality == ISHOJ
        and c.paying_municipality == VALLENSBAEK
        and "Kirkebækskolen" in c.service
        for c in elsewhere
    )


def test_cases_have_load_vulnerability_start_and_legal_basis(demo: Dataset) -> None:
    assert all(Decimal("0.5") <= c.load <= 3 for c in demo.cases)
    assert Counter(c.vulnerability for c in demo.cases).keys() == {1, 2, 3}
    assert all(c.started_on is not None and c.started_on <= cal.REFERENCE_DATE for c in demo.cases)
    bases = {c.legal_basis for c in demo.cases}
    assert {
        "SEL § 11, stk. 3",
        "SEL § 52, stk. 3, nr. 3",
        "SEL § 52, stk. 3, nr. 7",
        "Lov om specialundervisning for voksne",
    } <= bases


def test_staff_capacity_covers_the_in_house_load_but_not_vallensbaeks_share_of_wishes(
    demo: Dataset,
) -> None:
    caps = capacity(demo)
    load = sum(c.load for c in demo.cases if c.delivery is Delivery.IN_HOUSE)
    total_capacity = sum(caps.values())
    assert Decimal("0.9") <= total_capacity / load <= Decimal("1.1")
    vallensbaek = sum(
        c.load
        for c in demo.cases
        if c.delivery is Delivery.IN_HOUSE and c.acting_municipality == VALLENSBAEK
    )
    assert Decimal("0.33") <= vallensbaek / load <= Decimal("0.45")
    wishes = _latest_wish(demo)
    movers = sum(caps[e] for e, w in wishes.items() if w == VALLENSBAEK)
    assert movers / total_capacity < vallensbaek / load


def test_every_municipality_needs_a_leader_and_administration(demo: Dataset) -> None:
    needs = {(n.municipality, n.profession): n.min_fte for n in demo.needs}
    for code in (ISHOJ, VALLENSBAEK):
        assert needs[code, "LED"] >= 1
        assert needs[code, "ADM"] > 0


def test_no_name_of_a_real_person_from_the_seeds(demo: Dataset) -> None:
    names = {e.name for e in demo.employees}
    assert "Susanne Wermelin" not in names
    assert not any("Wermelin" in name for name in names)
