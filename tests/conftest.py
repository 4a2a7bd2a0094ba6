"""Fixtures shared by every test folder.

`warehouse` (session) is the folder of the real warehouse, `orion_data.paths.warehouse_dir()`
(`data/warehouse/` unless ORION_WAREHOUSE is set). It is built from `data/raw/` first when a
table is missing, or when a raw file or a module of `orion_data/build/` is newer than the
oldest table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orion_data.build import build_warehouse
from orion_data.build.schema import TABLE_NAMES
from orion_data.paths import PROJECT_DIR, RAW_DIR, warehouse_dir


def _inputs_changed_since(folder: Path) -> bool:
    tables = [folder / f"{name}.parquet" for name in TABLE_NAMES]
    if not all(table.is_file() for table in tables):
        return True
    built = min(table.stat().st_mtime for table in tables)
    inputs = [path for path in RAW_DIR.rglob("*") if path.is_file()]
    inputs += list((PROJECT_DIR / "orion_data" / "build").rglob("*.py"))
    return any(path.stat().st_mtime > built for path in inputs)


@pytest.fixture(scope="session")
def warehouse() -> Path:
    """Return the real warehouse folder, built first if it is missing or stale."""
    folder = warehouse_dir()
    if _inputs_changed_since(folder):
        build_warehouse(RAW_DIR, folder)
    return folder
