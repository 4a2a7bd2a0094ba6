"""InserJeunes exit rates per formation and territory, with their denominators and gaps.

A formation is a CFD. Its scolaire rows gather every dispositif of the CFD (a CAP in one,
two or three years), because apprentissage rows carry no dispositif. A national rate sums
the counts of the régions, a regional rate those of one région; the formulas come from
`orion_data.indicators`. Scolaire and apprentissage stay apart, and the voie "ensemble",
which sums both, is computed only on request.

Every rate comes with its denominator and, when the rate is missing, with a reason decided
from the counts. The reason is `SECRET_SORTANTS` or `SECRET_ELEVES` when the summed
denominator is below the publication threshold. It is `NON_DISPONIBLE` when the territory
has no row for the formation, or when the millésime publishes no count at that horizon.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from orion_data import db, insertion_sql
from orion_data import indicators as ind

VOIES: Final = ("scolaire", "apprentissage")
ENSEMBLE: Final = "ensemble"
MOIS: Final = insertion_sql.MOIS

SECRET_SORTANTS: Final = f"< {ind.SEUIL_SORTANTS} sortants"
SECRET_ELEVES: Final = f"< {ind.SEUIL_SORTANTS} élèves"
NON_DISPONIBLE: Final = "non disponible"


@dataclass(frozen=True)
class Mesure:
    """One rate of the page: its column, its denominator's column and its suppression label.

    `mois` is the horizon of a taux d'emploi, None for the other rates.
    """

    taux: str
    denominateur: str
    secret: str
    mois: int | None = None

    @property
    def publication(self) -> str | None:
        """Name of the flag column of this horizon in the query results, None for other rates."""
        return None if self.mois is None else f"publie_{self.mois}_mois"


MESURES: Final = (
    *(Mesure(f"taux_emploi_{m}_mois", f"nb_sortants_{m}_mois", SECRET_SORTANTS, m) for m in MOIS),
    Mesure("taux_poursuite", "nb_annee_term", SECRET_ELEVES),
    Mesure("taux_devenir_favorable", "nb_annee_term_devenir", SECRET_ELEVES),
)
MESURES_PAR_TAUX: Final = {mesure.taux: mesure for mesure in MESURES}


@dataclass(frozen=True)
class FormationFilters:
    """The filters of the table by formation. Empty tuples mean "no filter"."""

    millesime: str
    code_region: str | None = None
    niveaux: tuple[str, ...] = ()
    recherche: str = ""
    ensemble: bool = False


def ajouter_statuts(frame: pd.DataFrame) -> pd.DataFrame:
    """Add a `statut_<taux>` column per rate: None when the rate is known, else the reason.

    The reason is "non disponible" when the group has no row (`nb_lignes` 0 or missing) or
    when its millésime publishes no count at that horizon. Otherwise the rate is missing
    because its summed denominator is below the threshold, missing being read as 0.
    """
    out = frame.copy()
    lignes = out["nb_lignes"].fillna(0)
    for mesure in MESURES:
        taux = out[mesure.taux]
        absent = lignes.to_numpy() == 0
        if mesure.publication is not None:
            publie = out[mesure.publication].astype("boolean").fillna(False).to_numpy(dtype=bool)
            absent = absent | ~publie
        # NOTE: a région whose counts are blank in the source (cohort below 5 élèves, or no
        # sortant at all) adds nothing to a national denominator, so the sum may understate.
        petit = out[mesure.denominateur].fillna(0).to_numpy(dtype=float) < ind.SEUIL_SORTANTS
        statut = np.select(
            [taux.notna().to_numpy(), absent, petit],
            [None, NON_DISPONIBLE, mesure.secret],
            default=NON_DISPONIBLE,
        )
        out[f"statut_{mesure.taux}"] = pd.Series(statut, index=out.index, dtype=object)
    return out


def _run(sql: str, params: dict) -> pd.DataFrame:
    db.ensure_derived(insertion_sql.derived_tables())
    return ajouter_statuts(db.query(sql, params))


def par_formation(filters: FormationFilters) -> pd.DataFrame:
    """Return one row per formation (CFD) × voie for one millésime, France or one région.

    Columns: millesime, cfd, libelle_formation, niveau_diplome, libelle_niveau, voie, each
    rate of `MESURES` with its denominator and its `statut_` column, nb_lignes (rows of the
    source summed) and the `publie_<m>_mois` flags of the millésime.
    """
    params = {
        "millesime": filters.millesime,
        "code_region": filters.code_region,
        "niveaux": list(filters.niveaux),
        "recherche": filters.recherche.strip(),
        "ensemble": filters.ensemble,
    }
    return _run(insertion_sql.FORMATIONS, params)


def historique(cfd: str, code_region: str | None = None, ensemble: bool = False) -> pd.DataFrame:
    """Return the rates of one formation per millésime × territoire × voie.

    The territoires are France (code_region None, the sum of the régions) and either every
    région or, when `code_region` is given, that région only.
    """
    params = {"cfd": cfd, "code_region": code_region, "ensemble": ensemble}
    return _run(insertion_sql.HISTORIQUE, params)


def _spread(values: np.ndarray, positions: np.ndarray, length: int) -> np.ndarray:
    """Return `length` empty cells with `values` placed at `positions`."""
    if values.dtype.kind == "f":
        out = np.full(length, np.nan)
    else:
        out = np.full(length, None, dtype=object)
    out[positions] = values
    return out


def cote_a_cote(frame: pd.DataFrame, index: list[str], voies: tuple[str, ...]) -> pd.DataFrame:
    """Pivot the voies into columns named `<voie>__<column>`, one row per `index` value.

    Rows keep the order in which `frame` first gives each index value. A voie with no row
    for an index value gets empty rates whose status is "non disponible".
    """
    # Positional numpy arrays, because pandas' pivot or merge take several times longer
    # and the page pivots on every rerun.
    ligne = frame.groupby(index, sort=False, dropna=False).ngroup().to_numpy()
    first = ~pd.Series(ligne).duplicated().to_numpy()
    length = int(first.sum())
    columns = {column: frame[column].to_numpy()[first] for column in index}

    # Each column is converted to numpy once, because a string column converts slowly.
    arrays = {c: frame[c].to_numpy() for c in frame.columns if c not in (*index, "voie")}
    voie_of_row = frame["voie"].to_numpy()
    for voie in voies:
        rows = voie_of_row == voie
        for column, array in arrays.items():
            columns[f"{voie}__{column}"] = _spread(array[rows], ligne[rows], length)
        for mesure in MESURES:
            statut = columns[f"{voie}__statut_{mesure.taux}"]
            missing = pd.isna(columns[f"{voie}__{mesure.taux}"]) & pd.isna(statut)
            statut[missing] = NON_DISPONIBLE
    return pd.DataFrame(columns)


@functools.cache
def niveaux() -> pd.DataFrame:
    """Return the niveaux de diplôme (niveau_diplome, libelle_niveau) with InserJeunes rows."""
    return db.query(
        """
        SELECT DISTINCT f.niveau_diplome, f.libelle_niveau
        FROM formations f
        WHERE f.cfd IN (SELECT cfd FROM insertion_regionale)
        ORDER BY f.niveau_diplome
        """
    )


@functools.cache
def horizons(millesime: str) -> tuple[int, ...]:
    """Return the months (6, 12, 18, 24) at which the millésime has at least one count."""
    flags = ", ".join(f"count(nb_en_emploi_{m}_mois) > 0" for m in MOIS)
    row = db.query(
        f"SELECT {flags} FROM insertion_regionale WHERE millesime = ?", [millesime]
    ).iloc[0]
    return tuple(mois for mois, publie in zip(MOIS, row, strict=True) if publie)


def clear() -> None:
    """Forget the cached lists, e.g. after a rebuild of the warehouse."""
    niveaux.cache_clear()
    horizons.cache_clear()
