"""A scenario's changes to the data set: other norms per profession, other staffing needs.

A scenario may ask "what if a family counsellor carried 12 load units instead of
10?" or "what if Vallensbæk needed 2 FTE of administration?". The plan is then
made from the data set with those figures replaced; everything downstream (the
model, the cost, the metrics) reads them from the problem's data set, so the
plan, its cost and its hash all say which figures it was made from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from overgang.core.domain import Dataset, StaffingNeed
from overgang.core.planning.policy import Policy


def apply_overrides(dataset: Dataset, policy: Policy) -> Dataset:
    """Return the data set with the policy's norms and staffing needs in place of its own.

    A staffing need override replaces every need of its municipality and
    profession; an override of 0 removes the need. Overrides naming a profession
    or municipality the data set lacks change nothing (`unmatched_settings` names them).
    """
    if not policy.norm_overrides and not policy.need_overrides:
        return dataset
    norms = dict(policy.norm_overrides)
    professions = tuple(
        replace(p, norm=norms[p.code]) if p.code in norms else p for p in dataset.professions
    )
    codes = {m.code for m in dataset.municipalities}
    known = [
        (m, p, fte)
        for m, p, fte in policy.need_overrides
        if m in codes and p in profession_codes(dataset)
    ]
    replaced = {(m, p) for m, p, _ in known}
    needs = tuple(n for n in dataset.needs if (n.municipality, n.profession) not in replaced)
    needs += tuple(
        StaffingNeed(municipality=m, profession=p, min_fte=fte) for m, p, fte in known if fte > 0
    )
    return replace(dataset, professions=professions, needs=needs)


def profession_codes(dataset: Dataset) -> set[str]:
    """Return the codes of the data set's professions."""
    return {p.code for p in dataset.professions}


@dataclass(frozen=True)
class UnmatchedSettings:
    """Settings of a policy that name something the data set does not have."""

    professions: tuple[str, ...] = ()
    municipalities: tuple[int, ...] = ()
    services: tuple[str, ...] = ()  # services kept in cooperation that no in-house case has

    def __bool__(self) -> bool:
        return bool(self.professions or self.municipalities or self.services)


def unmatched_settings(dataset: Dataset, policy: Policy) -> UnmatchedSettings:
    """Return the professions, municipalities and services a policy names that the data lacks."""
    professions = {p.code for p in dataset.professions}
    municipalities = {m.code for m in dataset.municipalities}
    services = {c.service for c in dataset.cases}
    named_professions = {code for code, _ in policy.norm_overrides}
    named_professions |= {p for _, p, _ in policy.need_overrides}
    return UnmatchedSettings(
        professions=tuple(sorted(named_professions - professions)),
        municipalities=tuple(sorted({m for m, _, _ in policy.need_overrides} - municipalities)),
        services=tuple(sorted(policy.cooperation_services - services)),
    )
