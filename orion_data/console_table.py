"""The columns of the consoles, their order, their display formats and the sort rule."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from orion_data import glossary, indicators
from orion_data.ui import NON_CALCULABLE

IDENTITE_OFFRE: Final = (
    "uai", "libelle_etablissement", "commune", "code_departement", "libelle_departement",
    "secteur",
)
IDENTITE_FORMATION: Final = (
    "cfd", "libelle_formation", "libelle_dispositif", "libelle_niveau", "libelle_domaine",
    "famille_metiers",
)
ENTREE: Final = (
    "nb_etablissements", "effectif_1", "effectif_2", "effectif_3", "effectif_entree",
    "nombre_eleves", "capacite", "capacite_scolaire", "capacite_apprentissage", "voeux",
    "taux_pression", "bande_pression", "taux_demande", "taux_remplissage",
)
SORTIE: Final = (
    "taux_emploi_6_mois", "nb_sortants", "taux_emploi_12_mois", "taux_emploi_18_mois",
    "taux_emploi_24_mois", "taux_poursuite", "nb_annee_term", "taux_devenir_favorable",
    "quadrant", "moyenne_emploi", "moyenne_poursuite", "valeur_ajoutee",
)

RATES: Final = frozenset(
    {
        "taux_remplissage", "taux_emploi_6_mois", "taux_emploi_12_mois", "taux_emploi_18_mois",
        "taux_emploi_24_mois", "taux_poursuite", "taux_devenir_favorable", "moyenne_emploi",
        "moyenne_poursuite",
    }
)
RATIOS: Final = frozenset({"taux_pression", "taux_demande"})
# The count that separates a suppressed rate (fewer than 20) from an absent one, and its unit.
DENOMINATEURS: Final = {
    "taux_emploi_6_mois": ("nb_sortants", "sortants"),
    "taux_poursuite": ("nb_annee_term", "élèves"),
    "taux_devenir_favorable": ("nb_annee_term", "élèves"),
}
# Python formats 1,234.5, and French reads 1 234,5 with a narrow no-break space.
_FRENCH_DIGITS: Final = str.maketrans({",": "\u202f", ".": ","})

DEFAULT_FORMATION: Final = (
    "cfd", "libelle_formation", "libelle_dispositif", "libelle_niveau", "nb_etablissements",
    "effectif_entree", "nombre_eleves", "capacite", "taux_pression", "taux_demande",
    "taux_remplissage", "taux_emploi_6_mois", "nb_sortants", "taux_poursuite",
    "nb_annee_term", "taux_devenir_favorable", "quadrant",
)
DEFAULT_OFFRE: Final = (
    "uai", "libelle_etablissement", "commune", "secteur", "cfd", "libelle_formation",
    "libelle_dispositif", "effectif_entree", "capacite", "taux_pression", "taux_demande",
    "taux_emploi_6_mois", "taux_poursuite", "quadrant", "valeur_ajoutee",
)


def columns(grain: str) -> tuple[str, ...]:
    """Return every column a console of this grain can show, in display order."""
    if grain == "offre":
        return IDENTITE_OFFRE + IDENTITE_FORMATION + ENTREE + SORTIE
    # Valeur ajoutée is published per établissement only.
    return IDENTITE_FORMATION + ENTREE + tuple(c for c in SORTIE if c != "valeur_ajoutee")


def default_columns(grain: str) -> tuple[str, ...]:
    """Return the columns shown before the user chooses."""
    return DEFAULT_OFFRE if grain == "offre" else DEFAULT_FORMATION


def sort_rows(frame: pd.DataFrame, column: str, descending: bool) -> pd.DataFrame:
    """Sort on one column, empty values last in both directions."""
    if column not in frame.columns:
        return frame
    return frame.sort_values(
        column, ascending=not descending, na_position="last", kind="stable"
    ).reset_index(drop=True)


def headers(selected: list[str]) -> dict[str, str]:
    """Return the French header of each selected column, for display and exports."""
    return {column: glossary.libelle(column) for column in selected}


def for_export(frame: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Return the selected columns with rates as percentages (55.3, not 0.553).

    A spreadsheet user reads "55,3" under "Taux d'emploi (%)" without reformatting.
    """
    out = frame[selected].copy()
    for column in selected:
        if column in RATES:
            out[column] = (out[column] * 100).round(1)
        elif column in RATIOS:
            out[column] = out[column].round(2)
    return out


def export_headers(selected: list[str]) -> dict[str, str]:
    """Return the export headers: rates are labelled in percent."""
    return {
        column: glossary.libelle(column) + (" (%)" if column in RATES else "")
        for column in selected
    }


def as_text(rows: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Return the selected columns as French text, each missing value with its reason.

    A rate whose denominator is below the publication threshold reads "< 20 sortants" (or
    "< 20 élèves"), any other missing rate "non calculable", a missing count stays empty.
    """
    # Plain lists and numpy masks, because pandas string methods and masked assignment took
    # about 30 ms for the 3,400 offers of a région on every rerun (2 cores, pandas 3.1).
    text = {column: _column_text(rows, column) for column in selected}
    return pd.DataFrame(text, index=rows.index, dtype=object)


def _column_text(rows: pd.DataFrame, column: str) -> np.ndarray:
    values = rows[column]
    missing = values.isna().to_numpy()
    present = values.to_numpy()[~missing]
    text = np.full(len(values), "", dtype=object)
    if column in RATES:
        text[~missing] = [f"{v * 100:,.1f}".translate(_FRENCH_DIGITS) + "\u202f%" for v in present]
    elif column in RATIOS:
        text[~missing] = [f"{v:,.2f}".translate(_FRENCH_DIGITS) for v in present]
    elif column == "valeur_ajoutee":
        text[~missing] = [f"{v:+.0f} pts" for v in present]
    elif pd.api.types.is_numeric_dtype(values):
        text[~missing] = [f"{v:,.0f}".translate(_FRENCH_DIGITS) for v in present]
    else:
        text[~missing] = [str(v) for v in present]

    if column in RATES or column in RATIOS:
        text[missing] = NON_CALCULABLE
    denominator = DENOMINATEURS.get(column)
    if denominator is not None and denominator[0] in rows.columns:
        count = rows[denominator[0]].to_numpy(dtype=float, na_value=np.nan)
        small = missing & (count > 0) & (count < indicators.SEUIL_SORTANTS)
        text[small] = f"< {indicators.SEUIL_SORTANTS} {denominator[1]}"
    return text
