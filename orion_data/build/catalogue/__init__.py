"""The raw files the build reads: path, encoding, delimiter and the columns it uses.

Each column maps a header of the raw file to the name the build uses for it. Columns not
listed are ignored. A column is read as a string unless it appears in one of the typed
groups of its file. The GeoJSON boundaries of `data/raw/france-geojson/` are used by the
maps only, so they are not listed here.
"""

from __future__ import annotations

from typing import Final

from orion_data.build.catalogue.facts import DEPP_RATES, FACT_FILES, IJ_COUNTS
from orion_data.build.catalogue.rawfile import RawFile
from orion_data.build.catalogue.reference import REFERENCE_FILES

CATALOGUE: Final[dict[str, RawFile]] = {raw.key: raw for raw in (*FACT_FILES, *REFERENCE_FILES)}

__all__ = ["CATALOGUE", "DEPP_RATES", "IJ_COUNTS", "RawFile"]
