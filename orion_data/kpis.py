"""Key figures of a territory (France, a région or a département), each with its period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from orion_data import db
from orion_data import indicators as ind
from orion_data import nomenclatures


@dataclass(frozen=True)
class Figure:
    """One key figure: its value (None when not computable), its period and its denominator."""

    key: str
    valeur: float | int | None
    periode: str
    denominateur: int | None = None


def _territory_condition(code_region: str | None, code_departement: str | None) -> str:
    # Parameters are bound by name; the text itself holds no value.
    return (
        "($code_region::VARCHAR IS NULL OR e.code_region = $code_region) "
        "AND ($code_departement::VARCHAR IS NULL OR e.code_departement = $code_departement)"
    )


def _none(value):
    return None if value is None or pd.isna(value) else value


def offre(code_region: str | None = None, code_departement: str | None = None,
          rentree: int | None = None) -> list[Figure]:
    """Return the offer figures of a territory: formations, établissements, capacité, taux."""
    rentree = rentree or nomenclatures.rentree_par_defaut()
    where = _territory_condition(code_region, code_departement)
    row = db.query(
        f"""
        SELECT COUNT(DISTINCT a.cfd || a.dispositif) AS formations,
               COUNT(DISTINCT a.uai) AS etablissements,
               {ind.capacite()} AS capacite,
               {ind.taux_pression()} AS taux_pression,
               {ind.taux_demande()} AS taux_demande
        FROM attractivite a JOIN etablissements e USING (uai)
        WHERE a.rentree = $rentree AND {where}
        """,
        {"rentree": rentree, "code_region": code_region, "code_departement": code_departement},
    ).iloc[0]
    periode = f"rentrée {rentree}"
    return [
        Figure("formations", int(row["formations"]), periode),
        Figure("etablissements", int(row["etablissements"]), periode),
        Figure("capacite", _none(row["capacite"]), periode),
        Figure("taux_pression", _none(row["taux_pression"]), periode),
        Figure("taux_demande", _none(row["taux_demande"]), periode),
    ]


def eleves(code_region: str | None = None, code_departement: str | None = None) -> list[Figure]:
    """Return the pupils of the lycées professionnels at the latest rentrée of the per-niveau data,
    with the établissement-level taux de remplissage of that rentrée."""
    rentree = db.scalar("SELECT max(rentree) FROM effectifs_niveau")
    where = _territory_condition(code_region, code_departement)
    row = db.query(
        f"""
        WITH entree AS (
            SELECT n.uai, n.secondes_pro + n.cap_1re_annee AS effectif_entree,
                   n.nombre_eleves
            FROM effectifs_niveau n JOIN etablissements e USING (uai)
            WHERE n.rentree = $rentree AND {where}
        ),
        places AS (
            -- Entry classes recruited through Affelnet: 2nde pro and 1re année de CAP.
            SELECT uai, SUM(capacite) AS capacite
            FROM attractivite
            WHERE rentree = $rentree AND source = 'affelnet' AND voie = 'scolaire'
              AND (starts_with(mefstat11, '2381') OR starts_with(mefstat11, '2321'))
            GROUP BY uai
        )
        SELECT SUM(nombre_eleves) AS nombre_eleves,
               SUM(effectif_entree) AS effectif_entree,
               {ind.taux_remplissage("effectif_entree", "capacite")} AS taux_remplissage
        FROM entree LEFT JOIN places USING (uai)
        """,
        {"rentree": rentree, "code_region": code_region, "code_departement": code_departement},
    ).iloc[0]
    periode = f"rentrée {rentree}"
    return [
        Figure("nombre_eleves", _none(row["nombre_eleves"]), periode),
        Figure("effectif_entree", _none(row["effectif_entree"]), periode),
        Figure("taux_remplissage", _none(row["taux_remplissage"]), periode),
    ]


def insertion(code_region: str | None = None, millesime: str | None = None,
              voie: str = "scolaire") -> list[Figure]:
    """Return the InserJeunes rates of France or of a région, for one millésime and voie."""
    millesime = millesime or nomenclatures.dernier_millesime()
    row = db.query(
        f"""
        SELECT {ind.insertion_columns()}
        FROM insertion_regionale
        WHERE millesime = $millesime AND voie = $voie
          AND ($code_region::VARCHAR IS NULL OR code_region = $code_region)
        """,
        {"millesime": millesime, "voie": voie, "code_region": code_region},
    ).iloc[0]
    periode = f"millésime {millesime.replace('_', '-')}, voie {voie}"
    return [
        Figure("taux_emploi_6_mois", _none(row["taux_emploi_6_mois"]), periode,
               _none(row["nb_sortants"])),
        Figure("taux_poursuite", _none(row["taux_poursuite"]), periode,
               _none(row["nb_annee_term"])),
        Figure("taux_devenir_favorable", _none(row["taux_devenir_favorable"]), periode,
               _none(row["nb_annee_term"])),
    ]


def chomage(niveau: str, code: str) -> Figure:
    """Return the latest taux de chômage of a région or a département."""
    row = db.query(
        "SELECT annee, taux_chomage FROM chomage WHERE niveau = ? AND code = ? "
        "ORDER BY annee DESC LIMIT 1",
        [niveau, code],
    )
    if row.empty:
        return Figure("taux_chomage", None, "")
    return Figure("taux_chomage", float(row["taux_chomage"].iloc[0]),
                  f"année {int(row['annee'].iloc[0])}")


def sources() -> pd.DataFrame:
    """Return, for each source, the rentrées or millésimes it covers (from the build)."""
    return db.query("SELECT * FROM sources ORDER BY table_name, fichier")
