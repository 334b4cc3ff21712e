"""Measure how long the demo generator takes: `python -m overgang.demo.bench [--scale 100]`.

Prints the wall-clock seconds and the row counts; `--profile` adds the ten most
expensive functions. Timing stays out of the test suite on purpose.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Sequence

from overgang.core.domain import Dataset
from overgang.demo.generator import generate


def time_generation(
    *, seed: int = 2021, scale: float = 100.0, municipalities: int = 2
) -> tuple[float, Dataset]:
    """Return the seconds one generation takes, and its data set."""
    started = time.perf_counter()
    dataset = generate(seed=seed, scale=scale, municipalities=municipalities)
    return time.perf_counter() - started, dataset


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--scale", type=float, default=100.0)
    parser.add_argument("--municipalities", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    seconds, dataset = time_generation(
        seed=args.seed, scale=args.scale, municipalities=args.municipalities
    )
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(10)
    counts = ", ".join(f"{sheet} {n:,}" for sheet, n in dataset.row_counts().items())
    print(f"scale {args.scale:g}, {args.municipalities} municipalities: {seconds:.1f} s ({counts})")


if __name__ == "__main__":
    main()
