"""Lists and searches as a user: empty scopes, filters, counts, pre-filled capacities."""

from __future__ import annotations

import pytest
from factories import ADMIN, BAC_PRO, CAP, UAI, UAI_OTHER, create, demand_in, make_user

from orion_data.auth.model import Role, User
from orion_data.demandes import queries
from orion_data.demandes.model import Statut, TypeDemande
from orion_data.errors import NotFound

EMPTY_SCOPES = [
    User("no-region", Role.GESTIONNAIRE_REGION),
    User("no-region-admin", Role.ADMIN_REGION, code_region=""),
    User("no-school", Role.PERDIR),
    User("disabled", Role.ADMIN, actif=False),
    User("disabled-pilote", Role.PILOTE, actif=False),
]


@pytest.mark.parametrize("user", EMPTY_SCOPES, ids=lambda u: u.username)
def test_empty_scope_lists_nothing(store, referentiel, campagne, user):
    demand_in(store, referentiel, Statut.DOSSIER_COMPLET)
    assert queries.list_demandes(store, user) == []


@pytest.mark.parametrize("user", EMPTY_SCOPES, ids=lambda u: u.username)
def test_empty_scope_reads_nothing(store, referentiel, campagne, user):
    demande = demand_in(store, referentiel, Statut.DOSSIER_COMPLET)
    with pytest.raises(NotFound):
        queries.get_demande(store, user, demande.id)


@pytest.mark.parametrize("user", EMPTY_SCOPES, ids=lambda u: u.username)
def test_empty_scope_searches_nothing(referentiel, user):
    assert queries.search_etablissements(referentiel, user, "") == []


def test_list_limited_to_region(store, referentiel, campagne):
    inside = create(store, referentiel)
    create(store, referentiel, uai=UAI_OTHER)
    listed = queries.list_demandes(store, make_user(Role.PILOTE_REGION))
    assert [d.id for d in listed] == [inside.id]


def test_list_limited_to_perdir_uais(store, referentiel, campagne):
    own = create(store, referentiel)
    create(store, referentiel, uai="0750002B")
    listed = queries.list_demandes(store, make_user(Role.PERDIR))
    assert [d.id for d in listed] == [own.id]


def test_national_lists_all(store, referentiel, campagne):
    create(store, referentiel)
    create(store, referentiel, uai=UAI_OTHER)
    assert len(queries.list_demandes(store, make_user(Role.PILOTE))) == 2


def test_list_filters(store, referentiel, campagne):
    matching = create(store, referentiel, observations="Partenariat avec 100% des entreprises")
    create(store, referentiel, cfd=CAP, dispositif="241")
    filters = queries.DemandeFilters(
        annee_campagne=2026,
        statuts=frozenset({Statut.PROPOSITION}),
        types=frozenset({TypeDemande.AUGMENTATION}),
        code_academie="01",
        code_departement="075",
        uai=UAI,
        cfd=BAC_PRO,
        texte="100%",
    )
    assert [d.id for d in queries.list_demandes(store, ADMIN, filters)] == [matching.id]


def test_text_search_escapes_wildcards(store, referentiel, campagne):
    create(store, referentiel, observations="sans pourcentage")
    filters = queries.DemandeFilters(texte="%")
    assert queries.list_demandes(store, ADMIN, filters) == []


def test_count_by_statut(store, referentiel, campagne):
    demand_in(store, referentiel, Statut.DOSSIER_COMPLET)
    create(store, referentiel, uai=UAI_OTHER)
    counts = queries.count_by_statut(queries.list_demandes(store, ADMIN))
    assert counts[Statut.DOSSIER_COMPLET] == 1
    assert counts[Statut.PROPOSITION] == 1
    assert counts[Statut.BROUILLON] == 0


def test_search_etablissements_in_region(referentiel):
    found = queries.search_etablissements(referentiel, make_user(Role.REGION), "lycée")
    assert [e.uai for e in found] == ["0750001A", "0750002B"]


def test_search_etablissements_perdir(referentiel):
    found = queries.search_etablissements(referentiel, make_user(Role.PERDIR), "")
    assert [e.uai for e in found] == [UAI]


def test_search_formations_open_vocational(referentiel):
    found = queries.search_formations(referentiel, "")
    assert [f.cfd for f in found] == ["38100001", "40025214", "50022135"]


def test_prefill_capacities(referentiel):
    prefilled = queries.prefill_capacities(referentiel, UAI, BAC_PRO, "247")
    assert prefilled == {
        "capacite_scolaire_actuelle": 24,
        "capacite_apprentissage_actuelle": None,
    }


@pytest.mark.parametrize("raw", ["1", "42", "999999999999999999"])
def test_demande_id_ascii_digits_parsed(raw):
    assert queries.parse_demande_id(raw) == int(raw)


@pytest.mark.parametrize(
    "raw", ["", None, "²", "١", "1²", "-1", "+1", " 1", "1.0", "9999999999999999999"]
)
def test_demande_id_malformed_not_found(raw):
    with pytest.raises(NotFound) as raised:
        queries.parse_demande_id(raw)
    assert "introuvable" in str(raised.value)


@pytest.mark.parametrize("demande_id", [2**63, -(2**63) - 1, 10**23])
def test_store_id_beyond_sqlite_integer(store, referentiel, campagne, demande_id):
    create(store, referentiel)
    assert store.get_demande(demande_id) is None
    assert store.list_versions(demande_id) == []
    assert store.list_transitions(demande_id) == []
    assert store.list_avis(demande_id) == []
    with pytest.raises(NotFound):
        queries.get_demande(store, ADMIN, demande_id)
