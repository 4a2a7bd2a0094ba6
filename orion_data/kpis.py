"""Key figures of a territory (France, a région or a département), each with its period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

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


MAILLES: Final[dict[str, str]] = {"region": "code_region", "departement": "code_departement"}
"""Allow-list of the territory levels of the per-territory functions, with their column."""


# Parameters are bound by name, so the SQL text contains no value.
_TERRITORY_CONDITION: Final = (
    "($code_region::VARCHAR IS NULL OR e.code_region = $code_region) "
    "AND ($code_departement::VARCHAR IS NULL OR e.code_departement = $code_departement)"
)


def _column(maille: str) -> str:
    if maille not in MAILLES:
        raise ValueError(f"invalid maille {maille!r}: expected one of {sorted(MAILLES)}")
    return MAILLES[maille]


def _grouping(maille: str | None) -> tuple[str, str]:
    """Return the SELECT prefix and GROUP BY clause of a query per territory, or two empty
    strings for one territory."""
    if maille is None:
        return "", ""
    column = _column(maille)
    return f"e.{column} AS code, ", "GROUP BY ALL ORDER BY code"


def _none(value):
    return None if value is None or pd.isna(value) else value


def _offre_sql(maille: str | None) -> str:
    # An offer is a UAI × CFD × dispositif with a capacity or pupils at the rentrée, as in the
    # consoles: rentrée 2020 has pupils per formation but no Affelnet capacity.
    select, group = _grouping(maille)
    return f"""
        WITH offres AS (
            SELECT uai, cfd, dispositif FROM attractivite WHERE rentree = $rentree
            UNION
            SELECT uai, cfd, dispositif FROM effectifs WHERE rentree = $rentree
        ),
        comptes AS (
            SELECT {select}COUNT(DISTINCT (o.cfd, o.dispositif)) AS formations,
                   COUNT(DISTINCT o.uai) AS etablissements
            FROM offres o JOIN etablissements e USING (uai)
            WHERE {_TERRITORY_CONDITION}
            {group}
        ),
        capacites AS (
            SELECT {select}{ind.capacite()} AS capacite,
                   {ind.taux_pression()} AS taux_pression,
                   {ind.denominateur_pression()} AS capacite_pression,
                   {ind.taux_demande()} AS taux_demande
            FROM attractivite a JOIN etablissements e USING (uai)
            WHERE a.rentree = $rentree AND {_TERRITORY_CONDITION}
            {group}
        )
        SELECT * FROM comptes {_capacites_join(maille)}
        """


def _capacites_join(maille: str | None) -> str:
    if maille is None:
        return "CROSS JOIN capacites"
    return "LEFT JOIN capacites USING (code) ORDER BY code"


def offre(code_region: str | None = None, code_departement: str | None = None,
          rentree: int | None = None) -> list[Figure]:
    """Return the offer figures of a territory: formations, établissements, capacité, taux."""
    rentree = rentree or nomenclatures.rentree_par_defaut()
    row = db.query(
        _offre_sql(None),
        {"rentree": rentree, "code_region": code_region, "code_departement": code_departement},
    ).iloc[0]
    return offre_figures(row, rentree)


def offre_figures(row: pd.Series, rentree: int) -> list[Figure]:
    """Return the offer figures of one row of `offre_par_territoire` (or of `offre`'s query)."""
    periode = f"rentrée {rentree}"
    return [
        Figure("formations", int(row["formations"]), periode),
        Figure("etablissements", int(row["etablissements"]), periode),
        Figure("capacite", _none(row["capacite"]), periode),
        Figure("taux_pression", _none(row["taux_pression"]), periode,
               _none(row["capacite_pression"])),
        Figure("taux_demande", _none(row["taux_demande"]), periode),
    ]


def offre_par_territoire(maille: str, rentree: int | None = None) -> pd.DataFrame:
    """Return the offer figures of every région or département (`maille`), one row per `code`.

    Columns: code, formations, etablissements, capacite, taux_pression, capacite_pression
    (its denominator), taux_demande.
    """
    rentree = rentree or nomenclatures.rentree_par_defaut()
    return db.query(
        _offre_sql(maille), {"rentree": rentree, "code_region": None, "code_departement": None}
    )


def _eleves_sql(maille: str | None) -> str:
    select, group = _grouping(maille)
    outer = "code, " if maille else ""
    return f"""
        WITH entree AS (
            SELECT {select}n.uai, n.secondes_pro + n.cap_1re_annee AS effectif_entree,
                   n.nombre_eleves
            FROM effectifs_niveau n JOIN etablissements e USING (uai)
            WHERE n.rentree = $rentree AND {_TERRITORY_CONDITION}
        ),
        places AS (
            -- Entry classes recruited through Affelnet: 2nde pro and 1re année de CAP.
            SELECT uai, SUM(capacite) AS capacite
            FROM attractivite
            WHERE rentree = $rentree AND source = 'affelnet' AND voie = 'scolaire'
              AND (starts_with(mefstat11, '2381') OR starts_with(mefstat11, '2321'))
            GROUP BY uai
        )
        SELECT {outer}SUM(nombre_eleves) AS nombre_eleves,
               SUM(effectif_entree) AS effectif_entree,
               {ind.taux_remplissage("effectif_entree", "capacite")} AS taux_remplissage,
               {ind.denominateur_remplissage("effectif_entree", "capacite")}
                   AS capacite_remplissage
        FROM entree LEFT JOIN places USING (uai)
        {group}
        """


def _rentree_eleves() -> int:
    return db.scalar("SELECT max(rentree) FROM effectifs_niveau")


def eleves(code_region: str | None = None, code_departement: str | None = None) -> list[Figure]:
    """Return the pupils of the lycées professionnels at the latest rentrée of the per-niveau data,
    with the établissement-level taux de remplissage of that rentrée."""
    rentree = _rentree_eleves()
    row = db.query(
        _eleves_sql(None),
        {"rentree": rentree, "code_region": code_region, "code_departement": code_departement},
    ).iloc[0]
    return eleves_figures(row, rentree)


def eleves_figures(row: pd.Series, rentree: int) -> list[Figure]:
    """Return the pupil figures of one row of `eleves_par_territoire` (or of `eleves`'s query)."""
    periode = f"rentrée {rentree}"
    return [
        Figure("nombre_eleves", _none(row["nombre_eleves"]), periode),
        Figure("effectif_entree", _none(row["effectif_entree"]), periode),
        Figure("taux_remplissage", _none(row["taux_remplissage"]), periode,
               _none(row["capacite_remplissage"])),
    ]


def eleves_par_territoire(maille: str) -> pd.DataFrame:
    """Return the pupils of every région or département, as `eleves` does for one territory.

    Columns: code, nombre_eleves, effectif_entree, taux_remplissage, capacite_remplissage (its
    denominator), rentree.
    """
    rentree = _rentree_eleves()
    frame = db.query(
        _eleves_sql(maille), {"rentree": rentree, "code_region": None, "code_departement": None}
    )
    frame["rentree"] = rentree
    return frame


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
    return insertion_figures(row, millesime, voie)


def insertion_figures(row: pd.Series, millesime: str, voie: str) -> list[Figure]:
    """Return the exit-rate figures of one row of `insertion_par_region` (or of `insertion`)."""
    periode = f"millésime {millesime.replace('_', '-')}, voie {voie}"
    return [
        Figure("taux_emploi_6_mois", _none(row["taux_emploi_6_mois"]), periode,
               _none(row["nb_sortants"])),
        Figure("taux_poursuite", _none(row["taux_poursuite"]), periode,
               _none(row["nb_annee_term"])),
        Figure("taux_devenir_favorable", _none(row["taux_devenir_favorable"]), periode,
               _none(row["nb_annee_term"])),
    ]


def insertion_par_region(millesime: str | None = None, voie: str = "scolaire") -> pd.DataFrame:
    """Return the InserJeunes rates and denominators of every région for one millésime.

    Columns: code and those of `indicators.insertion_columns()`.
    """
    millesime = millesime or nomenclatures.dernier_millesime()
    return db.query(
        f"""
        SELECT code_region AS code, {ind.insertion_columns()}
        FROM insertion_regionale
        WHERE millesime = $millesime AND voie = $voie
        GROUP BY ALL ORDER BY code
        """,
        {"millesime": millesime, "voie": voie},
    )


def insertion_par_millesime(code_region: str | None = None,
                            voie: str = "scolaire") -> pd.DataFrame:
    """Return the InserJeunes rates of France or of a région for every millésime, oldest first.

    Columns: millesime and those of `indicators.insertion_columns()`.
    """
    return db.query(
        f"""
        SELECT millesime, {ind.insertion_columns()}
        FROM insertion_regionale
        WHERE voie = $voie AND ($code_region::VARCHAR IS NULL OR code_region = $code_region)
        GROUP BY ALL ORDER BY millesime
        """,
        {"voie": voie, "code_region": code_region},
    )


def insertion_par_region_et_millesime(voie: str = "scolaire") -> pd.DataFrame:
    """Return the InserJeunes rates of every région for every millésime.

    Columns: code, millesime and those of `indicators.insertion_columns()`, sorted by code
    then millésime. The rows of one région equal `insertion_par_millesime` of that région.
    """
    return db.query(
        f"""
        SELECT code_region AS code, millesime, {ind.insertion_columns()}
        FROM insertion_regionale
        WHERE voie = $voie
        GROUP BY ALL ORDER BY code, millesime
        """,
        {"voie": voie},
    )


def chomage(niveau: str, code: str) -> Figure:
    """Return the latest taux de chômage of a région or a département."""
    row = db.query(
        "SELECT annee, taux_chomage FROM chomage WHERE niveau = ? AND code = ? "
        "ORDER BY annee DESC LIMIT 1",
        [niveau, code],
    )
    if row.empty:
        return Figure("taux_chomage", None, "")
    return chomage_figure(row.iloc[0])


def chomage_figure(row: pd.Series) -> Figure:
    """Return the taux de chômage of one row of `chomage_par_territoire` (or of `chomage`)."""
    return Figure("taux_chomage", float(row["taux_chomage"]), f"année {int(row['annee'])}")


def chomage_par_territoire(maille: str) -> pd.DataFrame:
    """Return the latest taux de chômage of every région or département (code, annee,
    taux_chomage). The data has no value for France as a whole."""
    _column(maille)
    return db.query(
        "SELECT code, arg_max(annee, annee) AS annee, arg_max(taux_chomage, annee) AS taux_chomage "
        "FROM chomage WHERE niveau = ? GROUP BY code ORDER BY code",
        [maille],
    )


def sources() -> pd.DataFrame:
    """Return, for each source, the rentrées or millésimes it covers (from the build)."""
    return db.query(
        "SELECT table_name, fichier, COALESCE(periode, 'référentiel, sans période') AS periode "
        "FROM sources ORDER BY table_name, fichier"
    )
