"""Headcount tables: effectifs per formation (constat 2020) and per niveau (lycées pro)."""

from __future__ import annotations

from orion_data.build.context import BuildContext, report, report_changes


def build_effectifs(ctx: BuildContext) -> None:
    """Build effectifs per rentrée × UAI × MEFSTAT11, with the CFD and dispositif of the MEF."""
    ctx.load("constat_2020")
    ctx.execute(
        """
        CREATE TABLE effectifs AS
        SELECT c.rentree, upper(c.uai) AS uai, c.mefstat11, m.cfd, m.dispositif,
               m.annee_dispositif, c.effectif
        FROM raw_constat_2020 AS c
        LEFT JOIN mef AS m USING (mefstat11)
        """
    )
    read = ctx.count("raw_constat_2020")
    report("constat_2020", read, ctx.count("effectifs"))
    unknown_mef = ctx.value("SELECT count(*) FROM effectifs WHERE cfd IS NULL")
    report_changes("constat_2020", {"MEF absent de la BCN, gardé sans CFD": unknown_mef})
    rentrees = [row[0] for row in ctx.rows("SELECT DISTINCT rentree FROM effectifs")]
    ctx.add_source("effectifs", "constat_2020", rentrees)
    ctx.add_source("effectifs", "n_mef")


def build_effectifs_niveau(ctx: BuildContext) -> None:
    """Build effectifs per rentrée × UAI and niveau, from the DEPP lycée pro file."""
    ctx.load("effectifs_niveau")
    ctx.fail_on_first(
        "effectifs_niveau",
        "secteur",
        "SELECT _line, secteur FROM raw_effectifs_niveau "
        "WHERE secteur IS NOT NULL AND secteur NOT IN ('PUBLIC', 'PRIVE')",
        "PUBLIC ou PRIVE est attendu",
    )
    ctx.execute(
        """
        CREATE TABLE effectifs_niveau AS
        SELECT rentree, upper(uai) AS uai,
               CASE secteur WHEN 'PUBLIC' THEN 'public' WHEN 'PRIVE' THEN 'privé' END
                   AS secteur,
               nombre_eleves, secondes_pro, premieres_pro, terminales_pro,
               cap_1re_annee, cap_2e_annee
        FROM raw_effectifs_niveau
        """
    )
    read = ctx.count("raw_effectifs_niveau")
    report("effectifs_niveau", read, ctx.count("effectifs_niveau"))
    blank = ctx.value("SELECT count(*) FROM effectifs_niveau WHERE nombre_eleves IS NULL")
    report_changes("effectifs_niveau", {"nombre d'élèves vide, gardé NULL": blank})
    rentrees = [row[0] for row in ctx.rows("SELECT DISTINCT rentree FROM effectifs_niveau")]
    ctx.add_source("effectifs_niveau", "effectifs_niveau", rentrees)
