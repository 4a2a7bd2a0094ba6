"""The console query: entry and exit indicators per formation or per offer, for one rentrée.

One implementation serves both consoles. At the `formation` grain a row is a CFD × dispositif
aggregated over the selected territory; at the `offre` grain a row is a UAI × CFD × dispositif
with the school's identity columns. Every rate comes from `orion_data.indicators`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from orion_data import db
from orion_data import indicators as ind

Grain = Literal["formation", "offre"]
Voie = Literal["scolaire", "apprentissage", "ensemble"]

VOIES: Final[dict[str, tuple[str, ...]]] = {
    "scolaire": ("scolaire",),
    "apprentissage": ("apprentissage",),
    "ensemble": ("scolaire", "apprentissage"),
}
QUADRANTS: Final = ("Q1", "Q2", "Q3", "Q4", "hors quadrant")
BANDES: Final = tuple(label for _, _, label in ind.BANDES_PRESSION)


@dataclass(frozen=True)
class ConsoleFilters:
    """The filter state of a console. Empty tuples and None mean "no filter"."""

    rentree: int
    code_region: str | None = None
    code_academie: str | None = None
    code_departement: str | None = None
    niveaux: tuple[str, ...] = ()
    dispositifs: tuple[str, ...] = ()
    domaines: tuple[str, ...] = ()
    familles: tuple[str, ...] = ()
    recherche: str = ""
    quadrants: tuple[str, ...] = ()
    bandes_pression: tuple[str, ...] = ()
    voie: Voie = "scolaire"
    secteurs: tuple[str, ...] = ()
    uais: tuple[str, ...] = ()

    def replace(self, **changes) -> ConsoleFilters:
        return dataclasses.replace(self, **changes)


_SELECTION = """
etab AS (
    SELECT uai, code_region, code_academie, code_departement, secteur
    FROM etablissements
    WHERE ($code_region::VARCHAR IS NULL OR code_region = $code_region)
      AND ($code_academie::VARCHAR IS NULL OR code_academie = $code_academie)
      AND ($code_departement::VARCHAR IS NULL OR code_departement = $code_departement)
      AND (len($secteurs::VARCHAR[]) = 0 OR list_contains($secteurs::VARCHAR[], secteur))
      AND (len($uais::VARCHAR[]) = 0 OR list_contains($uais::VARCHAR[], uai))
),
form AS (
    SELECT cfd, niveau_diplome
    FROM formations
    WHERE (len($niveaux::VARCHAR[]) = 0 OR list_contains($niveaux::VARCHAR[], niveau_diplome))
      AND (len($domaines::VARCHAR[]) = 0 OR list_contains($domaines::VARCHAR[], code_domaine))
      AND (len($familles::VARCHAR[]) = 0 OR list_contains($familles::VARCHAR[], famille_metiers))
      AND ($recherche::VARCHAR = ''
           OR contains(strip_accents(lower(libelle)), strip_accents(lower($recherche::VARCHAR)))
           OR starts_with(cfd, upper($recherche::VARCHAR)))
),
eff AS (
    SELECT e.uai, etab.code_region, e.cfd, e.dispositif, e.annee_dispositif, m.annee_entree,
           e.effectif
    FROM effectifs e
    JOIN mef m ON m.mefstat11 = e.mefstat11
    JOIN etab ON etab.uai = e.uai
    JOIN form ON form.cfd = e.cfd
    WHERE e.rentree = $rentree
      AND (len($dispositifs::VARCHAR[]) = 0 OR list_contains($dispositifs::VARCHAR[], e.dispositif))
),
att AS (
    SELECT a.uai, etab.code_region, a.cfd, a.dispositif, a.voie, a.source, a.capacite, a.voeux
    FROM attractivite a
    JOIN etab ON etab.uai = a.uai
    JOIN form ON form.cfd = a.cfd
    WHERE a.rentree = $rentree
      AND (len($dispositifs::VARCHAR[]) = 0 OR list_contains($dispositifs::VARCHAR[], a.dispositif))
),
offre AS (
    -- One row per UAI × CFD × dispositif: the pair entering the taux de remplissage. The
    -- constat counts pupils under school status, so only the scolaire capacity is paired.
    SELECT COALESCE(e.uai, a.uai) AS uai,
           COALESCE(e.code_region, a.code_region) AS code_region,
           COALESCE(e.cfd, a.cfd) AS cfd,
           COALESCE(e.dispositif, a.dispositif) AS dispositif,
           e.effectif_entree, a.capacite
    FROM (SELECT uai, code_region, cfd, dispositif, {effectif_entree} AS effectif_entree
          FROM eff GROUP BY ALL) e
    FULL JOIN (SELECT uai, code_region, cfd, dispositif,
                      SUM(capacite) FILTER (WHERE voie = 'scolaire') AS capacite
               FROM att GROUP BY ALL) a
      USING (uai, cfd, dispositif)
)"""

_AGGREGATES = """
off_g AS (
    SELECT {keys}, COUNT(DISTINCT uai) AS nb_etablissements,
           {taux_remplissage} AS taux_remplissage
    FROM offre GROUP BY {keys}
),
eff_g AS (
    SELECT {keys}, {effectif_1} AS effectif_1, {effectif_2} AS effectif_2,
           {effectif_3} AS effectif_3, {effectif_entree} AS effectif_entree,
           {nombre_eleves} AS nombre_eleves
    FROM eff GROUP BY {keys}
),
att_g AS (
    SELECT {keys}, {capacite} AS capacite, {voeux} AS voeux,
           SUM(capacite) FILTER (WHERE voie = 'scolaire') AS capacite_scolaire,
           SUM(capacite) FILTER (WHERE voie = 'apprentissage') AS capacite_apprentissage,
           {taux_pression} AS taux_pression, {taux_demande} AS taux_demande
    FROM att GROUP BY {keys}
),
base AS (
    SELECT off_g.*, eff_g.* EXCLUDE ({keys}), att_g.* EXCLUDE ({keys})
    FROM off_g
    LEFT JOIN eff_g USING ({keys})
    LEFT JOIN att_g USING ({keys})
),
ins AS (
    -- Scolaire rows carry their dispositif; apprentissage rows only a CFD and match every
    -- dispositif of it.
    SELECT {ins_keys_qualified}, {insertion}
    FROM (SELECT DISTINCT {ins_keys} FROM base) k
    JOIN insertion_regionale i
      ON i.cfd = k.cfd AND (i.dispositif = k.dispositif OR i.voie = 'apprentissage')
     AND {ins_region}
    WHERE i.millesime = $millesime AND list_contains($voies::VARCHAR[], i.voie)
    GROUP BY {ins_keys_qualified}
),
moy AS (
    SELECT i.code_region, f.niveau_diplome,
           {taux_emploi} AS moyenne_emploi, {taux_poursuite} AS moyenne_poursuite
    FROM insertion_regionale i JOIN formations f USING (cfd)
    WHERE i.millesime = $millesime AND list_contains($voies::VARCHAR[], i.voie)
    GROUP BY ALL
)"""


def _ins_parts(grain: Grain) -> tuple[str, str, str, str]:
    """Return the keys and the région condition of the insertion join for a grain."""
    if grain == "offre":
        keys = "cfd, dispositif, code_region"
        qualified = "k.cfd, k.dispositif, k.code_region"
        return keys, qualified, "i.code_region = k.code_region", "b.code_region"
    keys = "cfd, dispositif"
    qualified = "k.cfd, k.dispositif"
    region = "($ins_region::VARCHAR IS NULL OR i.code_region = $ins_region)"
    return keys, qualified, region, "$ins_region::VARCHAR"


def build_sql(grain: Grain) -> str:
    """Return the console SQL for a grain; every value is a named parameter."""
    keys = "uai, cfd, dispositif" if grain == "offre" else "cfd, dispositif"
    off_keys = keys + (", code_region" if grain == "offre" else "")
    ins_keys, ins_qualified, ins_region, region_expr = _ins_parts(grain)
    selection = _SELECTION.format(effectif_entree=ind.effectif_entree())
    aggregates = _AGGREGATES.format(
        keys=off_keys,
        taux_remplissage=ind.taux_remplissage(),
        effectif_1=ind.effectif_annee(1),
        effectif_2=ind.effectif_annee(2),
        effectif_3=ind.effectif_annee(3),
        effectif_entree=ind.effectif_entree(),
        nombre_eleves=ind.nombre_eleves(),
        capacite=ind.capacite(),
        voeux=ind.voeux(),
        taux_pression=ind.taux_pression(),
        taux_demande=ind.taux_demande(),
        ins_keys=ins_keys,
        ins_keys_qualified=ins_qualified,
        ins_region=ins_region,
        insertion=ind.insertion_columns(),
        taux_emploi=ind.taux_emploi(6),
        taux_poursuite=ind.taux_poursuite(),
    )
    quadrant = ind.quadrant(
        "ins.taux_emploi_6_mois", "ins.taux_poursuite", "moy.moyenne_emploi",
        "moy.moyenne_poursuite",
    )
    final = f"""
SELECT * FROM (
    SELECT b.*, f.libelle AS libelle_formation, f.niveau_diplome, f.libelle_niveau,
           f.code_domaine, f.libelle_domaine, f.famille_metiers, d.libelle_dispositif,
           ins.* EXCLUDE ({ins_keys}),
           {region_expr} AS code_region_insertion,
           moy.moyenne_emploi, moy.moyenne_poursuite,
           COALESCE({quadrant}, 'hors quadrant') AS quadrant,
           {ind.bande_pression("b.taux_pression")} AS bande_pression
           {_offre_columns() if grain == "offre" else ""}
    FROM base b
    JOIN formations f USING (cfd)
    LEFT JOIN dispositifs d USING (dispositif)
    LEFT JOIN ins ON ins.cfd = b.cfd AND ins.dispositif = b.dispositif
        {"AND ins.code_region = b.code_region" if grain == "offre" else ""}
    LEFT JOIN moy ON moy.code_region = {region_expr} AND moy.niveau_diplome = f.niveau_diplome
    {_offre_joins() if grain == "offre" else ""}
) r
WHERE (len($quadrants::VARCHAR[]) = 0 OR list_contains($quadrants::VARCHAR[], quadrant))
  AND (len($bandes::VARCHAR[]) = 0 OR list_contains($bandes::VARCHAR[], bande_pression))
ORDER BY {"libelle_etablissement, uai, " if grain == "offre" else ""}libelle_formation, cfd,
         dispositif
"""
    return f"WITH {selection},{aggregates}{final}"


def _offre_columns() -> str:
    return """,
           e.libelle AS libelle_etablissement, e.commune, e.code_departement,
           t.libelle_departement, e.secteur, va.valeur_ajoutee"""


def _offre_joins() -> str:
    return """
    JOIN etablissements e ON e.uai = b.uai
    LEFT JOIN territoires t ON t.code_departement = e.code_departement
    LEFT JOIN (
        SELECT uai, arg_min(valeur_ajoutee, CASE champ WHEN 'ensemble' THEN 0 ELSE 1 END)
               AS valeur_ajoutee
        FROM insertion_etablissement
        WHERE millesime = $millesime AND valeur_ajoutee IS NOT NULL
        GROUP BY uai
    ) va ON va.uai = b.uai"""


def insertion_region(filters: ConsoleFilters) -> str | None:
    """Return the région whose exit rates describe the territory, None for France.

    InserJeunes publishes exit rates per région only, so a département or an académie shows
    the rates of its région.
    """
    if filters.code_region:
        return filters.code_region
    column, code = None, None
    if filters.code_departement:
        column, code = "code_departement", filters.code_departement
    elif filters.code_academie:
        column, code = "code_academie", filters.code_academie
    if column is None:
        return None
    return db.scalar(
        f"SELECT any_value(code_region) FROM territoires WHERE {column} = ?", [code]
    )


def parameters(filters: ConsoleFilters) -> dict:
    """Return the named parameters of the console SQL for a filter state."""
    return {
        "rentree": filters.rentree,
        "millesime": ind.millesime_for_rentree(filters.rentree),
        "code_region": filters.code_region,
        "code_academie": filters.code_academie,
        "code_departement": filters.code_departement,
        "secteurs": list(filters.secteurs),
        "uais": list(filters.uais),
        "niveaux": list(filters.niveaux),
        "domaines": list(filters.domaines),
        "familles": list(filters.familles),
        "dispositifs": list(filters.dispositifs),
        "recherche": filters.recherche.strip(),
        "voies": list(VOIES[filters.voie]),
        "quadrants": list(filters.quadrants),
        "bandes": list(filters.bandes_pression),
    }


_SQL_CACHE: dict[Grain, str] = {}


def console(filters: ConsoleFilters, grain: Grain = "formation") -> pd.DataFrame:
    """Return the console rows for a filter state, sorted by libellé."""
    if grain not in ("formation", "offre"):
        raise ValueError(f"unknown console grain {grain!r}")
    if grain not in _SQL_CACHE:
        _SQL_CACHE[grain] = build_sql(grain)
    params = parameters(filters)
    if grain == "formation":
        params["ins_region"] = insertion_region(filters)
    return db.query(_SQL_CACHE[grain], params)
