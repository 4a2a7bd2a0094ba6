"""AppTest runs of the demand detail: fields, history, avis and actions through the service."""

from __future__ import annotations

from datetime import date

import pytest

from orion_data.auth import accounts
from orion_data.auth.model import Role
from orion_data.demandes import campaigns, queries, service
from orion_data.demandes.model import Campagne, Statut, StatutCampagne
from orion_data.demandes.referentiel import WarehouseReferentiel

from .demandes_support import (
    ADMIN,
    DETAIL_PAGE,
    GESTIONNAIRE,
    PASSWORD,
    REGION,
    connected_store,  # noqa: F401 (fixture)
    create_demand,
    logged_in,
    messages,
    valid_form,
)

HOSTILE = "**gras** <b>balise</b> :red[rouge] $x$"


def _open(store, username, demande):
    return logged_in(store, username, DETAIL_PAGE, {"id": str(demande.id)})


def _move(store, demande, *statuts):
    admin = store.get_user(ADMIN)
    for statut in statuts:
        motif = "Hors carte cible" if statut is Statut.DEMANDE_REFUSEE else ""
        demande = service.change_statut(
            store, admin, demande.id, statut, service.new_form_key(), motif_refus=motif
        )
    return demande


def _fields(app) -> dict[str, str]:
    frame = app.dataframe[0].value
    return dict(zip(frame["Champ"], frame["Valeur"], strict=True))


def _latest(store, demande):
    return queries.get_demande(store, store.get_user(ADMIN), demande.id)


def test_detail_runs_without_exception(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    assert not app.exception
    assert [title.value for title in app.title] == [f"Demande {demande.numero}"]


def test_free_text_shown_as_typed(connected_store):
    demande = create_demand(connected_store, observations=HOSTILE)
    app = _open(connected_store, GESTIONNAIRE, demande)
    assert _fields(app)["Observations"] == HOSTILE


def test_history_lists_creation(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    history = app.dataframe[1].value
    assert list(history["Vers"]) == [Statut.PROPOSITION.libelle]


def test_status_change_recorded(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    app.selectbox(key="statut_vers").set_value(Statut.DOSSIER_COMPLET)
    app.text_area(key="statut_commentaire").input("Pièces reçues")
    app.button(key="statut_valider").click().run()
    admin = connected_store.get_user(ADMIN)
    transitions = queries.list_transitions(connected_store, admin, demande.id)
    assert transitions[-1].vers_statut is Statut.DOSSIER_COMPLET
    assert transitions[-1].commentaire == "Pièces reçues"
    assert transitions[-1].par == GESTIONNAIRE


def test_status_change_shown(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    app.selectbox(key="statut_vers").set_value(Statut.DOSSIER_COMPLET)
    app.button(key="statut_valider").click().run()
    assert messages(app.success) == ["Statut changé : Dossier complet."]
    assert list(app.dataframe[1].value["Vers"])[-1] == Statut.DOSSIER_COMPLET.libelle


def test_refusal_without_motif_rejected(connected_store):
    demande = _move(
        connected_store, create_demand(connected_store), Statut.DOSSIER_COMPLET,
        Statut.PROJET_DE_DEMANDE, Statut.PRETE_POUR_LE_VOTE,
    )
    app = _open(connected_store, GESTIONNAIRE, demande)
    app.selectbox(key="statut_vers").set_value(Statut.DEMANDE_REFUSEE)
    app.button(key="statut_valider").click().run()
    assert "Un refus doit être motivé : saisissez le motif de refus." in messages(app.error)
    assert _latest(connected_store, demande).statut is Statut.PRETE_POUR_LE_VOTE


def test_offered_statuses_follow_workflow(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    offered = app.selectbox(key="statut_vers").options
    assert offered == [Statut.DOSSIER_COMPLET.libelle, Statut.DOSSIER_INCOMPLET.libelle]


def test_avis_given(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    app.selectbox(key="avis_sens").set_value("reserve")
    app.text_area(key="avis_commentaire").input("Locaux à vérifier")
    app.button(key="avis_valider").click().run()
    avis = app.dataframe[3].value
    assert list(avis["Avis"]) == ["Réservé"]
    assert list(avis["Commentaire"]) == ["Locaux à vérifier"]


def test_restricted_avis_hidden_from_region(connected_store):
    demande = _move(connected_store, create_demand(connected_store), Statut.DOSSIER_COMPLET)
    service.give_avis(
        connected_store, connected_store.get_user(ADMIN), demande.id, "final", "favorable",
        "Réservé aux instructeurs", restreint=True, cle=service.new_form_key(),
    )
    accounts.create_user(connected_store, "conseil.ara", Role.REGION, PASSWORD, REGION)
    app = _open(connected_store, "conseil.ara", demande)
    assert "Aucun avis visible pour l'instant." in [caption.value for caption in app.caption]


def test_region_role_has_no_action(connected_store):
    demande = _move(connected_store, create_demand(connected_store), Statut.DOSSIER_COMPLET)
    accounts.create_user(connected_store, "conseil.ara", Role.REGION, PASSWORD, REGION)
    app = _open(connected_store, "conseil.ara", demande)
    captions = [caption.value for caption in app.caption]
    assert "Aucune action ne vous est ouverte sur cette demande aujourd'hui." in captions


def test_delete_needs_confirmation(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    assert app.button(key="demande_supprimer").disabled


def test_delete_soft_deletes(connected_store):
    demande = create_demand(connected_store)
    app = _open(connected_store, GESTIONNAIRE, demande)
    app.checkbox(key="demande_confirmer").check().run()
    app.button(key="demande_supprimer").click().run()
    assert _latest(connected_store, demande).statut is Statut.SUPPRIMEE
    assert [title.value for title in app.title] == ["Demandes"]


def _demand_of_closed_campaign(store):
    """Store a demand in last year's campaign, terminée, and return it."""
    admin = store.get_user(ADMIN)
    year = store.now().year - 1
    closed = Campagne(year, date(year, 1, 1), date(year, 12, 31), StatutCampagne.TERMINEE)
    campaigns.save_campagne(store, admin, closed)
    # Admins are exempt from the campaign rules, so one can still file into it.
    return service.create_demande(
        store, WarehouseReferentiel(), admin, valid_form(year), service.new_form_key(),
        annee_campagne=year,
    )


def test_closed_campaign_offers_only_copy(connected_store):
    original = _demand_of_closed_campaign(connected_store)
    app = _open(connected_store, GESTIONNAIRE, original)
    year = connected_store.now().year
    assert [button.label for button in app.main.button] == [f"Dupliquer dans la campagne {year}"]


def test_duplicate_into_open_campaign(connected_store):
    original = _demand_of_closed_campaign(connected_store)
    app = _open(connected_store, GESTIONNAIRE, original)
    app.button(key="demande_dupliquer").click().run()
    admin = connected_store.get_user(ADMIN)
    copies = [d for d in queries.list_demandes(connected_store, admin) if d.id != original.id]
    assert len(copies) == 1
    assert copies[0].demande_origine_id == original.id
    assert copies[0].champs.rentree == original.champs.rentree + 1
    assert [title.value for title in app.title] == [f"Demande {copies[0].numero}"]


def test_out_of_scope_demand_not_found(connected_store):
    demande = create_demand(connected_store, uai="0750419Y", cfd="40025222", dispositif="247",
                            capacite_scolaire_actuelle="24")
    app = _open(connected_store, GESTIONNAIRE, demande)
    assert f"La demande {demande.id} est introuvable" in messages(app.error)[0]
    assert not app.dataframe


def test_malformed_id_rejected(connected_store):
    app = logged_in(connected_store, GESTIONNAIRE, DETAIL_PAGE, {"id": "1 OR 1=1"})
    assert "L'adresse ne désigne pas une demande" in messages(app.error)[0]


@pytest.mark.parametrize("raw", ["99999999999999999999999", "²", "١", "-1", ""])
def test_non_ascii_or_huge_id_not_found(connected_store, raw):
    create_demand(connected_store, GESTIONNAIRE)
    app = logged_in(connected_store, GESTIONNAIRE, DETAIL_PAGE, {"id": raw})
    assert not app.exception
    assert "introuvable" in messages(app.error)[0]
    assert not app.title
