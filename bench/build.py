"""Time the warehouse build, `python -m orion_data.build`, as a subprocess.

    python -m bench.build [--runs 3]

Each run builds from `data/raw/` into a new folder under one temporary directory
(`--warehouse`), so every run is a first build and the project's warehouse is left alone.
The wall time covers the whole subprocess: interpreter start, imports, reading the raw files
and writing the Parquet files. Target: a median of at most 60 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

from bench.machine import print_description
from orion_data.build.schema import TABLE_NAMES
from orion_data.paths import PROJECT_DIR

TARGET_S: Final = 60.0


def build_once(warehouse: Path) -> float:
    """Build into `warehouse` and return the wall time in seconds, or raise if the build fails."""
    command = [sys.executable, "-m", "orion_data.build", "--warehouse", str(warehouse)]
    start = time.perf_counter()
    completed = subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(
            f"the build into {warehouse} failed with exit code {completed.returncode}:\n"
            f"{completed.stderr[-2000:]}"
        )
    missing = [f"{name}.parquet" for name in TABLE_NAMES]
    missing = [name for name in missing if not (warehouse / name).is_file()]
    if missing:
        raise RuntimeError(f"the build into {warehouse} is missing {', '.join(missing)}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="builds to time (default 3)")
    args = parser.parse_args(argv)

    print_description()
    samples = []
    with tempfile.TemporaryDirectory(prefix="orion-bench-build-") as folder:
        for run in range(1, args.runs + 1):
            elapsed = build_once(Path(folder) / f"warehouse-{run}")
            samples.append(elapsed)
            print(f"- build {run}: {elapsed:.2f} s")

    # ru_maxrss of the children is the peak of the largest one, in KiB on Linux.
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median(samples)
    verdict = "met" if median <= TARGET_S else "missed"
    print("\n| runs | median | min | max | peak RSS of a build | target |")
    print("|---|---|---|---|---|---|")
    print(f"| {len(samples)} | {median:.2f} s | {min(samples):.2f} s | {max(samples):.2f} s "
          f"| {peak_mib:.0f} MiB | ≤ {TARGET_S:.0f} s: {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
