"""The compiled packing of the pricing packs what the NumPy knapsack packs, group by group."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning.patterns import SCALE, UNREACHABLE, Knapsack
from overgang.core.planning.patterns.master_data import master_data
from overgang.core.planning.patterns.packing import FAMILY_SUBSETS, Packing
from overgang.core.planning.patterns.pricing import _gain, _small_class_options
from tests.core.planning.strategies import small_instances
from tests.core.planning.test_patterns import _models


def _reference(data, employee, municipality, start, prices):
    """The packing as the pricing made it before it was compiled: one NumPy step per group."""
    sack = Knapsack(start.copy())
    for kept in employee.kept_in_large[municipality]:
        sack.add_bounded(kept, _gain(kept, prices))
    for handed_on in data.small_classes.get(municipality, []):
        options = _small_class_options(employee, handed_on, prices)
        if options:
            sack.add_choice(options)
    for family in employee.families[municipality]:
        if len(family.items) > FAMILY_SUBSETS:
            for item in family.items:
                sack.add_bounded(item, _gain(item, prices))
            continue
        charge = prices[family.split_charge.row] if family.split_charge is not None else 0
        marker = [(family.split_charge, -1)] if family.split_charge is not None else []
        best = {}
        for load, subset in family.subsets:
            gain = sum(_gain(item, prices) for item in subset) - charge
            if gain > 0 and gain > best.get(load, (0, []))[0]:
                best[load] = (gain, subset)
        options = [
            (load, gain, [(item, 1) for item in subset] + marker)
            for load, (gain, subset) in best.items()
        ]
        if options:
            sack.add_choice(options)
    return sack


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)),
    st.booleans(),
    st.data(),
)
def test_the_compiled_packing_packs_what_the_numpy_knapsack_packs(data, relaxed, draw):
    for pm in _models(data, relaxed):
        master = master_data(pm)
        # Prices from nothing to a little over each row's own column: items worth
        # nothing, some, or more than leaving their cases unstaffed.
        prices = [
            max(0, round(row.slack_cost * SCALE * draw.draw(st.floats(-0.2, 1.3))))
            for row in master.rows
        ]
        packing = Packing(master)
        gains = packing.gains(prices, SCALE)
        for index, employee in enumerate(master.employees):
            for municipality in employee.works_cost:
                start = np.full(employee.limit + 1, UNREACHABLE, dtype=np.int64)
                start[0] = 0
                small = [
                    _small_class_options(employee, handed_on, prices)
                    for handed_on in master.small_classes.get(municipality, [])
                ]
                compiled = packing.pack(
                    start, (index, municipality), gains, [options for options in small if options]
                )
                expected = _reference(master, employee, municipality, start, prices)
                reachable = compiled.value > UNREACHABLE
                # The same best value of every load the packing reaches, the same work counted.
                assert (compiled.value[reachable] == expected.value[reachable]).all()
                assert (expected.value[~reachable] < -(1 << 61)).all()
                assert compiled.cells == expected.cells
                # The same packing read back at the load of most value.
                load = int(np.argmax(compiled.value))
                ours, left = compiled.read(load)
                theirs, their_left = expected.read(load)
                assert left == their_left == 0
                assert sorted(map(repr, ours)) == sorted(map(repr, theirs))
