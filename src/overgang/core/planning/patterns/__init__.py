"""A stronger proven bound: each employee's work as a whole pattern (Dantzig–Wolfe).

The linear relaxation (lp_bound) may fill every employee exactly to their limit
with fractions of cases. Here an employee's share of a plan is one *pattern*:
the municipality they work for, how many cases of each group they keep, how
many of each (municipality, load) class they take on and which family cases
they take — a whole packing within their limit, with its exact overload. The
master problem mixes patterns (a convex combination per employee) so that
every case is kept, handed on or unstaffed exactly once. Its columns are
generated: an employee's cheapest pattern under the master's prices is a
knapsack over whole loads, solved exactly by a dynamic programme over the
multiples of the loads' step.

Whatever the prices, the Lagrangian bound

    Σ price × right-hand side + Σ_e (the least reduced cost of e's patterns)
    + Σ other columns (their least reduced cost within their bounds)

is a lower bound on the cost of every plan: a plan is one pattern per employee
plus unstaffed cases, splits and missing FTE that keep every row. It is computed
in exact integer arithmetic from prices rounded to multiples of 2^-PRICE_BITS
objective units, so it holds whatever the floating-point master said.

The parts:

- items.py: what a pattern is made of (typed items, families, patterns);
- master_data.py: the master's rows, one function per family of rows;
- employees.py: what each employee may carry (the groups they keep, their families);
- knapsack.py: the dynamic programme over loads;
- pricing.py: the knapsack pricing and the exact Lagrangian bound;
- packing.py: each employee's knapsack of the pricing, laid out once and packed compiled;
- column_generation.py: the master (CLP) and its pricing loop, `PatternSearch`;
- heuristics.py: the restricted-master heuristic, reduced-cost fixing, the master's places;
- plans.py: a plan as patterns and patterns as a plan.
"""

from overgang.core.planning.patterns.column_generation import PatternBound, PatternSearch
from overgang.core.planning.patterns.knapsack import UNREACHABLE, Knapsack
from overgang.core.planning.patterns.packing import FAMILY_SUBSETS
from overgang.core.planning.patterns.pricing import ENTERING, PRICE_BITS, SCALE

__all__ = [
    "ENTERING",
    "FAMILY_SUBSETS",
    "PRICE_BITS",
    "SCALE",
    "UNREACHABLE",
    "Knapsack",
    "PatternBound",
    "PatternSearch",
]
