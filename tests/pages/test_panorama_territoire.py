"""AppTest runs of the panorama région et département on the real warehouse."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import open_app

PAGE = "pages/panorama_territoire.py"


def _open(query: dict | None = None) -> AppTest:
    return open_app(PAGE, query)


def _metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _deck(app: AppTest) -> dict:
    charts = app.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def _vega_specs(app: AppTest) -> list[dict]:
    elements = [*app.get("vega_lite_chart"), *app.get("arrow_vega_lite_chart")]
    return [json.loads(element.proto.spec) for element in elements]


@pytest.fixture
def app(warehouse) -> AppTest:
    return _open({"region": "53"})


def test_runs_without_exception(app):
    assert not app.exception


def test_default_opens_without_exception(warehouse):
    app = _open()
    assert not app.exception
    assert app.selectbox(key="panorama_region").value is not None


def test_key_figures_of_bretagne(app):
    metrics = _metrics(app)
    assert metrics["Nombre d'élèves"] == "28\u202f326"
    assert metrics["Effectif en entrée"] == "10\u202f610"
    assert metrics["Nombre de formations"] == "241"
    assert metrics["Taux de pression"] == "1,05"
    assert metrics["Taux d'emploi à 6 mois"] == "47\u202f%"
    assert metrics["Taux de chômage"] == "6,1\u202f%"


def test_key_figures_show_france(app):
    captions = [caption.value for caption in app.caption]
    assert any(caption.startswith("France : 623\u202f648") for caption in captions)


def test_region_change_changes_figures(app):
    before = _metrics(app)["Nombre d'élèves"]
    app.selectbox(key="panorama_region").set_value("94").run()
    assert not app.exception
    assert _metrics(app)["Nombre d'élèves"] != before


def test_region_goes_to_url(app):
    app.selectbox(key="panorama_region").set_value("11").run()
    assert app.query_params["region"] == "11"


def test_departement_goes_to_url(app):
    app.selectbox(key="panorama_departement").set_value("029").run()
    assert app.query_params["departement"] == "029"


def test_region_change_resets_departement(app):
    app.selectbox(key="panorama_departement").set_value("029").run()
    app.selectbox(key="panorama_region").set_value("84").run()
    assert app.selectbox(key="panorama_departement").value == ""


def test_departement_labels_exit_rates_regional(warehouse):
    app = _open({"departement": "029"})
    labels = list(_metrics(app))
    for label in ("Taux d'emploi à 6 mois (régional)", "Taux de poursuite d'études (régional)",
                  "Taux de devenir favorable (régional)"):
        assert label in labels
    assert "Nombre d'élèves" in labels


def test_departement_explains_regional_rates(warehouse):
    app = _open({"departement": "029"})
    captions = " ".join(caption.value for caption in app.caption)
    assert "Taux de la région Bretagne" in captions
    assert "InserJeunes ne publie pas de taux par département" in captions


def test_departement_fixes_region(warehouse):
    app = _open({"departement": "029"})
    assert app.selectbox(key="panorama_region").value == "53"


def test_map_has_layers(app):
    spec = _deck(app)
    types = [layer["@@type"] for layer in spec["layers"]]
    assert types == ["GeoJsonLayer", "GeoJsonLayer", "PathLayer"]
    assert len(spec["layers"][0]["data"]["features"]) == 18


def test_map_has_no_provider(app):
    spec = _deck(app)
    assert "mapProvider" not in spec
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__")


def test_map_tooltip(app):
    tooltip = json.loads(app.get("deck_gl_json_chart")[0].proto.tooltip)
    assert "{valeur_texte}" in tooltip["html"]
    assert "{detail_texte}" in tooltip["html"]


def test_indicator_change_changes_map(app):
    before = _deck(app)["layers"][0]["data"]["features"]
    app.selectbox(key="panorama_indicateur").set_value("taux_pression").run()
    after = _deck(app)["layers"][0]["data"]["features"]
    assert [f["properties"]["valeur_texte"] for f in after] != [
        f["properties"]["valeur_texte"] for f in before]
    assert app.query_params["indicateur"] == "taux_pression"


def test_maille_change_draws_departements(app):
    app.radio(key="panorama_maille").set_value("departement").run()
    assert len(_deck(app)["layers"][0]["data"]["features"]) == 101


def test_charts_exist(app):
    specs = _vega_specs(app)
    assert len(specs) == 3


def test_history_chart(app):
    specs = _vega_specs(app)
    history = next(s for s in specs if s.get("layer", [{}])[0].get("mark", {}).get("type")
                   == "line")
    assert history["layer"][0]["encoding"]["strokeDash"]["field"] == "territoire"


def test_quadrant_chart(app):
    specs = _vega_specs(app)
    quadrant = next(s for s in specs if any(
        layer.get("mark", {}).get("type") == "circle" for layer in s.get("layer", [])))
    points = quadrant["layer"][-1]["encoding"]
    assert points["x"]["field"] == "taux_poursuite"
    assert points["y"]["field"] == "taux_emploi_6_mois"


def test_quadrant_table_view(app):
    table = app.dataframe[0].value
    assert {"libelle_formation", "quadrant", "raison"} <= set(table.columns)
    assert set(table["quadrant"]) <= {"Q1", "Q2", "Q3", "Q4", "hors quadrant"}


def test_hors_quadrant_summary(app):
    summary = app.dataframe[1].value
    assert "Raison" in summary.columns
    assert summary["Formations"].sum() == (app.dataframe[0].value["quadrant"]
                                           == "hors quadrant").sum()


def test_niveau_change_changes_quadrant(app):
    before = app.dataframe[0].value
    app.selectbox(key="panorama_niveau").set_value("500").run()
    after = app.dataframe[0].value
    assert set(after["libelle_formation"]) != set(before["libelle_formation"])
    assert app.query_params["niveau"] == "500"


def test_minimum_effectif_drops_rows(app):
    before = len(app.dataframe[0].value)
    app.slider(key="panorama_effectif").set_value(100).run()
    assert not app.exception
    assert len(app.dataframe[0].value) < before


def test_rentree_change_keeps_running(app):
    for rentree in app.selectbox(key="panorama_rentree").options:
        app.selectbox(key="panorama_rentree").set_value(int(rentree)).run()
        assert not app.exception, rentree


def test_garbage_url_gives_notice(warehouse):
    app = _open({"region": "ZZ<script>", "rentree": "abc", "indicateur": "1; DROP",
                 "effectif": "-5"})
    assert not app.exception
    assert len(app.warning) >= 4


def test_territory_remembered_across_pages(warehouse):
    app = _open({"region": "53"})
    app.switch_page("pages/accueil.py").run()
    app.query_params.clear()
    app.switch_page(PAGE).run()
    assert app.selectbox(key="panorama_region").value == "53"
    assert app.query_params["region"] == "53"


def test_url_wins_over_remembered_territory(warehouse):
    app = _open({"region": "53"})
    app.switch_page("pages/accueil.py").run()
    app.query_params.clear()
    app.query_params["region"] = "94"
    app.switch_page(PAGE).run()
    assert app.selectbox(key="panorama_region").value == "94"


def test_rentree_without_millesime_explained(warehouse):
    app = open_app(PAGE, {"region": "11", "rentree": "2020"})
    assert not app.exception
    assert any("ne publie pas le millésime 2018-2019" in info.value for info in app.info)
