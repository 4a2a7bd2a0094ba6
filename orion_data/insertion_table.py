"""The tables of the insertion page: column order, French headers, cells and export values.

A cell is either a number or the reason why there is none ("< 20 sortants", "non
disponible"), so the page and the exports show the same reason in the same place. The page
turns numbers into French text with the formatters it passes to `textes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

import pandas as pd

from orion_data import glossary
from orion_data import insertion as ins
from orion_data import insertion_etablissements as etab

SEPARATEUR: Final = "__"
NON_RENSEIGNE: Final = "non renseigné"
NON_CLASSE: Final = "non classé"

VOIES_LIBELLES: Final = {
    "scolaire": "scolaire",
    "apprentissage": "apprentissage",
    ins.ENSEMBLE: "deux voies réunies",
}

_LIBELLES: Final = {
    "libelle_formation": "Formation",
    "cfd": "CFD",
    "libelle_niveau": "Niveau de diplôme",
    "millesime": "Millésime",
    "territoire": "Territoire",
    "nb_annee_term": "Élèves de dernière année (poursuite)",
    "nb_annee_term_devenir": "Élèves de dernière année (devenir favorable)",
    "rang": "Rang",
    "uai": "UAI",
    "libelle_etablissement": "Établissement",
    "commune": "Commune",
    "libelle_departement": "Département",
    "libelle_region": "Région",
    "secteur": "Secteur",
    "taux_emploi_6_mois_attendu": "Taux d'emploi à 6 mois attendu",
    "taux_poursuite_etudes": "Taux de poursuite d'études",
    "part_poursuite_etudes": "Part en poursuite d'études à 6 mois",
    "part_emploi_6_mois": "Part en emploi à 6 mois",
    "part_autre_situation": "Part en autre situation à 6 mois",
    **{f"nb_sortants_{m}_mois": f"Sortants (emploi à {m} mois)" for m in ins.MOIS},
}

IDENTITE_FORMATION: Final = ("libelle_formation", "cfd", "libelle_niveau")
IDENTITE_HISTORIQUE: Final = ("millesime", "territoire")
IDENTITE_ETABLISSEMENT: Final = (
    "rang", "uai", "libelle_etablissement", "commune", "libelle_departement", "libelle_region",
    "secteur",
)


def _base(column: str) -> str:
    """Return the column without its voie prefix."""
    return column.split(SEPARATEUR, 1)[-1]


def est_taux(column: str) -> bool:
    """Tell whether a column contains a share (0.51) shown as a percentage."""
    return _base(column).startswith(("taux_", "part_"))


def est_effectif(column: str) -> bool:
    """Tell whether a column contains a count or a rank shown as an integer."""
    return _base(column).startswith("nb_") or _base(column) in ("eleves_derniere_annee", "rang")


def libelle(column: str, rentrees: tuple[int, int] | None = None) -> str:
    """Return the French header of a column, voie last: "Taux d'emploi à 6 mois · scolaire"."""
    voie, _, base = column.rpartition(SEPARATEUR)
    if base == "eleves_derniere_annee":
        years = f"rentrées {rentrees[0]} + {rentrees[1]}" if rentrees else "deux rentrées"
        text = f"Élèves de terminale pro et de 2e année de CAP, statut scolaire ({years})"
    else:
        text = _LIBELLES.get(base) or glossary.titre(base)
    return f"{text} · {VOIES_LIBELLES.get(voie, voie)}" if voie else text


def aide(column: str) -> str | None:
    """Return the help of a column: the glossary's for a rate, the rate it divides otherwise."""
    base = _base(column)
    for mesure in ins.MESURES:
        if mesure.denominateur == base:
            name = libelle(mesure.taux)
            return f"Dénominateur du {name[0].lower()}{name[1:]}."
    return glossary.aide(base)


def colonnes_formation(taux: Iterable[str], voies: Iterable[str]) -> list[str]:
    """Return the rate and denominator columns of a pivoted table, voies side by side."""
    voies = list(voies)
    columns = []
    for name in taux:
        mesure = ins.MESURES_PAR_TAUX[name]
        columns += [f"{voie}{SEPARATEUR}{mesure.taux}" for voie in voies]
        columns += [f"{voie}{SEPARATEUR}{mesure.denominateur}" for voie in voies]
    return columns


def _or_reason(values: pd.Series, reasons) -> list:
    """Return each value, or its reason where the value is missing."""
    reasons = reasons if isinstance(reasons, pd.Series) else pd.Series(reasons, index=values.index)
    return [
        reason if pd.isna(value) else value
        for value, reason in zip(values.tolist(), reasons.tolist(), strict=True)
    ]


def cellules_formation(
    wide: pd.DataFrame, identite: Iterable[str], mesures: list[str]
) -> pd.DataFrame:
    """Return the cells of a pivoted table: each rate or denominator, or its reason.

    A missing denominator shows the status of its rate, so a suppressed row reads
    "< 20 sortants" in both cells.
    """
    cells = {column: wide[column].tolist() for column in identite}
    denominateurs = {m.denominateur: m.taux for m in ins.MESURES}
    for column in mesures:
        voie, _, base = column.rpartition(SEPARATEUR)
        taux = denominateurs.get(base, base)
        cells[column] = _or_reason(wide[column], wide[f"{voie}{SEPARATEUR}statut_{taux}"])
    return pd.DataFrame(cells, index=wide.index, dtype=object)


def cellules_etablissement(frame: pd.DataFrame, mesures: list[str]) -> pd.DataFrame:
    """Return the cells of the établissement table: published values or "non disponible"."""
    cells = {}
    for column in IDENTITE_ETABLISSEMENT:
        missing = NON_CLASSE if column == "rang" else NON_RENSEIGNE
        cells[column] = _or_reason(frame[column], missing)
    for column in mesures:
        cells[column] = _or_reason(frame[column], ins.NON_DISPONIBLE)
    return pd.DataFrame(cells, index=frame.index, dtype=object)


def colonnes_etablissement(publiees: Iterable[str], avec_eleves: bool) -> list[str]:
    """Return the measure columns to show, in `etab.MESURES` order, then the pupils' count."""
    publiees = set(publiees)
    columns = [column for column in etab.MESURES if column in publiees]
    return columns + (["eleves_derniere_annee"] if avec_eleves else [])


def textes(
    cells: pd.DataFrame,
    pourcentage: Callable[[float], str],
    entier: Callable[[float], str],
) -> pd.DataFrame:
    """Return the cells as French text, each reason kept as it is."""
    out = {}
    for column in cells.columns:
        values = cells[column].tolist()
        if column == "millesime":
            out[column] = [value.replace("_", "-") for value in values]
            continue
        if est_taux(column):
            formatter = pourcentage
        elif est_effectif(column):
            formatter = entier
        elif _base(column) == "valeur_ajoutee":
            formatter = points
        else:
            out[column] = values
            continue
        out[column] = [v if isinstance(v, str) else formatter(v) for v in values]
    return pd.DataFrame(out, index=cells.index, dtype=object)


def points(value: float) -> str:
    """Format a valeur ajoutée in percentage points, signed: "+6 pts", "-3 pts", "0 pt"."""
    number = int(round(float(value)))
    if number == 0:
        return "0 pt"
    return f"{number:+d} pts"


def pour_export(cells: pd.DataFrame) -> pd.DataFrame:
    """Return the cells with shares as percentages rounded to 0.1 (55.3), reasons unchanged."""
    out = cells.copy()
    for column in out.columns:
        if est_taux(column):
            out[column] = [
                v if isinstance(v, str) else round(float(v) * 100, 1) for v in out[column]
            ]
    return out


def entetes(columns: Iterable[str], rentrees: tuple[int, int] | None = None) -> dict[str, str]:
    """Return the French header of each column, for the page."""
    return {column: libelle(column, rentrees) for column in columns}


def entetes_export(
    columns: Iterable[str], rentrees: tuple[int, int] | None = None
) -> dict[str, str]:
    """Return the export headers: rate columns are labelled in percent."""
    return {
        column: libelle(column, rentrees) + (" (%)" if est_taux(column) else "")
        for column in columns
    }


def series(historique: pd.DataFrame, taux: Iterable[str]) -> pd.DataFrame:
    """Return the known rates of `historique` in long form for a chart.

    One row per millésime × territoire × voie × rate, with the French name of the rate
    (`indicateur`), its value (`taux`) and its denominator (`denominateur`).
    """
    frames = []
    for name in taux:
        mesure = ins.MESURES_PAR_TAUX[name]
        part = historique[["millesime", "territoire", "voie"]].copy()
        part["indicateur"] = libelle(name)
        part["taux"] = historique[mesure.taux]
        part["denominateur"] = historique[mesure.denominateur]
        frames.append(part[part["taux"].notna()])
    columns = ["millesime", "territoire", "voie", "indicateur", "taux", "denominateur"]
    if not frames:
        return pd.DataFrame(columns=columns)
    data = pd.concat(frames, ignore_index=True)
    data["voie"] = data["voie"].map(VOIES_LIBELLES)
    data["millesime"] = data["millesime"].str.replace("_", "-")
    return data
