"""InserJeunes rates per établissement (lycées and CFA) as published, with their context.

The DEPP publishes whole percentages and a valeur ajoutée per établissement, never the
counts behind them, so no rate is recomputed here. A missing rate may be secret statistique
or absent data, and the source does not say which. Rates are returned as shares (0.51 for 51 %) so
they format like the regional ones, and the valeur ajoutée stays in percentage points.

The table gives no number of sortants. For a lycée it carries, as context, the pupils of
terminale pro and of 2e année de CAP (statut scolaire) in the two rentrées whose leavers
make up the millésime, from `effectifs_niveau`.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Final

import pandas as pd

from orion_data import db

TYPES: Final = ("lycee", "cfa")
SECTEUR_INCONNU: Final = "non renseigné"

TAUX: Final = (
    "taux_emploi_6_mois",
    "taux_emploi_6_mois_attendu",
    "taux_poursuite_etudes",
    "taux_emploi_12_mois",
    "taux_emploi_18_mois",
    "taux_emploi_24_mois",
    "part_poursuite_etudes",
    "part_emploi_6_mois",
    "part_autre_situation",
)
MESURES: Final = ("valeur_ajoutee", *TAUX)
TRIS: Final = (*MESURES, "eleves_derniere_annee")
"""Columns the table can be ranked on: the allow-list of the ORDER BY identifier."""


@dataclass(frozen=True)
class EtablissementFilters:
    """The filters of the table by établissement. An empty `secteurs` means every secteur."""

    millesime: str
    type_etablissement: str = "lycee"
    champ: str = "ensemble"
    code_region: str | None = None
    secteurs: tuple[str, ...] = ()
    tri: str = "valeur_ajoutee"
    decroissant: bool = True

    def replace(self, **changes) -> EtablissementFilters:
        return dataclasses.replace(self, **changes)


def rentrees_derniere_annee(millesime: str) -> tuple[int, int]:
    """Return the rentrées of the final-year pupils whose leavers make up `millesime`.

    A millésime A_B pools the leavers of June A and June B, who were in their final year
    from the rentrées A − 1 and B − 1.
    """
    first, last = (int(year) for year in millesime.split("_"))
    return first - 1, last - 1


_TABLE_SQL: Final = """
WITH derniere_annee AS (
    SELECT uai, SUM(terminales_pro + cap_2e_annee) AS eleves, count(*) AS nb_rentrees
    FROM effectifs_niveau
    WHERE list_contains($rentrees::INTEGER[], rentree)
    GROUP BY uai
),
lignes AS (
    SELECT i.uai, e.libelle AS libelle_etablissement, e.commune, e.code_departement,
           t.libelle_departement, e.code_region, r.libelle_region,
           COALESCE(e.secteur, $inconnu) AS secteur,
           i.valeur_ajoutee,
           {taux},
           -- Both rentrées are needed, and the count describes pupils under school status.
           CASE WHEN i.type_etablissement = 'lycee' AND i.champ <> 'apprentissage'
                     AND d.nb_rentrees = len($rentrees::INTEGER[])
                THEN d.eleves END AS eleves_derniere_annee
    FROM insertion_etablissement i
    LEFT JOIN etablissements e USING (uai)
    LEFT JOIN territoires t ON t.code_departement = e.code_departement
    LEFT JOIN (SELECT DISTINCT code_region, libelle_region FROM territoires) r
      ON r.code_region = e.code_region
    LEFT JOIN derniere_annee d USING (uai)
    WHERE i.millesime = $millesime
      AND i.type_etablissement = $type_etablissement
      AND i.champ = $champ
      AND ($code_region::VARCHAR IS NULL OR e.code_region = $code_region)
      AND (len($secteurs::VARCHAR[]) = 0
           OR list_contains($secteurs::VARCHAR[], COALESCE(e.secteur, $inconnu)))
)
SELECT CASE WHEN {tri} IS NOT NULL
            THEN rank() OVER (PARTITION BY {tri} IS NULL ORDER BY {tri} {direction}) END
           AS rang,
       *
FROM lignes
ORDER BY {tri} {direction} NULLS LAST, libelle_etablissement, uai
"""


def _sql(tri: str, decroissant: bool) -> str:
    if tri not in TRIS:
        raise ValueError(f"Cannot sort établissements on {tri!r}. Use one of {TRIS}.")
    # Published rates are whole percentages, so dividing by 100 only changes the unit.
    taux = ",\n           ".join(f"i.{column} / 100.0 AS {column}" for column in TAUX)
    direction = "DESC" if decroissant else "ASC"
    return _TABLE_SQL.format(taux=taux, tri=tri, direction=direction)


def etablissements(filters: EtablissementFilters) -> pd.DataFrame:
    """Return one row per établissement for the filters, ranked on `filters.tri`.

    `rang` is the rank among the établissements that have a value to rank on (ties share
    a rank), NULL for the others, which come last.
    """
    params = {
        "millesime": filters.millesime,
        "type_etablissement": filters.type_etablissement,
        "champ": filters.champ,
        "code_region": filters.code_region,
        "secteurs": list(filters.secteurs),
        "rentrees": list(rentrees_derniere_annee(filters.millesime)),
        "inconnu": SECTEUR_INCONNU,
    }
    return db.query(_sql(filters.tri, filters.decroissant), params)


@functools.cache
def millesimes(type_etablissement: str) -> tuple[str, ...]:
    """Return the millésimes published for this type of établissement, most recent first."""
    frame = db.query(
        "SELECT DISTINCT millesime FROM insertion_etablissement "
        "WHERE type_etablissement = ? ORDER BY millesime DESC",
        [type_etablissement],
    )
    return tuple(frame["millesime"])


@functools.cache
def champs(type_etablissement: str) -> tuple[str, ...]:
    """Return the champs of this type of établissement: ensemble first, then the voies."""
    frame = db.query(
        "SELECT DISTINCT champ FROM insertion_etablissement WHERE type_etablissement = ? "
        "ORDER BY champ <> 'ensemble', champ DESC",
        [type_etablissement],
    )
    return tuple(frame["champ"])


@functools.cache
def secteurs(type_etablissement: str) -> tuple[str, ...]:
    """Return the secteurs of the établissements of this type, "non renseigné" for none."""
    frame = db.query(
        """
        SELECT DISTINCT COALESCE(e.secteur, ?) AS secteur
        FROM insertion_etablissement i LEFT JOIN etablissements e USING (uai)
        WHERE i.type_etablissement = ?
        ORDER BY secteur
        """,
        [SECTEUR_INCONNU, type_etablissement],
    )
    return tuple(frame["secteur"])


@functools.cache
def colonnes_publiees(millesime: str, type_etablissement: str) -> tuple[str, ...]:
    """Return the columns of `MESURES` with at least one value in this millésime and type.

    A column empty for the whole millésime is a column the source does not publish for it
    (e.g. the taux d'emploi à 24 mois after 2018_2019 for lycées).
    """
    counts = ", ".join(f"count({column}) AS {column}" for column in MESURES)
    row = db.query(
        f"SELECT {counts} FROM insertion_etablissement "
        "WHERE millesime = ? AND type_etablissement = ?",
        [millesime, type_etablissement],
    ).iloc[0]
    return tuple(column for column in MESURES if row[column] > 0)


def clear() -> None:
    """Forget the cached lists, e.g. after a rebuild of the warehouse."""
    for function in (millesimes, champs, secteurs, colonnes_publiees):
        function.cache_clear()
