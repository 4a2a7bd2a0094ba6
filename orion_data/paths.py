"""Locations of the raw files, the warehouse and the demand store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

PROJECT_DIR: Final = Path(__file__).resolve().parent.parent
DATA_DIR: Final = PROJECT_DIR / "data"
RAW_DIR: Final = DATA_DIR / "raw"


def warehouse_dir() -> Path:
    """Return the warehouse folder, `ORION_WAREHOUSE` when set."""
    return Path(os.environ.get("ORION_WAREHOUSE", DATA_DIR / "warehouse"))


def store_path() -> Path:
    """Return the SQLite demand store, `ORION_DB` when set."""
    return Path(os.environ.get("ORION_DB", DATA_DIR / "orion.sqlite"))
