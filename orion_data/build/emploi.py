"""Labour-market tables: chômage, ROME métiers, the formation → métier → FAP links and tensions."""

from __future__ import annotations

from typing import Final

from orion_data.build.context import BuildContext, report, report_changes

_NIVEAUX_GEO: Final = ("nat", "reg", "dep")


def build_chomage(ctx: BuildContext) -> None:
    ctx.load("chomage_regional", "chomage_departemental")
    ctx.execute(
        """
        CREATE TABLE chomage AS
        SELECT 'region' AS niveau, code, annee, taux AS taux_chomage FROM raw_chomage_regional
        UNION ALL
        SELECT 'departement', code, annee, taux FROM raw_chomage_departemental
        """
    )
    for key, niveau in (("chomage_regional", "region"), ("chomage_departemental", "departement")):
        read = ctx.count(f"raw_{key}")
        report(key, read, read)
        annees = ctx.rows("SELECT DISTINCT annee FROM chomage WHERE niveau = ?", [niveau])
        ctx.add_source("chomage", key, [row[0] for row in annees])


def build_rome(ctx: BuildContext) -> None:
    """Build the ROME fiches; the domaine professionnel is the first 3 characters of the code."""
    ctx.load("rome", "domaines_professionnels")
    ctx.execute(
        """
        CREATE TABLE rome AS
        SELECT r.code_rome, r.libelle_rome, left(r.code_rome, 3) AS code_domaine_professionnel,
               d.libelle_domaine_professionnel, r.transition_eco, r.transition_num,
               r.transition_demo
        FROM raw_rome AS r
        LEFT JOIN raw_domaines_professionnels AS d
            ON d.code_domaine_professionnel = left(r.code_rome, 3)
        """
    )
    read = ctx.count("raw_rome")
    report("rome", read, ctx.count("rome"))
    ctx.add_source("rome", "rome")
    ctx.add_source("rome", "domaines_professionnels")


def build_formation_rome(ctx: BuildContext) -> None:
    """Link each CFD (Certif Info `Code_Scolarité`) to the ROME codes of its certification.

    `rang` is the position 1..5 of the code among `Code_Rome_1..5`. Certif Info lists some
    CFDs in several certifications: a CFD × ROME pair keeps its best (smallest) rang.
    """
    ctx.load("certif_info")
    ranked = " UNION ALL ".join(
        f"SELECT cfd, code_rome_{rang} AS code_rome, {rang} AS rang FROM raw_certif_info"
        for rang in range(1, 6)
    )
    ctx.execute(
        f"""
        CREATE TEMP TABLE certif_rome AS
        SELECT * FROM ({ranked}) WHERE cfd IS NOT NULL AND code_rome IS NOT NULL
        """
    )
    ctx.execute(
        """
        CREATE TABLE formation_rome AS
        SELECT cfd, code_rome, min(rang) AS rang FROM certif_rome GROUP BY cfd, code_rome
        """
    )
    read = ctx.count("raw_certif_info")
    without_cfd = ctx.value("SELECT count(*) FROM raw_certif_info WHERE cfd IS NULL")
    report("certif_info", read, read - without_cfd, {"sans Code_Scolarité (CFD)": without_cfd})
    pairs = ctx.count("certif_rome")
    links = ctx.count("formation_rome")
    unknown = ctx.value(
        "SELECT count(*) FROM formation_rome WHERE code_rome NOT IN (SELECT code_rome FROM rome)"
    )
    report_changes(
        "certif_info",
        {
            "paires CFD × ROME en double, le meilleur rang est gardé": pairs - links,
            "paires gardées dont le code ROME est absent de rome.csv": unknown,
        },
    )
    ctx.add_source("formation_rome", "certif_info")


def build_fap_rome(ctx: BuildContext) -> None:
    ctx.load("fap_rome")
    ctx.execute(
        """
        CREATE TABLE fap_rome AS
        SELECT DISTINCT fap, code_rome FROM raw_fap_rome
        WHERE fap IS NOT NULL AND code_rome IS NOT NULL AND code_rome <> 'NA'
        """
    )
    read = ctx.count("raw_fap_rome")
    empty, without_rome = ctx.rows(
        """
        SELECT count(*) FILTER (fap IS NULL AND code_rome IS NULL),
               count(*) FILTER (fap IS NOT NULL AND coalesce(code_rome, 'NA') = 'NA')
        FROM raw_fap_rome
        """
    )[0]
    report(
        "fap_rome",
        read,
        ctx.count("fap_rome"),
        {"ligne vide": empty, "FAP sans code ROME (NA)": without_rome},
    )
    ctx.add_source("fap_rome", "fap_rome")


def build_tensions(ctx: BuildContext) -> None:
    """Build the DARES tension indicators per FAP × territory.

    The reader strips every cell, so `reg ` becomes `reg`. The raw `reg` is a float (`84.0`)
    and becomes `84`, and `dep` is padded to 3 characters (`01` → `001`, `2A` → `02A`).
    """
    ctx.load("tensions")
    ctx.fail_on_first(
        "tensions",
        "niveau_geo",
        "SELECT _line, niveau_geo FROM raw_tensions "
        "WHERE niveau_geo IS NULL OR NOT list_contains(?::VARCHAR[], niveau_geo)",
        f"un niveau parmi {', '.join(_NIVEAUX_GEO)} est attendu",
        [list(_NIVEAUX_GEO)],
    )
    ctx.execute(
        """
        CREATE TABLE tensions AS
        SELECT fap, niveau_geo,
               lpad(CAST(reg AS VARCHAR), 2, '0') AS code_region,
               lpad(dep, 3, '0') AS code_departement,
               annee, tension, categorie_tension, emploi_moyen
        FROM raw_tensions
        """
    )
    read = ctx.count("raw_tensions")
    report("tensions", read, ctx.count("tensions"))
    no_tension = ctx.value("SELECT count(*) FROM tensions WHERE tension IS NULL")
    report_changes("tensions", {"indicateur de tension vide, gardé NULL": no_tension})
    annees = ctx.rows("SELECT DISTINCT annee FROM tensions")
    ctx.add_source("tensions", "tensions", [row[0] for row in annees])


def build_tensions_evolution(ctx: BuildContext) -> None:
    ctx.load("tensions_evolution")
    ctx.execute(
        """
        CREATE TABLE tensions_evolution AS
        SELECT fap, annee, tension FROM raw_tensions_evolution
        """
    )
    read = ctx.count("raw_tensions_evolution")
    report("tensions_evolution", read, read)
    annees = ctx.rows("SELECT DISTINCT annee FROM tensions_evolution")
    ctx.add_source("tensions_evolution", "tensions_evolution", [row[0] for row in annees])
