"""The status workflow of a demand: the transition table and the avis rules.

brouillon → proposition → dossier complet | dossier incomplet → projet de demande → prêt pour
le vote → demande validée | demande refusée. A dossier incomplet becomes complet once its
school has completed it. Supprimée is a soft delete. An admin may make any change, including
out of a final status. For every other role, validée, refusée and supprimée are final.
"""

from __future__ import annotations

from typing import Final

from orion_data.auth.model import Role, User
from orion_data.demandes.free_text import control_character_message, has_visible_text
from orion_data.demandes.model import SensAvis, Statut, TypeAvis
from orion_data.errors import PermissionDenied, ValidationError

MAX_TEXT_LENGTH: Final = 2_000

_WRITERS: Final = frozenset({Role.ADMIN_REGION, Role.GESTIONNAIRE_REGION, Role.PILOTE_REGION})
_WRITERS_AND_PERDIR: Final = _WRITERS | {Role.PERDIR}

# (from, to) → the roles that may make the change, besides admin.
TRANSITIONS: Final[dict[tuple[Statut, Statut], frozenset[Role]]] = {
    (Statut.BROUILLON, Statut.PROPOSITION): _WRITERS_AND_PERDIR,
    (Statut.BROUILLON, Statut.SUPPRIMEE): _WRITERS_AND_PERDIR,
    (Statut.PROPOSITION, Statut.DOSSIER_COMPLET): _WRITERS,
    (Statut.PROPOSITION, Statut.DOSSIER_INCOMPLET): _WRITERS,
    (Statut.PROPOSITION, Statut.SUPPRIMEE): _WRITERS_AND_PERDIR,
    (Statut.DOSSIER_INCOMPLET, Statut.DOSSIER_COMPLET): _WRITERS,
    (Statut.DOSSIER_INCOMPLET, Statut.SUPPRIMEE): _WRITERS,
    (Statut.DOSSIER_COMPLET, Statut.DOSSIER_INCOMPLET): _WRITERS,
    (Statut.DOSSIER_COMPLET, Statut.PROJET_DE_DEMANDE): _WRITERS,
    (Statut.DOSSIER_COMPLET, Statut.SUPPRIMEE): _WRITERS,
    (Statut.PROJET_DE_DEMANDE, Statut.PRETE_POUR_LE_VOTE): _WRITERS,
    (Statut.PROJET_DE_DEMANDE, Statut.SUPPRIMEE): _WRITERS,
    (Statut.PRETE_POUR_LE_VOTE, Statut.DEMANDE_VALIDEE): _WRITERS,
    (Statut.PRETE_POUR_LE_VOTE, Statut.DEMANDE_REFUSEE): _WRITERS,
    (Statut.PRETE_POUR_LE_VOTE, Statut.SUPPRIMEE): _WRITERS,
}


def may_transition(user: User, de: Statut, vers: Statut) -> bool:
    """Return whether the user's role may move a demand from `de` to `vers`."""
    if not user.actif or de == vers:
        return False
    if user.is_admin:
        return True
    return user.role in TRANSITIONS.get((de, vers), frozenset())


def next_statuses(user: User, de: Statut) -> list[Statut]:
    """Return the statuses the user may move a demand to from `de`, in workflow order."""
    return [vers for vers in Statut if may_transition(user, de, vers)]


def parse_statut(value: Statut | str) -> Statut:
    """Parse a status given as a Statut or its value, raising ValidationError if unknown."""
    try:
        return Statut(value)
    except ValueError:
        choices = ", ".join(s.value for s in Statut)
        raise ValidationError(
            {"statut": f"Statut « {value} » inconnu : choisissez {choices}."}
        ) from None


def check_transition(
    user: User, de: Statut, vers: Statut | str, motif_refus: str = ""
) -> str:
    """Raise unless the user may move a demand from `de` to `vers`; return the motif de refus.

    Raises ValidationError for an unknown `vers` and PermissionDenied for a change the role
    may not make. Raises ValidationError (field `motif_refus`) for a refusal whose motif has
    no visible character, and for a motif over 2,000 characters or with a control character.
    """
    vers = parse_statut(vers)
    if not may_transition(user, de, vers):
        raise PermissionDenied(
            f"Le passage de « {de.libelle} » à « {vers.libelle} » n'est pas permis pour le "
            f"rôle {user.role.value}. Choisissez l'un des statuts proposés."
        )

    motif_refus = (motif_refus or "").strip()
    if vers == Statut.DEMANDE_REFUSEE and not has_visible_text(motif_refus):
        raise ValidationError(
            {"motif_refus": "Un refus doit être motivé : saisissez le motif de refus."}
        )
    check_text("motif_refus", "Motif de refus", motif_refus)
    return motif_refus


def check_text(field: str, label: str, text: str) -> None:
    """Raise ValidationError when `text` exceeds 2,000 characters or has a control character.

    `label` names the field in the message, as the form shows it.
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError({field: text_too_long_message(text)})
    message = control_character_message(label, text)
    if message is not None:
        raise ValidationError({field: message})


def text_too_long_message(text: str) -> str:
    return (
        f"Ce texte compte {len(text)} caractères, au-delà de la limite de "
        f"{MAX_TEXT_LENGTH}. Raccourcissez-le."
    )


def parse_avis(type_avis: str, sens: str, commentaire: str) -> tuple[TypeAvis, SensAvis, str]:
    """Parse an avis form into its type, sense and comment; raise ValidationError if invalid."""
    errors: dict[str, str] = {}
    try:
        parsed_type = TypeAvis(type_avis)
    except ValueError:
        choices = ", ".join(t.value for t in TypeAvis)
        errors["type_avis"] = f"Type d'avis « {type_avis} » inconnu : choisissez {choices}."
    try:
        parsed_sens = SensAvis(sens)
    except ValueError:
        choices = ", ".join(s.value for s in SensAvis)
        errors["sens"] = f"Avis « {sens} » inconnu : choisissez {choices}."

    commentaire = (commentaire or "").strip()
    if len(commentaire) > MAX_TEXT_LENGTH:
        errors["commentaire"] = text_too_long_message(commentaire)
    control = control_character_message("Commentaire de l'avis", commentaire)
    if control is not None:
        errors["commentaire"] = control
    if errors:
        raise ValidationError(errors)
    return parsed_type, parsed_sens, commentaire
