"""District teams: each municipality's staff after the split, in teams tied to its school districts.

The API other parts build on:

    from overgang.core.teams import form_teams
    teams = form_teams(problem, plan, min_team_fte=8)
    for team in teams.teams:
        team.id, team.municipality, team.name, team.districts, team.institutions
        team.leader               # employee id, or None when the team lacks a leader
        team.missing_professions  # professions its districts need and no member has
        team.balance              # demand and supply per profession (load, FTE)
        team.members              # with each member's share of cases inside the districts
    teams.lacking_leader(), teams.lacking_profession(), teams.team_of_institution()

See docs/teams-and-robustness.md for the method.
"""

from overgang.core.teams.form import DEFAULT_MIN_TEAM_FTE, DEFAULT_TEAM_SECONDS, form_teams
from overgang.core.teams.team import (
    OutsideLoad,
    ProfessionBalance,
    SharedStaff,
    Team,
    TeamMember,
    TeamPlan,
)

__all__ = [
    "DEFAULT_MIN_TEAM_FTE",
    "DEFAULT_TEAM_SECONDS",
    "OutsideLoad",
    "ProfessionBalance",
    "SharedStaff",
    "Team",
    "TeamMember",
    "TeamPlan",
    "form_teams",
]
