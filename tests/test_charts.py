"""The Altair charts of the panoramas, checked through their Vega-Lite specs."""

from __future__ import annotations

import pandas as pd
import pytest

from orion_data import cartes, charts
from orion_data.quadrant import BANDES


def _history() -> pd.DataFrame:
    rows = []
    for territoire in ("Bretagne", "France"):
        for millesime, base in (("2019_2020", 0.40), ("2020_2021", 0.45)):
            rows.append({"millesime": millesime, "territoire": territoire,
                         "indicateur": "taux_emploi_6_mois", "valeur": base,
                         "denominateur": 1000})
            rows.append({"millesime": millesime, "territoire": territoire,
                         "indicateur": "taux_poursuite", "valeur": base + 0.1,
                         "denominateur": 2000})
    return pd.DataFrame(rows)


def _points() -> pd.DataFrame:
    return pd.DataFrame([
        {"libelle_formation": "CUISINE (CAP)", "libelle_dispositif": "CAP EN 2 ANS",
         "taux_emploi_6_mois": 0.0, "taux_poursuite": 0.62, "nb_sortants": 22,
         "effectif_entree": 30.0, "taux_pression": 1.5, "bande": "≥ 1,3", "quadrant": "Q3"},
        {"libelle_formation": "VENTE (CAP)", "libelle_dispositif": "CAP EN 2 ANS",
         "taux_emploi_6_mois": 0.5, "taux_poursuite": 0.3, "nb_sortants": 40,
         "effectif_entree": None, "taux_pression": None, "bande": "non calculable",
         "quadrant": "Q2"},
    ])


def _dataset(spec: dict, field: str) -> list[dict]:
    """Return the rows of the first inline dataset that has `field`."""
    return next(rows for rows in spec["datasets"].values() if rows and field in rows[0])


@pytest.fixture
def quadrant_spec() -> dict:
    return charts.quadrant(_points(), 0.3, 0.5).to_dict()


def test_history_has_line_and_points():
    spec = charts.historique(_history()).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]


def test_history_encodings():
    encoding = charts.historique(_history()).to_dict()["layer"][0]["encoding"]
    assert encoding["x"]["field"] == "millesime_texte"
    assert encoding["y"]["field"] == "valeur"
    assert encoding["color"]["field"] == "indicateur_texte"
    assert encoding["strokeDash"]["field"] == "territoire"


def test_history_tooltip_is_french():
    spec = charts.historique(_history()).to_dict()
    rows = _dataset(spec, "valeur_texte")
    assert rows[0]["millesime_texte"] == "2019-2020"
    assert rows[0]["valeur_texte"] == "40\u202f%"
    assert rows[0]["denominateur_texte"] == "1\u202f000"


def test_quadrant_layers(quadrant_spec):
    marks = [layer["mark"]["type"] for layer in quadrant_spec["layer"]]
    assert marks == ["rule", "rule", "text", "text", "circle"]


def test_quadrant_axes(quadrant_spec):
    encoding = quadrant_spec["layer"][-1]["encoding"]
    assert encoding["x"]["field"] == "taux_poursuite"
    assert encoding["y"]["field"] == "taux_emploi_6_mois"
    assert encoding["x"]["scale"]["domain"] == [0, 1]


def test_quadrant_size_and_colour(quadrant_spec):
    encoding = quadrant_spec["layer"][-1]["encoding"]
    assert encoding["size"]["field"] == "taille"
    assert encoding["color"]["field"] == "bande"
    assert encoding["color"]["scale"]["domain"] == list(BANDES)


def test_quadrant_rules_at_means(quadrant_spec):
    rules = _dataset(quadrant_spec, "emploi")
    assert rules == [{"emploi": 0.3, "poursuite": 0.5}]


def test_quadrant_unknown_effectif_is_smallest(quadrant_spec):
    rows = _dataset(quadrant_spec, "taille")
    assert [row["taille"] for row in rows] == [30.0, 0.0]
    assert rows[1]["effectif_texte"] == "inconnu"


def test_quadrant_tooltips(quadrant_spec):
    titles = [tip["title"] for tip in quadrant_spec["layer"][-1]["encoding"]["tooltip"]]
    assert titles[0] == "Formation"
    assert "Quadrant" in titles
    rows = _dataset(quadrant_spec, "emploi_texte")
    assert rows[0]["emploi_texte"] == "0\u202f%"
    assert rows[1]["pression_texte"] == "non calculable"


def test_legend_lists_classes():
    classes = cartes.classes(pd.Series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), "taux_poursuite")
    spec = charts.legende(classes).to_dict()
    rows = _dataset(spec, "classe")
    assert len(rows) == len(classes) + 1
    assert rows[-1]["classe"] == "non calculable"
    assert spec["encoding"]["color"]["scale"]["range"][0] == "rgb(255, 255, 204)"
