"""Command line: `python -m orion_data.build [--raw-dir DIR] [--warehouse DIR]`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from orion_data.build.pipeline import build_warehouse
from orion_data.errors import BuildError
from orion_data.paths import DATA_DIR, RAW_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m orion_data.build",
        description="Construit l'entrepôt Parquet d'Orion à partir des fichiers bruts.",
    )
    parser.add_argument(
        "--raw-dir",
        type=Path,
        default=RAW_DIR,
        help=f"dossier des fichiers bruts (défaut : {RAW_DIR})",
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=None,
        help=(
            "dossier de l'entrepôt à remplacer (défaut : la variable ORION_WAREHOUSE, "
            f"sinon {DATA_DIR / 'warehouse'})"
        ),
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(message)s")
    try:
        build_warehouse(args.raw_dir, args.warehouse)
    except BuildError as error:
        logging.getLogger("orion_data.build").error("Construction interrompue : %s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
