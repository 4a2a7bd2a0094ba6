"""The panorama of one établissement: search, identity, InserJeunes header, offers, neighbours.

The InserJeunes figures of an établissement are the DEPP's whole percentages as published,
because the source gives no counts per établissement: they are shown, never recomputed.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from orion_data import console, db, geo, nomenclatures
from orion_data import indicators as ind
from orion_data.console import ConsoleFilters
from orion_data.errors import NotFound

logger = logging.getLogger(__name__)

RECHERCHE_MIN: Final = 3
RECHERCHE_MAX: Final = 100
RESULTATS_MAX: Final = 50

# Lower-case, accents stripped, every run of other characters turned into one space, so that
# "Saint-Amand" matches "SAINT AMAND" and "lycée" matches "LYCEE".
_NORMALISE: Final = "trim(regexp_replace(strip_accents(lower({})), '[^a-z0-9]+', ' ', 'g'))"

_RECHERCHE_SQL: Final = f"""
WITH avec_donnees AS (
    SELECT uai FROM effectifs_niveau UNION SELECT uai FROM attractivite
    UNION SELECT uai FROM effectifs UNION SELECT uai FROM insertion_etablissement
),
mots AS (
    SELECT list_filter(string_split({_NORMALISE.format("$texte::VARCHAR")}, ' '),
                       lambda mot: mot <> '') AS mots
),
candidats AS (
    SELECT e.uai, e.libelle, e.commune, e.code_departement, t.libelle_departement, e.secteur,
           {_NORMALISE.format("e.libelle")} AS nom,
           {_NORMALISE.format("e.libelle")} || ' ' || {_NORMALISE.format("e.commune")}
               || ' ' || lower(e.uai) AS texte
    FROM etablissements e
    LEFT JOIN territoires t USING (code_departement)
    WHERE e.uai IN (SELECT uai FROM avec_donnees)
)
SELECT uai, libelle, commune, code_departement, libelle_departement, secteur
FROM candidats, mots
WHERE len(mots) > 0 AND list_bool_and(list_transform(mots, lambda mot: contains(texte, mot)))
ORDER BY CASE WHEN uai = upper(trim($texte::VARCHAR)) THEN 0
              WHEN starts_with(nom, array_to_string(mots, ' ')) THEN 1
              ELSE 2 END,
         libelle, uai
LIMIT $limite
"""

INDICATEURS_ETABLISSEMENT: Final = (
    "valeur_ajoutee", "taux_emploi_6_mois", "taux_poursuite", "taux_devenir_favorable",
)
_SERIES_ORDRE: Final = {("lycee", "ensemble"): 0, ("lycee", "scolaire"): 1,
                        ("cfa", "apprentissage"): 2, ("lycee", "apprentissage"): 3}
"""Priority of the InserJeunes series (type × champ) that describes a school with several:
the whole lycée first."""


def rechercher(texte: str, limite: int = RESULTATS_MAX) -> pd.DataFrame:
    """Return the établissements whose UAI, name or commune contain every word of `texte`.

    The match ignores case, accents and punctuation, so a text of punctuation alone matches
    nothing. Only schools with data in the warehouse are returned: an exact UAI first, then names starting with the text, then by name. Below
    RECHERCHE_MIN characters the result is empty; the text is cut to RECHERCHE_MAX.
    """
    texte = (texte or "").strip()[:RECHERCHE_MAX]
    if len(texte) < RECHERCHE_MIN:
        return pd.DataFrame(columns=["uai", "libelle", "commune", "code_departement",
                                     "libelle_departement", "secteur"])
    return db.query(_RECHERCHE_SQL, {"texte": texte, "limite": int(limite)})


@dataclass(frozen=True)
class Fiche:
    """Identity of an établissement."""

    uai: str
    libelle: str
    commune: str | None
    code_departement: str | None
    libelle_departement: str | None
    code_region: str | None
    secteur: str | None
    latitude: float | None
    longitude: float | None


def _texte(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _nombre(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def fiche(uai: str) -> Fiche:
    """Return the identity of a school; raise NotFound for an unknown UAI."""
    frame = db.query(
        "SELECT e.*, t.libelle_departement FROM etablissements e "
        "LEFT JOIN territoires t USING (code_departement) WHERE e.uai = ?",
        [uai.strip().upper()],
    )
    if frame.empty:
        raise NotFound(f"L'établissement « {uai} » est introuvable : vérifiez l'UAI "
                       "(7 chiffres et une lettre) ou cherchez-le par son nom.")
    row = frame.iloc[0]
    return Fiche(
        uai=row["uai"], libelle=row["libelle"], commune=_texte(row["commune"]),
        code_departement=_texte(row["code_departement"]),
        libelle_departement=_texte(row["libelle_departement"]),
        code_region=_texte(row["code_region"]), secteur=_texte(row["secteur"]),
        latitude=_nombre(row["latitude"]), longitude=_nombre(row["longitude"]),
    )


def _insertion_series(uai: str) -> pd.DataFrame:
    return db.query(
        f"""
        SELECT millesime, type_etablissement, champ, valeur_ajoutee, taux_emploi_6_mois,
               taux_poursuite_etudes AS taux_poursuite,
               {ind.devenir_favorable_etablissement()} AS taux_devenir_favorable
        FROM insertion_etablissement WHERE uai = ?
        ORDER BY millesime
        """,
        [uai],
    )


def _serie(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the series (type × champ) with the latest millésime, the whole lycée on ties."""
    rank = [_SERIES_ORDRE.get(key, 9) for key in zip(frame["type_etablissement"],
                                                    frame["champ"])]
    ordered = frame.assign(rang=rank).sort_values(["millesime", "rang"],
                                                  ascending=[False, True])
    best = ordered.iloc[0]
    same = (frame["type_etablissement"] == best["type_etablissement"]) & (
        frame["champ"] == best["champ"])
    return frame[same].sort_values("millesime")


def _precedent(millesime: str) -> str:
    """Return the millésime one year before, e.g. 2021_2022 for 2022_2023."""
    first, second = (int(part) for part in millesime.split("_"))
    return f"{first - 1}_{second - 1}"


def insertion(uai: str) -> pd.DataFrame:
    """Return the InserJeunes header of a school: one row per key of INDICATEURS_ETABLISSEMENT.

    Columns: key, valeur and precedent (whole percentages, valeur ajoutée in points, None when
    not published), evolution (valeur − precedent), millesime, millesime_precedent,
    type_etablissement, champ. Empty when the school has no InserJeunes row.
    """
    frame = _insertion_series(uai)
    if frame.empty:
        return pd.DataFrame(columns=["key", "valeur", "precedent", "evolution", "millesime",
                                     "millesime_precedent", "type_etablissement", "champ"])
    serie = _serie(frame).set_index("millesime")
    latest = serie.index[-1]
    previous = _precedent(latest)
    rows = []
    for key in INDICATEURS_ETABLISSEMENT:
        valeur = _nombre(serie.loc[latest, key])
        precedent = _nombre(serie.loc[previous, key]) if previous in serie.index else None
        evolution = None if valeur is None or precedent is None else valeur - precedent
        rows.append({
            "key": key, "valeur": valeur, "precedent": precedent, "evolution": evolution,
            "millesime": latest, "millesime_precedent": previous,
            "type_etablissement": serie.loc[latest, "type_etablissement"],
            "champ": serie.loc[latest, "champ"],
        })
    return pd.DataFrame(rows)


@functools.lru_cache(maxsize=32)
def _offres(uai: str, voie: str) -> pd.DataFrame:
    parts = []
    for rentree in nomenclatures.rentrees():
        rows = console.console(ConsoleFilters(rentree=rentree, uais=(uai,), voie=voie), "offre")
        if not rows.empty:
            parts.append(rows.assign(rentree=rentree))
    if not parts:
        return pd.DataFrame()
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values(["rentree", "libelle_formation", "dispositif"],
                             ascending=[False, True, True], ignore_index=True)


def offres(uai: str, voie: str = "scolaire") -> pd.DataFrame:
    """Return the school's offers (CFD × dispositif) for every rentrée of the data, newest first.

    One console row (grain "offre") per offer and rentrée, with a `rentree` column: effectifs,
    capacité, vœux, taux de pression and de remplissage of that rentrée, and the regional exit
    rates of the millésime shown with it. The rows are cached per school, because the page
    reads them again on every widget change.
    """
    return _offres(uai.strip().upper(), voie).copy()


def clear() -> None:
    """Forget the cached offers, e.g. after a rebuild of the warehouse."""
    _offres.cache_clear()


_VOISINS_SQL: Final = """
WITH offres AS (
    SELECT DISTINCT uai, cfd FROM attractivite
    WHERE rentree = $rentree AND list_contains($cfds::VARCHAR[], cfd)
    UNION
    SELECT DISTINCT uai, cfd FROM effectifs
    WHERE rentree = $rentree AND list_contains($cfds::VARCHAR[], cfd)
)
SELECT o.uai, e.libelle, e.commune, e.code_departement, e.secteur, e.latitude, e.longitude,
       COUNT(DISTINCT o.cfd) AS formations_communes,
       string_agg(DISTINCT f.libelle, ' · ' ORDER BY f.libelle) AS libelles_formations
FROM offres o
JOIN etablissements e ON e.uai = o.uai
LEFT JOIN formations f ON f.cfd = o.cfd
WHERE o.uai <> $uai
GROUP BY ALL
"""


def voisins(ecole: Fiche, rentree: int, cfds: list[str]) -> pd.DataFrame:
    """Return the other schools offering one of `cfds` at `rentree`, nearest first.

    Columns: uai, libelle, commune, code_departement, secteur, latitude, longitude,
    formations_communes, libelles_formations, distance_km (haversine, NaN when either school
    has no coordinates). Schools without a distance come last, by name.
    """
    if not cfds:
        return pd.DataFrame(columns=["uai", "libelle", "distance_km"])
    frame = db.query(_VOISINS_SQL, {"rentree": rentree, "cfds": list(cfds), "uai": ecole.uai})
    if ecole.latitude is None or ecole.longitude is None:
        frame["distance_km"] = np.nan
    else:
        frame["distance_km"] = geo.haversine_km(
            ecole.latitude, ecole.longitude,
            frame["latitude"].astype(float), frame["longitude"].astype(float),
        )
    return frame.sort_values(["distance_km", "libelle", "uai"], na_position="last",
                             ignore_index=True)


def rentree_des_offres(offres_frame: pd.DataFrame) -> int | None:
    """Return the rentrée to compare the school at: the consoles' default rentrée when the
    school has offers then, else its latest rentrée with an offer, None without offers.

    The latest rentrées of the data may hold only Parcoursup (BTS) offers, so the default
    rentrée, the latest with Affelnet capacities, describes most schools better.
    """
    if offres_frame.empty:
        return None
    rentrees = set(offres_frame["rentree"])
    defaut = nomenclatures.rentree_par_defaut()
    return defaut if defaut in rentrees else int(max(rentrees))
