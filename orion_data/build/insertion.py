"""InserJeunes tables: insertion per région × formation, and per établissement."""

from __future__ import annotations

from typing import Final

from orion_data.build.catalogue import CATALOGUE, DEPP_RATES, IJ_COUNTS
from orion_data.build.context import BuildContext, report, report_changes

DEPP_FILES: Final = tuple(key for key in CATALOGUE if key.startswith("depp_pro_"))

# Row type of the DEPP lycée files → champ. `ensemble` covers the whole établissement.
_CHAMPS: Final = {
    "ensemble": "ensemble",
    "dont élèves en voie pro sco": "scolaire",
    "dont apprentis": "apprentissage",
}
_MILLESIME: Final = r"\d{4}_\d{4}"


def build_insertion_regionale(ctx: BuildContext) -> None:
    """Build insertion counts per millésime × région × voie × formation.

    The raw file identifies a scolaire formation by its final-year MEFSTAT11 and an
    apprentissage formation by its CFD, so the CFD of scolaire rows comes from `mef`.
    """
    ctx.load("ij_region")
    ctx.fail_on_first(
        "ij_region",
        "millesime",
        "SELECT _line, millesime FROM raw_ij_region "
        "WHERE millesime IS NULL OR NOT regexp_full_match(millesime, ?)",
        "un millésime AAAA_AAAA est attendu",
        [_MILLESIME],
    )
    ctx.fail_on_first(
        "ij_region",
        "voie",
        "SELECT _line, voie FROM raw_ij_region "
        "WHERE voie IS NULL OR voie NOT IN ('scolaire', 'apprentissage')",
        "scolaire ou apprentissage est attendu",
    )
    counts = ", ".join(f"i.{name}" for name in IJ_COUNTS)
    ctx.execute(
        f"""
        CREATE TABLE insertion_regionale AS
        SELECT i.millesime, i.code_region, i.voie,
               CASE i.voie WHEN 'apprentissage' THEN i.cfd ELSE m.cfd END AS cfd,
               CASE i.voie WHEN 'scolaire' THEN m.dispositif END AS dispositif,
               i.mefstat11, {counts}
        FROM raw_ij_region AS i
        LEFT JOIN mef AS m USING (mefstat11)
        """
    )
    read = ctx.count("raw_ij_region")
    report("ij_region", read, ctx.count("insertion_regionale"))
    unknown_mef, secret = ctx.rows(
        """
        SELECT count(*) FILTER (voie = 'scolaire' AND cfd IS NULL),
               count(*) FILTER (nb_sortant IS NULL)
        FROM insertion_regionale
        """
    )[0]
    report_changes(
        "ij_region",
        {
            "MEF de fin de formation absent de la BCN, gardé sans CFD": unknown_mef,
            "nombre de sortants vide (secret statistique), gardé NULL": secret,
        },
    )
    millesimes = [row[0] for row in ctx.rows("SELECT DISTINCT millesime FROM insertion_regionale")]
    ctx.add_source("insertion_regionale", "ij_region", millesimes)
    ctx.add_source("insertion_regionale", "n_mef")


def build_insertion_etablissement(ctx: BuildContext) -> None:
    """Build insertion rates per millésime × UAI × champ, for lycées (DEPP) and CFA.

    Also leaves the temporary table `insertion_rows`, whose labels name the
    établissements that no other source names.
    """
    rates = ", ".join(DEPP_RATES)
    rate_columns = ", ".join(f"{rate} INTEGER" for rate in DEPP_RATES)
    ctx.execute(
        f"""
        CREATE TEMP TABLE insertion_rows (
            file_key VARCHAR, millesime VARCHAR, uai VARCHAR, libelle VARCHAR,
            type_etablissement VARCHAR, champ VARCHAR, {rate_columns}
        )
        """
    )
    for key in DEPP_FILES:
        _stage_lycee_file(ctx, key)
    _stage_cfa_file(ctx)
    ctx.execute(
        f"""
        CREATE TABLE insertion_etablissement AS
        SELECT millesime, uai, type_etablissement, champ, {rates}
        FROM insertion_rows
        """
    )
    all_null = " AND ".join(f"{rate} IS NULL" for rate in DEPP_RATES)
    for key in (*DEPP_FILES, "inserjeunes_cfa"):
        kept, unpublished = ctx.rows(
            f"""
            SELECT count(*), count(*) FILTER ({all_null})
            FROM insertion_rows WHERE file_key = ?
            """,
            [key],
        )[0]
        report(key, ctx.count(f"raw_{key}"), kept)
        report_changes(key, {"aucun taux publié (secret statistique), gardées": unpublished})
        millesimes = ctx.rows(
            "SELECT DISTINCT millesime FROM insertion_rows WHERE file_key = ?", [key]
        )
        ctx.add_source("insertion_etablissement", key, [row[0] for row in millesimes])


def _stage_lycee_file(ctx: BuildContext, key: str) -> None:
    ctx.load(key)
    raw = CATALOGUE[key]
    present = {name for _, name in raw.columns}
    # Column and view names come from the catalogue, never from outside input.
    view = f"raw_{key}"
    ctx.fail_on_first(
        key,
        "row_type",
        f"SELECT _line, row_type FROM {view} "
        "WHERE row_type IS NULL OR NOT list_contains(?::VARCHAR[], row_type)",
        f"un type de ligne parmi {', '.join(_CHAMPS)} est attendu",
        [list(_CHAMPS)],
    )
    selected = ", ".join(rate if rate in present else "NULL" for rate in DEPP_RATES)
    ctx.execute(
        f"""
        INSERT INTO insertion_rows
        SELECT ?, ?, upper(uai), libelle, 'lycee',
               (?::VARCHAR[])[list_position(?::VARCHAR[], row_type)], {selected}
        FROM {view}
        """,
        [key, raw.periode, list(_CHAMPS.values()), list(_CHAMPS)],
    )


def _stage_cfa_file(ctx: BuildContext) -> None:
    """Stage the CFA open-data export, whose `cumul 2018-2019` becomes `2018_2019`."""
    ctx.load("inserjeunes_cfa")
    pattern = r"cumul (\d{4})-(\d{4})"
    ctx.fail_on_first(
        "inserjeunes_cfa",
        "annee",
        "SELECT _line, annee FROM raw_inserjeunes_cfa "
        "WHERE annee IS NULL OR NOT regexp_full_match(annee, ?)",
        "une période « cumul AAAA-AAAA » est attendue",
        [pattern],
    )
    ctx.execute(
        f"""
        INSERT INTO insertion_rows
        SELECT 'inserjeunes_cfa', regexp_replace(annee, ?, ?), upper(uai), libelle,
               'cfa', 'apprentissage', {", ".join(DEPP_RATES)}
        FROM raw_inserjeunes_cfa
        """,
        [pattern, r"\1_\2"],
    )
