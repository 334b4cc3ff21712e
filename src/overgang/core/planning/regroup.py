"""Fewer split families: swap handed-on cases of one class between colleagues, and move
one to a colleague who holds a sibling's case where that is cheaper."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction

from overgang.core.planning.policy import Weights
from overgang.core.planning.problem import Assignment
from overgang.core.planning.units import Q_PER_LOAD_UNIT, load_q

LoadClass = tuple[int, int]  # (serving municipality, load in q units)


def _anchors(a: Assignment, approved: Mapping[str, str]) -> tuple[str | None, ...]:
    """The persons whose holding the case changes its cost: today's contact person and the
    reference plan's (changed_from_approved)."""
    return (a.current_contact, approved.get(a.id, a.current_contact))


def regroup_families(
    every_case: list[Assignment],
    contact: dict[str, str | None],
    approved: Mapping[str, str] | None = None,
) -> None:
    """Swap handed-on cases of one class between colleagues while fewer families are split.

    Two handed-on cases of the same (municipality, load) class can change hands
    without changing anyone's load or employer: only the family split term can
    change, and a swap is made only where it goes down. A case held by its own
    former contact person, or by the one the reference plan (`approved`, by case)
    gave it, stays there, and none is swapped to either. Each swap takes a contact
    person away from a family, so this ends.
    """
    approved = approved or {}
    load_class = {a.id: (a.serving, load_q(a.case.load)) for a in every_case}
    handed = {
        a.id: a
        for a in every_case
        if contact.get(a.id) is not None and contact.get(a.id) not in _anchors(a, approved)
    }
    by_holder: dict[tuple[str | None, LoadClass], set[str]] = defaultdict(set)
    for a in handed.values():
        by_holder[contact[a.id], load_class[a.id]].add(a.id)
    # How many of each family's cases each person holds, kept cases included.
    held: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a in every_case:
        person = contact.get(a.id)
        if person is not None:
            held[a.family_id][person] += 1

    def change(family: str, loses: str, gains: str) -> int:
        counts = held[family]
        return int(counts[gains] == 0) - int(counts[loses] == 1)

    def swap_for(a: Assignment) -> tuple[str, str] | None:
        giver = contact[a.id]
        assert giver is not None
        for taker in sorted(p for p, n in held[a.family_id].items() if n and p != giver):
            gain = change(a.family_id, giver, taker)
            if gain >= 0 or taker in _anchors(a, approved):
                continue
            for other in sorted(by_holder[taker, load_class[a.id]]):
                theirs = handed[other]
                if theirs.family_id == a.family_id or giver in _anchors(theirs, approved):
                    continue
                if gain + change(theirs.family_id, taker, giver) < 0:
                    return taker, other
        return None

    families: dict[str, list[Assignment]] = defaultdict(list)
    for a in handed.values():
        families[a.family_id].append(a)
    improved = True
    while improved:
        improved = False
        for family in sorted(families):
            for a in sorted(families[family], key=lambda a: a.id):
                if sum(1 for n in held[family].values() if n) < 2:
                    break
                found = swap_for(a)
                if found is None:
                    continue
                taker, other = found
                giver, theirs = contact[a.id], handed[other]
                assert giver is not None
                q = load_class[a.id]
                contact[a.id], contact[other] = taker, giver
                by_holder[giver, q].discard(a.id)
                by_holder[taker, q].discard(other)
                by_holder[taker, q].add(a.id)
                by_holder[giver, q].add(other)
                held[family][giver] -= 1
                held[family][taker] += 1
                held[theirs.family_id][taker] -= 1
                held[theirs.family_id][giver] += 1
                improved = True


def consolidate_families(
    every_case: list[Assignment],
    contact: dict[str, str | None],
    capacity: dict[str, int],
    limit: dict[str, int],
    weights: Weights,
    keep_value: Mapping[str, Fraction],
    approved: Mapping[str, str] | None = None,
) -> None:
    """Move a colleague's handed-on cases of a family to one who holds a sibling's case,
    where that is cheaper.

    The solver's counts fix which colleague takes how many cases of each class;
    its families' splits are only bounded, not priced. So where a person holds
    a family's cases only as handed on (none of them their own), all in one
    municipality, they go together to a colleague who holds another case of the
    family there and has room under the hard limit, if the contact person it
    saves the family (and the contact changes, where that colleague is a case's
    own former contact person: `keep_value`; or the one the reference plan gave it,
    `approved`: changed_from_approved) outweigh the overload the move adds. Cases held
    by their own former contact person or the reference plan's do not move.
    Every move lowers the cost, so this ends.
    """
    approved = approved or {}
    cfa = Fraction(weights.changed_from_approved)
    load: dict[str, int] = defaultdict(int)
    families: dict[str, list[Assignment]] = defaultdict(list)
    for a in every_case:
        families[a.family_id].append(a)
        person = contact.get(a.id)
        if person is not None:
            load[person] += load_q(a.case.load)
    over_price = Fraction(weights.overload) / Q_PER_LOAD_UNIT

    def overload(person: str, carried: int) -> Fraction:
        return max(0, carried - capacity[person]) * over_price

    def saving(group: list[Assignment], giver: str, taker: str, q: int) -> Fraction:
        cost = (
            overload(taker, load[taker] + q)
            - overload(taker, load[taker])
            + overload(giver, load[giver] - q)
            - overload(giver, load[giver])
        )
        gain = Fraction(weights.family_split) + sum(
            (keep_value.get(a.id, Fraction(0)) for a in group if a.current_contact == taker),
            Fraction(0),
        )
        # A case the reference plan gave the taker, who is not its own former contact
        # person (keep_value holds that), goes back to where it was approved.
        gain += cfa * sum(1 for a in group if approved.get(a.id) == taker != a.current_contact)
        return gain - cost

    improved = True
    while improved:
        improved = False
        for family in sorted(families):
            members = families[family]
            by_holder: dict[str, list[Assignment]] = defaultdict(list)
            for a in members:
                person = contact.get(a.id)
                if person is not None:
                    by_holder[person].append(a)
            if len(by_holder) < 2:
                continue
            for giver, group in sorted(by_holder.items()):
                serving = {a.serving for a in group}
                if len(serving) > 1 or any(giver in _anchors(a, approved) for a in group):
                    continue
                (m,) = serving
                q = sum(load_q(a.case.load) for a in group)
                takers = [
                    p
                    for p, held in sorted(by_holder.items())
                    if p != giver and any(a.serving == m for a in held) and load[p] + q <= limit[p]
                ]
                best = max(takers, key=lambda p: (saving(group, giver, p, q), p), default=None)
                if best is None or saving(group, giver, best, q) <= 0:
                    continue
                for a in group:
                    contact[a.id] = best
                load[giver] -= q
                load[best] += q
                improved = True
                break
