"""Keys for the settlement (delingsaftale): each municipality's share by Overgang's own figures.

Everything that is not a person and must be split (budget lines, leases, contracts,
archives, ...) is split to one municipality or shared by a key. Overgang proposes
four keys from its data, so that the negotiators start from figures:

- `sager`: each municipality's share of the cases, by acting municipality (handlekommune);
- `belastning`: its share of the case load (the sum of the cases' `vaegt`), by the same;
- `personale`: its share of the staff by the plan, in full-time equivalents (timer / 37);
- `borgere`: its share of the citizens, by municipality of residence.

Shares are exact fractions summing to 1; `rounded` gives them to a number of places,
still summing to exactly 1, and `split_amount` an amount in øre, summing to the amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from overgang.core.domain import FULL_TIME_HOURS

CASES, LOAD, STAFF, CITIZENS = "sager", "belastning", "personale", "borgere"
PROPOSED_KEYS = (CASES, LOAD, STAFF, CITIZENS)

# Shares are stored to four places (0.0001 = one hundredth of a per cent): fine enough
# for any amount a settlement splits, and still readable in a workbook cell.
SHARE_PLACES = 4
_ONE = Decimal(1)


@dataclass(frozen=True)
class CaseFigure:
    """One case: its acting municipality (handlekommune) and its load (vaegt)."""

    acting: int
    load: Decimal


@dataclass(frozen=True)
class StaffFigure:
    """One employee in the plan: the municipality the plan gives them and their weekly hours."""

    municipality: int
    hours: Decimal


@dataclass(frozen=True)
class KeyFigures:
    """What the keys are computed from; `staff` is None where there is no plan."""

    municipalities: tuple[int, ...]
    cases: tuple[CaseFigure, ...] = ()
    citizens: tuple[int, ...] = ()  # each citizen's municipality of residence
    staff: tuple[StaffFigure, ...] | None = None


@dataclass(frozen=True)
class ProposedKey:
    """A key: each municipality's figure (count, load or FTE) and its exact share."""

    key: str
    figures: tuple[tuple[int, Fraction], ...]
    shares: tuple[tuple[int, Fraction], ...]

    def share(self, code: int) -> Fraction:
        return dict(self.shares).get(code, Fraction(0))


def _key(
    key: str, codes: Iterable[int], amounts: Iterable[tuple[int, Decimal]], per: int = 1
) -> ProposedKey | None:
    """The key of these amounts per municipality (each divided by `per`), or None when they
    add up to nothing. Decimals of a few places add up exactly; the fractions come last."""
    sums = dict.fromkeys(sorted(set(codes)), Decimal(0))
    for code, amount in amounts:
        sums[code] = sums.get(code, Decimal(0)) + amount
    totals = {code: Fraction(amount) / per for code, amount in sums.items()}
    whole = sum(totals.values(), Fraction(0))
    if whole <= 0:
        return None
    return ProposedKey(
        key,
        tuple(sorted(totals.items())),
        tuple((code, amount / whole) for code, amount in sorted(totals.items())),
    )


def share_of_cases(figures: KeyFigures) -> ProposedKey | None:
    """Each municipality's share of the cases it is acting municipality for."""
    return _key(CASES, figures.municipalities, ((c.acting, _ONE) for c in figures.cases))


def share_of_load(figures: KeyFigures) -> ProposedKey | None:
    """Each municipality's share of the case load (vaegt) of the cases it acts for."""
    return _key(LOAD, figures.municipalities, ((c.acting, c.load) for c in figures.cases))


def share_of_staff(figures: KeyFigures) -> ProposedKey | None:
    """Each municipality's share of the plan's staff, in full-time equivalents."""
    if figures.staff is None:
        return None
    return _key(
        STAFF,
        figures.municipalities,
        ((s.municipality, s.hours) for s in figures.staff),
        per=int(FULL_TIME_HOURS),
    )


def share_of_citizens(figures: KeyFigures) -> ProposedKey | None:
    """Each municipality's share of the citizens living in it."""
    return _key(CITIZENS, figures.municipalities, ((c, _ONE) for c in figures.citizens))


def proposed_keys(figures: KeyFigures) -> dict[str, ProposedKey]:
    """Return the keys that can be computed, by name (a key with nothing to share is left out)."""
    found = {
        CASES: share_of_cases(figures),
        LOAD: share_of_load(figures),
        STAFF: share_of_staff(figures),
        CITIZENS: share_of_citizens(figures),
    }
    return {name: key for name, key in found.items() if key is not None}


def _largest_remainder(shares: Mapping[int, Fraction], whole: int) -> dict[int, int]:
    """Whole units per municipality, summing to `whole`: each its floor, the rest to the
    largest remainders (ties to the lower code, so the result is the same every time)."""
    exact = {code: share * whole for code, share in shares.items()}
    units = {code: int(value // 1) for code, value in exact.items()}
    left = whole - sum(units.values())
    order = sorted(exact, key=lambda code: (-(exact[code] - units[code]), code))
    for code in order[:left]:
        units[code] += 1
    return units


def rounded(shares: Mapping[int, Fraction], places: int = SHARE_PLACES) -> dict[int, Decimal]:
    """Return the shares to `places` decimals, summing to exactly 1."""
    scale = 10**places
    units = _largest_remainder(shares, scale)
    return {code: Decimal(n).scaleb(-places) for code, n in sorted(units.items())}


def split_amount(amount: Decimal, shares: Mapping[int, Fraction]) -> dict[int, Decimal]:
    """Return an amount (DKK) split by the shares, in øre, summing to exactly the amount.

    A negative amount (an obligation, such as pensions) is split as its size, then negated.
    """
    ore = int((abs(amount) * 100).to_integral_value(rounding=ROUND_FLOOR))
    sign = -1 if amount < 0 else 1
    units = _largest_remainder(shares, ore)
    return {code: Decimal(sign * n).scaleb(-2) for code, n in sorted(units.items())}


def shares_from_text(shares: Mapping[str, str]) -> dict[int, Fraction]:
    """The stored shares (code -> decimal string) as exact fractions by municipality code."""
    return {int(code): Fraction(Decimal(value)) for code, value in shares.items()}
