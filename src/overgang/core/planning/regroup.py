"""Fewer split families at no other cost: swap handed-on cases of one class between colleagues."""

from __future__ import annotations

from collections import defaultdict

from overgang.core.planning.problem import Assignment
from overgang.core.planning.units import load_q

LoadClass = tuple[int, int]  # (serving municipality, load in q units)


def regroup_families(every_case: list[Assignment], contact: dict[str, str | None]) -> None:
    """Swap handed-on cases of one class between colleagues while fewer families are split.

    Two handed-on cases of the same (municipality, load) class can change hands
    without changing anyone's load or employer: only the family split term can
    change, and a swap is made only where it goes down. A case held by its own
    former contact person stays there. Each swap takes a contact person away
    from a family, so this ends.
    """
    load_class = {a.id: (a.serving, load_q(a.case.load)) for a in every_case}
    handed = {a.id: a for a in every_case if contact.get(a.id) not in (None, a.current_contact)}
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
            if gain >= 0 or taker == a.current_contact:
                continue
            for other in sorted(by_holder[taker, load_class[a.id]]):
                theirs = handed[other]
                if theirs.family_id == a.family_id or theirs.current_contact == giver:
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
