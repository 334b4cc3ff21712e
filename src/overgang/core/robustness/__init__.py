"""Competence robustness per municipality after the split.

The API other parts build on:

    from overgang.core.robustness import assess_robustness
    robustness = assess_robustness(problem, plan, critical_fte=3, rank_services=False)
    robustness.warnings            # RobustnessWarning(code, municipality, subject, params)
    robustness.supply              # per municipality and profession: supply and demand in FTE, hires
    robustness.single_points_of_failure(), robustness.below_critical_mass(), robustness.hires_fte()
    robustness.cooperation         # services ranked by what keeping them shared saves

`overgang.texts.robustness.warning_text(warning, ...)` words a warning.
See docs/teams-and-robustness.md for the method.
"""

from overgang.core.robustness.competences import LostCompetence, ScarceCompetence
from overgang.core.robustness.cooperation import Continuity, CooperationBenefit
from overgang.core.robustness.report import (
    DEFAULT_CRITICAL_FTE,
    DEFAULT_MAX_HOLDERS,
    DEFAULT_REPLAN_SECONDS,
    Robustness,
    RobustnessWarning,
    WarningCode,
    assess_robustness,
)
from overgang.core.robustness.supply import ProfessionSupply

__all__ = [
    "DEFAULT_CRITICAL_FTE",
    "DEFAULT_MAX_HOLDERS",
    "DEFAULT_REPLAN_SECONDS",
    "Continuity",
    "CooperationBenefit",
    "LostCompetence",
    "ProfessionSupply",
    "Robustness",
    "RobustnessWarning",
    "ScarceCompetence",
    "WarningCode",
    "assess_robustness",
]
