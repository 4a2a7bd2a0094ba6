"""Campaign rules: entry dates, read-only closed campaigns, perdir entry, duplication."""

from __future__ import annotations

from datetime import date

import pytest
from factories import ADMIN, OTHER_REGION, REGION, UAI_OTHER, create, demand_in, form, make_user

from orion_data.auth.model import Role
from orion_data.demandes import campaigns, queries, service
from orion_data.demandes.model import Campagne, CampagneRegion, Statut, StatutCampagne
from orion_data.errors import CampaignClosed, Conflict, ValidationError

WRITER = make_user(Role.GESTIONNAIRE_REGION)


def close(store, annee=2026):
    store.save_campagne(
        Campagne(annee, date(annee, 1, 1), date(annee, 12, 31), StatutCampagne.TERMINEE), "admin"
    )


def open_2027(store, clock):
    clock.now = clock.now.replace(year=2027, month=2)
    store.save_campagne(
        Campagne(2027, date(2027, 1, 1), date(2027, 12, 31), StatutCampagne.EN_COURS), "admin"
    )


def test_closed_campaign_rejects_create(store, referentiel, campagne):
    close(store)
    with pytest.raises(CampaignClosed):
        create(store, referentiel, user=WRITER, annee_campagne=2026)


def test_closed_campaign_rejects_edit(store, referentiel, campagne):
    demande = create(store, referentiel, user=WRITER)
    close(store)
    with pytest.raises(CampaignClosed):
        service.update_demande(
            store, referentiel, WRITER, demande.id, 1, form(), service.new_form_key()
        )


def test_closed_campaign_rejects_status(store, referentiel, campagne):
    demande = create(store, referentiel, user=WRITER)
    close(store)
    with pytest.raises(CampaignClosed):
        service.change_statut(
            store, WRITER, demande.id, Statut.DOSSIER_COMPLET, service.new_form_key()
        )


def test_closed_campaign_rejects_avis(store, referentiel, campagne):
    demande = create(store, referentiel, user=WRITER)
    close(store)
    with pytest.raises(CampaignClosed):
        service.give_avis(store, WRITER, demande.id, "final", "favorable",
            cle=service.new_form_key(),
        )


def test_closed_campaign_still_readable(store, referentiel, campagne):
    demande = create(store, referentiel, user=WRITER)
    close(store)
    assert queries.get_demande(store, WRITER, demande.id).id == demande.id


def test_admin_exempt_from_closed(store, referentiel, campagne):
    demande = create(store, referentiel)
    close(store)
    moved = service.change_statut(
        store, ADMIN, demande.id, Statut.DOSSIER_COMPLET, service.new_form_key()
    )
    assert moved.statut is Statut.DOSSIER_COMPLET


def test_waiting_campaign_rejects_create(store, referentiel, campagne):
    store.save_campagne(
        Campagne(2026, date(2026, 1, 1), date(2026, 12, 31), StatutCampagne.EN_ATTENTE), "admin"
    )
    with pytest.raises(CampaignClosed):
        create(store, referentiel, user=WRITER, annee_campagne=2026)


def test_outside_regional_dates(store, referentiel, campagne):
    regional = CampagneRegion(2026, REGION, date(2026, 4, 1), date(2026, 6, 30), None, True)
    store.save_campagne_region(regional, "admin")
    with pytest.raises(CampaignClosed) as raised:
        create(store, referentiel, user=WRITER)
    assert "01/04/2026" in str(raised.value)


def test_status_change_after_entry_dates(store, referentiel, campagne, clock):
    demande = create(store, referentiel, user=WRITER)
    regional = CampagneRegion(2026, REGION, date(2026, 1, 1), date(2026, 3, 20), None, True)
    store.save_campagne_region(regional, "admin")
    clock.advance(days=30)
    moved = service.change_statut(
        store, WRITER, demande.id, Statut.DOSSIER_COMPLET, service.new_form_key()
    )
    assert moved.statut is Statut.DOSSIER_COMPLET


def test_perdir_needs_regional_permission(store, referentiel, campagne):
    perdir = make_user(Role.PERDIR, uais=(UAI_OTHER,))
    with pytest.raises(CampaignClosed):
        create(store, referentiel, user=perdir, uai=UAI_OTHER)


def test_perdir_entry_allowed(store, referentiel, campagne):
    perdir = make_user(Role.PERDIR, uais=(UAI_OTHER,))
    regional = CampagneRegion(2026, OTHER_REGION, date(2026, 1, 1), date(2026, 12, 31), None, True)
    store.save_campagne_region(regional, "admin")
    assert create(store, referentiel, user=perdir, uai=UAI_OTHER).cree_par == perdir.username


def test_no_running_campaign(store, referentiel):
    with pytest.raises(CampaignClosed):
        create(store, referentiel, user=WRITER)


def test_campaign_dates_checked(store):
    bad = Campagne(2027, date(2027, 6, 1), date(2027, 1, 1), StatutCampagne.EN_ATTENTE)
    with pytest.raises(ValidationError) as raised:
        campaigns.save_campagne(store, ADMIN, bad)
    assert "date_fin" in raised.value.errors


def test_current_campaign_is_running(store, campagne):
    close(store, 2025)
    assert campaigns.current_campagne(store).annee == 2026


def test_duplicate_into_open_campaign(store, referentiel, campagne, clock):
    original = demand_in(store, referentiel, Statut.DEMANDE_VALIDEE)
    close(store)
    open_2027(store, clock)
    copy = service.duplicate_demande(store, referentiel, WRITER, original.id, "dup-1")
    assert copy.annee_campagne == 2027
    assert copy.numero != original.numero
    assert copy.demande_origine_id == original.id
    assert copy.statut is Statut.PROPOSITION
    assert copy.champs.rentree == 2028


def test_duplicate_same_key_once(store, referentiel, campagne, clock):
    original = demand_in(store, referentiel, Statut.DEMANDE_VALIDEE)
    close(store)
    open_2027(store, clock)
    first = service.duplicate_demande(store, referentiel, WRITER, original.id, "dup-1")
    second = service.duplicate_demande(store, referentiel, WRITER, original.id, "dup-1")
    assert second.id == first.id


def test_duplicate_from_open_rejected(store, referentiel, campagne):
    original = create(store, referentiel, user=WRITER)
    with pytest.raises(Conflict):
        service.duplicate_demande(store, referentiel, WRITER, original.id, "dup-1")


def test_perdir_submit_after_entry_closed(store, referentiel, campagne, clock):
    perdir = make_user(Role.PERDIR)
    draft = create(store, referentiel, user=perdir, statut=Statut.BROUILLON)
    regional = CampagneRegion(2026, REGION, date(2026, 1, 1), date(2026, 3, 20), None, True)
    store.save_campagne_region(regional, "admin")
    clock.advance(days=30)
    with pytest.raises(CampaignClosed):
        service.change_statut(store, perdir, draft.id, Statut.PROPOSITION, service.new_form_key())
