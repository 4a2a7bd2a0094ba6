"""The Altair charts: panorama history, quadrant, map legend and the insertion history.

Tooltips show values already formatted the French way (`orion_data.ui`), and percentage axes
write "45 %", because Vega-Lite formats numbers in English.
"""

from __future__ import annotations

import copy
import functools
from typing import Final

import altair as alt
import pandas as pd

from orion_data import glossary, ui
from orion_data.cartes import Classe
from orion_data.quadrant import BANDES

COULEURS_BANDES: Final = ("#4575b4", "#91bfdb", "#d73027", "#bdbdbd")
"""Colours of the taux de pression bands (< 0,7, 0,7 – 1,3, ≥ 1,3, non calculable)."""
COULEURS_INDICATEURS: Final = ("#2c7fb8", "#e6550d")
_PERCENT_LABEL: Final = "replace(format(datum.value, '.0%'), '%', '\u202f%')"
_INTEGER_LABEL: Final = "replace(format(datum.value, ',d'), ',', '\u202f')"
QUADRANT_HAUTEUR: Final = 460


ROWS: Final = alt.Data(name="lignes")
"""The data of a chart whose rows come with st.vega_lite_chart (see `sans_lignes`)."""


def _axe_pourcentage(titre: str) -> alt.Axis:
    return alt.Axis(title=titre, format=".0%", labelExpr=_PERCENT_LABEL)


def historique_data(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of `panorama.historique` with the texts and order of `historique`."""
    ordre = {territoire: rang for rang, territoire in enumerate(dict.fromkeys(frame["territoire"]))}
    return frame.assign(
        millesime_texte=frame["millesime"].str.replace("_", "-"),
        indicateur_texte=frame["indicateur"].map(glossary.titre),
        valeur_texte=[ui.pourcentage(value) for value in frame["valeur"]],
        denominateur_texte=[ui.entier(value) for value in frame["denominateur"]],
        ordre_territoire=frame["territoire"].map(ordre),
    )


def historique() -> alt.LayerChart:
    """Return the line chart of `historique_data`: one line per indicator and territory.

    The colour shows the indicator and the dashes the territory. The territories take the
    dash patterns in the order of the rows, so the région, given first, is solid.
    """
    titres = [glossary.titre(key) for key in ("taux_emploi_6_mois", "taux_poursuite")]
    base = alt.Chart().encode(
        x=alt.X("millesime_texte:O", title="Millésime InserJeunes",
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("valeur:Q", title=None, axis=_axe_pourcentage("Taux"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("indicateur_texte:N", title="Indicateur",
                        scale=alt.Scale(domain=titres, range=list(COULEURS_INDICATEURS))),
        strokeDash=alt.StrokeDash(
            "territoire:N", title="Territoire",
            sort=alt.EncodingSortField("ordre_territoire", op="min"),
        ),
        tooltip=[
            alt.Tooltip("territoire:N", title="Territoire"),
            alt.Tooltip("indicateur_texte:N", title="Indicateur"),
            alt.Tooltip("millesime_texte:O", title="Millésime"),
            alt.Tooltip("valeur_texte:N", title="Valeur"),
            alt.Tooltip("denominateur_texte:N", title="Dénominateur"),
        ],
    )
    return alt.layer(
        base.mark_line(), base.mark_point(filled=True, size=60), data=ROWS
    ).properties(height=320)


QUADRANT_COLONNES: Final = (
    # The columns of the rows that the quadrant draws or shows in its tooltip.
    "libelle_formation", "libelle_dispositif", "taux_emploi_6_mois", "taux_poursuite",
    "nb_sortants", "effectif_entree", "taux_pression", "bande", "quadrant",
    "moyenne_emploi", "moyenne_poursuite",
)


def quadrant_data(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the placed rows (`quadrant.places`) of one niveau with the texts of `quadrant`.

    The rows carry the regional means of their niveau, from which the chart draws its rules.
    """
    # Only the drawn columns go to the chart, because the console rows have about 40.
    rows = rows[list(QUADRANT_COLONNES)]
    return rows.assign(
        emploi_texte=[ui.pourcentage(value) for value in rows["taux_emploi_6_mois"]],
        poursuite_texte=[ui.pourcentage(value) for value in rows["taux_poursuite"]],
        sortants_texte=[ui.entier(value) for value in rows["nb_sortants"]],
        effectif_texte=[
            "inconnu" if pd.isna(value) else ui.entier(value) for value in rows["effectif_entree"]
        ],
        pression_texte=[ui.decimal(value) for value in rows["taux_pression"]],
        # An unknown effectif is drawn with the smallest size instead of disappearing.
        taille=rows["effectif_entree"].fillna(0),
    )


def _quadrant_labels(align: str) -> alt.Chart:
    """Return the Q labels of the left or right corners of the chart."""
    # Inline values stay in the spec, so the rows given to st.vega_lite_chart do not replace them.
    corners = {
        "right": [{"quadrant": "Q1", "x": 1.0, "y": 0.98}, {"quadrant": "Q3", "x": 1.0, "y": 0.02}],
        "left": [{"quadrant": "Q2", "x": 0.0, "y": 0.98}, {"quadrant": "Q4", "x": 0.0, "y": 0.02}],
    }
    return alt.Chart(alt.InlineData(values=corners[align])).mark_text(
        fontSize=14, fontWeight="bold", color="#777", align=align, dx=-4 if align == "right" else 4
    ).encode(x="x:Q", y="y:Q", text="quadrant:N")


def quadrant() -> alt.LayerChart:
    """Return the quadrant scatter of `quadrant_data`, with the regional means as rules.

    x = taux de poursuite, y = taux d'emploi à 6 mois, size = effectif en entrée, colour =
    taux de pression band. Every row has the same means, so each rule is drawn once at their
    minimum.
    """
    points = alt.Chart().mark_circle(opacity=0.75, stroke="white", strokeWidth=0.5).encode(
        x=alt.X("taux_poursuite:Q", scale=alt.Scale(domain=[0, 1]),
                axis=_axe_pourcentage(glossary.titre("taux_poursuite"))),
        y=alt.Y("taux_emploi_6_mois:Q", scale=alt.Scale(domain=[0, 1]),
                axis=_axe_pourcentage(glossary.titre("taux_emploi_6_mois"))),
        size=alt.Size("taille:Q", title=glossary.titre("effectif_entree"),
                      scale=alt.Scale(range=[25, 900]),
                      legend=alt.Legend(labelExpr=_INTEGER_LABEL)),
        color=alt.Color("bande:N", title=glossary.titre("taux_pression"),
                        scale=alt.Scale(domain=list(BANDES), range=list(COULEURS_BANDES))),
        tooltip=[
            alt.Tooltip("libelle_formation:N", title="Formation"),
            alt.Tooltip("libelle_dispositif:N", title="Dispositif"),
            alt.Tooltip("emploi_texte:N", title=glossary.titre("taux_emploi_6_mois")),
            alt.Tooltip("poursuite_texte:N", title=glossary.titre("taux_poursuite")),
            alt.Tooltip("sortants_texte:N", title="Sortants"),
            alt.Tooltip("effectif_texte:N", title=glossary.titre("effectif_entree")),
            alt.Tooltip("pression_texte:N", title=glossary.titre("taux_pression")),
            alt.Tooltip("quadrant:N", title="Quadrant"),
        ],
    )
    rule = alt.Chart().mark_rule(strokeDash=[4, 4], color="#555")
    rule_x = rule.encode(x="min(moyenne_poursuite):Q")
    rule_y = rule.encode(y="min(moyenne_emploi):Q")
    return alt.layer(
        rule_x, rule_y, _quadrant_labels("left"), _quadrant_labels("right"), points, data=ROWS
    ).properties(height=QUADRANT_HAUTEUR)


def legende(liste: list[Classe]) -> alt.Chart:
    """Return a one-row legend of the choropleth's colour classes, plus "non calculable"."""
    labels = [classe.libelle for classe in liste] + [ui.NON_CALCULABLE]
    colours = [f"rgb{classe.couleur}" for classe in liste] + ["rgb(215, 215, 215)"]
    data = pd.DataFrame({"classe": labels, "ligne": ""})
    # Streamlit 1.67 drew an empty plot for rects on a nominal x axis alone (seen in
    # Chromium), so the row is a constant y band.
    return alt.Chart(data).mark_rect().encode(
        x=alt.X("classe:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0, ticks=False,
                                                                    domain=False)),
        y=alt.Y("ligne:N", axis=None),
        color=alt.Color("classe:N", scale=alt.Scale(domain=labels, range=colours), legend=None),
        tooltip=[alt.Tooltip("classe:N", title="Classe")],
    )


_THEME_VIEW: Final = {"continuousWidth": 300, "continuousHeight": 300}
"""The view size of Altair's default theme, which st.altair_chart leaves out too."""


def vega_lite(chart: alt.TopLevelMixin) -> dict:
    """Return the Vega-Lite spec of a chart for st.vega_lite_chart, without Altair's theme."""
    spec = chart.to_dict()
    config = spec.get("config", {})
    if config.get("view") == _THEME_VIEW:
        del config["view"]
    if not config:
        spec.pop("config", None)
    return spec


INSERTION_COLONNES: Final = (
    "millesime", "territoire", "voie", "indicateur", "taux", "taux_texte", "denominateur_texte",
)


def insertion_data(series: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of `insertion_table.series` with the tooltip texts of `insertion`."""
    data = series.assign(
        taux_texte=[ui.pourcentage(value) for value in series["taux"]],
        denominateur_texte=[ui.entier(value) for value in series["denominateur"]],
    )
    return data[list(INSERTION_COLONNES)]


def insertion() -> alt.FacetChart:
    """Return the insertion history of `insertion_data`: one panel per rate, one line per voie,
    dashed per territoire."""
    return (
        alt.Chart(ROWS)
        .mark_line(point=True)
        .encode(
            x=alt.X("millesime:O", title="Millésime", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("taux:Q", title=None, axis=_axe_pourcentage(""),
                    scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("voie:N", title="Voie"),
            strokeDash=alt.StrokeDash("territoire:N", title="Territoire"),
            tooltip=[
                alt.Tooltip("indicateur:N", title="Indicateur"),
                alt.Tooltip("territoire:N", title="Territoire"),
                alt.Tooltip("voie:N", title="Voie"),
                alt.Tooltip("millesime:O", title="Millésime"),
                alt.Tooltip("taux_texte:N", title="Taux"),
                alt.Tooltip("denominateur_texte:N", title="Dénominateur"),
            ],
        )
        .properties(width=260, height=220)
        .facet(column=alt.Column("indicateur:N", title=None))
    )


# Altair builds and validates a spec in 10 to 45 ms (2 cores, Altair 6.3), which a page paid
# on every rerun. These charts take their rows from st.vega_lite_chart's `data`, so each
# spec is built once per process and copied, because Streamlit may edit the dict it gets.
_BUILDERS: Final = {"historique": historique, "quadrant": quadrant, "insertion": insertion}


def sans_lignes(chart: alt.TopLevelMixin) -> dict:
    """Return the Vega-Lite spec of a chart built on `ROWS`, without that data entry.

    The chart then reads the rows given to st.vega_lite_chart, which Streamlit puts in place
    of the removed entry.
    """
    spec = vega_lite(chart)
    del spec["data"]
    return spec


@functools.cache
def _template(name: str) -> dict:
    return sans_lignes(_BUILDERS[name]())


def spec(name: str) -> dict:
    """Return a copy of the Vega-Lite spec of chart `name` ("historique", "quadrant",
    "insertion"), without data: pass the rows of its `<name>_data` function to
    st.vega_lite_chart."""
    return copy.deepcopy(_template(name))
