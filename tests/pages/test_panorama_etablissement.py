"""AppTest runs of the panorama établissement on the real warehouse."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import open_app

PAGE = "pages/panorama_etablissement.py"
BERARD = "0010001W"


def _open(query: dict | None = None) -> AppTest:
    return open_app(PAGE, query)


def _deck(app: AppTest) -> dict:
    charts = app.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def _search(app: AppTest, text: str) -> AppTest:
    return app.text_input(key="etablissement_recherche").set_value(text).run()


@pytest.fixture
def app(warehouse) -> AppTest:
    return _open({"uai": BERARD})


def test_empty_page_runs(warehouse):
    app = _open()
    assert not app.exception
    assert "Cherchez un établissement" in app.info[0].value


def test_runs_with_a_school(app):
    assert not app.exception


def test_header(app):
    assert app.header[0].value == "Lycee Professionnel Alexandre Berard"
    assert app.caption[0].value == "Amberieu En Bugey · 001 – Ain · public · UAI 0010001W"


def test_header_metrics(app):
    metrics = {metric.label: (metric.value, metric.delta) for metric in app.metric}
    assert metrics["Valeur ajoutée"] == ("+10\u202fpts", "+1\u202fpts")
    assert metrics["Taux d'emploi à 6 mois"] == ("51\u202f%", "-3\u202fpts")
    assert metrics["Taux de poursuite d'études"] == ("54\u202f%", "-3\u202fpts")
    assert metrics["Taux de devenir favorable"] == ("77\u202f%", "-3\u202fpts")


def test_header_names_millesimes(app):
    assert "Millésime 2022-2023" in app.caption[1].value
    assert "millésime 2021-2022" in app.caption[1].value


def test_offers_table(app):
    offers = app.dataframe[0].value
    assert {"rentree", "libelle_formation", "capacite", "voeux", "taux_pression",
            "taux_remplissage", "taux_emploi_6_mois"} <= set(offers.columns)
    assert offers["rentree"].nunique() >= 2


def test_offers_table_says_why_values_miss(app):
    offers = app.dataframe[0].value
    assert not offers.isin(["None", "nan"]).any().any()
    assert (offers["taux_pression"] == "non calculable").any()
    assert offers["capacite"].str.fullmatch(r"[0-9\u202f]*").all()


def test_map_has_layers(app):
    spec = _deck(app)
    assert [layer["@@type"] for layer in spec["layers"]] == [
        "GeoJsonLayer", "ScatterplotLayer", "ScatterplotLayer"]
    assert [p["uai"] for p in _layer(spec, "etablissement")["data"]] == [BERARD]


def test_map_has_no_provider(app):
    spec = _deck(app)
    assert "mapProvider" not in spec
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__")


def test_neighbours_sorted_by_distance(app):
    neighbours = app.dataframe[1].value
    distances = neighbours["distance_km"].dropna()
    assert distances.is_monotonic_increasing
    assert distances.max() <= 50


def test_schools_without_coordinates_are_counted(app):
    neighbours = app.dataframe[1].value
    missing = neighbours["distance_km"].isna().sum()
    assert missing > 0
    assert f"{missing} établissements sans coordonnées" in app.caption[-1].value


def test_map_places_only_listed_schools(app):
    neighbours = app.dataframe[1].value
    placed = {p["uai"] for p in _layer(_deck(app), "voisins")["data"]}
    assert placed == set(neighbours.loc[neighbours["distance_km"].notna(), "uai"])


def test_distance_change_changes_list(app):
    before = len(app.dataframe[1].value)
    app.select_slider(key="etablissement_distance").set_value("200").run()
    assert len(app.dataframe[1].value) > before
    assert app.query_params["distance"] == "200"


def test_formation_filter_narrows_list(app):
    before = len(app.dataframe[1].value)
    electricien = "50025524"
    app.multiselect(key="etablissement_formations").set_value([electricien]).run()
    assert not app.exception
    assert len(app.dataframe[1].value) < before


def test_search_finds_school(warehouse):
    app = _search(_open(), "alexandre ber")
    assert BERARD in app.selectbox(key="etablissement_choix").options[0]


def test_choosing_a_result_opens_it(warehouse):
    app = _search(_open(), "Bérard Ambérieu")
    app.selectbox(key="etablissement_choix").set_value(BERARD).run()
    assert app.header[0].value == "Lycee Professionnel Alexandre Berard"
    assert app.query_params["uai"] == BERARD


def test_choice_changes_the_school(app):
    _search(app, "jean moulin revin")
    app.selectbox(key="etablissement_choix").set_value("0080040A").run()
    assert app.header[0].value == "Lycee Jean Moulin (professionnel)"
    assert app.query_params["uai"] == "0080040A"


def test_short_search_asks_for_more(warehouse):
    app = _search(_open(), "be")
    assert "au moins 3 caractères" in app.info[0].value


def test_unmatched_search_says_so(warehouse):
    app = _search(_open(), "zzzzqqq")
    assert "Aucun établissement ne correspond" in app.info[0].value


def test_hostile_search_is_harmless(warehouse):
    app = _search(_open(), "'; DROP TABLE etablissements; --")
    assert not app.exception
    assert "Aucun établissement ne correspond" in app.info[0].value


def test_unknown_uai_shows_error(warehouse):
    app = _open({"uai": "0000000Z"})
    assert not app.exception
    assert "introuvable" in app.error[0].value


def test_malformed_uai_gives_notice(warehouse):
    app = _open({"uai": "<script>"})
    assert not app.exception
    assert any("établissement" in warning.value for warning in app.warning)


def test_school_remembered_across_pages(app):
    app.switch_page("pages/accueil.py").run()
    app.query_params.clear()
    app.switch_page(PAGE).run()
    assert app.header[0].value == "Lycee Professionnel Alexandre Berard"
