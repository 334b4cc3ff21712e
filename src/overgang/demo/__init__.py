"""The seeded, synthetic demo data set: `generate(seed=..., scale=..., municipalities=...)`."""

from overgang.demo.generator import generate

__all__ = ["generate"]
