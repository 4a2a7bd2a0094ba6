"""AppTest run of the home page on the real warehouse."""

from __future__ import annotations

from .conftest import open_app


def test_home_shows_key_figures(warehouse):
    app = open_app()
    assert not app.exception
    assert len(app.metric) >= 5


def test_home_pupils_figure(warehouse):
    app = open_app()
    values = {metric.label: metric.value for metric in app.metric}
    # 623,648 pupils in lycées professionnels at rentrée 2022: the national total of the
    # DEPP per-niveau file for its latest rentrée.
    assert values["Élèves en lycée professionnel"] == "623\u202f648"


def test_home_lists_sources(warehouse):
    app = open_app()
    assert app.dataframe[0].value.shape[0] > 5


def test_home_sources_have_no_none(warehouse):
    table = open_app().dataframe[0].value
    assert table["Période couverte"].notna().all()
