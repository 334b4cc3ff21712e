"""Measure how long the workbook takes to write and read: `python -m overgang.io.bench [--scale 100]`.

Writes the demo data set as .xlsx (XlsxWriter) and as a CSV folder into a temporary
folder, reads both back (python-calamine for .xlsx), checks that they give the demo
data set again, and prints the seconds of each step and the process's peak memory
so far (the generated data set included). Timing stays out of the test suite on purpose.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overgang.web.settings")
    import django

    django.setup()
    from overgang.demo import generate
    from overgang.io.read import read_workbook
    from overgang.io.write import canonical, write_workbook

    dataset = generate(seed=args.seed, scale=args.scale)
    expected = canonical(dataset)
    rows = sum(dataset.row_counts().values())
    print(f"demo data set, scale {args.scale:g}: {rows:,} rows")
    with tempfile.TemporaryDirectory() as folder:
        for target in (Path(folder) / "demo.xlsx", Path(folder) / "demo-csv"):
            started = time.perf_counter()
            write_workbook(dataset, target)
            written = time.perf_counter() - started
            started = time.perf_counter()
            result = read_workbook(target, cpr_key=b"bench")
            read = time.perf_counter() - started
            size = (
                sum(p.stat().st_size for p in target.iterdir())
                if target.is_dir()
                else target.stat().st_size
            )
            same = "same data set" if result.dataset == expected else "DIFFERENT data set"
            print(
                f"{target.name:>9}: write {written:6.1f} s, read {read:6.1f} s, "
                f"{size / 1e6:6.1f} MB, {len(result.issues)} issues, {same}, "
                f"peak memory so far {_peak_mb():,.0f} MB"
            )


def _peak_mb() -> float:
    """Return the most memory this process has held at once, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6  # bytes there, KiB here


if __name__ == "__main__":
    main()
