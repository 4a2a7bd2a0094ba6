"""Fixtures of the build tests: queries on the real warehouse, and edited copies of data/raw."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from orion_data.build.schema import TABLE_NAMES
from orion_data.paths import RAW_DIR

EditedFiles = dict[str, Callable[[bytes], bytes]]


@pytest.fixture(scope="session")
def warehouse_db(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a DuckDB connection with one view per table of the real warehouse."""
    con = duckdb.connect(":memory:")
    for name in TABLE_NAMES:
        # Table names and paths come from the schema and the fixture, never from outside.
        literal = str(warehouse / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{literal}')")
    yield con
    con.close()


@pytest.fixture
def query(warehouse_db: duckdb.DuckDBPyConnection) -> Callable[..., list[tuple]]:
    """Return a function that runs one parameterised query on the real warehouse."""

    def run(sql: str, *params: object) -> list[tuple]:
        return warehouse_db.execute(sql, list(params)).fetchall()

    return run


@pytest.fixture
def raw_copy(tmp_path: Path) -> Callable[[EditedFiles], Path]:
    """Return a function that copies data/raw with some files edited, and returns the copy.

    Unedited files are symbolic links to the real ones, so the copy is cheap. Each edit maps
    a path under data/raw to a function of the file's bytes.
    """

    def make(edits: EditedFiles) -> Path:
        copy = tmp_path / "raw"
        for source in RAW_DIR.rglob("*"):
            if not source.is_file():
                continue
            relative = source.relative_to(RAW_DIR).as_posix()
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative in edits:
                target.write_bytes(edits[relative](source.read_bytes()))
            else:
                target.symlink_to(source)
        missing = set(edits) - {p.relative_to(copy).as_posix() for p in copy.rglob("*")}
        assert not missing, f"edited files not in data/raw: {missing}"
        return copy

    return make


@pytest.fixture
def previous_warehouse(warehouse: Path, tmp_path: Path) -> Path:
    """Return a copy of the real warehouse in tmp_path, to be replaced by a test build."""
    copy = tmp_path / "entrepot" / "warehouse"
    shutil.copytree(warehouse, copy)
    return copy
