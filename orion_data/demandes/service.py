"""Writing demands as a user: create, edit, change status, give an avis, duplicate.

Each write checks, on the server side and by demand id, the role and scope
(`permissions`), the transition (`workflow`), the campaign (`campaigns`) and the form
rules (`validation`), then hands one atomic write to the store. Each form carries an
idempotency key from `new_form_key()`: saving the same key twice returns the demand saved
the first time, so a double click or a resubmitted form never stores a second demand.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from orion_data.auth.model import Role, User
from orion_data.demandes import campaigns
from orion_data.demandes.model import Avis, Demande, DemandeChamps, Statut
from orion_data.demandes.permissions import Action, can, is_allowed, require
from orion_data.demandes.queries import get_demande, today
from orion_data.demandes.referentiel import Referentiel
from orion_data.demandes.validation import validate_demande
from orion_data.demandes.workflow import check_text, check_transition, parse_avis, parse_statut
from orion_data.errors import CampaignClosed, Conflict, PermissionDenied, ValidationError
from orion_data.store.base import DemandStore, NewDemande, NewVersion

logger = logging.getLogger(__name__)

INITIAL_STATUSES = (Statut.BROUILLON, Statut.PROPOSITION)


def new_form_key() -> str:
    """Return a fresh idempotency key, to create once per displayed form."""
    return secrets.token_urlsafe(24)


def create_demande(
    store: DemandStore,
    referentiel: Referentiel,
    user: User,
    form: Mapping[str, Any],
    cle: str,
    statut: Statut = Statut.PROPOSITION,
    annee_campagne: int | None = None,
) -> Demande:
    """Validate a demand form and store it as a new demand; return the stored demand.

    `annee_campagne` defaults to the campaign en cours. `statut` is brouillon or
    proposition. Raises ValidationError (per field), PermissionDenied (role or scope),
    CampaignClosed and DuplicateDemand (names the existing demand).
    """
    saved = _saved_before(store, user, cle)
    if saved is not None:
        return saved
    if statut not in INITIAL_STATUSES:
        raise ValidationError({"statut": "Une demande naît en brouillon ou en proposition."})
    annee = annee_campagne or _current_year(store)

    champs, etablissement = validate_demande(form, annee, referentiel)
    territoire = etablissement.territoire
    _require_in_scope(user, Action.CREER, statut, champs.uai, territoire.code_region)
    campaigns.require_open_for_entry(store, user, annee, territoire.code_region, today(store))

    new = NewDemande(annee, statut, champs, territoire, user.username, cle)
    demande = store.insert_demande(new)
    logger.info("Demand %s written by %s: create", demande.id, user.username)
    return demande


def update_demande(
    store: DemandStore,
    referentiel: Referentiel,
    user: User,
    demande_id: int,
    expected_version: int,
    form: Mapping[str, Any],
    cle: str,
) -> Demande:
    """Validate an edited form and append it as the demand's next version.

    `expected_version` is the version the form was loaded from. Raises NotFound,
    PermissionDenied, CampaignClosed, ValidationError, DuplicateDemand, and Conflict when
    someone else saved the demand in between.
    """
    saved = _saved_before(store, user, cle, demande_id)
    if saved is not None:
        return saved
    current = get_demande(store, user, demande_id)
    require(user, Action.MODIFIER, current)
    region = current.territoire.code_region
    campaigns.require_open_for_entry(store, user, current.annee_campagne, region, today(store))

    champs, etablissement = validate_demande(form, current.annee_campagne, referentiel)
    territoire = etablissement.territoire
    _require_in_scope(user, Action.MODIFIER, current.statut, champs.uai, territoire.code_region)

    new = NewVersion(
        demande_id=current.id,
        expected_version=expected_version,
        statut=current.statut,
        champs=champs,
        territoire=territoire,
        par=user.username,
        cle_idempotence=cle,
        motif_refus=current.motif_refus,
    )
    demande = store.append_version(new)
    logger.info("Demand %s written by %s: update", demande.id, user.username)
    return demande


def change_statut(
    store: DemandStore,
    user: User,
    demande_id: int,
    vers: Statut | str,
    cle: str,
    commentaire: str = "",
    motif_refus: str = "",
    expected_version: int | None = None,
) -> Demande:
    """Move a demand to status `vers`, recording who, when, from, to and the comment.

    `vers` is a Statut or its value. A refusal needs `motif_refus`. Moving to supprimée is
    the soft delete. Raises NotFound, PermissionDenied (role, scope or transition),
    ValidationError (also for an unknown `vers`), CampaignClosed, and Conflict when the
    demand changed since `expected_version`.
    """
    vers = parse_statut(vers)
    saved = _saved_before(store, user, cle, demande_id)
    if saved is not None:
        return saved
    current = get_demande(store, user, demande_id)
    require(user, Action.CHANGER_STATUT, current)
    motif = check_transition(user, current.statut, vers, motif_refus)
    commentaire = (commentaire or "").strip()
    check_text("commentaire", "Commentaire", commentaire)
    campaigns.require_campaign_running(store, user, current.annee_campagne)
    if user.role is Role.PERDIR:
        # A school head's status changes (submit, delete) are part of entering demands.
        region = current.territoire.code_region
        annee = current.annee_campagne
        campaigns.require_open_for_entry(store, user, annee, region, today(store))

    new = NewVersion(
        demande_id=current.id,
        expected_version=current.version if expected_version is None else expected_version,
        statut=vers,
        champs=current.champs,
        territoire=current.territoire,
        par=user.username,
        cle_idempotence=cle,
        commentaire=commentaire,
        motif_refus=motif if vers == Statut.DEMANDE_REFUSEE else "",
    )
    demande = store.append_version(new)
    logger.info(
        "Demand %s written by %s: status %s -> %s",
        demande.id,
        user.username,
        current.statut.value,
        vers.value,
    )
    return demande


def delete_demande(store: DemandStore, user: User, demande_id: int, cle: str, commentaire=""):
    """Soft-delete a demand: it moves to supprimée and keeps its whole history."""
    return change_statut(store, user, demande_id, Statut.SUPPRIMEE, cle, commentaire)


def give_avis(
    store: DemandStore,
    user: User,
    demande_id: int,
    type_avis: str,
    sens: str,
    commentaire: str = "",
    restreint: bool = False,
    *,
    cle: str,
) -> Avis:
    """Record an avis (préalable, consultatif or final; favorable, défavorable or réservé).

    A restricted avis is hidden from roles that may not read restricted avis. `cle` is the
    idempotency key of the form (`new_form_key()`): a second call with the same key returns
    the avis already saved. Raises NotFound, PermissionDenied, CampaignClosed,
    ValidationError and Conflict.
    """
    demande = get_demande(store, user, demande_id)
    require(user, Action.DONNER_AVIS, demande)
    campaigns.require_campaign_running(store, user, demande.annee_campagne)
    parsed_type, parsed_sens, commentaire = parse_avis(type_avis, sens, commentaire)

    avis = Avis(
        demande_id=demande.id,
        type_avis=parsed_type,
        sens=parsed_sens,
        commentaire=commentaire,
        restreint=bool(restreint),
        par=user.username,
        le=store.now(),
    )
    stored = store.insert_avis(avis, cle)
    logger.info("Demand %s written by %s: avis %s", demande.id, user.username, stored.id)
    return stored


def duplicate_demande(
    store: DemandStore,
    referentiel: Referentiel,
    user: User,
    demande_id: int,
    cle: str,
    annee_campagne: int | None = None,
) -> Demande:
    """Copy a demand of a closed campaign into the open one, as a new proposition.

    The copy gets a new number and links to the original. Its rentrée moves forward by
    as many years as the campaign. It is validated like a new form, so it raises what
    `create_demande` raises, and Conflict if the original's campaign is still open.
    """
    saved = _saved_before(store, user, cle)
    if saved is not None:
        return saved
    original = get_demande(store, user, demande_id)
    annee = annee_campagne or _current_year(store)
    if annee <= original.annee_campagne:
        raise Conflict(
            f"La demande {original.numero} appartient à la campagne {original.annee_campagne} : "
            f"elle ne peut être dupliquée que dans une campagne plus récente (reçu {annee})."
        )

    form = form_from_champs(original.champs)
    form["rentree"] = original.champs.rentree + annee - original.annee_campagne
    champs, etablissement = validate_demande(form, annee, referentiel)
    territoire = etablissement.territoire
    _require_in_scope(user, Action.CREER, Statut.PROPOSITION, champs.uai, territoire.code_region)
    campaigns.require_open_for_entry(store, user, annee, territoire.code_region, today(store))

    new = NewDemande(
        annee_campagne=annee,
        statut=Statut.PROPOSITION,
        champs=champs,
        territoire=territoire,
        par=user.username,
        cle_idempotence=cle,
        demande_origine_id=original.id,
        commentaire=f"Copie de la demande {original.numero}",
    )
    demande = store.insert_demande(new)
    logger.info("Demand %s written by %s: duplicate of %s", demande.id, user.username, original.id)
    return demande


def form_from_champs(champs: DemandeChamps) -> dict[str, Any]:
    """Return the form values of a stored demand, e.g. to pre-fill its edit form."""
    form = asdict(champs)
    capacites = form.pop("capacites")
    form.update({f"capacite_{name}": value for name, value in capacites.items()})
    form["type_demande"] = champs.type_demande.value
    form["motifs"] = list(champs.motifs)
    form["libelles_coloration"] = list(champs.libelles_coloration)
    return form


def _saved_before(
    store: DemandStore, user: User, cle: str, demande_id: int | None = None
) -> Demande | None:
    if not cle:
        raise ValidationError({"cle": "Le formulaire n'a pas de clé : rechargez la page."})
    demande = store.find_by_idempotency_key(cle)
    if demande is None:
        return None
    reused = demande_id is not None and demande.id != demande_id
    if reused or not can(user, Action.LIRE, demande):
        raise Conflict("Ce formulaire a déjà servi : rechargez la page puis recommencez.")
    return demande


def _current_year(store: DemandStore) -> int:
    campagne = campaigns.current_campagne(store)
    if campagne is None:
        raise CampaignClosed("Aucune campagne n'est en cours : la saisie est fermée.")
    return campagne.annee


def _require_in_scope(user: User, action: Action, statut: Statut, uai: str, region: str):
    if not is_allowed(user, action, statut, uai, region):
        raise PermissionDenied(
            f"L'établissement {uai} (région {region}) n'est pas dans votre périmètre, ou "
            f"votre rôle ({user.role.value}) ne permet pas cette action."
        )
