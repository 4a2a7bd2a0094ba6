"""AppTest runs of the console établissements and the glossary on the real warehouse."""

from __future__ import annotations

import pytest

from .conftest import open_app

PAGE = "pages/console_etablissements.py"


@pytest.fixture
def app(warehouse):
    return open_app(PAGE, {"departement": "001"})


def test_runs_without_exception(app):
    assert not app.exception


def test_rows_are_offers(app):
    table = app.dataframe[0].value
    assert table["uai"].str.fullmatch(r"[0-9]{7}[A-Z]").all()


def test_secteur_filter_narrows(app):
    before = app.dataframe[0].value.shape[0]
    app.multiselect(key="console_offre_secteur").set_value(["privé"]).run()
    assert app.dataframe[0].value.shape[0] < before


def test_uai_filter(app):
    app.multiselect(key="console_offre_uai").set_value(["0010001W"]).run()
    assert set(app.dataframe[0].value["uai"]) == {"0010001W"}


def test_bad_uai_in_url_gives_notice(warehouse):
    app = open_app(PAGE, {"uai": "NOT-A-UAI"})
    assert not app.exception
    assert any("établissement" in warning.value for warning in app.warning)


def test_glossary_lists_indicators(warehouse):
    app = open_app("pages/glossaire.py")
    assert not app.exception
    assert len(app.subheader) >= 10


def test_malformed_uai_ignored_with_notice(app):
    app.multiselect(key="console_offre_uai").set_value(["0010001W", "=1+1"]).run()
    assert not app.exception
    assert any("UAI ignoré" in warning.value for warning in app.warning)
    assert set(app.dataframe[0].value["uai"]) == {"0010001W"}


def test_rentree_without_millesime_explained(warehouse):
    app = open_app(PAGE, {"rentree": "2020", "region": "11"})
    assert not app.exception
    assert any("ne publie pas le millésime 2018-2019" in info.value for info in app.info)


def test_rentree_with_millesime_has_no_notice(app):
    assert not any("ne publie pas le millésime" in info.value for info in app.info)
