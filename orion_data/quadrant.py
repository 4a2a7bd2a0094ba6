"""The quadrant of a territory: one point per formation of one niveau de diplôme.

A point is a console row (CFD × dispositif over the territory). Its taux de poursuite is on x
and its taux d'emploi à 6 mois on y, against the regional means of its niveau. Its size is
its effectif en entrée and its colour its taux de pression band. A formation left out of the
quadrant gets the reason why.
"""

from __future__ import annotations

import functools
from typing import Final

import numpy as np
import pandas as pd

from orion_data import console, db
from orion_data import indicators as ind
from orion_data.console import ConsoleFilters
from orion_data.panorama import Territoire

HORS_QUADRANT: Final = "hors quadrant"
ANNEE_COMMUNE: Final = "année commune : pas de sortants"
MOINS_DE_20: Final = f"moins de {ind.SEUIL_SORTANTS} sortants : taux non publiés"
SANS_DONNEES: Final = "aucune donnée InserJeunes"
SANS_MOYENNE: Final = "pas de moyenne régionale du niveau"
NON_PUBLIE: Final = "taux non publié"
RAISONS: Final = (ANNEE_COMMUNE, MOINS_DE_20, SANS_DONNEES, SANS_MOYENNE, NON_PUBLIE)
"""The reasons a formation is hors quadrant, in the order they are tested."""

NON_CALCULABLE: Final = "non calculable"
BANDES: Final = (*console.BANDES, NON_CALCULABLE)

_EFFECTIFS: Final = ("effectif_entree", "nombre_eleves")


@functools.cache
def formations_annee_commune() -> frozenset[tuple[str, str]]:
    """Return the (cfd, dispositif) pairs that are a common first year.

    Such a formation is a seconde commune of a famille de métiers, or the first year of a BTS
    or a CAP common to several options. Its MEF codes stop before the last year of the
    dispositif (`duree_dispositif`), so it has no leavers of its own.
    """
    frame = db.query(
        "SELECT cfd, dispositif FROM mef GROUP BY cfd, dispositif "
        "HAVING max(annee_dispositif) < max(duree_dispositif)"
    )
    return frozenset(zip(frame["cfd"], frame["dispositif"]))


def rentree_constat(rentree: int) -> int | None:
    """Return the latest rentrée of the constat (effectifs per formation) up to `rentree`."""
    value = db.scalar("SELECT max(rentree) FROM effectifs WHERE rentree <= ?", [rentree])
    return None if value is None else int(value)


def raisons(points: pd.DataFrame) -> pd.Series:
    """Return, for each row, why it is hors quadrant (one of RAISONS), None when placed.

    Reads the columns quadrant, annee_commune, taux_emploi_6_mois, nb_sortants,
    taux_poursuite, nb_annee_term and moyenne_emploi, moyenne_poursuite.
    """
    result = pd.Series(None, index=points.index, dtype=object)
    hors = points["quadrant"].eq(HORS_QUADRANT)
    no_data = points["nb_sortants"].isna() & points["nb_annee_term"].isna()
    few = (
        (points["taux_emploi_6_mois"].isna() & (points["nb_sortants"] < ind.SEUIL_SORTANTS))
        | (points["taux_poursuite"].isna() & (points["nb_annee_term"] < ind.SEUIL_SORTANTS))
    )
    no_mean = points["moyenne_emploi"].isna() | points["moyenne_poursuite"].isna()

    # The first matching reason wins, so the tests run from the last to the first.
    result[hors] = NON_PUBLIE
    result[hors & no_mean] = SANS_MOYENNE
    result[hors & no_data] = SANS_DONNEES
    result[hors & few.fillna(False)] = MOINS_DE_20
    result[hors & points["annee_commune"].fillna(False).astype(bool)] = ANNEE_COMMUNE
    return result


def _filters(lieu: Territoire, rentree: int, niveau: str | None, voie: str) -> ConsoleFilters:
    return ConsoleFilters(
        rentree=rentree,
        code_region=None if lieu.code_departement else lieu.code_region,
        code_departement=lieu.code_departement,
        niveaux=(niveau,) if niveau else (),
        voie=voie,
    )


def points(lieu: Territoire, rentree: int, niveau: str | None = None,
           voie: str = "scolaire") -> pd.DataFrame:
    """Return the quadrant rows of a territory's formations, of one niveau de diplôme or all.

    The quadrant itself compares a formation with the regional means of its own niveau, so a
    chart shows one niveau at a time.

    The rows are the console's at `rentree` (offers, taux de pression, exit rates of the
    millésime shown with that rentrée and the quadrant). Their effectif_entree and
    nombre_eleves come from the latest constat up to `rentree` (column rentree_constat),
    because the constat per formation covers fewer rentrées than the offers. Added columns:
    annee_commune, raison (None when placed), bande (the pression band or "non calculable").
    The rows are cached per territory, rentrée, niveau and voie.
    """
    return _points(lieu, rentree, niveau, voie).copy()


@functools.lru_cache(maxsize=64)
def _points(lieu: Territoire, rentree: int, niveau: str | None, voie: str) -> pd.DataFrame:
    filters = _filters(lieu, rentree, niveau, voie)
    rows = console.console(filters, "formation").drop(columns=list(_EFFECTIFS))
    constat = rentree_constat(rentree)
    if constat is None:
        rows[list(_EFFECTIFS)] = float("nan")
    else:
        effectifs = console.effectifs(filters.replace(rentree=constat))
        rows = rows.merge(effectifs, on=["cfd", "dispositif"], how="left")
    rows["rentree_constat"] = constat

    communes = formations_annee_commune()
    rows["annee_commune"] = [
        (cfd, dispositif) in communes for cfd, dispositif in zip(rows["cfd"], rows["dispositif"])
    ]
    rows["raison"] = raisons(rows)
    rows["bande"] = rows["bande_pression"].fillna(NON_CALCULABLE)
    return rows


def clear() -> None:
    """Forget the cached rows and common years, e.g. after a rebuild of the warehouse."""
    _points.cache_clear()
    formations_annee_commune.cache_clear()


def filtrer_effectif(rows: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """Keep the rows whose effectif en entrée reaches `minimum`.

    A minimum of 0 keeps every row, including those whose effectif is unknown.
    """
    if minimum <= 0:
        return rows
    return rows[rows["effectif_entree"] >= minimum]


def places(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows placed in a quadrant (Q1 to Q4)."""
    return rows[rows["quadrant"].ne(HORS_QUADRANT)]


def resume_hors_quadrant(rows: pd.DataFrame) -> pd.DataFrame:
    """Count the formations and pupils hors quadrant per reason, in the order of RAISONS.

    Columns: raison, formations, effectif_entree, nombre_eleves (sums over the rows whose
    effectif is known). Reasons with no formation are left out.
    """
    # A loop over the five reasons with numpy masks: a pandas groupby took about 10 ms here,
    # on every rerun of the panorama.
    raisons = rows["raison"].to_numpy()
    effectifs = rows["effectif_entree"].to_numpy(dtype=float, na_value=np.nan)
    eleves = rows["nombre_eleves"].to_numpy(dtype=float, na_value=np.nan)
    lines = []
    for raison in RAISONS:
        mask = raisons == raison
        if mask.any():
            lines.append({
                "raison": raison,
                "formations": int(mask.sum()),
                "effectif_entree": float(np.nansum(effectifs[mask])),
                "nombre_eleves": float(np.nansum(eleves[mask])),
            })
    columns = ["raison", "formations", "effectif_entree", "nombre_eleves"]
    return pd.DataFrame(lines, columns=columns).astype({"formations": int})
