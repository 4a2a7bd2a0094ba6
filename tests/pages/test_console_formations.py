"""AppTest runs of the console formations on the real warehouse."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import open_app

PAGE = "pages/console_formations.py"


def _open(query: dict | None = None) -> AppTest:
    return open_app(PAGE, query)


@pytest.fixture
def app(warehouse) -> AppTest:
    return _open()


def test_runs_without_exception(app):
    assert not app.exception


def test_shows_a_table(app):
    assert app.dataframe[0].value.shape[0] > 100


def test_region_changes_rows(app):
    before = app.dataframe[0].value.shape[0]
    app.selectbox(key="console_formation_region").set_value("84").run()
    assert app.dataframe[0].value.shape[0] < before


def test_region_goes_to_url(app):
    app.selectbox(key="console_formation_region").set_value("84").run()
    assert app.query_params["region"] == "84"


def test_region_change_resets_departement(app):
    app.selectbox(key="console_formation_region").set_value("84").run()
    app.selectbox(key="console_formation_departement").set_value("069").run()
    app.selectbox(key="console_formation_region").set_value("11").run()
    assert app.selectbox(key="console_formation_departement").value is None


def test_niveau_filter(app):
    app.multiselect(key="console_formation_niveau").set_value(["320"]).run()
    table = app.dataframe[0].value
    assert set(table["libelle_niveau"]) == {"BTS"}


def test_quadrant_disabled_without_region(app):
    assert app.multiselect(key="console_formation_quadrant").disabled


def test_url_reopens_view(warehouse):
    app = _open({"region": "84", "niveau": "500"})
    assert app.selectbox(key="console_formation_region").value == "84"


def test_garbage_url_gives_default(warehouse):
    app = _open({"region": "ZZ<script>", "rentree": "abc", "niveau": "9999", "tri": "1; DROP"})
    assert not app.exception
    assert app.selectbox(key="console_formation_region").value is None


def test_garbage_url_shows_notice(warehouse):
    app = _open({"region": "ZZ"})
    assert any("région" in warning.value for warning in app.warning)


def test_departement_outside_region_is_dropped(warehouse):
    app = _open({"region": "84", "departement": "075"})
    assert app.selectbox(key="console_formation_departement").value is None


def test_export_buttons(app):
    labels = [button.label for button in app.get("download_button")]
    assert labels == ["Exporter en CSV", "Exporter en XLSX"]


def test_table_has_no_none_text(app):
    table = app.dataframe[0].value
    for text in ("None", "nan", "<NA>", "inf"):
        assert not table.isin([text]).any().any()


def test_suppressed_rate_gives_reason(warehouse):
    app = _open({"region": "84", "q": "32033105"})
    values = app.dataframe[0].value.stack().tolist()
    assert any(str(value).startswith("< 20") or value == "non calculable" for value in values)


def test_missing_effectifs_explained(app):
    assert any("rentrée 2020" in info.value for info in app.info)


def test_state_survives_a_visit_elsewhere(app):
    app.selectbox(key="console_formation_region").set_value("53").run()
    app.switch_page("pages/glossaire.py").run()
    app.switch_page(PAGE).run()
    assert app.selectbox(key="console_formation_region").value == "53"
