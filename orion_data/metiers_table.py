"""The columns of the métiers d'avenir tables, in display order, and their export form."""

from __future__ import annotations

from typing import Final

import pandas as pd

from orion_data import console_table

FORMATIONS: Final = (
    "cfd", "libelle_formation", "libelle_dispositif", "statut", "part_metiers_en_tension",
    "nb_metiers", "nb_metiers_avenir", "lecture", "nb_etablissements", "effectif_entree",
    "capacite", "taux_pression", "taux_demande", "taux_remplissage", "taux_emploi_6_mois",
    "taux_poursuite", "quadrant", "metiers", "repli",
)
"""Entry indicators (effectif to remplissage) beside exit ones (emploi to quadrant)."""

METIERS: Final = (
    "code_rome", "libelle_rome", "libelle_domaine_professionnel", "familles_fap",
    "niveau_tension", "tension", "en_tension", "transition_ecologique", "transition_numerique",
    "transition_demographique", "metier_avenir",
)

RATES: Final = console_table.RATES | {"part_metiers_en_tension"}
"""Shares shown as percentages."""

INDICES: Final = frozenset({"tension_moyenne", "tension"})
"""DARES tension indicators: standardised values shown with 2 decimals."""


def for_export(frame: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Return the selected columns as the consoles export them, the share of métiers en
    tension in percent and the DARES indicators rounded to 2 decimals."""
    out = console_table.for_export(frame, selected)
    for column in selected:
        if column in RATES - console_table.RATES:
            out[column] = (out[column] * 100).round(1)
        elif column in INDICES:
            out[column] = out[column].round(2)
    return out


def export_headers(selected: list[str]) -> dict[str, str]:
    """Return the French export header of each column, rates labelled in percent."""
    headers = console_table.export_headers(selected)
    return {
        column: header + (" (%)" if column in RATES - console_table.RATES else "")
        for column, header in headers.items()
    }
