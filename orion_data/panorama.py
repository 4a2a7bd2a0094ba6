"""The panorama of a région or a département: key figures next to France, map values, history.

InserJeunes publishes exit rates by région only, so a département shows its own entry figures
and the exit rates of its région, flagged `regional` wherever they appear.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

import pandas as pd

from orion_data import indicators as ind
from orion_data import kpis, nomenclatures
from orion_data.errors import NotFound
from orion_data.kpis import Figure

CHIFFRES_CLES: Final = (
    "nombre_eleves", "effectif_entree", "formations", "taux_remplissage", "taux_pression",
    "taux_emploi_6_mois", "taux_poursuite", "taux_devenir_favorable", "taux_chomage",
)
SORTIE: Final = frozenset({"taux_emploi_6_mois", "taux_poursuite", "taux_devenir_favorable"})
"""The InserJeunes exit rates, published by région only."""

INDICATEURS_CARTE: Final[dict[str, str]] = {
    # Allow-list of the map's indicators, with the column of their denominator.
    "taux_emploi_6_mois": "nb_sortants",
    "taux_poursuite": "nb_annee_term",
    "taux_pression": "capacite_pression",
    "taux_remplissage": "capacite_remplissage",
    "taux_chomage": "",
}
DENOMINATEURS: Final[dict[str, str]] = {
    "nb_sortants": "sortants",
    "nb_annee_term": "élèves de dernière année",
    "capacite_pression": "places Affelnet de capacité connue",
    "capacite_remplissage": "places des classes d'entrée",
}


@dataclass(frozen=True)
class Territoire:
    """A région, or a département with its région."""

    code_region: str
    libelle_region: str
    code_departement: str | None = None
    libelle_departement: str | None = None

    @property
    def maille(self) -> str:
        return "departement" if self.code_departement else "region"

    @property
    def code(self) -> str:
        return self.code_departement or self.code_region

    @property
    def libelle(self) -> str:
        if self.code_departement:
            return f"{self.libelle_departement} ({self.code_departement})"
        return self.libelle_region


def territoire(code_region: str | None, code_departement: str | None = None) -> Territoire:
    """Return the Territoire of a département, else of a région.

    A département fixes its région, so `code_region` may then be None. Raise NotFound for an
    unknown code.
    """
    if code_departement:
        departements = nomenclatures.departements().set_index("code_departement")
        if code_departement not in departements.index:
            raise NotFound(f"Le département « {code_departement} » est introuvable : "
                           "choisissez-en un dans la liste.")
        code_region = departements.loc[code_departement, "code_region"]
    regions = nomenclatures.regions().set_index("code_region")["libelle_region"]
    if code_region not in regions.index:
        raise NotFound(f"La région « {code_region} » est introuvable : choisissez-en une dans "
                       "la liste.")
    libelle_departement = None
    if code_departement:
        libelle_departement = departements.loc[code_departement, "libelle_departement"]
    return Territoire(code_region, regions[code_region], code_departement, libelle_departement)


@dataclass(frozen=True)
class ChiffreCle:
    """One key figure of a territory next to its value for France.

    `regional` is True when the value is that of the territory's région (exit rates of a
    département).
    """

    key: str
    territoire: Figure
    france: Figure
    regional: bool = False


def _par_cle(figures: list[Figure]) -> dict[str, Figure]:
    return {figure.key: figure for figure in figures}


def millesime_de(rentree: int) -> str:
    """Return the InserJeunes millésime shown with a rentrée (possibly absent from the data)."""
    return ind.millesime_for_rentree(rentree)


def chiffres_cles(lieu: Territoire, rentree: int, voie: str = "scolaire") -> list[ChiffreCle]:
    """Return the key figures of a territory and of France, in the order of CHIFFRES_CLES.

    Offer figures are those of `rentree`, exit rates those of its millésime, pupils those of
    the latest rentrée of the per-niveau data, and the taux de chômage the latest year.
    The figures are cached per territory, because a page reads them on every rerun.
    """
    return list(_chiffres_cles(lieu, rentree, voie))


@functools.lru_cache(maxsize=16)
def _france(rentree: int, voie: str) -> tuple[tuple[str, Figure], ...]:
    figures = (kpis.offre(rentree=rentree) + kpis.eleves()
               + kpis.insertion(None, millesime_de(rentree), voie))
    return tuple((figure.key, figure) for figure in figures)


@dataclass(frozen=True)
class _Tables:
    """The figures of every territory of one maille, indexed by code, for one rentrée and voie."""

    offre: pd.DataFrame
    eleves: pd.DataFrame
    insertion: pd.DataFrame
    chomage: pd.DataFrame


@functools.lru_cache(maxsize=16)
def _tables(maille: str, rentree: int, voie: str) -> _Tables:
    # One query per source for every territory at once: a user who moves from one région to
    # the next then reads cached rows instead of waiting for four queries.
    return _Tables(
        kpis.offre_par_territoire(maille, rentree).set_index("code"),
        kpis.eleves_par_territoire(maille).set_index("code"),
        kpis.insertion_par_region(millesime_de(rentree), voie).set_index("code"),
        kpis.chomage_par_territoire(maille).set_index("code"),
    )


@functools.lru_cache(maxsize=256)
def _chiffres_cles(lieu: Territoire, rentree: int, voie: str) -> tuple[ChiffreCle, ...]:
    millesime = millesime_de(rentree)
    region = lieu.code_region
    departement = lieu.code_departement
    tables = _tables(lieu.maille, rentree, voie)

    # A territory absent from a table (no offer, no pupil, no published row) gets the
    # single-territory query, which returns its zero counts and empty rates.
    if lieu.code in tables.offre.index:
        offre = kpis.offre_figures(tables.offre.loc[lieu.code], rentree)
    else:
        offre = kpis.offre(region, departement, rentree)
    if lieu.code in tables.eleves.index:
        row = tables.eleves.loc[lieu.code]
        eleves = kpis.eleves_figures(row, int(row["rentree"]))
    else:
        eleves = kpis.eleves(region, departement)
    if region in tables.insertion.index:
        insertion = kpis.insertion_figures(tables.insertion.loc[region], millesime, voie)
    else:
        insertion = kpis.insertion(region, millesime, voie)
    local = _par_cle(offre + eleves + insertion)
    if lieu.code in tables.chomage.index:
        local["taux_chomage"] = kpis.chomage_figure(tables.chomage.loc[lieu.code])
    else:
        local["taux_chomage"] = kpis.chomage(lieu.maille, lieu.code)

    france = dict(_france(rentree, voie))
    # NOTE: the INSEE file of the warehouse has régions and départements but no national
    # taux de chômage, so France shows "non calculable" here.
    france["taux_chomage"] = Figure("taux_chomage", None, local["taux_chomage"].periode)

    regional = lieu.maille == "departement"
    return tuple(
        ChiffreCle(key, local[key], france[key], regional and key in SORTIE)
        for key in CHIFFRES_CLES
    )


@functools.lru_cache(maxsize=64)
def _valeurs_carte(maille: str, indicateur: str, rentree: int, voie: str) -> pd.DataFrame:
    millesime = millesime_de(rentree)
    if indicateur in SORTIE:
        frame = kpis.insertion_par_region(millesime, voie)
        periode = f"millésime {millesime.replace('_', '-')}"
    elif indicateur == "taux_pression":
        frame = kpis.offre_par_territoire(maille, rentree)
        periode = f"rentrée {rentree}"
    elif indicateur == "taux_remplissage":
        frame = kpis.eleves_par_territoire(maille)
        periode = f"rentrée {int(frame['rentree'].iloc[0])}" if len(frame) else ""
    else:
        frame = kpis.chomage_par_territoire(maille)
        periode = f"année {int(frame['annee'].max())}" if len(frame) else ""

    denominateur = INDICATEURS_CARTE[indicateur]
    result = pd.DataFrame({
        "code": frame["code"],
        "valeur": frame[indicateur],
        "denominateur": frame[denominateur] if denominateur else None,
    })
    result["periode"] = periode
    result["regional"] = False
    if indicateur in SORTIE and maille == "departement":
        result = _vers_departements(result, periode)
    return result


def _vers_departements(par_region: pd.DataFrame, periode: str) -> pd.DataFrame:
    """Give each département the row of its région, flagged `regional`."""
    departements = nomenclatures.departements()[["code_departement", "code_region"]]
    merged = departements.merge(par_region, left_on="code_region", right_on="code", how="left")
    merged["code"] = merged["code_departement"]
    merged["regional"] = True
    merged["periode"] = periode
    return merged[["code", "valeur", "denominateur", "periode", "regional"]]


def valeurs_carte(maille: str, indicateur: str, rentree: int,
                  voie: str = "scolaire") -> pd.DataFrame:
    """Return one row per région or département for the map: code, valeur, denominateur,
    periode, regional (True when a département shows its région's exit rate).

    `indicateur` must be a key of INDICATEURS_CARTE.
    """
    if indicateur not in INDICATEURS_CARTE:
        raise ValueError(
            f"invalid map indicator {indicateur!r}: expected one of {sorted(INDICATEURS_CARTE)}"
        )
    if maille not in kpis.MAILLES:
        raise ValueError(f"invalid maille {maille!r}: expected one of {sorted(kpis.MAILLES)}")
    return _valeurs_carte(maille, indicateur, rentree, voie).copy()


def historique(lieu: Territoire, voie: str = "scolaire") -> pd.DataFrame:
    """Return the taux d'emploi à 6 mois and de poursuite of the territory's région and of
    France for every millésime, in long form: millesime, territoire (the région's name or
    "France"), indicateur (key), valeur, denominateur."""
    return _historique(lieu.code_region, lieu.libelle_region, voie).copy()


@functools.lru_cache(maxsize=64)
def _historique(code_region: str, libelle_region: str, voie: str) -> pd.DataFrame:
    regions = _insertion_des_regions(voie)
    parts = []
    for nom, frame in (
        (libelle_region, regions[regions["code"] == code_region]),
        ("France", _insertion_de_la_france(voie)),
    ):
        for key, denominateur in (("taux_emploi_6_mois", "nb_sortants"),
                                  ("taux_poursuite", "nb_annee_term")):
            parts.append(pd.DataFrame({
                "millesime": frame["millesime"].to_numpy(),
                "territoire": nom,
                "indicateur": key,
                "valeur": frame[key].to_numpy(),
                "denominateur": frame[denominateur].to_numpy(),
            }))
    return pd.concat(parts, ignore_index=True)


@functools.lru_cache(maxsize=4)
def _insertion_des_regions(voie: str) -> pd.DataFrame:
    return kpis.insertion_par_region_et_millesime(voie)


@functools.lru_cache(maxsize=4)
def _insertion_de_la_france(voie: str) -> pd.DataFrame:
    return kpis.insertion_par_millesime(None, voie)


def clear() -> None:
    """Forget the cached figures, map values and history, e.g. after a rebuild of the
    warehouse."""
    for function in (_france, _tables, _chiffres_cles, _valeurs_carte, _historique,
                     _insertion_des_regions, _insertion_de_la_france):
        function.cache_clear()
