"""Every allowed and forbidden transition, refusal motifs, and the recorded history."""

from __future__ import annotations

import pytest
from factories import ADMIN, create, demand_in, make_user, move

from orion_data.auth.model import Role, User
from orion_data.demandes import queries, service, workflow
from orion_data.demandes.model import Statut
from orion_data.errors import NotFound, PermissionDenied, ValidationError

S = Statut
WRITERS = {Role.ADMIN_REGION, Role.GESTIONNAIRE_REGION, Role.PILOTE_REGION}
WRITERS_AND_PERDIR = WRITERS | {Role.PERDIR}

# Written out independently of workflow.TRANSITIONS: (from, to) → roles besides admin.
ALLOWED = {
    (S.BROUILLON, S.PROPOSITION): WRITERS_AND_PERDIR,
    (S.BROUILLON, S.SUPPRIMEE): WRITERS_AND_PERDIR,
    (S.PROPOSITION, S.DOSSIER_COMPLET): WRITERS,
    (S.PROPOSITION, S.DOSSIER_INCOMPLET): WRITERS,
    (S.PROPOSITION, S.SUPPRIMEE): WRITERS_AND_PERDIR,
    (S.DOSSIER_INCOMPLET, S.DOSSIER_COMPLET): WRITERS,
    (S.DOSSIER_INCOMPLET, S.SUPPRIMEE): WRITERS,
    (S.DOSSIER_COMPLET, S.DOSSIER_INCOMPLET): WRITERS,
    (S.DOSSIER_COMPLET, S.PROJET_DE_DEMANDE): WRITERS,
    (S.DOSSIER_COMPLET, S.SUPPRIMEE): WRITERS,
    (S.PROJET_DE_DEMANDE, S.PRETE_POUR_LE_VOTE): WRITERS,
    (S.PROJET_DE_DEMANDE, S.SUPPRIMEE): WRITERS,
    (S.PRETE_POUR_LE_VOTE, S.DEMANDE_VALIDEE): WRITERS,
    (S.PRETE_POUR_LE_VOTE, S.DEMANDE_REFUSEE): WRITERS,
    (S.PRETE_POUR_LE_VOTE, S.SUPPRIMEE): WRITERS,
}
PAIRS = [(de, vers) for de in Statut for vers in Statut]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("de", "vers"), PAIRS)
def test_transition_table(role, de, vers):
    user = User("someone", role)
    if role is Role.ADMIN:
        expected = de is not vers
    else:
        expected = role in ALLOWED.get((de, vers), set())
    assert workflow.may_transition(user, de, vers) is expected


@pytest.mark.parametrize("final", [S.DEMANDE_VALIDEE, S.DEMANDE_REFUSEE, S.SUPPRIMEE])
@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_final_for_non_admin(role, final):
    assert workflow.next_statuses(User("someone", role), final) == []


def test_disabled_user_no_transition():
    user = User("someone", Role.ADMIN, actif=False)
    assert workflow.may_transition(user, S.BROUILLON, S.PROPOSITION) is False


def test_refusal_needs_motif():
    with pytest.raises(ValidationError) as raised:
        workflow.check_transition(ADMIN, S.PRETE_POUR_LE_VOTE, S.DEMANDE_REFUSEE, "  ")
    assert "motif_refus" in raised.value.errors


def test_refusal_with_motif():
    motif = workflow.check_transition(
        ADMIN, S.PRETE_POUR_LE_VOTE, S.DEMANDE_REFUSEE, " Carte saturée "
    )
    assert motif == "Carte saturée"


@pytest.mark.parametrize(("de", "vers"), sorted(ALLOWED, key=str))
def test_allowed_transition_stored(store, referentiel, campagne, de, vers):
    demande = demand_in(store, referentiel, de)
    user = make_user(Role.GESTIONNAIRE_REGION)
    motif = "Hors carte cible" if vers is S.DEMANDE_REFUSEE else ""
    moved = service.change_statut(
        store, user, demande.id, vers, service.new_form_key(), motif_refus=motif
    )
    assert moved.statut is vers


FORBIDDEN_FOR_WRITERS = [
    (de, vers) for de, vers in PAIRS if de is not vers and (de, vers) not in ALLOWED
]


@pytest.mark.parametrize(("de", "vers"), FORBIDDEN_FOR_WRITERS)
def test_forbidden_transition_rejected(store, referentiel, campagne, de, vers):
    demande = demand_in(store, referentiel, de)
    user = make_user(Role.GESTIONNAIRE_REGION)
    # A writer cannot read a deleted demand, so it is not found rather than denied.
    with pytest.raises((PermissionDenied, NotFound)):
        service.change_statut(
            store, user, demande.id, vers, service.new_form_key(), motif_refus="motif"
        )
    assert store.get_demande(demande.id).statut is de


def test_refusal_without_motif_not_stored(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.PRETE_POUR_LE_VOTE)
    with pytest.raises(ValidationError):
        service.change_statut(store, ADMIN, demande.id, S.DEMANDE_REFUSEE, service.new_form_key())
    assert store.get_demande(demande.id).statut is S.PRETE_POUR_LE_VOTE


def test_refusal_motif_stored(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.DEMANDE_REFUSEE)
    assert demande.motif_refus == "Hors carte cible"


def test_admin_reopens_final(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.DEMANDE_VALIDEE)
    reopened = move(store, demande, S.PRETE_POUR_LE_VOTE)
    assert reopened.statut is S.PRETE_POUR_LE_VOTE


def test_history_records_change(store, referentiel, campagne, clock):
    demande = create(store, referentiel, statut=S.BROUILLON)
    clock.advance(hours=1)
    user = make_user(Role.PILOTE_REGION)
    service.change_statut(
        store, user, demande.id, S.PROPOSITION, service.new_form_key(), commentaire="Envoyée"
    )
    last = queries.list_transitions(store, ADMIN, demande.id)[-1]
    assert last.par == user.username
    assert last.le == clock.now
    assert last.de_statut is S.BROUILLON
    assert last.vers_statut is S.PROPOSITION
    assert last.commentaire == "Envoyée"


def test_history_starts_at_creation(store, referentiel, campagne):
    demande = create(store, referentiel)
    first = queries.list_transitions(store, ADMIN, demande.id)[0]
    assert first.de_statut is None
    assert first.vers_statut is S.PROPOSITION


@pytest.mark.parametrize(
    ("type_avis", "sens"), [("final", "neutre"), ("definitif", "favorable"), ("", "")]
)
def test_avis_rejected(type_avis, sens):
    with pytest.raises(ValidationError):
        workflow.parse_avis(type_avis, sens, "")


def test_avis_stored(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.DOSSIER_COMPLET)
    expert = make_user(Role.EXPERT_REGION)
    avis = service.give_avis(store, expert, demande.id, "consultatif", "reserve", "À revoir",
        cle=service.new_form_key(),
    )
    assert avis.par == expert.username
    assert avis.type_avis.value == "consultatif"
    assert avis.sens.value == "reserve"
    assert avis.restreint is False


INVISIBLE_TEXTS = ["\u200b", "\u200b\u200d\u2060", "\u00a0\u2028\u2029", "\ufeff ", "\u3164"]


@pytest.mark.parametrize("motif", INVISIBLE_TEXTS)
def test_refusal_invisible_motif_rejected(motif):
    with pytest.raises(ValidationError) as raised:
        workflow.check_transition(ADMIN, S.PRETE_POUR_LE_VOTE, S.DEMANDE_REFUSEE, motif)
    assert "motif_refus" in raised.value.errors


def test_refusal_string_status_needs_motif(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.PRETE_POUR_LE_VOTE)
    with pytest.raises(ValidationError) as raised:
        service.change_statut(store, ADMIN, demande.id, "demande_refusee", service.new_form_key())
    assert "motif_refus" in raised.value.errors
    assert store.get_demande(demande.id).statut is S.PRETE_POUR_LE_VOTE


def test_refusal_string_status_stored(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.PRETE_POUR_LE_VOTE)
    refused = service.change_statut(
        store, ADMIN, demande.id, "demande_refusee", service.new_form_key(), motif_refus="Non"
    )
    assert refused.statut is S.DEMANDE_REFUSEE
    assert refused.motif_refus == "Non"


@pytest.mark.parametrize("vers", ["inconnu", "", "DEMANDE_REFUSEE"])
def test_unknown_status_rejected(store, referentiel, campagne, vers):
    demande = demand_in(store, referentiel, S.PRETE_POUR_LE_VOTE)
    with pytest.raises(ValidationError) as raised:
        service.change_statut(store, ADMIN, demande.id, vers, service.new_form_key())
    assert "inconnu" in raised.value.errors["statut"]
    assert store.get_demande(demande.id).statut is S.PRETE_POUR_LE_VOTE


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\r", "\x7f", "\x85"])
def test_control_character_rejected(store, referentiel, campagne, control):
    demande = demand_in(store, referentiel, S.PRETE_POUR_LE_VOTE)
    with pytest.raises(ValidationError) as raised:
        service.change_statut(
            store,
            ADMIN,
            demande.id,
            S.DEMANDE_REFUSEE,
            service.new_form_key(),
            motif_refus=f"Hors{control}carte",
        )
    assert "Motif de refus" in raised.value.errors["motif_refus"]
    with pytest.raises(ValidationError) as raised:
        service.change_statut(
            store,
            ADMIN,
            demande.id,
            S.SUPPRIMEE,
            service.new_form_key(),
            commentaire=f"Dou{control}blon",
        )
    assert "Commentaire" in raised.value.errors["commentaire"]
    with pytest.raises(ValidationError) as raised:
        workflow.parse_avis("prealable", "favorable", f"Très{control}bien")
    assert "Commentaire de l'avis" in raised.value.errors["commentaire"]
    assert store.get_demande(demande.id).statut is S.PRETE_POUR_LE_VOTE


def test_tab_and_newline_accepted(store, referentiel, campagne):
    demande = demand_in(store, referentiel, S.PRETE_POUR_LE_VOTE)
    refused = service.change_statut(
        store,
        ADMIN,
        demande.id,
        S.DEMANDE_REFUSEE,
        service.new_form_key(),
        motif_refus="Hors carte\n\tcible",
    )
    assert refused.motif_refus == "Hors carte\n\tcible"
