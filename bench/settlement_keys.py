"""Benchmark the settlement keys' computation: `python -m bench.settlement_keys`.

Times `overgang.core.settlement.proposed_keys` on synthetic figures of the demo's size
(about 2,500 cases, 1,700 citizens, 170 employees) times 1, 10 and 100, two
municipalities, best of five runs each, and prints a Markdown table for
docs/benchmarks.md ("The settlement's keys"). Reading the figures from the database is
measured separately (see there).
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

from overgang.core.settlement import CaseFigure, KeyFigures, StaffFigure, proposed_keys

CASES, CITIZENS, STAFF = 2500, 1700, 170


def figures(scale: int, seed: int = 2021) -> KeyFigures:
    """Synthetic figures: six cases in ten for the host (183), loads 0.5 to 3, hours 18.5 to 37."""
    chance = random.Random(seed)

    def code() -> int:
        return 183 if chance.random() < 0.6 else 187

    return KeyFigures(
        municipalities=(183, 187),
        cases=tuple(
            CaseFigure(code(), Decimal(chance.choice(("0.5", "1", "1.5", "2", "3"))))
            for _ in range(CASES * scale)
        ),
        citizens=tuple(code() for _ in range(CITIZENS * scale)),
        staff=tuple(
            StaffFigure(code(), Decimal(chance.choice(("18.5", "30", "32.5", "37"))))
            for _ in range(STAFF * scale)
        ),
    )


def best_of(runs: int, data: KeyFigures) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        keys = proposed_keys(data)
        times.append(time.perf_counter() - start)
        assert all(sum(dict(key.shares).values()) == 1 for key in keys.values())
    return min(times)


def main() -> None:
    print("| scale | cases | citizens | employees | keys (ms, best of 5) |")
    print("|--:|--:|--:|--:|--:|")
    for scale in (1, 10, 100):
        data = figures(scale)
        seconds = best_of(5, data)
        print(
            f"| {scale} | {len(data.cases)} | {len(data.citizens)} | {len(data.staff or ())} "
            f"| {seconds * 1000:.1f} |"
        )


if __name__ == "__main__":
    main()
