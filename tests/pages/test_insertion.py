"""AppTest runs of the insertion page on the real warehouse."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import open_app

PAGE = "pages/insertion.py"
FORMATIONS, HISTORIQUE = 0, 1


def _open(query: dict | None = None) -> AppTest:
    return open_app(PAGE, query)


def _table(app: AppTest, index: int):
    return app.dataframe[index].value


def _etablissements(app: AppTest):
    return app.dataframe[0].value


@pytest.fixture
def app(warehouse) -> AppTest:
    return _open()


@pytest.fixture
def schools(warehouse) -> AppTest:
    return _open({"vue": "etablissements"})


def test_runs_without_exception(app):
    assert not app.exception


def test_formations_tab_tables(app):
    assert len(app.dataframe) == 2
    assert len(_table(app, FORMATIONS)) > 100


def test_etablissements_tab_table(schools):
    assert not schools.exception
    assert len(schools.dataframe) == 1
    assert len(_etablissements(schools)) > 1000


def test_url_opens_tab(schools):
    assert schools.session_state["insertion_vue"] == "Par établissement"
    assert "rang" in _etablissements(schools).columns


def test_formations_tab_by_default(app):
    assert app.session_state["insertion_vue"] == "Par formation et territoire"
    assert "vue" not in app.query_params


def test_draws_history_chart(app):
    assert len(app.get("vega_lite_chart")) == 1


def test_voies_side_by_side(app):
    columns = _table(app, FORMATIONS).columns
    assert "scolaire__taux_emploi_6_mois" in columns
    assert "apprentissage__taux_emploi_6_mois" in columns
    assert not any(column.startswith("ensemble__") for column in columns)


def test_ensemble_adds_columns(app):
    app.checkbox(key="insertion_ensemble").check().run()
    assert "ensemble__taux_emploi_6_mois" in _table(app, FORMATIONS).columns


def test_region_changes_rows(app):
    before = len(_table(app, FORMATIONS))
    app.selectbox(key="insertion_region").set_value("84").run()
    assert len(_table(app, FORMATIONS)) < before


def test_region_filters_etablissements(schools):
    before = len(_etablissements(schools))
    schools.selectbox(key="insertion_region").set_value("84").run()
    table = _etablissements(schools)
    assert len(table) < before
    assert set(table["libelle_region"]) == {"Auvergne-Rhône-Alpes"}


def test_region_goes_to_url(app):
    app.selectbox(key="insertion_region").set_value("84").run()
    assert app.query_params["region"] == "84"


def test_niveau_filter(app):
    app.multiselect(key="insertion_niveau").set_value(["320"]).run()
    assert set(_table(app, FORMATIONS)["libelle_niveau"]) == {"BTS"}


def test_search_without_accents(app):
    app.text_input(key="insertion_q").input("podo-orthesiste").run()
    assert _table(app, FORMATIONS)["cfd"].tolist() == ["32033105"]


def test_suppressed_rate_labelled(app):
    app.text_input(key="insertion_q").input("32033105").run()
    row = _table(app, FORMATIONS).iloc[0]
    assert row["apprentissage__taux_emploi_6_mois"] == "< 20 sortants"
    assert row["apprentissage__nb_sortants_6_mois"] == "18"


def test_no_blank_rate_cell(app):
    table = _table(app, FORMATIONS)
    rates = [column for column in table.columns if "taux_" in column]
    assert not table[rates].isna().any().any()
    assert not (table[rates] == "").any().any()


def test_millesime_changes_rates(app):
    before = _table(app, FORMATIONS)
    app.selectbox(key="insertion_millesime").set_value("2019_2020").run()
    after = _table(app, FORMATIONS)
    assert not before.head(20).equals(after.head(20))


def test_old_millesime_offers_24_mois(app):
    app.selectbox(key="insertion_millesime").set_value("2019_2020").run()
    app.multiselect(key="insertion_taux").set_value(["taux_emploi_24_mois"]).run()
    assert "scolaire__taux_emploi_24_mois" in _table(app, FORMATIONS).columns


def test_recent_millesime_hides_24_mois(app):
    app.multiselect(key="insertion_taux").set_value(["taux_emploi_24_mois"]).run()
    assert "scolaire__taux_emploi_24_mois" not in _table(app, FORMATIONS).columns
    assert any("24 mois" in caption.value for caption in app.caption)


def test_formation_choice_changes_history(app):
    app.selectbox(key="insertion_cfd").set_value("50022139").run()
    assert app.query_params["cfd"] == "50022139"
    assert set(_table(app, HISTORIQUE)["territoire"]) >= {"France", "Île-de-France"}


def test_cfa_table(schools):
    schools.radio(key="insertion_type").set_value("cfa").run()
    assert not schools.exception
    assert schools.selectbox(key="insertion_champ").value == "apprentissage"
    assert set(_etablissements(schools)["secteur"]) == {"non renseigné"}


def test_secteur_filter(schools):
    schools.multiselect(key="insertion_secteur").set_value(["privé"]).run()
    assert set(_etablissements(schools)["secteur"]) == {"privé"}


def test_sort_changes_order(schools):
    before = _etablissements(schools)["uai"].head(10).tolist()
    schools.toggle(key="insertion_desc").set_value(False).run()
    assert _etablissements(schools)["uai"].head(10).tolist() != before


def test_rank_column_first(schools):
    assert _etablissements(schools).columns[0] == "rang"
    assert _etablissements(schools)["rang"].iloc[0] == "1"


def test_says_sortants_not_published(schools):
    assert any("ne publie pas le nombre de sortants" in info.value for info in schools.info)


def test_pupils_column_labelled(schools):
    assert "eleves_derniere_annee" in _etablissements(schools).columns


def test_export_buttons(app):
    labels = [button.label for button in app.get("download_button")]
    assert labels == ["Exporter en CSV", "Exporter en XLSX"] * 2


def test_etablissements_export_buttons(schools):
    labels = [button.label for button in schools.get("download_button")]
    assert labels == ["Exporter en CSV", "Exporter en XLSX"]


def test_url_reopens_view(warehouse):
    app = _open({"region": "84", "q": "cuisine", "millesime": "2020_2021"})
    assert app.selectbox(key="insertion_region").value == "84"
    assert app.text_input(key="insertion_q").value == "cuisine"
    assert app.selectbox(key="insertion_millesime").value == "2020_2021"


def test_url_reopens_schools_view(warehouse):
    app = _open({"vue": "etablissements", "type": "cfa", "etab_millesime": "2023_2024"})
    assert app.radio(key="insertion_type").value == "cfa"
    assert app.selectbox(key="insertion_etab_millesime").value == "2023_2024"


def test_garbage_url_gives_default(warehouse):
    app = _open({"region": "ZZ", "millesime": "1999", "tri": "uai; DROP", "cfd": "<b>"})
    assert not app.exception
    assert app.selectbox(key="insertion_region").value is None
    assert any("région" in warning.value for warning in app.warning)


def test_state_survives_a_visit_elsewhere(warehouse):
    app = open_app(PAGE)
    app.selectbox(key="insertion_region").set_value("53").run()
    app.switch_page("pages/glossaire.py").run()
    app.switch_page(PAGE).run()
    assert app.selectbox(key="insertion_region").value == "53"
