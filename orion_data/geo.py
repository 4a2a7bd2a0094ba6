"""Territory boundaries for the maps, and distances between points on the Earth.

The boundaries are the IGN Admin Express 2018 polygons of `data/raw/france-geojson/`. They are
read once per process, simplified (Douglas–Peucker, then rounded to 3 decimals, about 100 m)
and keyed by the warehouse's codes, so a map carries about 6 % of the raw coordinates.

With `encarts=True` the five overseas régions and départements are moved into insets stacked
west of Brittany, each scaled to fit the same box, so one view shows all of France.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from typing import Final, Literal

import numpy as np

from orion_data.paths import RAW_DIR

logger = logging.getLogger(__name__)

Maille = Literal["region", "departement"]

FICHIERS: Final[dict[str, str]] = {
    "region": "regions-avec-outre-mer.geojson",
    "departement": "departements-avec-outre-mer.geojson",
}
TOLERANCE_DEGRES: Final = 0.01
"""Douglas–Peucker tolerance, about 1 km: below one pixel at the zoom of the France view."""
DECIMALES: Final = 3
RAYON_TERRE_KM: Final = 6371.0088
"""Mean Earth radius (IUGG), the usual radius of the haversine formula."""

DROM_DEPARTEMENT_REGION: Final[dict[str, str]] = {
    "971": "01", "972": "02", "973": "03", "974": "04", "976": "06",
}
ENCARTS: Final[dict[str, tuple[float, float]]] = {
    # Centre (longitude, latitude) of each overseas région's inset, in the Atlantic west of
    # Brittany, from north to south.
    "01": (-6.6, 50.4),
    "02": (-6.6, 48.8),
    "03": (-6.6, 47.1),
    "04": (-6.6, 45.4),
    "06": (-6.6, 43.8),
}
ENCART_LARGEUR: Final = 1.5
"""Width and height of an inset box, in degrees of longitude (Mercator units)."""

ETENDUE_FRANCE: Final = (-7.5, 41.3, 9.6, 51.2)
"""West, south, east and north bounds of metropolitan France with its insets, in degrees."""
TUILE_PX: Final = 512
"""Width in pixels of the whole world at zoom 0 in deck.gl's web-Mercator viewport (the
tile size of math.gl's web-mercator module in the Streamlit 1.67 frontend bundle)."""


def code_warehouse(maille: Maille, code: str) -> str:
    """Return the warehouse code of a GeoJSON `code`: départements get 3 characters.

    The GeoJSON writes '01', '2A' and '971'; the warehouse writes '001', '02A' and '971'.
    """
    return code.zfill(3) if maille == "departement" else code


# --- Simplification ---------------------------------------------------------------------------


def _segment_distances(points: np.ndarray, start: int, end: int) -> np.ndarray:
    """Return the distance of points[start+1:end] to the segment points[start]–points[end]."""
    inner = points[start + 1 : end]
    origin = points[start]
    direction = points[end] - origin
    length = math.hypot(direction[0], direction[1])
    offsets = inner - origin
    if length == 0.0:
        return np.hypot(offsets[:, 0], offsets[:, 1])
    cross = offsets[:, 0] * direction[1] - offsets[:, 1] * direction[0]
    return np.abs(cross) / length


def simplifier_ligne(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Return the Douglas–Peucker simplification of a polyline (n × 2 array).

    The first and last points are always kept. A closed ring (first point = last point) works
    too, because a degenerate segment measures plain distances to that point.
    """
    if len(points) < 3:
        return points
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        if end - start < 2:
            continue
        distances = _segment_distances(points, start, end)
        index = int(np.argmax(distances))
        if distances[index] > tolerance:
            middle = start + 1 + index
            keep[middle] = True
            stack.append((start, middle))
            stack.append((middle, end))
    return points[keep]


def _simplifier_polygone(rings: list, tolerance: float) -> list | None:
    """Simplify a polygon's rings. Return None when its outer ring collapses below 4 points."""
    result = []
    for position, ring in enumerate(rings):
        simplified = simplifier_ligne(np.asarray(ring, dtype=float), tolerance)
        if len(simplified) < 4:
            if position == 0:
                return None
            continue
        result.append(np.round(simplified, DECIMALES))
    return result


def _polygones(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _simplifier_geometrie(geometry: dict, tolerance: float) -> list:
    """Return the simplified polygons (lists of n × 2 arrays) of a Polygon or MultiPolygon.

    Islands smaller than the tolerance disappear, but a territory always keeps its most
    detailed polygon (the one with the most points), simplified more gently if needed.
    """
    polygones = _polygones(geometry)
    kept = [p for p in (_simplifier_polygone(rings, tolerance) for rings in polygones) if p]
    if not kept:
        largest = max(polygones, key=lambda rings: len(rings[0]))
        kept = [_simplifier_polygone(largest, tolerance / 100) or [np.asarray(largest[0])]]
    return kept


# --- Overseas insets --------------------------------------------------------------------------


def _mercator_y(latitude: np.ndarray) -> np.ndarray:
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(latitude) / 2)))


def _latitude(mercator_y: np.ndarray) -> np.ndarray:
    return np.degrees(2 * np.arctan(np.exp(np.radians(mercator_y))) - np.pi / 2)


def _deplacer(polygones: list, centre: tuple[float, float]) -> list:
    """Scale and move polygons (in Mercator units, so shapes keep their proportions) so that
    their bounding box is centred on `centre` and fits a box of ENCART_LARGEUR."""
    points = np.concatenate([ring for rings in polygones for ring in rings])
    x, y = points[:, 0], _mercator_y(points[:, 1])
    width, height = np.ptp(x), np.ptp(y)
    scale = ENCART_LARGEUR / max(width, height)
    source_x, source_y = (x.min() + x.max()) / 2, (y.min() + y.max()) / 2
    target_x, target_y = centre[0], float(_mercator_y(np.array(centre[1])))

    moved = []
    for rings in polygones:
        new_rings = []
        for ring in rings:
            new_x = (ring[:, 0] - source_x) * scale + target_x
            new_y = (_mercator_y(ring[:, 1]) - source_y) * scale + target_y
            new_rings.append(np.round(np.column_stack([new_x, _latitude(new_y)]), DECIMALES))
        moved.append(new_rings)
    return moved


def _region_drom(maille: Maille, code: str) -> str | None:
    if maille == "region":
        return code if code in ENCARTS else None
    return DROM_DEPARTEMENT_REGION.get(code)


def cadres_encarts() -> list[dict]:
    """Return one closed rectangle per inset (its box with a small margin), for a frame layer."""
    half = ENCART_LARGEUR / 2 + 0.1
    cadres = []
    for code, (longitude, latitude) in ENCARTS.items():
        y = float(_mercator_y(np.array(latitude)))
        south, north = (float(_latitude(np.array(y + d))) for d in (-half, half))
        west, east = longitude - half, longitude + half
        path = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        cadres.append({"code_region": code, "path": path})
    return cadres


# --- Public API -------------------------------------------------------------------------------


def _geometrie(polygones: list) -> dict:
    coordinates = [[ring.tolist() for ring in rings] for rings in polygones]
    if len(coordinates) == 1:
        return {"type": "Polygon", "coordinates": coordinates[0]}
    return {"type": "MultiPolygon", "coordinates": coordinates}


@functools.cache
def _contours(maille: Maille, encarts: bool) -> tuple[tuple[str, str, dict], ...]:
    if maille not in FICHIERS:
        raise ValueError(f"invalid maille {maille!r}: expected one of {sorted(FICHIERS)}")
    path = RAW_DIR / "france-geojson" / FICHIERS[maille]
    raw = json.loads(path.read_text(encoding="utf-8"))
    features = []
    for feature in raw["features"]:
        code = code_warehouse(maille, feature["properties"]["code"])
        polygones = _simplifier_geometrie(feature["geometry"], TOLERANCE_DEGRES)
        drom = _region_drom(maille, code) if encarts else None
        if drom is not None:
            polygones = _deplacer(polygones, ENCARTS[drom])
        features.append((code, feature["properties"]["nom"], _geometrie(polygones)))
    logger.info("Simplified %s: %d territories (insets: %s)", path.name, len(features), encarts)
    return tuple(features)


def contours(maille: Maille, encarts: bool = True) -> dict:
    """Return the simplified boundaries of the régions or départements as a FeatureCollection.

    Each feature's properties contain `code` (the warehouse code) and `nom`. The properties are
    new dicts on each call, so a caller may add values to them; the geometries are shared and
    must not be modified.
    """
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": code, "nom": nom}, "geometry": geometry}
            for code, nom, geometry in _contours(maille, encarts)
        ],
    }


def vue_ajustee(
    ouest: float, sud: float, est: float, nord: float, largeur_px: int = 640,
    hauteur_px: int = 480,
) -> dict:
    """Return the view state (longitude, latitude, zoom) that fits a box into a map of the
    given size in pixels, with a 5 % margin on each side."""
    bottom, top = (float(_mercator_y(np.array(lat))) for lat in (sud, nord))
    width = max(est - ouest, 1e-3)
    height = max(top - bottom, 1e-3)
    pixels_per_degree = min(largeur_px / width, hauteur_px / height) * 0.9
    zoom = math.log2(pixels_per_degree * 360 / TUILE_PX)
    latitude = float(_latitude(np.array((bottom + top) / 2)))
    return {
        "longitude": round((ouest + est) / 2, 4),
        "latitude": round(latitude, 4),
        "zoom": round(zoom, 2),
    }


def vue_france(largeur_px: int = 640, hauteur_px: int = 480) -> dict:
    """Return the view state that shows metropolitan France and the overseas insets."""
    return vue_ajustee(*ETENDUE_FRANCE, largeur_px, hauteur_px)


def haversine_km(latitude_1, longitude_1, latitude_2, longitude_2):
    """Return the great-circle distance in km between points given in degrees (WGS84).

    Takes scalars or arrays (NumPy broadcasting); a missing coordinate gives NaN.
    """
    phi_1, phi_2 = np.radians(latitude_1), np.radians(latitude_2)
    delta_phi = phi_2 - phi_1
    delta_lambda = np.radians(np.asarray(longitude_2, dtype=float) - longitude_1)
    a = np.sin(delta_phi / 2) ** 2 + np.cos(phi_1) * np.cos(phi_2) * np.sin(delta_lambda / 2) ** 2
    return 2 * RAYON_TERRE_KM * np.arcsin(np.sqrt(a))
