"""After the effective date: did the children the plan promised continuity keep their contact person?

The plan promises a child continuity where a case keeps its contact person (the former
and the new are the same person). After the effective date each municipality records
the changes of contact person its case system shows. A child kept the promise, in a
profession, when none of their promised cases of that profession has a change recorded
on or after the effective date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from overgang.core.suppression import CountTable, SuppressedTable, suppress_table


@dataclass(frozen=True)
class PromisedCase:
    """A case the plan lets keep its contact person."""

    case_id: str
    citizen_id: str
    profession: str  # code
    municipality: int  # the municipality that serves it from the effective date


@dataclass(frozen=True)
class RecordedChange:
    case_id: str
    changed_on: date


@dataclass(frozen=True)
class Continuity:
    """Per profession: the children promised their contact person, those who kept it, those who
    did not."""

    profession: str
    promised: int
    kept: int

    @property
    def changed(self) -> int:
        return self.promised - self.kept


def continuity_kept(
    promised: Iterable[PromisedCase], changes: Iterable[RecordedChange], *, effective_date: date
) -> tuple[Continuity, ...]:
    """The children who were to keep their contact person and did, per profession (sorted)."""
    changed_cases = {c.case_id for c in changes if c.changed_on >= effective_date}
    children: dict[str, dict[str, bool]] = {}  # profession -> child -> kept every promised case
    for case in promised:
        kept = children.setdefault(case.profession, {})
        kept[case.citizen_id] = kept.get(case.citizen_id, True) and (
            case.case_id not in changed_cases
        )
    return tuple(
        Continuity(profession, len(kept), sum(kept.values()))
        for profession, kept in sorted(children.items())
    )


def continuity_table(rows: Sequence[Continuity]) -> SuppressedTable:
    """The comparison as it may be shown: kept and changed per profession with their totals,
    small counts hidden so that none can be worked out from the others."""
    return suppress_table(
        CountTable(
            rows=tuple(r.profession for r in rows),
            columns=("kept", "changed"),
            values=tuple((r.kept, r.changed) for r in rows),
        )
    )
