"""How long work reports how far it has come: one callback type for the whole code base."""

from __future__ import annotations

from collections.abc import Callable

# progress(stage, done, total): the stage's name (a profession, a table), and how many of
# how many steps are done. The planner, the robustness ranking, the import and the pages'
# background runs all report through it.
Progress = Callable[[str, int, int], None]

# progress(done, total), for work of one stage only (simulation runs, generated rows).
StepProgress = Callable[[int, int], None]
