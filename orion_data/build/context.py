"""State shared by the table builders: the raw folder, the DuckDB session and the sources."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orion_data.build.catalogue import CATALOGUE
from orion_data.build.readers import read_raw
from orion_data.build.values import cell_error

logger = logging.getLogger(__name__)


@dataclass
class BuildContext:
    """One build run. Raw files are read at most once and exposed as views `raw_<key>`.

    Each builder creates its final table under the table's own name in `con`, and records
    which raw files fed it with `add_source`.
    """

    raw_dir: Path
    con: duckdb.DuckDBPyConnection
    sources: list[tuple[str, str, str | None]] = field(default_factory=list)
    _loaded: set[str] = field(default_factory=set)

    def load(self, *keys: str) -> None:
        """Read the raw files `keys` of the catalogue, unless already read."""
        for key in keys:
            if key in self._loaded:
                continue
            table = read_raw(self.raw_dir, CATALOGUE[key])
            self.con.register(f"raw_{key}", table)
            self._loaded.add(key)

    def execute(self, sql: str, params: list | None = None) -> None:
        self.con.execute(sql, params or [])

    def rows(self, sql: str, params: list | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def value(self, sql: str, params: list | None = None):
        # fetchall, not fetchone: DuckDB refuses register() while a result is unfinished.
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def count(self, table: str) -> int:
        # `table` is one of the builders' own table names, never an outside value.
        return self.value(f'SELECT count(*) FROM "{table}"')

    def add_source(self, table: str, key: str, periods: Iterable[object] = ()) -> None:
        """Record that raw file `key` fed `table`, covering the given rentrées or millésimes."""
        values = sorted({str(period) for period in periods if period is not None})
        periode = ", ".join(values) if values else None
        self.sources.append((table, CATALOGUE[key].path, periode))

    def fail_on_first(
        self, key: str, column: str, sql: str, expected: str, params: list | None = None
    ) -> None:
        """Raise a cell error for the first row returned by `sql`, if any.

        `sql` returns (`_line`, value) for the rows of raw file `key` whose `column` is
        invalid, and `expected` describes a valid value, in French.
        """
        rows = self.rows(f"{sql} ORDER BY 1 LIMIT 1", params)
        if rows:
            raw = CATALOGUE[key]
            raise cell_error(raw.path, rows[0][0], raw.raw_name(column), rows[0][1], expected)


def report(key: str, read: int, kept: int, rejected: Mapping[str, int] | None = None) -> None:
    """Log how many rows of one raw file a table kept, and why the others were rejected."""
    path = CATALOGUE[key].path
    logger.info("%s : %d lignes gardées sur %d", path, kept, read)
    for reason, count in (rejected or {}).items():
        if count:
            logger.info("%s : %d lignes écartées, %s", path, count, reason)


def report_changes(key: str, changes: Mapping[str, int]) -> None:
    """Log the values a table set to NULL or derived, per reason, for one raw file."""
    path = CATALOGUE[key].path
    for reason, count in changes.items():
        if count:
            logger.info("%s : %d lignes, %s", path, count, reason)
