"""The settlement's proposed keys: each municipality's share, exact, from hand-made figures."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from overgang.core.settlement import (
    CaseFigure,
    KeyFigures,
    StaffFigure,
    proposed_keys,
    rounded,
    split_amount,
)

ISHOEJ, VALLENSBAEK = 183, 187

# Three cases acted for by Ishøj (loads 1, 2 and 1.5), two by Vallensbæk (2 and 1.5);
# staff by the plan: Ishøj 37 h and 18.5 h (1.5 FTE), Vallensbæk 37 h and 29.6 h (1.8 FTE);
# two citizens live in Ishøj and three in Vallensbæk.
FIGURES = KeyFigures(
    municipalities=(ISHOEJ, VALLENSBAEK),
    cases=(
        CaseFigure(ISHOEJ, Decimal(1)),
        CaseFigure(ISHOEJ, Decimal(2)),
        CaseFigure(ISHOEJ, Decimal("1.5")),
        CaseFigure(VALLENSBAEK, Decimal(2)),
        CaseFigure(VALLENSBAEK, Decimal("1.5")),
    ),
    citizens=(ISHOEJ, ISHOEJ, VALLENSBAEK, VALLENSBAEK, VALLENSBAEK),
    staff=(
        StaffFigure(ISHOEJ, Decimal(37)),
        StaffFigure(ISHOEJ, Decimal("18.5")),
        StaffFigure(VALLENSBAEK, Decimal(37)),
        StaffFigure(VALLENSBAEK, Decimal("29.6")),
    ),
)


def test_the_keys_are_each_municipalitys_share_computed_by_hand():
    keys = proposed_keys(FIGURES)
    assert dict(keys["sager"].shares) == {ISHOEJ: Fraction(3, 5), VALLENSBAEK: Fraction(2, 5)}
    # load 4.5 of 8
    assert dict(keys["belastning"].shares) == {
        ISHOEJ: Fraction(9, 16),
        VALLENSBAEK: Fraction(7, 16),
    }
    # 1.5 FTE of 3.3
    assert dict(keys["personale"].shares) == {
        ISHOEJ: Fraction(5, 11),
        VALLENSBAEK: Fraction(6, 11),
    }
    assert dict(keys["personale"].figures) == {
        ISHOEJ: Fraction(3, 2),
        VALLENSBAEK: Fraction(9, 5),
    }
    assert dict(keys["borgere"].shares) == {ISHOEJ: Fraction(2, 5), VALLENSBAEK: Fraction(3, 5)}
    assert all(sum(dict(key.shares).values()) == 1 for key in keys.values())


def test_without_a_plan_there_is_no_staff_key_and_a_municipality_without_cases_shares_nothing():
    keys = proposed_keys(
        KeyFigures((ISHOEJ, VALLENSBAEK, 175), cases=(CaseFigure(ISHOEJ, Decimal(1)),))
    )
    assert set(keys) == {"sager", "belastning"}
    assert keys["sager"].share(175) == 0
    assert keys["sager"].share(ISHOEJ) == 1


def test_rounded_shares_sum_to_exactly_one_the_largest_remainder_taking_the_last_unit():
    assert rounded({ISHOEJ: Fraction(5, 11), VALLENSBAEK: Fraction(6, 11)}) == {
        ISHOEJ: Decimal("0.4545"),
        VALLENSBAEK: Decimal("0.5455"),
    }
    thirds = rounded({1: Fraction(1, 3), 2: Fraction(1, 3), 3: Fraction(1, 3)})
    assert thirds == {1: Decimal("0.3334"), 2: Decimal("0.3333"), 3: Decimal("0.3333")}


def test_an_amount_is_split_to_the_oere_and_a_negative_one_as_its_size():
    shares = {ISHOEJ: Fraction(5, 11), VALLENSBAEK: Fraction(6, 11)}
    assert split_amount(Decimal("1000.00"), shares) == {
        ISHOEJ: Decimal("454.55"),
        VALLENSBAEK: Decimal("545.45"),
    }
    assert split_amount(Decimal("-1000.00"), shares) == {
        ISHOEJ: Decimal("-454.55"),
        VALLENSBAEK: Decimal("-545.45"),
    }


@given(
    weights=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=6).filter(
        lambda w: sum(w) > 0
    ),
    amount=st.decimals(min_value=-(10**9), max_value=10**9, places=2),
)
def test_rounded_shares_and_split_amounts_always_add_up(weights, amount):
    total = sum(weights)
    shares = {code: Fraction(w, total) for code, w in enumerate(weights)}
    assert sum(rounded(shares).values()) == 1
    assert sum(split_amount(amount, shares).values()) == amount
