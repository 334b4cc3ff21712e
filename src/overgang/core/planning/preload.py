"""What the planning processes' fork server loads before it forks them (parallel.py).

Importing this module loads the compiled pricing knapsack (patterns/packing.py) from
numba's cache: 0.2 s a process on the benchmark machine, which each planning process
would otherwise spend on its first pricing. Forked from a server that has done it, they
start with it loaded.
"""

from __future__ import annotations

from overgang.core.planning.patterns.packing import load_compiled

load_compiled()
