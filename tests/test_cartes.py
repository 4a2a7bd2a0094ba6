"""The pydeck maps: colour classes, the choropleth spec and the map of nearby schools."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pydeck as pdk
import pytest

from orion_data import cartes, panorama


def _strict_json(text: str) -> dict:
    """Parse JSON as a browser does: NaN and Infinity are invalid."""

    def reject(name: str):
        raise ValueError(f"invalid JSON constant {name}")

    return json.loads(text, parse_constant=reject)


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


@pytest.fixture(scope="module")
def emploi_regions(warehouse):
    values = panorama.valeurs_carte("region", "taux_emploi_6_mois", 2022)
    deck, classes = cartes.choroplethe("region", values, "taux_emploi_6_mois", "53")
    return _strict_json(deck.to_json()), classes


def test_classes_cover_the_values():
    values = pd.Series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, None])
    classes = cartes.classes(values, "taux_poursuite")
    assert len(classes) == 5
    assert classes[0].minimum == pytest.approx(0.1)
    assert classes[-1].maximum == pytest.approx(0.6)
    assert [c.couleur for c in classes] == list(cartes.PALETTE)


def test_classes_of_one_value():
    classes = cartes.classes(pd.Series([1.2, 1.2, 1.2]), "taux_pression")
    assert len(classes) == 1
    assert classes[0].libelle == "1,20 – 1,20"


def test_classes_of_no_value():
    assert cartes.classes(pd.Series([None, np.nan]), "taux_pression") == []


def test_classes_spread_over_palette():
    classes = cartes.classes(pd.Series([1.0, 2.0, 3.0]), "taux_pression", nombre=2)
    assert [c.couleur for c in classes] == [cartes.PALETTE[0], cartes.PALETTE[-1]]


def test_class_labels_are_french():
    classes = cartes.classes(pd.Series([0.1, 0.5]), "taux_emploi_6_mois", nombre=1)
    assert classes[0].libelle == "10\u202f% – 50\u202f%"


def test_colour_of_values():
    classes = cartes.classes(pd.Series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), "taux_poursuite")
    assert cartes.couleur(0.1, classes) == cartes.PALETTE[0]
    assert cartes.couleur(0.6, classes) == cartes.PALETTE[-1]
    assert cartes.couleur(None, classes) == cartes.GRIS_SANS_VALEUR
    assert cartes.couleur(float("nan"), classes) == cartes.GRIS_SANS_VALEUR
    assert cartes.couleur(0.9, classes) == cartes.GRIS_SANS_VALEUR


def test_choropleth_layers(emploi_regions):
    spec, _ = emploi_regions
    types = {layer["id"]: layer["@@type"] for layer in spec["layers"]}
    assert types == {"territoires": "GeoJsonLayer", "selection": "GeoJsonLayer",
                     "encarts": "PathLayer"}


def test_choropleth_has_no_map_provider(emploi_regions):
    spec, _ = emploi_regions
    assert "mapProvider" not in spec
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__")


def test_choropleth_view_is_france(emploi_regions):
    spec, _ = emploi_regions
    view = spec["initialViewState"]
    assert 44 < view["latitude"] < 48
    assert 0 < view["longitude"] < 3


def test_choropleth_tooltip_fields(emploi_regions):
    spec, _ = emploi_regions
    features = _layer(spec, "territoires")["data"]["features"]
    bretagne = next(f for f in features if f["properties"]["code"] == "53")["properties"]
    assert bretagne["nom"] == "Bretagne"
    assert bretagne["valeur_texte"] == "47\u202f%"
    assert bretagne["detail_texte"] == "sur 13\u202f623 sortants · millésime 2020-2021"
    assert len(bretagne["couleur"]) == 3


def test_choropleth_colours_every_territory(emploi_regions):
    spec, classes = emploi_regions
    colours = {tuple(f["properties"]["couleur"])
               for f in _layer(spec, "territoires")["data"]["features"]}
    assert colours <= {c.couleur for c in classes} | {cartes.GRIS_SANS_VALEUR}
    assert len(colours) >= 3


def test_choropleth_outlines_selection(emploi_regions):
    spec, _ = emploi_regions
    features = _layer(spec, "selection")["data"]["features"]
    assert [f["properties"]["code"] for f in features] == ["53"]


def test_departement_tooltip_says_regional(warehouse):
    values = panorama.valeurs_carte("departement", "taux_poursuite", 2022)
    deck, _ = cartes.choroplethe("departement", values, "taux_poursuite", "029")
    features = _layer(_strict_json(deck.to_json()), "territoires")["data"]["features"]
    finistere = next(f for f in features if f["properties"]["code"] == "029")["properties"]
    assert finistere["detail_texte"].endswith("valeur de la région")


def test_chomage_tooltip_names_insee(warehouse):
    values = panorama.valeurs_carte("region", "taux_chomage", 2022)
    deck, _ = cartes.choroplethe("region", values, "taux_chomage")
    features = _layer(_strict_json(deck.to_json()), "territoires")["data"]["features"]
    bretagne = next(f for f in features if f["properties"]["code"] == "53")["properties"]
    assert bretagne["valeur_texte"] == "6,1\u202f%"
    assert bretagne["detail_texte"].startswith("taux publié par l'INSEE")


def test_compact_json_matches_pydeck():
    layer = pdk.Layer("ScatterplotLayer", data=[{"a": 1}], id="points")
    compact = cartes.DeckCompact(layers=[layer], map_provider=None)
    indented = pdk.Deck(layers=[layer], map_provider=None)
    assert "\n" not in compact.to_json()
    assert json.loads(compact.to_json()) == json.loads(indented.to_json())


def _schools() -> tuple[pd.DataFrame, pd.DataFrame]:
    school = pd.DataFrame([{
        "uai": "0010001W", "libelle": "Lycée A", "commune": "Ambérieu", "latitude": 45.97,
        "longitude": 5.35, "distance_texte": "0 km", "formations_texte": "",
    }])
    others = pd.DataFrame([
        {"uai": "0690001A", "libelle": "Lycée B", "commune": "Lyon", "latitude": 45.76,
         "longitude": 4.84, "distance_texte": "45,6 km", "formations_texte": "CAP"},
        {"uai": "0690002B", "libelle": "Lycée C", "commune": None, "latitude": None,
         "longitude": None, "distance_texte": "distance inconnue", "formations_texte": "CAP"},
    ])
    return school, others


def test_school_map_layers():
    school, others = _schools()
    spec = _strict_json(cartes.carte_etablissements(school, others).to_json())
    assert [layer["@@type"] for layer in spec["layers"]] == [
        "GeoJsonLayer", "ScatterplotLayer", "ScatterplotLayer"]
    assert "mapProvider" not in spec


def test_school_map_places_known_coordinates():
    school, others = _schools()
    spec = _strict_json(cartes.carte_etablissements(school, others).to_json())
    assert [p["uai"] for p in _layer(spec, "voisins")["data"]] == ["0690001A"]
    assert [p["uai"] for p in _layer(spec, "etablissement")["data"]] == ["0010001W"]


def test_school_map_radius_in_pixels():
    school, others = _schools()
    spec = _strict_json(cartes.carte_etablissements(school, others).to_json())
    assert _layer(spec, "voisins")["radiusUnits"] == "pixels"


def test_school_map_view_fits_points():
    school, others = _schools()
    view = _strict_json(cartes.carte_etablissements(school, others).to_json())[
        "initialViewState"]
    assert 45.76 < view["latitude"] < 45.97
    assert 4.84 < view["longitude"] < 5.35


def test_school_map_without_any_coordinates():
    school, others = _schools()
    school[["latitude", "longitude"]] = None
    spec = _strict_json(cartes.carte_etablissements(school, others.iloc[1:]).to_json())
    assert _layer(spec, "voisins")["data"] == []
    assert 44 < spec["initialViewState"]["latitude"] < 48
