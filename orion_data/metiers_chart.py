"""The chart of the métiers d'avenir page: tension of the métiers against the taux d'emploi."""

from __future__ import annotations

import copy
import functools
from typing import Final

import altair as alt
import pandas as pd

from orion_data import charts, glossary
from orion_data.metiers import EN_TENSION, PEU_EN_TENSION

_COULEURS: Final = {EN_TENSION: "#c0392b", PEU_EN_TENSION: "#2e86c1"}
_TOOLTIP_TEXTES: Final = ("libelle_formation", "libelle_dispositif", "statut", "quadrant")
_TOOLTIP_NOMBRES: Final = (
    ("tension_moyenne", ".2f"),
    ("part_metiers_en_tension", ".0%"),
    ("nb_metiers", "d"),
    ("taux_emploi_6_mois", ".0%"),
    ("taux_poursuite", ".0%"),
    ("taux_pression", ".2f"),
)


def taille(rows: pd.DataFrame) -> str | None:
    """Return the column that sizes the points, or None when the rentrée has neither.

    The effectif en entrée when the rentrée has a constat, else the capacité: the open data
    has no rentrée with both.
    """
    for column in ("effectif_entree", "capacite"):
        if column in rows and rows[column].notna().any():
            return column
    return None


def points(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the formations the chart can place: tension and taux d'emploi both known."""
    return rows.dropna(subset=["tension_moyenne", "taux_emploi_6_mois"])


def nuage_data(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of `nuage`: the placed formations with their tooltip columns."""
    size_column = taille(rows)
    numbers = [column for column, _ in _TOOLTIP_NOMBRES]
    if size_column is not None:
        numbers.append(size_column)
    data = points(rows)[list(_TOOLTIP_TEXTES) + numbers].copy()
    for column in numbers:
        data[column] = data[column].astype("float64")
    for column in _TOOLTIP_TEXTES:
        data[column] = data[column].astype(object).where(data[column].notna(), "")
    return data


@functools.cache
def _nuage_template(size_column: str | None) -> dict:
    return charts.sans_lignes(nuage(size_column))


def nuage_spec(rows: pd.DataFrame) -> dict:
    """Return a copy of the Vega-Lite spec of `nuage` for these rows, without data: pass
    `nuage_data(rows)` to st.vega_lite_chart. Altair builds each of the three sizings once."""
    return copy.deepcopy(_nuage_template(taille(rows)))


def nuage(size_column: str | None) -> alt.Chart:
    """Build the scatter chart of `nuage_data`: one point per formation, sized by
    `size_column` (the effectif or the capacité, see `taille`) when given.

    x is the mean DARES tension indicator of the formation's métiers, y its taux d'emploi
    à 6 mois, the colour its status and the tooltip its entry and exit indicators.
    """
    tooltip = [alt.Tooltip(f"{column}:N", title=glossary.libelle(column))
               for column in _TOOLTIP_TEXTES]
    tooltip += [alt.Tooltip(f"{column}:Q", title=glossary.libelle(column), format=form)
                for column, form in _TOOLTIP_NOMBRES]
    encodings = {
        "x": alt.X("tension_moyenne:Q", title=glossary.libelle("tension_moyenne"),
                   scale=alt.Scale(zero=False)),
        "y": alt.Y("taux_emploi_6_mois:Q", title=glossary.libelle("taux_emploi_6_mois"),
                   axis=alt.Axis(format="%")),
        "color": alt.Color("statut:N", title=glossary.libelle("statut"),
                           scale=alt.Scale(domain=list(_COULEURS),
                                           range=list(_COULEURS.values()))),
    }
    if size_column is not None:
        encodings["size"] = alt.Size(f"{size_column}:Q", title=glossary.libelle(size_column))
        tooltip.append(alt.Tooltip(f"{size_column}:Q", title=glossary.libelle(size_column),
                                   format="d"))
    return (
        alt.Chart(charts.ROWS)
        .mark_circle(opacity=0.7)
        .encode(tooltip=tooltip, **encodings)
        .properties(height=420)
    )
