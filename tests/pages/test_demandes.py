"""AppTest runs of the demand list: scope, filters, counts per status and exports."""

from __future__ import annotations

import pytest

from orion_data.demandes.model import Statut

from .demandes_support import (
    ADMIN,
    GESTIONNAIRE,
    LIST_PAGE,
    connected_store,  # noqa: F401 (fixture)
    create_demand,
    logged_in,
)

# An offer of a lycée professionnel of Paris (région 11), outside région 84.
PARIS = {"uai": "0750419Y", "cfd": "40025222", "dispositif": "247"}


@pytest.fixture
def two_regions(connected_store):
    """Store one demand in région 84 and one in région 11; return the first."""
    ours = create_demand(connected_store, ADMIN, observations="Nouvel atelier de découpe")
    create_demand(connected_store, ADMIN, **PARIS, capacite_scolaire_actuelle="24")
    return ours


def _table(app):
    return app.dataframe[1].value


def _counts(app) -> dict[str, int]:
    frame = app.dataframe[0].value
    return dict(zip(frame["Statut"], frame["Nombre"], strict=True))


def test_list_runs_without_exception(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    assert not app.exception


def test_list_limited_to_scope(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    assert list(_table(app)["Numéro"]) == [two_regions.numero]


def test_national_list_has_both(connected_store, two_regions):
    app = logged_in(connected_store, ADMIN, LIST_PAGE)
    assert len(_table(app)) == 2


def test_counts_per_status(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    counts = _counts(app)
    assert counts[Statut.PROPOSITION.libelle] == 1
    assert counts[Statut.BROUILLON.libelle] == 0


def test_counts_hide_unreadable_status(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    assert Statut.SUPPRIMEE.libelle not in _counts(app)


def test_status_filter_empties_list(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    app.multiselect(key="demandes_statuts").set_value([Statut.BROUILLON]).run()
    assert [info.value for info in app.info] == [
        "Aucune demande ne correspond à ces filtres dans votre périmètre."
    ]


def test_free_search_matches_text(connected_store, two_regions):
    app = logged_in(connected_store, ADMIN, LIST_PAGE)
    app.text_input(key="demandes_texte").input("atelier de découpe").run()
    assert list(_table(app)["Numéro"]) == [two_regions.numero]


def test_uai_filter(connected_store, two_regions):
    app = logged_in(connected_store, ADMIN, LIST_PAGE)
    app.text_input(key="demandes_uai").input(PARIS["uai"].lower()).run()
    assert list(_table(app)["UAI"]) == [PARIS["uai"]]


def test_exports_offered(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Exporter en CSV", "Exporter en XLSX"]


def test_link_to_detail(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    assert "Voir la fiche de la demande" in [link.value for link in app.page_link]


def test_list_names_school_and_formation(connected_store, two_regions):
    app = logged_in(connected_store, GESTIONNAIRE, LIST_PAGE)
    row = _table(app).iloc[0]
    assert row["Établissement"] == "Lycee Edgar Quinet"
    assert row["Formation"] == "GESTION DE LA PME (BTS)"
