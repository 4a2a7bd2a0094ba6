"""The actions a detail page offers, per role, status and campaign."""

from __future__ import annotations

from datetime import date

from factories import ADMIN, OTHER_REGION, create, demand_in, make_user

from orion_data.auth.model import Role
from orion_data.demandes.actions import DemandeActions, available_actions
from orion_data.demandes.model import Campagne, CampagneRegion, Statut, StatutCampagne


def test_gestionnaire_on_proposition(store, referentiel, campagne):
    demande = create(store, referentiel)
    actions = available_actions(store, make_user(Role.GESTIONNAIRE_REGION), demande)
    assert actions.statuts == (Statut.DOSSIER_COMPLET, Statut.DOSSIER_INCOMPLET)
    assert actions.supprimer
    assert actions.modifier
    assert actions.donner_avis


def test_no_duplicate_within_campaign(store, referentiel, campagne):
    demande = create(store, referentiel)
    actions = available_actions(store, make_user(Role.GESTIONNAIRE_REGION), demande)
    assert actions.dupliquer_vers is None


def test_expert_only_gives_avis(store, referentiel, campagne):
    demande = create(store, referentiel)
    actions = available_actions(store, make_user(Role.EXPERT_REGION), demande)
    assert actions == DemandeActions(donner_avis=True)


def test_final_status_frozen_for_gestionnaire(store, referentiel, campagne):
    demande = demand_in(store, referentiel, Statut.DEMANDE_VALIDEE)
    actions = available_actions(store, make_user(Role.GESTIONNAIRE_REGION), demande)
    assert actions == DemandeActions()


def test_admin_may_reopen_final_status(store, referentiel, campagne):
    demande = demand_in(store, referentiel, Statut.DEMANDE_VALIDEE)
    actions = available_actions(store, ADMIN, demande)
    assert Statut.PRETE_POUR_LE_VOTE in actions.statuts


def test_closed_campaign_offers_nothing(store, referentiel, campagne):
    demande = create(store, referentiel)
    closed = Campagne(2026, date(2026, 1, 1), date(2026, 12, 31), StatutCampagne.TERMINEE)
    store.save_campagne(closed, "admin")
    actions = available_actions(store, make_user(Role.GESTIONNAIRE_REGION), demande)
    assert actions == DemandeActions()


def test_closed_campaign_offers_copy(store, referentiel, campagne):
    demande = create(store, referentiel)
    store.save_campagne(
        Campagne(2026, date(2026, 1, 1), date(2026, 12, 31), StatutCampagne.TERMINEE), "admin"
    )
    store.save_campagne(
        Campagne(2027, date(2026, 1, 1), date(2027, 12, 31), StatutCampagne.EN_COURS), "admin"
    )
    actions = available_actions(store, make_user(Role.GESTIONNAIRE_REGION), demande)
    assert actions.dupliquer_vers == 2027


def test_perdir_status_needs_entry_open(store, referentiel, campagne):
    demande = create(store, referentiel, statut=Statut.BROUILLON)
    closed_entry = CampagneRegion(2026, "11", date(2026, 1, 1), date(2026, 2, 1), None, True)
    store.save_campagne_region(closed_entry, "admin")
    actions = available_actions(store, make_user(Role.PERDIR), demande)
    assert actions.statuts == ()
    assert not actions.supprimer


def test_perdir_submits_draft(store, referentiel, campagne):
    demande = create(store, referentiel, statut=Statut.BROUILLON)
    actions = available_actions(store, make_user(Role.PERDIR), demande)
    assert actions.statuts == (Statut.PROPOSITION,)
    assert actions.supprimer


def test_other_region_gets_nothing(store, referentiel, campagne):
    demande = create(store, referentiel)
    user = make_user(Role.GESTIONNAIRE_REGION, region=OTHER_REGION)
    assert available_actions(store, user, demande) == DemandeActions()
