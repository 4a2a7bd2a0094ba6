"""Small Streamlit helpers shared by the pages: French number formats and key-figure cards."""

from __future__ import annotations

import math
from typing import Final

import streamlit as st

from orion_data import glossary, nomenclatures
from orion_data.kpis import Figure

NON_CALCULABLE: Final = "non calculable"

RATE_KEYS: Final = frozenset(
    {
        "taux_pression", "taux_demande", "taux_remplissage", "taux_emploi_6_mois",
        "taux_emploi_12_mois", "taux_emploi_18_mois", "taux_emploi_24_mois", "taux_poursuite",
        "taux_devenir_favorable", "moyenne_emploi", "moyenne_poursuite",
    }
)
PRESSURE_KEYS: Final = frozenset({"taux_pression", "taux_demande"})


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def entier(value) -> str:
    """Format a count the French way: 176 606 (narrow no-break space)."""
    if _missing(value):
        return NON_CALCULABLE
    return f"{int(round(float(value))):,}".replace(",", "\u202f")


def pourcentage(value, decimals: int = 0) -> str:
    """Format a share (0.553) as a French percentage: 55 %."""
    if _missing(value):
        return NON_CALCULABLE
    text = f"{float(value) * 100:.{decimals}f}".replace(".", ",")
    return f"{text}\u202f%"


def decimal(value, decimals: int = 2) -> str:
    """Format a ratio with a decimal comma: 1,10."""
    if _missing(value):
        return NON_CALCULABLE
    return f"{float(value):.{decimals}f}".replace(".", ",")


def valeur(key: str, value) -> str:
    """Format a value by its indicator: rates as %, pressure as a ratio, counts as integers."""
    if key in PRESSURE_KEYS:
        return decimal(value)
    if key in RATE_KEYS:
        return pourcentage(value)
    if key == "taux_chomage":
        return NON_CALCULABLE if _missing(value) else f"{decimal(value, 1)}\u202f%"
    return entier(value)


def carte(figure: Figure, label: str | None = None, delta: str | None = None) -> None:
    """Show one key figure as a metric with its period and the glossary definition as help."""
    text = valeur(figure.key, figure.valeur)
    caption = figure.periode
    if figure.denominateur is not None:
        caption += f" · sur {entier(figure.denominateur)}"
    st.metric(
        label or glossary.titre(figure.key),
        text,
        delta=delta,
        help=glossary.aide(figure.key),
    )
    st.caption(caption)


def avis_millesime_absent(millesime: str) -> str | None:
    """Return a French notice when InserJeunes publishes no regional data for `millesime`."""
    if millesime in nomenclatures.millesimes():
        return None
    publies = sorted(nomenclatures.millesimes())
    etendue = f"{publies[0]} à {publies[-1]}".replace("_", "-") if publies else "aucun"
    return (
        f"InserJeunes ne publie pas le millésime {millesime.replace('_', '-')}, celui des "
        f"sortants montrés avec cette rentrée : les taux de sortie sont non calculables. "
        f"Millésimes publiés : {etendue}. Choisissez une rentrée plus récente pour les voir."
    )
