"""Boundaries of the maps (real GeoJSON files), their simplification, insets and distances."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from orion_data import geo
from orion_data.paths import RAW_DIR


def _rings(feature: dict) -> list[list]:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry[
        "coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def _points(collection: dict) -> np.ndarray:
    return np.array([point for feature in collection["features"]
                     for ring in _rings(feature) for point in ring])


def _by_code(collection: dict) -> dict:
    return {feature["properties"]["code"]: feature for feature in collection["features"]}


@pytest.mark.parametrize(
    ("maille", "code", "expected"),
    [("departement", "01", "001"), ("departement", "2A", "02A"),
     ("departement", "971", "971"), ("region", "84", "84"), ("region", "01", "01")],
)
def test_code_warehouse(maille, code, expected):
    assert geo.code_warehouse(maille, code) == expected


def test_regions_have_warehouse_codes():
    codes = set(_by_code(geo.contours("region")))
    assert len(codes) == 18
    assert {"01", "02", "03", "04", "06", "11", "84", "94"} <= codes


def test_departements_have_warehouse_codes():
    codes = set(_by_code(geo.contours("departement")))
    assert len(codes) == 101
    assert {"001", "02A", "02B", "075", "974", "976"} <= codes


def test_simplification_keeps_few_points():
    raw = json.loads((RAW_DIR / "france-geojson" / geo.FICHIERS["departement"]).read_text())
    raw_count = sum(len(ring) for feature in raw["features"] for ring in _rings(feature))
    simplified_count = len(_points(geo.contours("departement")))
    assert simplified_count < raw_count / 10


def test_rings_are_closed_polygons():
    for feature in geo.contours("departement")["features"]:
        for ring in _rings(feature):
            assert len(ring) >= 4, feature["properties"]["code"]
            assert ring[0] == ring[-1], feature["properties"]["code"]


def test_properties_are_fresh_dicts():
    first = geo.contours("region")
    first["features"][0]["properties"]["valeur"] = 1
    assert "valeur" not in geo.contours("region")["features"][0]["properties"]


def test_insets_move_overseas_regions():
    features = _by_code(geo.contours("region"))
    half = geo.ENCART_LARGEUR / 2 + 0.01
    for code, (longitude, latitude) in geo.ENCARTS.items():
        points = np.array(_rings(features[code])[0])
        assert np.all(np.abs(points[:, 0] - longitude) <= half), code
        assert np.all(np.abs(points[:, 1] - latitude) <= 2 * half), code


def test_insets_keep_metropolitan_regions():
    with_insets = _by_code(geo.contours("region"))["84"]["geometry"]
    without = _by_code(geo.contours("region", encarts=False))["84"]["geometry"]
    assert with_insets == without


def test_real_positions_without_insets():
    reunion = np.array(_rings(_by_code(geo.contours("departement", encarts=False))["974"])[0])
    assert -21.5 < reunion[:, 1].mean() < -20.8
    assert 55.1 < reunion[:, 0].mean() < 55.9


def test_departement_insets_match_regions():
    region = _points({"features": [_by_code(geo.contours("region"))["04"]]})
    departement = _points({"features": [_by_code(geo.contours("departement"))["974"]]})
    assert np.allclose(region.mean(axis=0), departement.mean(axis=0), atol=0.05)


def test_inset_frames_are_closed():
    frames = geo.cadres_encarts()
    assert [frame["code_region"] for frame in frames] == list(geo.ENCARTS)
    for frame in frames:
        assert frame["path"][0] == frame["path"][-1]


def test_straight_line_keeps_its_ends():
    line = np.column_stack([np.linspace(0, 1, 50), np.linspace(0, 2, 50)])
    simplified = geo.simplifier_ligne(line, 0.01)
    assert simplified.tolist() == [[0.0, 0.0], [1.0, 2.0]]


def test_peak_above_tolerance_is_kept():
    line = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.5], [3.0, 0.0], [4.0, 0.0]])
    simplified = geo.simplifier_ligne(line, 0.1)
    assert [2.0, 0.5] in simplified.tolist()


def test_peak_below_tolerance_is_dropped():
    line = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.05], [3.0, 0.0], [4.0, 0.0]])
    simplified = geo.simplifier_ligne(line, 0.1)
    assert simplified.tolist() == [[0.0, 0.0], [4.0, 0.0]]


def test_haversine_paris_lyon():
    # Hôtel de Ville de Paris to place Bellecour, Lyon: about 392 km on a great circle.
    distance = geo.haversine_km(48.8566, 2.3522, 45.7640, 4.8357)
    assert distance == pytest.approx(391.5, abs=1.0)


def test_haversine_same_point_is_zero():
    assert geo.haversine_km(45.0, 5.0, 45.0, 5.0) == 0.0


def test_haversine_quarter_meridian():
    distance = geo.haversine_km(0.0, 0.0, 90.0, 0.0)
    assert distance == pytest.approx(math.pi * geo.RAYON_TERRE_KM / 2)


def test_haversine_vector_with_missing():
    distances = geo.haversine_km(45.0, 5.0, np.array([45.0, np.nan]), np.array([5.0, 6.0]))
    assert distances[0] == 0.0
    assert np.isnan(distances[1])


def test_view_fits_the_box():
    view = geo.vue_ajustee(-5.0, 42.0, 8.0, 51.0, largeur_px=600, hauteur_px=400)
    pixels_per_degree = geo.TUILE_PX * 2 ** view["zoom"] / 360
    assert 13.0 * pixels_per_degree <= 600
    assert -5.0 < view["longitude"] < 8.0
    assert 42.0 < view["latitude"] < 51.0


def test_france_view_centres_metropole():
    view = geo.vue_france()
    assert 44.0 < view["latitude"] < 48.0
    assert 4.0 < view["zoom"] < 6.0
