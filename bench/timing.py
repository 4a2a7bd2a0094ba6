"""Repeated timing and its summary, shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Median, 90th percentile, minimum and maximum of a set of durations, in seconds."""

    runs: int
    median: float
    p90: float
    minimum: float
    maximum: float

    def milliseconds(self) -> str:
        """Format as `median / p90 / min` in milliseconds, for a table cell."""
        return f"{self.median * 1e3:.1f} / {self.p90 * 1e3:.1f} / {self.minimum * 1e3:.1f}"


def summarize(samples: list[float]) -> Summary:
    """Summarize durations. The p90 interpolates between the two nearest samples."""
    if len(samples) < 2:
        raise ValueError(f"a summary needs at least 2 samples, got {len(samples)}")
    ordered = sorted(samples)
    p90 = statistics.quantiles(ordered, n=10, method="inclusive")[-1]
    return Summary(len(ordered), statistics.median(ordered), p90, ordered[0], ordered[-1])


def repeat(function: Callable[[], object], runs: int, warmups: int = 1) -> list[float]:
    """Call `function` `warmups` times untimed, then `runs` times, and return each duration."""
    for _ in range(warmups):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples
