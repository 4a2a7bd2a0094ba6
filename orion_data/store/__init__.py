"""The demand and account store: `open_store()` returns the embedded SQLite backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from orion_data.store.base import Store
from orion_data.store.sqlite import SqliteStore
from orion_data.store.timestamps import utcnow


def open_store(path: Path | str | None = None, clock: Callable[[], datetime] = utcnow) -> Store:
    """Open the store at `path` (default `orion_data.paths.store_path()`), migrating it."""
    return SqliteStore(path, clock=clock)
