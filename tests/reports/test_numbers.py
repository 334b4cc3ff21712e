"""Figures are rounded, not cut off, wherever they are shown."""

from django.utils import translation

from overgang.cli.console import number
from overgang.texts.numbers import formatted


def test_figures_are_rounded_half_up_with_a_decimal_comma():
    with translation.override("da"):
        assert formatted(468700 / 37) == "12667,57"  # the demo's optimum, 12,667.5675...
        assert formatted(2.675) == "2,68"
        assert formatted(0.04999, 1) == "0,0"
        assert formatted(-0.001) == "0,00"
        assert formatted(1234567.891, grouping=True) == "1.234.567,89"


def test_the_command_line_shows_the_same_rounding():
    with translation.override("en"):
        assert number(468700 / 37) == "12667.57"
