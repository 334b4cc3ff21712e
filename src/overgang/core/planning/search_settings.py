"""How the planner shares its time: among the professions, and among each one's steps.

The measurements behind each value are in docs/benchmarks.md, "Why the search's
settings are what they are".
"""

from __future__ import annotations

from dataclasses import dataclass

from overgang.core.planning.policy import LARGE_MODEL_VARIABLES


@dataclass(frozen=True)
class SearchSettings:
    """The search's tuning: seconds are wall time, shares are parts of a profession's share."""

    # Without a time limit the solver still stops: a plan must come back in reasonable time.
    default_time_limit: float = 300.0
    # The least any CP-SAT search or share gets: with more, a short time limit is overrun.
    min_seconds: float = 0.3
    # The least a profession gets per employee at first: a large staff takes long to presolve.
    # Scale 100's 1,558 administrative staff have no cases, so almost no size: at 0.005 s
    # their 7.8 s left their plan 38,197 above the optimum, which 15.6 s prove (the first
    # shares take the whole budget there, so no round gives them more).
    staff_seconds: float = 0.01
    # How long a search with no plan at all to fall back on may go on for its first one.
    first_plan_seconds: float = 600.0
    # The most the pooled model behind the first plan gets beyond a tenth of the share.
    pooled_seconds: float = 10.0
    # The part of the first searches' time the relaxed-family model gets: smaller, same bound.
    # Only the least search (min_seconds): where it is easy it proves the profession, else it
    # hands a plan on. Longer, it proved nothing on the demo, tight-4 or scale 10: its optimum
    # lay below the exact one (FAM, PSY), or the exact search proved it in less (SRP), and the
    # demo's FAM and PSY spent 1.3-1.9 s each on it (0.4 before, docs/benchmarks.md).
    relaxed_share: float = 0.0
    # The most each first search gets where families are exact: the exact one proves fast or creeps.
    first_search_seconds: float = 10.0
    # A model of this many variables starts with the linear relaxation: CP-SAT's bound comes late.
    large_model_variables: int = LARGE_MODEL_VARIABLES
    # The most of a share the linear relaxation gets: CLP stopped early proves nothing.
    lp_share: float = 0.8
    # The most of a share the pattern bound gets on a small model (on a large one, lp_share).
    pattern_share: float = 0.5
    # A staff this large starts with the pattern bound. Every staff does: the relaxed families'
    # master converges in under a second and its exclusions let CP-SAT prove the demo's FAM and
    # PSY in a second or two, where CP-SAT alone took 13-17 s and SRP's 20 s did not prove.
    # (On tight-3 CP-SAT first was faster: 5 s against 12 s; docs/benchmarks.md.)
    pattern_first_staff: int = 0
    # The part of the pattern time the plan from the chosen patterns gets: it is seldom the best.
    choice_share: float = 0.2
    # The most that plan gets: on a long share it can spend tens of seconds to no gain (on the
    # demo it never gave the best plan; CP-SAT, started from the exclusions, does).
    choice_seconds: float = 1.0
    # The part of the pattern time the dive gets: on the demo's SRP and FAM 18-25 s of CP-SAT
    # with the places fixed found nothing the next search did not find in a second; at 0.02 the
    # demo's FAM and PSY still spent 2 s each on it to the same end. The least search only.
    dive_share: float = 0.0
    # The least each municipality's model gets in the dive, where the profession is searched
    # municipality by municipality (by_municipality.py): what it proves there, the exact
    # search does not prove again. The demo's PSY proves both in 0.56 units (0.5 a model):
    # its counted work 3.34 -> 2.77 s against the least search (min_seconds), the demo's
    # 8.22 -> 7.65; tight-3 and tight-4 the same, their dives proving in the least search.
    dive_part_seconds: float = 1.0
    # The most the exact patterns and their tree get in their first round: they may not converge.
    exact_stage_seconds: float = 20.0
    # The most rows of an exact master worth trying (0: never). Since CP-SAT is told the
    # bound so far and searches without LNS, it proves what the exact patterns proved in
    # about the same time (the demo's SRP: 2.0 s against 2.6 s), and where the exact tree
    # does not end it is time lost (tight-3's PSY and FAM: the counted work 2.7 -> 1.0;
    # tight-4's FYS: 10 s of exact tree before CP-SAT proved it in 2.5 s). Without
    # exclusions the demo's FBH (113 rows) converges in 6 s and SRP (125) in 10 s; FYS
    # (190), TAL (211) and PSY (306) not in 30 s, FAM (468) not in 600 s.
    exact_stage_rows: int = 0
    # Wentges smoothing of the pattern master's prices (column_generation.py): the pricing
    # asks at this share of the way back to the prices of the best bound so far, and at the
    # master's own prices only when that finds nothing. 0: the master's prices alone.
    smoothing: float = 0.5
    # CP-SAT workers where everyone's place is fixed (a re-plan with every decision notified):
    # what is left is who takes which case, which two searches (one per core) prove faster
    # than the full portfolio (measured under load: FAM 1.3-1.8 s against 2.4-2.6 s with 8;
    # one worker was faster still but once stalled for 48 s).
    fixed_places_workers: int = 2
    # Reproducible plans (docs/planning.md, "Same data, same settings, same answer"): every
    # step's share is read on a clock that counts the work done (determinism.py) instead of
    # measuring it, so that the same data and settings give the same plan.
    deterministic: bool = False
    # The part of the time limit the counted work may take: the rest is for what the count
    # does not see (reading the data, presolve, a busier machine than measured). Past the
    # limit itself a search stops on the clock and the plan may not reproduce.
    work_share: float = 0.6
    # The processes the counted budget is for: the professions' counted work may take
    # work_share of the limit this many times over, and no profession's share more than one
    # process's worth. A setting, not the processes the planner finds (processes), so that
    # the plan is the same in one process or several; in fewer, a search that needs all its
    # budget meets the time limit first and stops on the clock (stopped_on_clock). With a
    # budget for one process, two processes stopped at half the limit, and at scale 100 no
    # profession's pattern master converged: no bound (docs/benchmarks.md).
    work_processes: int = 2
    # The rates that turn counts of work into seconds of this machine (measured on the demo:
    # docs/benchmarks.md, "Reproducible plans"). CP-SAT's deterministic units per second:
    work_per_second: float = 0.5
    # A CLP simplex iteration, per row and column of its model, and each solve's own start.
    # Fitted on the pattern masters of the demo, scale 10 and scale 100's SRP (CLP's wall
    # time 0.23, 1.31 and 57 s): 1.4e-7 a cell without the start counted them as 0.16, 2.74
    # and 223 s, so a large profession got a quarter of the master its share was meant for.
    # Each solve's start: 1 ms counted the thousands of small masters of the tight
    # instances at 2.2-2.9 times their time; 0.3 ms at 0.8-1.8 (docs/benchmarks.md,
    # "The clock's rates").
    lp_seconds_per_iteration_and_row: float = 5e-8
    lp_seconds_per_solve: float = 0.0003
    # A cell of the pricing's knapsack programme, and each pricing's own start (the prices
    # handed to each employee's compiled knapsack, the columns read back). Refitted after the
    # knapsack was compiled (86f8b59): 9e-8 a cell alone counted the pricing at 1.0-2.4 times
    # its wall time (demo 2.4, tight-5-2000 1.9, scale 10 1.7); these two at 0.9-1.6
    # (docs/benchmarks.md, "The clock's rates").
    pricing_seconds_per_cell: float = 4.6e-8
    pricing_seconds_per_call: float = 0.001
    # Building a CP-SAT model, per variable and constraint:
    build_seconds_per_element: float = 8e-6
    # Workers of the deterministic search: with interleave_search CP-SAT's portfolio is
    # deterministic whatever their number, which then only sets its speed.
    deterministic_workers: int = 1
    # Whether the deterministic search's one worker takes turns with CP-SAT's neighbourhood
    # searches (LNS). Without them it searches the full model only, which the pattern bound
    # and its exclusions have made small enough: the demo's FAM and PSY exact searches
    # 3.5-3.9 -> 1.7-1.9 s, the demo 16.8 -> 13.5 s in one process, tight-3 11.3 -> 7.6 s,
    # tight-4 proven (27.9 s; unproven at 60 s with them), scale 10 the same plan and a
    # slightly higher bound (docs/benchmarks.md). The wall-clock search keeps them.
    deterministic_lns: bool = False
    # The deterministic exact search once the pattern bound is known (a plan in hand, a bound
    # below it): mostly a proof, which CP-SAT's searches with the linear relaxation make.
    # Its one worker takes turns among these alone, not its whole portfolio of nine, and
    # presolve probes less. Measured on the exact searches of the demo (FAM 0.71 -> 0.42
    # deterministic units, PSY 0.61 -> 0.50, FYS 0.14 -> 0.10, SRP 0.75 -> 0.88) and of
    # tight-4 (FYS 2.52 -> 0.21, PSY 1.01 -> 0.24); the counted work of the demo 11.6 -> 10.9,
    # tight-4 22.4 -> 16.2, the same plans (docs/benchmarks.md). Empty: the portfolio.
    # Since the exact search goes municipality by municipality (by_municipality.py), the
    # search with pseudo costs in place of max_lp: the demo's counted work 7.65 -> 7.23 s
    # (FAM 1.50 -> 1.25, SRP 0.73 -> 0.60), tight-4 15.44 -> 14.71, tight-3 the same, scale
    # 10 the same plan and bound. Alone it did as well, but default_lp alone, the best on
    # the demo's six municipality models, stalled for 20 units on three of tight-4's.
    proof_subsolvers: tuple[str, ...] = ("pseudo_costs", "default_lp")
    proof_probing_level: int = 1
    # The most (case, colleague) pairs of a profession proven optimal whose ties are broken by
    # the stated rule (tiebreak.py): it asks a question per decision the search's plan does
    # not already make as the rule prefers, each as hard as a proof where the answer is no.
    tie_break_pairs: int = 2000
    # Processes that search the professions side by side (parallel.py); 0: one per core this
    # process may use. Each CP-SAT search then gets its share of the workers.
    processes: int = 0
    # A profession this large (solve.profession_sizes) is worth a process of its own: below
    # it, starting one takes longer than the search (the demo's VSU, 1,000, takes 0.1 s; tight-3's
    # PSY, 1,500, 6 s).
    process_min_size: int = 500
    # Where a deterministic search has no time limit to keep (a step run on its own), it
    # stops on the clock this many seconds after its start.
    wall_backstop: float = 300.0


DEFAULT_SETTINGS = SearchSettings()
