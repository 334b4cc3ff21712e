"""Cells are read the way people type them, and refused with what was expected."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from overgang.io.cells import (
    CellError,
    guard_csv,
    needs_formula_guard,
    to_bool,
    to_choice,
    to_date,
    to_decimal,
    to_int,
    to_tags,
    to_text,
    unguard_csv,
)


@pytest.mark.parametrize("raw", [183, "183", 183.0, " 183 ", "183,0", Decimal("183.00")])
def test_whole_numbers_are_accepted_as_number_text_or_whole_float(raw: object) -> None:
    assert to_int(raw) == 183


@pytest.mark.parametrize("raw", [183.5, "183.5", "183,5", "1 83", "en", True, "0x10"])
def test_a_whole_number_refuses_fractions_text_and_booleans(raw: object) -> None:
    with pytest.raises(CellError):
        to_int(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("18,5", Decimal("18.50")),
        ("18.5", Decimal("18.50")),
        (18.5, Decimal("18.50")),
        (37, Decimal("37.00")),
        (0.1 + 0.2, Decimal("0.30")),
        ("0,125", Decimal("0.13")),
        (" 7 ", Decimal("7.00")),
    ],
)
def test_decimals_take_comma_or_point_and_keep_two_places(raw: object, expected: Decimal) -> None:
    assert to_decimal(raw) == expected
    assert to_decimal(raw).as_tuple().exponent == -2


@pytest.mark.parametrize("raw", ["1.234,5", "1,2,3", "NaN", "Infinity", "halv", False])
def test_decimals_refuse_thousands_separators_and_non_numbers(raw: object) -> None:
    with pytest.raises(CellError):
        to_decimal(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "2021-05-31",
        "31-05-2021",
        "31.05.2021",
        "31/05/2021",
        "31-5-2021",
        "2021-05-31 00:00:00",
        datetime(2021, 5, 31, 0, 0),
        date(2021, 5, 31),
    ],
)
def test_dates_are_read_in_iso_and_danish_forms(raw: object) -> None:
    assert to_date(raw) == date(2021, 5, 31)


@pytest.mark.parametrize("raw", ["31-02-2021", "2021-13-01", "05-31-21", "i går", 44347, "2021/05"])
def test_impossible_or_unknown_dates_are_refused(raw: object) -> None:
    with pytest.raises(CellError):
        to_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ja", True), ("JA", True), ("yes", True), ("true", True), (1, True), (True, True)]
    + [("nej", False), ("Nej", False), ("no", False), ("FALSE", False), ("0", False)],
)
def test_yes_no_accepts_danish_english_and_digits(raw: object, expected: bool) -> None:
    assert to_bool(raw) is expected


def test_yes_no_refuses_anything_else() -> None:
    with pytest.raises(CellError):
        to_bool("måske")


@pytest.mark.parametrize("raw", ["vaert", "VAERT", "Vært", " vært "])
def test_choices_ignore_case_and_accept_danish_letters(raw: str) -> None:
    assert to_choice(raw, ("vaert", "medlem")) == "vaert"


def test_a_choice_outside_the_list_names_the_list() -> None:
    with pytest.raises(CellError, match="vaert, medlem"):
        to_choice("formand", ("vaert", "medlem"))


def test_tags_are_split_on_semicolons_stripped_and_kept_in_order() -> None:
    assert to_tags(" autisme ; ;ADHD;  tale ") == ("autisme", "ADHD", "tale")


def test_a_whole_number_typed_into_a_text_column_loses_its_decimal_point() -> None:
    assert to_text(1001.0) == "1001"
    assert to_text("  M001 ") == "M001"


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+45 1234", "-Anna", "@cmd", "'=x", "''-x", "'abc", "a=b", "", "'"]
)
def test_the_csv_formula_guard_round_trips_every_text(text: str) -> None:
    assert unguard_csv(guard_csv(text)) == text


def test_the_csv_formula_guard_only_shields_formula_starts() -> None:
    assert guard_csv("=SUM(A1)") == "'=SUM(A1)"
    assert guard_csv("'=x") == "''=x"
    assert guard_csv("Anna") == "Anna"
    assert guard_csv("'abc") == "'abc"
    assert not needs_formula_guard("a-b")
