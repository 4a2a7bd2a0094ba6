"""Each cell of the permission table, called on orion_data with a demand id.

The expectations are written out here, independently of the table in
`orion_data.demandes.permissions`, so that a change to the table breaks a test.
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import ADMIN, REGION, UAI, UAI_2, UAI_OTHER, create, demand_in, form, make_user

from orion_data.auth.model import Role
from orion_data.demandes import campaigns, queries, service
from orion_data.demandes.model import Campagne, CampagneRegion, Statut, StatutCampagne
from orion_data.errors import NotFound, PermissionDenied

WRITERS = {Role.ADMIN_REGION, Role.GESTIONNAIRE_REGION, Role.PILOTE_REGION}

# On a demand in "dossier complet" in the user's scope.
IN_SCOPE: dict[str, set[Role]] = {
    "lire": {Role.ADMIN, Role.PILOTE, Role.EXPERT_REGION, Role.REGION, Role.PERDIR} | WRITERS,
    "modifier": {Role.ADMIN} | WRITERS,
    "changer_statut": {Role.ADMIN} | WRITERS,
    "donner_avis": {Role.ADMIN, Role.EXPERT_REGION} | WRITERS,
}
# On a demand in "dossier complet" in another région.
OUT_OF_SCOPE: dict[str, set[Role]] = {
    "lire": {Role.ADMIN, Role.PILOTE},
    "modifier": {Role.ADMIN},
    "changer_statut": {Role.ADMIN},
    "donner_avis": {Role.ADMIN},
}


def attempt(action, store, referentiel, user, demande):
    if action == "lire":
        queries.get_demande(store, user, demande.id)
    elif action == "modifier":
        changed = form(uai=demande.uai, capacite_scolaire_future="28")
        service.update_demande(
            store, referentiel, user, demande.id, demande.version, changed, service.new_form_key()
        )
    elif action == "changer_statut":
        service.change_statut(
            store, user, demande.id, Statut.PROJET_DE_DEMANDE, service.new_form_key()
        )
    elif action == "donner_avis":
        service.give_avis(store, user, demande.id, "consultatif", "favorable", "Bon dossier",
            cle=service.new_form_key(),
        )


def allowed(action, store, referentiel, user, demande) -> bool:
    try:
        attempt(action, store, referentiel, user, demande)
    except (PermissionDenied, NotFound):
        return False
    return True


CELLS = [(role, action) for role in Role for action in IN_SCOPE]


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_cell_in_scope(store, referentiel, campagne, role, action):
    demande = demand_in(store, referentiel, Statut.DOSSIER_COMPLET)
    expected = role in IN_SCOPE[action]
    assert allowed(action, store, referentiel, make_user(role), demande) is expected


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_cell_out_of_scope(store, referentiel, campagne, role, action):
    demande = demand_in(store, referentiel, Statut.DOSSIER_COMPLET, uai=UAI_OTHER)
    expected = role in OUT_OF_SCOPE[action]
    assert allowed(action, store, referentiel, make_user(role), demande) is expected


def can_create(store, referentiel, user, uai) -> bool:
    try:
        create(store, referentiel, user=user, uai=uai)
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("role", list(Role))
def test_create_in_scope(store, referentiel, campagne, role):
    expected = role in {Role.ADMIN, Role.PERDIR} | WRITERS
    assert can_create(store, referentiel, make_user(role), UAI) is expected


@pytest.mark.parametrize("role", list(Role))
def test_create_out_of_scope(store, referentiel, campagne, role):
    expected = role is Role.ADMIN
    assert can_create(store, referentiel, make_user(role), UAI_OTHER) is expected


def test_perdir_other_school_rejected(store, referentiel, campagne):
    assert can_create(store, referentiel, make_user(Role.PERDIR), UAI_2) is False


REGION_READS = {
    Statut.DOSSIER_COMPLET,
    Statut.PROJET_DE_DEMANDE,
    Statut.PRETE_POUR_LE_VOTE,
    Statut.DEMANDE_VALIDEE,
    Statut.DEMANDE_REFUSEE,
}
INVITE_READS = {Statut.DEMANDE_VALIDEE, Statut.DEMANDE_REFUSEE}
PERDIR_EDITS = {Statut.BROUILLON, Statut.PROPOSITION, Statut.DOSSIER_INCOMPLET}


@pytest.mark.parametrize("statut", list(Statut))
def test_region_reads_from_complet(store, referentiel, campagne, statut):
    demande = demand_in(store, referentiel, statut)
    user = make_user(Role.REGION)
    assert allowed("lire", store, referentiel, user, demande) is (statut in REGION_READS)


@pytest.mark.parametrize("statut", list(Statut))
def test_invite_reads_final_only(store, referentiel, campagne, statut):
    demande = demand_in(store, referentiel, statut)
    user = make_user(Role.INVITE)
    assert allowed("lire", store, referentiel, user, demande) is (statut in INVITE_READS)


@pytest.mark.parametrize("statut", list(Statut))
def test_perdir_edits_until_incomplet(store, referentiel, campagne, statut):
    demande = demand_in(store, referentiel, statut)
    user = make_user(Role.PERDIR)
    assert allowed("modifier", store, referentiel, user, demande) is (statut in PERDIR_EDITS)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_deleted_hidden_from_non_admin(store, referentiel, campagne, role):
    demande = demand_in(store, referentiel, Statut.SUPPRIMEE)
    assert allowed("lire", store, referentiel, make_user(role), demande) is False


def test_deleted_visible_to_admin(store, referentiel, campagne):
    demande = demand_in(store, referentiel, Statut.SUPPRIMEE)
    assert allowed("lire", store, referentiel, ADMIN, demande) is True


RESTRICTED_READERS = {Role.ADMIN, Role.PILOTE, Role.EXPERT_REGION} | WRITERS


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.INVITE])
def test_restricted_avis_visibility(store, referentiel, campagne, role):
    demande = demand_in(store, referentiel, Statut.DOSSIER_COMPLET)
    service.give_avis(store, ADMIN, demande.id, "prealable", "reserve", "Interne", restreint=True,
        cle=service.new_form_key(),
    )
    service.give_avis(store, ADMIN, demande.id, "final", "favorable", "Public",
        cle=service.new_form_key(),
    )
    visible = queries.list_avis(store, make_user(role), demande.id)
    expected = 2 if role in RESTRICTED_READERS else 1
    assert len(visible) == expected


@pytest.mark.parametrize("role", list(Role))
def test_manage_national_campaign(store, role):
    campagne = Campagne(2027, date(2027, 1, 1), date(2027, 1, 31), StatutCampagne.EN_ATTENTE)
    try:
        campaigns.save_campagne(store, make_user(role), campagne)
    except PermissionDenied:
        assert role is not Role.ADMIN
    else:
        assert role is Role.ADMIN


REGIONAL_CAMPAIGN_CASES = [(r, REGION) for r in Role] + [(Role.ADMIN_REGION, "84")]


@pytest.mark.parametrize(("role", "region"), REGIONAL_CAMPAIGN_CASES)
def test_manage_regional_campaign(store, campagne, role, region):
    regional = CampagneRegion(2026, REGION, date(2026, 2, 1), date(2026, 6, 30), None, True)
    user = make_user(role, region=region)
    expected = role is Role.ADMIN or (role is Role.ADMIN_REGION and region == REGION)
    try:
        campaigns.save_campagne_region(store, user, regional)
    except PermissionDenied:
        assert not expected
    else:
        assert expected
