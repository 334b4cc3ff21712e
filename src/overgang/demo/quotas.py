"""Random draws with exact proportions, so that a scaled data set keeps its shape.

Drawing each item independently lets counts wander by a few per cent; the demo
set must instead hold its calibration at every seed and grow exactly with the
scale. `exact_quota` therefore fixes the count of every value by largest
remainder and only shuffles which item gets which.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TypeVar

T = TypeVar("T")


def stream(seed: int, purpose: str) -> random.Random:
    """Return a random generator for one purpose, independent of the other purposes.

    Seeding by a string is deterministic across runs and platforms (it is hashed
    with SHA-512, not with Python's randomised `hash`).
    """
    return random.Random(f"overgang-demo:{seed}:{purpose}")


def quota_counts(n: int, weights: Mapping[T, float]) -> dict[T, int]:
    """Return how many of n items each value gets, proportional to weights, summing to n."""
    total = sum(weights.values())
    if n <= 0 or total <= 0:
        return {value: 0 for value in weights}
    exact = {value: n * weight / total for value, weight in weights.items()}
    counts = {value: int(share) for value, share in exact.items()}
    missing = n - sum(counts.values())
    by_remainder = sorted(weights, key=lambda value: exact[value] - counts[value], reverse=True)
    for value in by_remainder[:missing]:
        counts[value] += 1
    return counts


def exact_quota(rng: random.Random, n: int, weights: Mapping[T, float]) -> list[T]:
    """Return n values in random order, each as often as its weight's share of n."""
    values: list[T] = []
    for value, count in quota_counts(n, weights).items():
        values.extend([value] * count)
    rng.shuffle(values)
    return values


def exact_flags(rng: random.Random, n: int, share: float) -> list[bool]:
    """Return n booleans in random order, round(n * share) of them true."""
    return exact_quota(rng, n, {True: share, False: 1.0 - share})


def scaled(count: float, scale: float, *, minimum: int = 0) -> int:
    """Return count × scale rounded, at least minimum."""
    return max(minimum, round(count * scale))


def weighted_pick(
    rng: random.Random, items: Sequence[T], weights: Sequence[float], k: int
) -> list[T]:
    """Return k distinct items drawn with probability proportional to weight.

    Efraimidis-Spirakis: each item gets the key u^(1/w); the k largest win. O(n log n).
    """
    keyed = [
        (rng.random() ** (1.0 / weight) if weight > 0 else 0.0, index)
        for index, weight in enumerate(weights)
    ]
    keyed.sort(reverse=True)
    return [items[index] for _, index in keyed[:k]]


def random_date(rng: random.Random, first: date, last: date) -> date:
    """Return a date between first and last, both included, uniformly."""
    return first + timedelta(days=rng.randint(0, (last - first).days))


def random_weekday(rng: random.Random, first: date, last: date) -> date:
    """Return a Monday-to-Friday date between first and last (first if there is none)."""
    for _ in range(20):
        day = random_date(rng, first, last)
        if day.weekday() < 5:
            return day
    return first
