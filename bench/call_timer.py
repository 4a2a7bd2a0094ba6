"""Time spent inside chosen functions, summed between two readings.

`CallTimer` replaces module attributes with timing wrappers while it is active. Only calls
made through the module attribute (`exports.to_xlsx_bytes(...)`) are timed: a name bound
earlier with `from module import function` keeps the original function.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType


class CallTimer:
    """Sums of wall time per label, one label per wrapped function."""

    def __init__(self, targets: dict[str, tuple[ModuleType, str]]):
        self._targets = targets
        self._sums: dict[str, float] = defaultdict(float)

    def _wrap(self, label: str, function: Callable) -> Callable:
        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._sums[label] += time.perf_counter() - start

        return timed

    @contextmanager
    def active(self) -> Iterator[CallTimer]:
        """Wrap every target, and put the original functions back on exit."""
        originals = {}
        for label, (module, name) in self._targets.items():
            originals[label] = getattr(module, name)
        try:
            for label, (module, name) in self._targets.items():
                setattr(module, name, self._wrap(label, originals[label]))
            yield self
        finally:
            for label, (module, name) in self._targets.items():
                setattr(module, name, originals[label])

    def take(self) -> dict[str, float]:
        """Return the seconds per label since the last call, and start new sums."""
        sums = {label: self._sums.get(label, 0.0) for label in self._targets}
        self._sums.clear()
        return sums
