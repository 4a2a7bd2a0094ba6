"""The warehouse build: read the raw files, build every table, write them, swap them in."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa

from orion_data.build import (
    attractivite,
    effectifs,
    emploi,
    etablissements,
    insertion,
    nomenclatures,
)
from orion_data.build.context import BuildContext
from orion_data.build.schema import TABLES
from orion_data.build.warehouse import staging_folder, write_table
from orion_data.paths import RAW_DIR, warehouse_dir

logger = logging.getLogger(__name__)

# In dependency order: `mef` before the facts that take their CFD from it, the facts before
# `etablissements`, which collects their UAIs.
_BUILDERS: Final[tuple[Callable[[BuildContext], None], ...]] = (
    nomenclatures.build_territoires,
    nomenclatures.build_formations,
    nomenclatures.build_dispositifs,
    nomenclatures.build_mef,
    nomenclatures.build_familles_metiers,
    effectifs.build_effectifs,
    effectifs.build_effectifs_niveau,
    attractivite.build_attractivite,
    insertion.build_insertion_regionale,
    insertion.build_insertion_etablissement,
    etablissements.build_etablissements,
    emploi.build_chomage,
    emploi.build_rome,
    emploi.build_formation_rome,
    emploi.build_fap_rome,
    emploi.build_tensions,
    emploi.build_tensions_evolution,
)


def build_warehouse(raw_dir: Path | None = None, warehouse: Path | None = None) -> dict[str, int]:
    """Build every table from `raw_dir` into `warehouse` and return the row count per table.

    Defaults are `data/raw/` and `orion_data.paths.warehouse_dir()`. The tables are written
    to a new folder next to the warehouse, which replaces it only once all are written. A
    failed build raises BuildError and leaves the previous warehouse untouched.
    """
    raw_dir = Path(raw_dir or RAW_DIR)
    warehouse = Path(warehouse or warehouse_dir())
    started = time.perf_counter()
    logger.info("Construction de l'entrepôt %s depuis %s", warehouse, raw_dir)

    con = duckdb.connect(":memory:")
    try:
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        ctx = BuildContext(raw_dir=raw_dir, con=con)
        for builder in _BUILDERS:
            builder(ctx)
        _build_sources(ctx)
        with staging_folder(warehouse) as staging:
            counts = {spec.name: write_table(con, spec, staging) for spec in TABLES}
    finally:
        con.close()

    elapsed = time.perf_counter() - started
    logger.info("Entrepôt construit : %d tables en %.1f s", len(counts), elapsed)
    return counts


def _build_sources(ctx: BuildContext) -> None:
    """Build the `sources` table from what the builders recorded, one row per table × file."""
    tables, fichiers, periodes = zip(*ctx.sources, strict=True)
    ctx.con.register(
        "recorded_sources",
        pa.table({"table_name": tables, "fichier": fichiers, "periode": periodes}),
    )
    ctx.execute(
        """
        CREATE TABLE sources AS
        SELECT table_name, fichier, periode FROM recorded_sources
        """
    )
