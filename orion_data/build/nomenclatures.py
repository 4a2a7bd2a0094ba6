"""Reference tables: territoires, and the BCN nomenclatures of formations, dispositifs and MEF."""

from __future__ import annotations

import logging
from typing import Final

from orion_data.build.context import BuildContext, report

logger = logging.getLogger(__name__)

# Rows of departements_academies_regions.csv that are not one of the 101 départements,
# with the reason logged when they are dropped.
_NOT_DEPARTEMENTS: Final = {
    "985": "ancien code de Mayotte (976 est gardé)",
    "130": "Andorre",
    "975": "collectivité d'outre-mer",
    "977": "collectivité d'outre-mer",
    "978": "collectivité d'outre-mer",
    "986": "collectivité d'outre-mer",
    "987": "collectivité d'outre-mer",
    "988": "collectivité d'outre-mer",
    "990": "autre pays",
}


def build_territoires(ctx: BuildContext) -> None:
    ctx.load("departements")
    excluded = list(_NOT_DEPARTEMENTS)
    ctx.execute(
        """
        CREATE TABLE territoires AS
        SELECT code_region, libelle_region, code_academie, libelle_academie,
               code_departement, libelle_departement
        FROM raw_departements
        WHERE code_departement IS NOT NULL
          AND NOT list_contains(?::VARCHAR[], code_departement)
        """,
        [excluded],
    )
    dropped = ctx.rows(
        "SELECT code_departement, count(*) FROM raw_departements "
        "WHERE code_departement IS NULL OR list_contains(?::VARCHAR[], code_departement) "
        "GROUP BY 1 ORDER BY 1 NULLS FIRST",
        [excluded],
    )
    rejected = {_drop_reason(code): count for code, count in dropped}
    report("departements", ctx.count("raw_departements"), ctx.count("territoires"), rejected)
    ctx.add_source("territoires", "departements")


def _drop_reason(code_departement: str | None) -> str:
    if code_departement is None:
        return "code de département vide (académie spéciale)"
    return f"{code_departement} : {_NOT_DEPARTEMENTS[code_departement]}"


def build_formations(ctx: BuildContext) -> None:
    """Build one row per CFD of the BCN.

    vFormationDiplome holds the full history. nFormationDiplome, the current table, wins
    where both list a CFD, because it carries the newer closing dates and labels.
    """
    ctx.load(
        "n_formation_diplome",
        "v_formation_diplome",
        "n_niveau_formation_diplome",
        "n_groupe_specialite",
        "n_domaine_specialite",
        "familles_metiers",
    )
    ctx.execute(
        """
        CREATE TABLE formations AS
        WITH bcn AS (
            SELECT *, 1 AS priority FROM raw_n_formation_diplome
            UNION ALL BY NAME
            SELECT *, 2 AS priority FROM raw_v_formation_diplome
        ),
        chosen AS (
            SELECT * FROM bcn
            QUALIFY row_number() OVER (PARTITION BY cfd ORDER BY priority) = 1
        ),
        familles AS (
            SELECT cfd, min(famille) AS famille
            FROM (
                SELECT cfd_specialite AS cfd, famille FROM raw_familles_metiers
                UNION SELECT cfd_commun, famille FROM raw_familles_metiers
            )
            GROUP BY cfd
        )
        SELECT r.cfd, r.libelle, r.niveau_diplome, n.libelle_niveau, r.groupe_specialite,
               g.code_domaine, d.libelle_domaine, f.famille AS famille_metiers,
               r.date_ouverture, r.date_fermeture
        FROM chosen AS r
        LEFT JOIN raw_n_niveau_formation_diplome AS n USING (niveau_diplome)
        LEFT JOIN raw_n_groupe_specialite AS g USING (groupe_specialite)
        LEFT JOIN raw_n_domaine_specialite AS d USING (code_domaine)
        LEFT JOIN familles AS f USING (cfd)
        """
    )
    only_current = ctx.value(
        "SELECT count(*) FROM raw_n_formation_diplome "
        "WHERE cfd NOT IN (SELECT cfd FROM raw_v_formation_diplome)"
    )
    ambiguous = ctx.value(
        "SELECT count(*) FROM (SELECT cfd_specialite FROM raw_familles_metiers "
        "GROUP BY 1 HAVING count(DISTINCT famille) > 1)"
    )
    read_v = ctx.count("raw_v_formation_diplome")
    read_n = ctx.count("raw_n_formation_diplome")
    replaced = read_n - only_current
    report(
        "v_formation_diplome",
        read_v,
        read_v - replaced,
        {"CFD remplacé par sa ligne de nFormationDiplome": replaced},
    )
    report("n_formation_diplome", read_n, read_n)
    logger.info(
        "formations : %d CFD pris dans nFormationDiplome, dont %d absents de vFormationDiplome",
        read_n,
        only_current,
    )
    if ambiguous:
        logger.warning("formations : %d spécialités dans plusieurs familles", ambiguous)
    for key in ("v_formation_diplome", "n_formation_diplome", "n_niveau_formation_diplome"):
        ctx.add_source("formations", key)
    for key in ("n_groupe_specialite", "n_domaine_specialite", "familles_metiers"):
        ctx.add_source("formations", key)


def build_dispositifs(ctx: BuildContext) -> None:
    ctx.load("n_dispositif_formation")
    ctx.execute(
        """
        CREATE TABLE dispositifs AS
        SELECT dispositif, libelle_dispositif, niveau_diplome FROM raw_n_dispositif_formation
        """
    )
    read = ctx.count("raw_n_dispositif_formation")
    report("n_dispositif_formation", read, read)
    ctx.add_source("dispositifs", "n_dispositif_formation")


def build_mef(ctx: BuildContext) -> None:
    """Build one row per MEFSTAT11, with the year at which pupils enter the diploma.

    `annee_entree` is 2 for a spécialité of a famille de métiers and for a BTS option, in the
    dispositif that starts with the common year (the dispositif of the common MEF), else 1.
    nMef lists one MEFSTAT11 twice (a closed DMA and a DN MADE): the MEF opened last wins.
    """
    ctx.load("n_mef", "familles_metiers", "options_bts")
    ctx.execute(
        """
        CREATE TABLE mef AS
        WITH unique_mef AS (
            SELECT * FROM raw_n_mef
            QUALIFY row_number() OVER (
                PARTITION BY mefstat11
                ORDER BY date_ouverture DESC NULLS LAST, cfd, dispositif
            ) = 1
        ),
        second_year_entry AS (
            SELECT f.cfd_specialite AS cfd, m.dispositif
            FROM raw_familles_metiers AS f
            JOIN raw_n_mef AS m ON m.mefstat11 = f.mefstat11_commun
            UNION
            SELECT o.cfd_specialite, m.dispositif
            FROM raw_options_bts AS o
            JOIN raw_n_mef AS m ON m.cfd = o.cfd_commun AND m.annee_dispositif = 1
        )
        SELECT u.mefstat11, u.cfd, u.dispositif, u.duree_dispositif, u.annee_dispositif,
               CASE WHEN e.cfd IS NULL THEN 1 ELSE 2 END AS annee_entree,
               u.libelle_mef, u.date_ouverture, u.date_fermeture
        FROM unique_mef AS u
        LEFT JOIN second_year_entry AS e USING (cfd, dispositif)
        """
    )
    read = ctx.count("raw_n_mef")
    kept = ctx.count("mef")
    report(
        "n_mef",
        read,
        kept,
        {"MEFSTAT11 en double, le MEF ouvert en dernier est gardé": read - kept},
    )
    unknown_cfd = ctx.value(
        "SELECT count(*) FROM mef WHERE cfd NOT IN (SELECT cfd FROM formations)"
    )
    if unknown_cfd:
        logger.info("mef : %d MEF dont le CFD est absent des formations de la BCN", unknown_cfd)
    for key in ("n_mef", "familles_metiers", "options_bts"):
        ctx.add_source("mef", key)


def build_familles_metiers(ctx: BuildContext) -> None:
    ctx.load("familles_metiers")
    ctx.execute(
        """
        CREATE TABLE familles_metiers AS
        SELECT famille, cfd_commun, mefstat11_commun, cfd_specialite, mefstat11_specialite,
               libelle_specialite
        FROM raw_familles_metiers
        """
    )
    read = ctx.count("raw_familles_metiers")
    report("familles_metiers", read, read)
    ctx.add_source("familles_metiers", "familles_metiers")
