"""Writing the tables to Parquet, and swapping the new warehouse in place of the old one."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from orion_data.build.schema import TableSpec
from orion_data.errors import BuildError

logger = logging.getLogger(__name__)


def write_table(con: duckdb.DuckDBPyConnection, spec: TableSpec, folder: Path) -> int:
    """Check one built table against its spec, write it sorted and return its row count."""
    found = tuple(row[0] for row in con.execute(f'DESCRIBE "{spec.name}"').fetchall())
    if found != spec.column_names:
        # A builder bug, not a data problem: the message is for developers.
        raise RuntimeError(f"table {spec.name} has columns {found}, expected {spec.column_names}")
    _check_unique(con, spec)

    # Identifiers come from the schema module, never from outside input.
    columns = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind in spec.columns)
    order = ", ".join(f'"{name}" ASC NULLS LAST' for name in spec.order)
    table = con.sql(f'SELECT {columns} FROM "{spec.name}" ORDER BY {order}').to_arrow_table()
    pq.write_table(table, folder / f"{spec.name}.parquet", compression="zstd")
    logger.info("%s : %d lignes écrites", spec.name, table.num_rows)
    return table.num_rows


def _check_unique(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> None:
    key = ", ".join(f'"{name}"' for name in spec.key)
    duplicates = con.execute(
        f'SELECT {key}, count(*) FROM "{spec.name}" GROUP BY ALL HAVING count(*) > 1 '
        f"ORDER BY ALL LIMIT 1"
    ).fetchall()
    if duplicates:
        duplicate = duplicates[0]
        values = ", ".join(
            f"{name} = {value}" for name, value in zip(spec.key, duplicate[:-1], strict=True)
        )
        raise BuildError(
            f"La table {spec.name} a {duplicate[-1]} lignes pour {values}, alors qu'elle n'en "
            "admet qu'une. Vérifiez que le fichier brut n'a pas de doublons."
        )


@contextlib.contextmanager
def staging_folder(warehouse: Path) -> Iterator[Path]:
    """Yield an empty folder next to `warehouse`, then swap it in if the block succeeds.

    The whole build holds an exclusive lock on the parent folder, so two builds of the same
    warehouse run one after the other. On any error the new folder is deleted and the
    previous warehouse is left as it was.
    """
    parent = warehouse.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        staging = Path(tempfile.mkdtemp(prefix=f"{warehouse.name}.build-", dir=parent))
        try:
            yield staging
            _swap(staging, warehouse)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _swap(staging: Path, warehouse: Path) -> None:
    """Replace `warehouse` by `staging` with two renames within the same folder.

    Readers that open the warehouse between the two renames find no folder for that instant.
    """
    previous = None
    if warehouse.exists():
        previous = warehouse.with_name(f"{warehouse.name}.old-{os.getpid()}")
        warehouse.rename(previous)
    try:
        staging.rename(warehouse)
    except OSError:
        if previous is not None:
            previous.rename(warehouse)
        raise
    if previous is not None:
        shutil.rmtree(previous)
