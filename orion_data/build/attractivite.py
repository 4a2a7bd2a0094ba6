"""The attractivite table: capacities and wishes from Affelnet and Parcoursup (BTS).

Duplicate offers of one rentrée × UAI × MEFSTAT11 × voie are summed first. The unknown
capacity rule is then applied to the sum: Affelnet fills unknown capacities with arbitrary
values (0, 999, 1000…), so only 5..500 is trusted; Parcoursup writes blank, 0 or 999.
A blank capacity or wish in any of the summed rows makes the sum blank.
"""

from __future__ import annotations

from typing import Final

from orion_data.build.catalogue import CATALOGUE
from orion_data.build.context import BuildContext, report, report_changes

AFFELNET_FILES: Final = ("affelnet_2021", "affelnet_2022")
PARCOURSUP_FILES: Final = ("parcoursup_2022", "parcoursup_2023", "parcoursup_2024")
AFFELNET_CAPACITE_MIN: Final = 5
AFFELNET_CAPACITE_MAX: Final = 500
PARCOURSUP_CAPACITES_INCONNUES: Final = (0, 999)

# Statut of the offer → voie, per source.
_VOIES: Final = {
    "affelnet": {"ST": "scolaire", "AP": "apprentissage"},
    "parcoursup": {"Scolaire": "scolaire", "Apprentissage": "apprentissage"},
}


def build_attractivite(ctx: BuildContext) -> None:
    ctx.execute(
        """
        CREATE TEMP TABLE offres (
            path VARCHAR, rentree INTEGER, source VARCHAR, uai VARCHAR,
            mefstat11 VARCHAR, voie VARCHAR, libelle VARCHAR, capacite BIGINT, voeux BIGINT
        )
        """
    )
    for key in AFFELNET_FILES:
        _stage(ctx, key, "affelnet")
    for key in PARCOURSUP_FILES:
        _stage(ctx, key, "parcoursup")
    _sum_duplicates(ctx)
    ctx.execute(
        """
        CREATE TABLE attractivite AS
        SELECT s.rentree, s.uai, s.mefstat11, m.cfd, m.dispositif, s.voie, s.source,
               CASE
                   WHEN s.source = 'affelnet' AND s.capacite_brute BETWEEN ? AND ?
                       THEN s.capacite_brute
                   WHEN s.source = 'parcoursup'
                        AND NOT list_contains(?::BIGINT[], s.capacite_brute)
                       THEN s.capacite_brute
               END AS capacite,
               s.voeux, s.capacite_brute
        FROM offres_sommees AS s
        LEFT JOIN mef AS m USING (mefstat11)
        """,
        [AFFELNET_CAPACITE_MIN, AFFELNET_CAPACITE_MAX, list(PARCOURSUP_CAPACITES_INCONNUES)],
    )
    for key in (*AFFELNET_FILES, *PARCOURSUP_FILES):
        _report_file(ctx, key)
    ctx.add_source("attractivite", "n_mef")


def _stage(ctx: BuildContext, key: str, source: str) -> None:
    """Copy the offers of one raw file into `offres`, mapping the statut to a voie."""
    ctx.load(key)
    raw = CATALOGUE[key]
    statuts = list(_VOIES[source])
    voies = list(_VOIES[source].values())
    # `key` comes from this module's own file lists, so the view name is no outside input.
    view = f"raw_{key}"
    ctx.fail_on_first(
        key,
        "statut",
        f"SELECT _line, statut FROM {view} "
        "WHERE statut IS NULL OR NOT list_contains(?::VARCHAR[], statut)",
        f"un statut parmi {', '.join(statuts)} est attendu",
        [statuts],
    )
    libelle = "libelle" if source == "parcoursup" else "NULL"
    ctx.execute(
        f"""
        INSERT INTO offres
        SELECT ?, ?, ?, upper(uai), mefstat11,
               (?::VARCHAR[])[list_position(?::VARCHAR[], statut)], {libelle}, capacite, voeux
        FROM {view}
        """,
        [raw.path, int(raw.periode), source, voies, statuts],
    )


def _sum_duplicates(ctx: BuildContext) -> None:
    """Drop the non-BTS Parcoursup offers and sum the duplicate offers into `offres_sommees`."""
    ctx.execute(
        """
        CREATE TEMP TABLE offres_sommees AS
        SELECT path, rentree, source, uai, mefstat11, voie,
               count(*) AS row_count,
               CASE WHEN count(capacite) = count(*) THEN sum(capacite) END AS capacite_brute,
               CASE WHEN count(voeux) = count(*) THEN sum(voeux) END AS voeux
        FROM offres
        WHERE source <> 'parcoursup' OR libelle LIKE 'BTS%'
        GROUP BY ALL
        """
    )


def _report_file(ctx: BuildContext, key: str) -> None:
    path = CATALOGUE[key].path
    read = ctx.value("SELECT count(*) FROM offres WHERE path = ?", [path])
    not_bts = ctx.value(
        "SELECT count(*) FROM offres "
        "WHERE path = ? AND source = 'parcoursup' AND NOT coalesce(libelle LIKE 'BTS%', false)",
        [path],
    )
    report(key, read, read - not_bts, {"formation hors BTS (CS, FCIL, CSA…)": not_bts})

    summed = ctx.rows(
        """
        SELECT sum(s.row_count) - count(*),
               count(*) FILTER (s.capacite_brute IS NULL),
               count(*) FILTER (s.capacite_brute = 999),
               count(*) FILTER (s.capacite_brute = 0),
               count(*) FILTER (a.capacite IS NULL AND s.capacite_brute NOT IN (0, 999)),
               count(*) FILTER (a.cfd IS NULL)
        FROM offres_sommees AS s
        JOIN attractivite AS a USING (rentree, uai, mefstat11, voie)
        WHERE s.path = ?
        """,
        [path],
    )[0]
    merged, blank, placeholder, zero, out_of_range, unknown_mef = summed
    report_changes(
        key,
        {
            "offres en double additionnées": merged,
            "capacité vide, gardée NULL": blank,
            "capacité inconnue (999), mise à NULL": placeholder,
            "capacité inconnue (0), mise à NULL": zero,
            f"capacité hors {AFFELNET_CAPACITE_MIN}..{AFFELNET_CAPACITE_MAX}, mise à NULL": (
                out_of_range
            ),
            "MEF absent de la BCN, gardé sans CFD": unknown_mef,
        },
    )
    rentrees = [
        row[0]
        for row in ctx.rows("SELECT DISTINCT rentree FROM offres_sommees WHERE path = ?", [path])
    ]
    ctx.add_source("attractivite", key, rentrees)
