"""Named points in the work of an import, a plan and an approval where a test can stop it.

Off unless the environment variable OVERGANG_PAUSE_AT names points (comma-separated, e.g.
`import:merged,plan:solved`). At such a point the command prints `PAUSED <name>` on
stderr and waits: the test kills it there (SIGKILL) or lets it go on (SIGUSR1). The crash
tests (tests/web/test_crashes.py) prove that a process killed at any of them loses nothing.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

ENVIRONMENT_VARIABLE = "OVERGANG_PAUSE_AT"


def pause_point(name: str) -> None:
    """Wait here for SIGUSR1 when OVERGANG_PAUSE_AT names this point; otherwise do nothing."""
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if not named or name not in named.split(","):
        return
    resumed = threading.Event()
    previous = signal.signal(signal.SIGUSR1, lambda _signal, _frame: resumed.set())
    try:
        print(f"PAUSED {name}", file=sys.stderr, flush=True)
        while not resumed.wait(0.05):
            pass
    finally:
        signal.signal(signal.SIGUSR1, previous)
