"""assess_robustness(problem, plan) -> Robustness: competence robustness per municipality after the split."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from overgang.core.planning.plan import Plan
from overgang.core.planning.problem import Problem
from overgang.core.progress import Progress
from overgang.core.robustness.competences import LostCompetence, ScarceCompetence, scarce_and_lost
from overgang.core.robustness.cooperation import CooperationBenefit, rank_cooperation
from overgang.core.robustness.supply import ProfessionSupply, profession_supply

# A profession with fewer FTE than this in a municipality is frail (the hearing
# response's "robustness"): with one colleague away (holiday, illness, training)
# fewer than three remain to share the load, cover the specialties and consult.
DEFAULT_CRITICAL_FTE = Fraction(4)
# A competence held by this many employees or fewer is a single point of failure (or nearly).
DEFAULT_MAX_HOLDERS = 2
# Hires below a tenth of an FTE (3.7 hours a week) are no real hire: the load is
# carried as overload, and no warning is given.
MIN_HIRES_WARNING_FTE = Fraction(1, 10)
# Seconds for re-planning one service's professions as kept in cooperation.
DEFAULT_REPLAN_SECONDS = 2.0

Param = str | int | float


class WarningCode:
    BELOW_CRITICAL_MASS = "below_critical_mass"  # subject: profession
    HIRES_NEEDED = "hires_needed"  # subject: profession
    SINGLE_HOLDER = "single_holder"  # subject: competence held by one employee
    FEW_HOLDERS = "few_holders"  # subject: competence held by two (up to max_holders)
    COMPETENCE_LOST = (
        "competence_lost"  # subject: competence the centre has and the municipality lacks
    )


# Per municipality the warnings come in this order: staffing first, then competences.
WARNING_ORDER = (
    WarningCode.BELOW_CRITICAL_MASS,
    WarningCode.HIRES_NEEDED,
    WarningCode.SINGLE_HOLDER,
    WarningCode.FEW_HOLDERS,
    WarningCode.COMPETENCE_LOST,
)


@dataclass(frozen=True)
class RobustnessWarning:
    """One finding a committee should see, as a code with its details (worded in overgang.texts)."""

    code: str
    municipality: int
    subject: str  # the profession or competence concerned
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str) -> Param | None:
        return dict(self.params).get(name)


@dataclass(frozen=True)
class Robustness:
    critical_fte: Fraction
    max_holders: int
    supply: tuple[ProfessionSupply, ...]
    scarce_competences: tuple[ScarceCompetence, ...]
    lost_competences: tuple[LostCompetence, ...]
    cooperation: tuple[CooperationBenefit, ...]  # most helpful first; empty when not ranked
    cooperation_ranked: bool
    warnings: tuple[RobustnessWarning, ...]

    def warnings_for(self, municipality: int) -> tuple[RobustnessWarning, ...]:
        return tuple(w for w in self.warnings if w.municipality == municipality)

    def single_points_of_failure(self) -> tuple[ScarceCompetence, ...]:
        return tuple(c for c in self.scarce_competences if c.single_point_of_failure)

    def below_critical_mass(self) -> tuple[ProfessionSupply, ...]:
        return tuple(s for s in self.supply if s.below_critical_mass)

    def hires_fte(self, municipality: int | None = None) -> Fraction:
        return sum(
            (s.hires_fte for s in self.supply if municipality in (None, s.municipality)),
            Fraction(0),
        )


def assess_robustness(
    problem: Problem,
    plan: Plan,
    *,
    critical_fte: Fraction | float | str = DEFAULT_CRITICAL_FTE,
    max_holders: int = DEFAULT_MAX_HOLDERS,
    rank_services: bool = True,
    replan_seconds: float = DEFAULT_REPLAN_SECONDS,
    deterministic: bool | None = None,
    progress: Progress | None = None,
) -> Robustness:
    """Return the robustness of each municipality's staff under the plan, with its warnings.

    Supply against demand per profession in FTE, professions below `critical_fte`,
    the hires needed, competences held by at most `max_holders` employees or lost,
    and (with `rank_services`) the services ranked by what keeping them in a
    voluntary cooperation would save, each re-planned within `replan_seconds` (with the
    deterministic search if `deterministic`, the plan's own search if None).
    """
    critical = (
        Fraction(str(critical_fte)) if isinstance(critical_fte, float) else Fraction(critical_fte)
    )
    employer, contact = plan.employer(), plan.contacts()
    supply = profession_supply(problem, employer, contact, critical)
    scarce, lost = scarce_and_lost(problem, employer, max_holders)
    cooperation = (
        rank_cooperation(
            problem,
            plan,
            replan_seconds=replan_seconds,
            deterministic=deterministic,
            progress=progress,
        )
        if rank_services
        else ()
    )
    return Robustness(
        critical_fte=critical,
        max_holders=max_holders,
        supply=supply,
        scarce_competences=scarce,
        lost_competences=lost,
        cooperation=cooperation,
        cooperation_ranked=rank_services,
        warnings=_warnings(supply, scarce, lost, critical),
    )


def _fte(value: Fraction) -> float:
    # Three decimals: the words round once more, to one, as the tables do from the same figure.
    return round(float(value), 3)


def _warnings(
    supply: tuple[ProfessionSupply, ...],
    scarce: tuple[ScarceCompetence, ...],
    lost: tuple[LostCompetence, ...],
    critical: Fraction,
) -> tuple[RobustnessWarning, ...]:
    """Return the warnings per municipality: professions first, then competences."""
    warnings: list[RobustnessWarning] = []
    for s in supply:
        if s.below_critical_mass:
            warnings.append(
                RobustnessWarning(
                    WarningCode.BELOW_CRITICAL_MASS,
                    s.municipality,
                    s.profession,
                    (("fte", _fte(s.supply_fte)), ("critical_fte", _fte(critical))),
                )
            )
        if s.hires_fte >= MIN_HIRES_WARNING_FTE:
            warnings.append(
                RobustnessWarning(
                    WarningCode.HIRES_NEEDED,
                    s.municipality,
                    s.profession,
                    (("fte", _fte(s.hires_fte)), ("for_load_fte", _fte(s.hires_for_load_fte))),
                )
            )
    for c in scarce:
        code = WarningCode.SINGLE_HOLDER if c.single_point_of_failure else WarningCode.FEW_HOLDERS
        warnings.append(
            RobustnessWarning(
                code,
                c.municipality,
                c.competence,
                (("holders", len(c.holders)), ("holders_in_centre", c.holders_in_centre)),
            )
        )
    for gone in lost:
        warnings.append(
            RobustnessWarning(
                WarningCode.COMPETENCE_LOST,
                gone.municipality,
                gone.competence,
                (("holders_in_centre", gone.holders_in_centre),),
            )
        )
    order = {code: i for i, code in enumerate(WARNING_ORDER)}
    return tuple(sorted(warnings, key=lambda w: (w.municipality, order[w.code], w.subject)))
