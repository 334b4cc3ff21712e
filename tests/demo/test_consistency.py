"""Every generated data set is referentially sound and within the planner's hard limits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.domain import Dataset, Delivery, MunicipalityRole
from overgang.demo import generate
from tests.demo.invariants import capacity, consistency_problems, load_per_employee


def test_the_default_data_set_is_consistent(demo: Dataset) -> None:
    assert consistency_problems(demo) == []


def test_every_in_house_case_has_a_contact_person_of_its_profession(demo: Dataset) -> None:
    employees = {e.id: e for e in demo.employees}
    for case in demo.cases:
        if case.delivery is Delivery.IN_HOUSE:
            assert case.contact_person is not None
            assert employees[case.contact_person].profession == case.profession


def test_no_employee_carries_more_than_1_2_times_capacity_and_most_are_busy(demo: Dataset) -> None:
    caps = capacity(demo)
    load = load_per_employee(demo)
    assert all(load[e] <= caps[e] * 12 / 10 for e in load)
    caseworkers = [e.id for e in demo.employees if caps[e.id] > 0 and e.resigned_on is None]
    assert sum(1 for e in caseworkers if load.get(e, 0) >= caps[e] / 2) > 0.9 * len(caseworkers)


@pytest.mark.parametrize("municipalities", [3, 5])
def test_more_municipalities_have_exactly_one_host_and_wishes_spread_over_members(
    municipalities: int,
) -> None:
    dataset = generate(municipalities=municipalities)
    assert consistency_problems(dataset) == []
    assert len(dataset.municipalities) == municipalities
    assert [m.role for m in dataset.municipalities].count(MunicipalityRole.HOST) == 1
    assert dataset.host.code == 183
    members = {m.code for m in dataset.municipalities if m.role is MunicipalityRole.MEMBER}
    assert 187 in members
    assert all(any(d.municipality == code for d in dataset.districts) for code in members)
    assert all(any(c.municipality == code for c in dataset.citizens) for code in members)
    wished = {i.wished_municipality for i in dataset.interviews}
    assert members <= wished
    fictional = [m.name for m in dataset.municipalities if m.code not in (183, 187)]
    assert all(name.endswith(" Kommune") for name in fictional)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    scale=st.sampled_from([0.05, 0.2, 0.5]),
    municipalities=st.integers(min_value=2, max_value=4),
)
def test_any_seed_scale_and_number_of_municipalities_gives_a_consistent_set(
    seed: int, scale: float, municipalities: int
) -> None:
    dataset = generate(seed=seed, scale=scale, municipalities=municipalities)
    assert consistency_problems(dataset) == []
    assert dataset.cases and dataset.employees
