"""Time the console query per territory and grain, next to a naive pandas baseline.

    python -m bench.console [--runs 20] [--region 84] [--departement 069]

For France, one région and one département, at the default rentrée, it times
`orion_data.console.query_console(ConsoleFilters(...), grain)` (the query itself, without
the result cache of `console()`) for the `formation` and `offre` grains, then `bench.naive_console.naive_formations`, which re-reads the raw CSV files on
every call. Each timing is one untimed warm-up then `--runs` calls. Before timing, the
baseline's taux de pression and taux d'emploi are compared with the console's, formation by
formation. Last, DuckDB's profiler splits one filtered query into planning, optimizing and
execution, and the call into `execute` and the pandas conversion `.df()`.

Targets: a filtered console query (région or département) takes at most 20 ms (median),
and the console grain `formation` is at least 10 times faster than the baseline.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from dataclasses import dataclass
from typing import Final

import pandas as pd

from bench.machine import print_description
from bench.naive_console import naive_formations
from bench.timing import Summary, repeat, summarize
from orion_data import console, db, nomenclatures
from orion_data.console import ConsoleFilters, Grain

TARGET_FILTERED_S: Final = 0.020
TARGET_SPEEDUP: Final = 10.0
GRAINS: Final[tuple[Grain, ...]] = ("formation", "offre")
COMPARED: Final = ("taux_pression", "taux_emploi_6_mois")
TOLERANCE: Final = 1e-9
STEPS: Final = (
    "execute", "df", "prepare", "planner", "optimizer", "physical_planner", "operators_cpu", "total"
)


@dataclass(frozen=True)
class Territory:
    """A territory of the console filters: France, one région or one département."""

    label: str
    code_region: str | None = None
    code_departement: str | None = None

    @property
    def filtered(self) -> bool:
        return self.code_region is not None or self.code_departement is not None

    def filters(self, rentree: int) -> ConsoleFilters:
        return ConsoleFilters(
            rentree=rentree,
            code_region=self.code_region,
            code_departement=self.code_departement,
        )


def _same(left: float, right: float) -> bool:
    if pd.isna(left) or pd.isna(right):
        return pd.isna(left) and pd.isna(right)
    return math.isclose(left, right, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def compare(territory: Territory, rentree: int) -> int:
    """Print the console's and the baseline's values side by side and count the mismatches."""
    ours = console.console(territory.filters(rentree), "formation")
    naive = naive_formations(rentree, territory.code_region, territory.code_departement)
    merged = ours.merge(naive, on=["cfd", "dispositif"], suffixes=("_console", "_naive"))
    mismatches = 0
    for column in COMPARED:
        equal = [
            _same(row[f"{column}_console"], row[f"{column}_naive"])
            for _, row in merged.iterrows()
        ]
        mismatches += equal.count(False)
        print(f"  {column}: {equal.count(True)} equal of {len(merged)} formations in both")
    print(f"  formations: console {len(ours)}, baseline {len(naive)}, in both {len(merged)}")

    both_known = merged.dropna(subset=[f"{column}_console" for column in COMPARED])
    sample = both_known.head(5)[
        ["cfd", "dispositif", "libelle_formation"]
        + [f"{column}_{side}" for column in COMPARED for side in ("console", "naive")]
    ]
    print(sample.to_string(index=False, float_format=lambda value: f"{value:.6f}"))
    return mismatches


def _time_console(filters: ConsoleFilters, grain: Grain, runs: int) -> tuple[Summary, int]:
    # query_console skips the result cache of console(), so every run is a real query.
    rows = len(console.query_console(filters, grain))
    samples = repeat(lambda: console.query_console(filters, grain), runs)
    return summarize(samples), rows


def _time_cached(filters: ConsoleFilters, grain: Grain, runs: int) -> Summary:
    console.console(filters, grain)
    return summarize(repeat(lambda: console.console(filters, grain), runs))


def _time_naive(territory: Territory, rentree: int, runs: int) -> Summary:
    samples = repeat(
        lambda: naive_formations(rentree, territory.code_region, territory.code_departement),
        runs,
    )
    return summarize(samples)


def _profile(filters: ConsoleFilters, grain: Grain, runs: int) -> dict[str, float]:
    """Return the median milliseconds of each step of one console query.

    `execute` is DuckDB's parsing, binding, planning and execution, `df` the conversion of
    the result to pandas. `prepare` is a PREPARE of the same SQL, which parses and binds it
    without parameter values. DuckDB's profiler gives the planner, optimizer and physical planner
    times, the operators' CPU time summed over threads, and its total for the query. It runs
    on a separate connection so that profiling does not slow the `execute` and `df` timings.
    """
    sql, params = console.statement(filters, grain)

    plain = db.connection()
    execute, convert = [], []
    for _ in range(runs + 1):
        start = time.perf_counter()
        result = plain.execute(sql, params)
        middle = time.perf_counter()
        result.df()
        execute.append(middle - start)
        convert.append(time.perf_counter() - middle)

    preparer = plain.cursor()
    # A new cursor starts in DuckDB's default catalog, not in the attached warehouse.
    preparer.execute("USE warehouse")
    prepare = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        # The statement is the console module's own SQL text, which contains no value.
        preparer.execute(f"PREPARE bench_console AS {sql}")
        prepare.append(time.perf_counter() - start)

    profiled = plain.cursor()
    profiled.execute("USE warehouse")
    profiled.execute("SET enable_profiling = 'no_output'")
    profiled.execute("SET profiling_mode = 'detailed'")
    steps: dict[str, list[float]] = {
        "planner": [], "optimizer": [], "physical_planner": [], "operators_cpu": [], "total": []
    }
    for _ in range(runs + 1):
        profiled.execute(sql, params).df()
        profile = json.loads(profiled.get_profiling_information(format="json"))
        for step in ("planner", "optimizer", "physical_planner"):
            steps[step].append(profile[step]["total_time"])
        steps["operators_cpu"].append(profile["query"]["cpu_time"])
        steps["total"].append(profile["query"]["total_time"])

    medians = {"execute": execute[1:], "df": convert[1:], "prepare": prepare[1:]} | {
        name: values[1:] for name, values in steps.items()
    }
    return {name: statistics.median(values) * 1e3 for name, values in medians.items()}


def _cold_start(territory: Territory) -> tuple[int, float, float]:
    """Open the warehouse and run the process's first query, which creates the derived tables.

    Returns the default rentrée and the seconds of each of the two steps.
    """
    start = time.perf_counter()
    db.connection()
    opened = time.perf_counter() - start
    rentree = nomenclatures.rentree_par_defaut()
    start = time.perf_counter()
    console.console(territory.filters(rentree), "formation")
    return rentree, opened, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.console", description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="timed calls per measurement")
    parser.add_argument("--region", default="84", help="code of the région (default 84)")
    parser.add_argument(
        "--departement", default="069", help="code of the département (default 069)"
    )
    args = parser.parse_args(argv)
    territories = [
        Territory("France"),
        Territory(f"région {args.region}", code_region=args.region),
        Territory(f"département {args.departement}", code_departement=args.departement),
    ]

    print_description()
    rentree, opened, first = _cold_start(territories[0])
    print(f"- rentrée: {rentree}")
    print(f"- open the warehouse: {opened * 1e3:.0f} ms; first query with derived tables: "
          f"{first * 1e3:.0f} ms")

    mismatches = 0
    for territory in territories:
        print(f"\nComparison with the baseline, {territory.label}:")
        mismatches += compare(territory, rentree)

    print(f"\nmedian / p90 / min in ms, {args.runs} runs after one warm-up\n")
    print("| territory | grain | rows | console | baseline | baseline ÷ console | target |")
    print("|---|---|---|---|---|---|---|")
    for territory in territories:
        naive = _time_naive(territory, rentree, args.runs)
        for grain in GRAINS:
            timing, rows = _time_console(territory.filters(rentree), grain, args.runs)
            _print_row(territory, grain, rows, timing, naive)

    print("\nRepeated filter state, served by the result cache of console() "
          "(a rerun after a sort or a column change):\n")
    for territory in territories[1:]:
        timing = _time_cached(territory.filters(rentree), "formation", args.runs)
        print(f"- {territory.label}, formation: {timing.milliseconds()}")

    print("\nSteps of one query, median ms of", args.runs, "runs\n")
    print("| territory | grain | execute | df | prepare | planner | optimizer "
          "| physical planner | operators CPU | profiled total |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for territory in territories[1:]:
        for grain in GRAINS:
            steps = _profile(territory.filters(rentree), grain, args.runs)
            cells = " | ".join(f"{steps[name]:.1f}" for name in STEPS)
            print(f"| {territory.label} | {grain} | {cells} |")

    print(f"\nvalues that differ from the baseline: {mismatches}")
    return 1 if mismatches else 0


def _print_row(
    territory: Territory, grain: Grain, rows: int, timing: Summary, naive: Summary
) -> None:
    verdicts = []
    if territory.filtered:
        met = timing.median <= TARGET_FILTERED_S
        verdicts.append(f"≤ {TARGET_FILTERED_S * 1e3:.0f} ms: {'met' if met else 'missed'}")
    baseline, ratio = "–", "–"
    if grain == "formation":
        speedup = naive.median / timing.median
        baseline, ratio = naive.milliseconds(), f"{speedup:.1f}×"
        met = speedup >= TARGET_SPEEDUP
        verdicts.append(f"≥ {TARGET_SPEEDUP:.0f}×: {'met' if met else 'missed'}")
    print(f"| {territory.label} | {grain} | {rows} | {timing.milliseconds()} | {baseline} "
          f"| {ratio} | {'; '.join(verdicts) or 'none'} |")


if __name__ == "__main__":
    raise SystemExit(main())
