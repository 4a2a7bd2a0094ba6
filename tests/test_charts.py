"""The Altair charts, checked through their Vega-Lite specs and the rows they are given."""

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
         "effectif_entree": 30.0, "taux_pression": 1.5, "bande": "≥ 1,3", "quadrant": "Q3",
         "moyenne_emploi": 0.3, "moyenne_poursuite": 0.5},
        {"libelle_formation": "VENTE (CAP)", "libelle_dispositif": "CAP EN 2 ANS",
         "taux_emploi_6_mois": 0.5, "taux_poursuite": 0.3, "nb_sortants": 40,
         "effectif_entree": None, "taux_pression": None, "bande": "non calculable",
         "quadrant": "Q2", "moyenne_emploi": 0.3, "moyenne_poursuite": 0.5},
    ])


def _dataset(spec: dict, field: str) -> list[dict]:
    """Return the rows of the first inline dataset that has `field`."""
    return next(rows for rows in spec["datasets"].values() if rows and field in rows[0])


@pytest.fixture
def quadrant_spec() -> dict:
    return charts.spec("quadrant")


def test_history_has_line_and_points():
    spec = charts.spec("historique")
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]


def test_history_encodings():
    encoding = charts.spec("historique")["layer"][0]["encoding"]
    assert encoding["x"]["field"] == "millesime_texte"
    assert encoding["y"]["field"] == "valeur"
    assert encoding["color"]["field"] == "indicateur_texte"
    assert encoding["strokeDash"]["field"] == "territoire"


def test_history_dashes_follow_row_order():
    encoding = charts.spec("historique")["layer"][0]["encoding"]
    assert encoding["strokeDash"]["sort"] == {"field": "ordre_territoire", "op": "min"}
    rows = charts.historique_data(_history())
    assert rows.loc[rows["territoire"] == "Bretagne", "ordre_territoire"].unique().tolist() == [0]
    assert rows.loc[rows["territoire"] == "France", "ordre_territoire"].unique().tolist() == [1]


def test_history_tooltip_is_french():
    rows = charts.historique_data(_history())
    assert rows["millesime_texte"].iloc[0] == "2019-2020"
    assert rows["valeur_texte"].iloc[0] == "40\u202f%"
    assert rows["denominateur_texte"].iloc[0] == "1\u202f000"


@pytest.mark.parametrize("name", ["historique", "quadrant", "insertion"])
def test_spec_takes_rows_from_streamlit(name):
    spec = charts.spec(name)
    assert "data" not in spec
    assert all("data" not in layer or layer["data"]["name"].startswith("data-")
               for layer in spec.get("layer", []))


def test_spec_is_a_copy():
    charts.spec("quadrant")["layer"].clear()
    assert len(charts.spec("quadrant")["layer"]) == 5


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
    vertical, horizontal = quadrant_spec["layer"][:2]
    assert vertical["encoding"]["x"] == {
        "aggregate": "min", "field": "moyenne_poursuite", "type": "quantitative"
    }
    assert horizontal["encoding"]["y"] == {
        "aggregate": "min", "field": "moyenne_emploi", "type": "quantitative"
    }
    rows = charts.quadrant_data(_points())
    assert rows["moyenne_poursuite"].tolist() == [0.5, 0.5]


def test_quadrant_corner_labels(quadrant_spec):
    rows = _dataset(quadrant_spec, "quadrant")
    assert {row["quadrant"] for row in rows} == {"Q2", "Q4"}


def test_quadrant_unknown_effectif_is_smallest():
    rows = charts.quadrant_data(_points())
    assert rows["taille"].tolist() == [30.0, 0.0]
    assert rows["effectif_texte"].iloc[1] == "inconnu"


def test_quadrant_tooltips(quadrant_spec):
    titles = [tip["title"] for tip in quadrant_spec["layer"][-1]["encoding"]["tooltip"]]
    assert titles[0] == "Formation"
    assert "Quadrant" in titles
    rows = charts.quadrant_data(_points())
    assert rows["emploi_texte"].iloc[0] == "0\u202f%"
    assert rows["pression_texte"].iloc[1] == "non calculable"


def test_insertion_tooltip_is_french():
    series = pd.DataFrame({
        "millesime": ["2021-2022"], "territoire": ["France"], "voie": ["scolaire"],
        "indicateur": ["Taux d'emploi à 6 mois"], "taux": [0.553], "denominateur": [12345],
    })
    rows = charts.insertion_data(series)
    assert list(rows.columns) == list(charts.INSERTION_COLONNES)
    assert rows["taux_texte"].iloc[0] == "55\u202f%"
    assert rows["denominateur_texte"].iloc[0] == "12\u202f345"


def test_legend_lists_classes():
    classes = cartes.classes(pd.Series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), "taux_poursuite")
    spec = charts.legende(classes).to_dict()
    rows = _dataset(spec, "classe")
    assert len(rows) == len(classes) + 1
    assert rows[-1]["classe"] == "non calculable"
    assert spec["encoding"]["color"]["scale"]["range"][0] == "rgb(255, 255, 204)"
