"""The pydeck maps: a choropleth of France and the établissements around a school.

Every Deck is built with `map_provider=None`, so the browser fetches no basemap tile and the
maps work offline: territory boundaries from `orion_data.geo` are the background instead.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings import json_tools

from orion_data import geo, ui
from orion_data.panorama import DENOMINATEURS, INDICATEURS_CARTE

PALETTE: Final = ((255, 255, 204), (161, 218, 180), (65, 182, 196), (44, 127, 184),
                  (37, 52, 148))
"""ColorBrewer YlGnBu in 5 classes: a sequential scale whose classes also differ in lightness,
so their order reads without telling hues apart."""
GRIS_SANS_VALEUR: Final = (215, 215, 215)
CONTOUR: Final = (255, 255, 255)
CONTOUR_SELECTION: Final = (200, 30, 45)
POINT_ETABLISSEMENT: Final = (200, 30, 45)
POINT_VOISIN: Final = (44, 127, 184)
HAUTEUR_PX: Final = 520

TOOLTIP_TERRITOIRE: Final = {"html": "<b>{nom}</b><br/>{valeur_texte}<br/>{detail_texte}"}
TOOLTIP_ETABLISSEMENT: Final = {
    "html": "<b>{libelle}</b><br/>{commune}<br/>{distance_texte}<br/>{formations_texte}"
}


class DeckCompact(pdk.Deck):
    """A Deck whose JSON spec has no indentation.

    pydeck 0.9.3 indents its JSON by 2 spaces, which makes the map of the départements about
    6 times larger on the wire (1.24 MB instead of 0.21 MB, measured on the chômage map).
    The spec is written with pydeck's own serializer, as `Deck.to_json` does, only without
    the indentation.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=json_tools.default_serialize,
                          separators=(",", ":"))


@dataclass(frozen=True)
class Classe:
    """One colour class of a choropleth: values from `minimum` to `maximum` inclusive."""

    minimum: float
    maximum: float
    couleur: tuple[int, int, int]
    libelle: str


def classes(valeurs: pd.Series, indicateur: str, nombre: int = len(PALETTE)) -> list[Classe]:
    """Split the known values into at most `nombre` quantile classes, coloured from PALETTE.

    Fewer classes are returned when there are fewer distinct values. Quantiles put about the
    same number of territories in each colour, so close rates still differ on the map.
    """
    known = pd.to_numeric(valeurs, errors="coerce").dropna().to_numpy(dtype=float)
    if known.size == 0:
        return []
    bounds = np.unique(np.quantile(known, np.linspace(0, 1, nombre + 1)))
    if bounds.size == 1:
        bounds = np.array([bounds[0], bounds[0]])
    count = bounds.size - 1
    # Spread the classes over the whole palette, so two classes are not two close colours.
    colours = [PALETTE[round(i * (len(PALETTE) - 1) / max(count - 1, 1))] for i in range(count)]
    return [
        Classe(float(low), float(high), colours[i],
               f"{ui.valeur(indicateur, low)} – {ui.valeur(indicateur, high)}")
        for i, (low, high) in enumerate(zip(bounds[:-1], bounds[1:]))
    ]


def couleur(valeur, liste: list[Classe]) -> tuple[int, int, int]:
    """Return the colour of the class of `valeur`, grey when it is missing or out of range."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)) or pd.isna(valeur):
        return GRIS_SANS_VALEUR
    for classe in liste:
        if valeur <= classe.maximum:
            return classe.couleur if valeur >= classe.minimum else GRIS_SANS_VALEUR
    return GRIS_SANS_VALEUR


def _detail(indicateur: str, row) -> str:
    """Return the tooltip line under the value: its denominator, period and scope."""
    parts = []
    denominateur = INDICATEURS_CARTE[indicateur]
    if denominateur and not pd.isna(row["denominateur"]):
        parts.append(f"sur {ui.entier(row['denominateur'])} {DENOMINATEURS[denominateur]}")
    elif not denominateur:
        parts.append("taux publié par l'INSEE")
    parts.append(row["periode"])
    if row["regional"]:
        parts.append("valeur de la région")
    return " · ".join(part for part in parts if part)


def choroplethe(maille: str, valeurs: pd.DataFrame, indicateur: str,
                code_selection: str | None = None) -> tuple[pdk.Deck, list[Classe]]:
    """Return the choropleth Deck of `valeurs` (from `panorama.valeurs_carte`) and its classes.

    The selected territory is outlined in red. The tooltip gives the territory, the formatted
    value and its denominator.
    """
    liste = classes(valeurs["valeur"], indicateur)
    by_code = valeurs.set_index("code")
    collection = geo.contours(maille)
    for feature in collection["features"]:
        properties = feature["properties"]
        if properties["code"] in by_code.index:
            row = by_code.loc[properties["code"]]
            properties["valeur_texte"] = ui.valeur(indicateur, row["valeur"])
            properties["detail_texte"] = _detail(indicateur, row)
            properties["couleur"] = list(couleur(row["valeur"], liste))
        else:
            properties["valeur_texte"] = ui.NON_CALCULABLE
            properties["detail_texte"] = "aucune donnée pour ce territoire"
            properties["couleur"] = list(GRIS_SANS_VALEUR)

    selection = {
        "type": "FeatureCollection",
        "features": [f for f in collection["features"]
                     if f["properties"]["code"] == code_selection],
    }
    layers = [
        pdk.Layer("GeoJsonLayer", data=collection, id="territoires", pickable=True,
                  stroked=True, filled=True, get_fill_color="properties.couleur",
                  get_line_color=list(CONTOUR), line_width_min_pixels=0.5),
        pdk.Layer("GeoJsonLayer", data=selection, id="selection", pickable=False,
                  stroked=True, filled=False, get_line_color=list(CONTOUR_SELECTION),
                  line_width_min_pixels=2.5),
        pdk.Layer("PathLayer", data=geo.cadres_encarts(), id="encarts", pickable=False,
                  get_path="path", get_color=[120, 120, 120], width_min_pixels=1),
    ]
    deck = DeckCompact(
        layers=layers,
        initial_view_state=pdk.ViewState(**geo.vue_france(hauteur_px=HAUTEUR_PX)),
        map_provider=None,
        tooltip=TOOLTIP_TERRITOIRE,
    )
    return deck, liste


def _points(frame: pd.DataFrame, colour: tuple[int, int, int]) -> list[dict]:
    """Return the placed rows as JSON-safe records (no NaN) for a ScatterplotLayer."""
    columns = ["uai", "libelle", "commune", "distance_texte", "formations_texte",
               "longitude", "latitude"]
    placed = frame.dropna(subset=["latitude", "longitude"])[columns]
    records = placed.astype(object).where(placed.notna(), "").to_dict("records")
    for record in records:
        record["couleur"] = list(colour)
    return records


# pydeck reads every other string argument as an accessor expression, so a constant string
# needs its own quotes.
_PIXELS: Final = '"pixels"'


def carte_etablissements(etablissement: pd.DataFrame, voisins: pd.DataFrame) -> pdk.Deck:
    """Return the Deck of a school (one-row frame) and the other schools, over the real
    département boundaries (no insets).

    Both frames need uai, libelle, commune, latitude, longitude, distance_texte and
    formations_texte. Rows without coordinates are left out: the page lists and counts them.
    """
    ecole = _points(etablissement, POINT_ETABLISSEMENT)
    autres = _points(voisins, POINT_VOISIN)
    placed = ecole + autres
    if placed:
        longitudes = [p["longitude"] for p in placed]
        latitudes = [p["latitude"] for p in placed]
        view = geo.vue_ajustee(min(longitudes), min(latitudes), max(longitudes),
                               max(latitudes), hauteur_px=HAUTEUR_PX)
        view["zoom"] = min(view["zoom"], 11)
    else:
        view = geo.vue_france(hauteur_px=HAUTEUR_PX)

    layers = [
        pdk.Layer("GeoJsonLayer", data=geo.contours("departement", encarts=False),
                  id="departements", pickable=False, stroked=True, filled=True,
                  get_fill_color=[243, 243, 240], get_line_color=[170, 170, 170],
                  line_width_min_pixels=0.5),
        pdk.Layer("ScatterplotLayer", data=autres, id="voisins", pickable=True,
                  get_position=["longitude", "latitude"], get_fill_color="couleur",
                  get_radius=5, radius_units=_PIXELS, stroked=True,
                  get_line_color=[255, 255, 255], line_width_min_pixels=1),
        pdk.Layer("ScatterplotLayer", data=ecole, id="etablissement", pickable=True,
                  get_position=["longitude", "latitude"], get_fill_color="couleur",
                  get_radius=9, radius_units=_PIXELS, stroked=True,
                  get_line_color=[255, 255, 255], line_width_min_pixels=2),
    ]
    return DeckCompact(layers=layers, initial_view_state=pdk.ViewState(**view),
                    map_provider=None, tooltip=TOOLTIP_ETABLISSEMENT)
