"""The columns of the consoles, their order, their display formats and the sort rule."""

from __future__ import annotations

from typing import Final

import pandas as pd

from orion_data import glossary

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
