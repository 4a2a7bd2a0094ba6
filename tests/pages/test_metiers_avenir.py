"""AppTest runs of the métiers d'avenir page on the real warehouse."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from orion_data import metiers

from .conftest import open_app

PAGE = "pages/metiers_avenir.py"


@pytest.fixture
def app(warehouse) -> AppTest:
    return open_app(PAGE)


def _formations(app: AppTest):
    return app.dataframe[0].value


def test_runs_without_exception(app):
    assert not app.exception


def test_lists_every_status(app):
    statuts = set(_formations(app)["statut"])
    assert statuts == set(metiers.STATUTS)


def test_shows_entry_beside_exit(app):
    columns = list(_formations(app).columns)
    assert columns.index("taux_pression") < columns.index("taux_emploi_6_mois")
    assert {"effectif_entree", "taux_remplissage", "taux_poursuite", "quadrant"} <= set(columns)


def test_chart_present(app):
    charts = app.get("vega_lite_chart")
    assert len(charts) >= 1
    assert "tension_moyenne" in charts[0].proto.spec


def test_says_no_projection(app):
    assert any("aucune projection" in info.value for info in app.info)


def test_region_changes_rows(app):
    before = _formations(app)
    app.radio(key="metiers_niveau").set_value("region").run()
    app.selectbox(key="metiers_region").set_value("84").run()
    after = _formations(app)
    assert not app.exception
    assert len(after) < len(before)


def test_departement_changes_tension(app):
    app.selectbox(key="metiers_formation").set_value("40022106").run()
    national = app.dataframe[1].value["tension"].tolist()
    app.radio(key="metiers_niveau").set_value("departement").run()
    app.selectbox(key="metiers_departement").set_value("069").run()
    app.selectbox(key="metiers_formation").set_value("40022106").run()
    rhone = app.dataframe[1].value["tension"].tolist()
    assert not app.exception
    assert rhone != national


def test_formation_without_rome(app):
    app.selectbox(key="metiers_formation").set_value("40033005").run()
    assert any("aucun code ROME" in info.value for info in app.info)


def test_metier_search_lists_formations(app):
    app.text_input(key="metiers_recherche").input("cuisine").run()
    app.selectbox(key="metiers_code_rome").set_value("G1602").run()
    assert not app.exception
    leading = app.dataframe[-1].value
    assert "40022106" in set(leading["cfd"])
    assert (leading["nb_etablissements"] > 0).all()


def test_export_buttons(app):
    labels = [button.label for button in app.get("download_button")]
    assert labels == ["Exporter en CSV", "Exporter en XLSX"]


def test_page_title(app):
    assert app.title[0].value == "Métiers d'avenir"


def test_url_reopens_view(warehouse):
    app = open_app(PAGE, {"niveau": "region", "region": "53", "rentree": "2021",
                          "niveaux": ["500"], "formation": "50022139"})
    assert not app.exception
    assert app.radio(key="metiers_niveau").value == "region"
    assert app.selectbox(key="metiers_region").value == "53"
    assert app.selectbox(key="metiers_rentree").value == 2021
    assert app.multiselect(key="metiers_niveaux").value == ["500"]
    assert _formations(app)["libelle_dispositif"].str.startswith("CAP").all()


def test_garbage_url_gives_default(warehouse):
    app = open_app(PAGE, {"niveau": "planete", "region": "ZZ<script>", "rentree": "1900",
                          "niveaux": "9999", "code_rome": "1; DROP"})
    assert not app.exception
    assert app.radio(key="metiers_niveau").value == "national"
    assert app.multiselect(key="metiers_niveaux").value == []


def test_garbage_url_shows_notice(warehouse):
    app = open_app(PAGE, {"rentree": "1900"})
    assert any("rentrée" in warning.value for warning in app.warning)


def test_unknown_formation_in_url_falls_back(warehouse):
    app = open_app(PAGE, {"formation": "ZZZZZZZZ"})
    assert not app.exception
    assert app.selectbox(key="metiers_formation").value != "ZZZZZZZZ"


def test_filters_go_to_url(app):
    app.radio(key="metiers_niveau").set_value("departement").run()
    app.selectbox(key="metiers_departement").set_value("069").run()
    assert app.query_params["niveau"] == "departement"
    assert app.query_params["departement"] == "069"
    assert "region" not in app.query_params


def test_state_survives_a_visit_elsewhere(app):
    app.multiselect(key="metiers_niveaux").set_value(["500"]).run()
    app.switch_page("pages/glossaire.py").run()
    app.switch_page(PAGE).run()
    assert app.multiselect(key="metiers_niveaux").value == ["500"]
