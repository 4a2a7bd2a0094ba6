"""The permission table (role × action) and the scope rules for demands.

A user may act on a demand when the role's cell for that action contains the demand's
status and the demand is in the user's scope. National roles reach every région, regional
roles their own région, and a perdir the UAIs of their schools. A disabled user, or one whose
scope is empty, may do nothing. Status changes are further limited by the transition table
of `orion_data.demandes.workflow`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from orion_data.auth.model import NATIONAL_ROLES, UAI_ROLES, Role, User
from orion_data.demandes.model import Demande, Statut
from orion_data.errors import PermissionDenied


class Action(StrEnum):
    LIRE = "lire"
    CREER = "creer"
    MODIFIER = "modifier"
    CHANGER_STATUT = "changer_statut"
    DONNER_AVIS = "donner_avis"
    LIRE_AVIS_RESTREINTS = "lire_avis_restreints"
    GERER_CAMPAGNES = "gerer_campagnes"
    GERER_CAMPAGNES_REGION = "gerer_campagnes_region"


_ALL: Final = frozenset(Statut)
_LIVE: Final = _ALL - {Statut.SUPPRIMEE}
_FINAL: Final = frozenset({Statut.DEMANDE_VALIDEE, Statut.DEMANDE_REFUSEE})
_NEW: Final = frozenset({Statut.BROUILLON, Statut.PROPOSITION})
_INSTRUCTION: Final = frozenset(
    {
        Statut.PROPOSITION,
        Statut.DOSSIER_COMPLET,
        Statut.DOSSIER_INCOMPLET,
        Statut.PROJET_DE_DEMANDE,
        Statut.PRETE_POUR_LE_VOTE,
    }
)
# "From dossier complet on": the complete file and every later step. A dossier incomplet
# goes back to its school and is not shown to the regional council.
_FROM_DOSSIER_COMPLET: Final = _FINAL | {
    Statut.DOSSIER_COMPLET,
    Statut.PROJET_DE_DEMANDE,
    Statut.PRETE_POUR_LE_VOTE,
}
# A perdir edits a demand until the région has found its file complete.
_PERDIR_EDITABLE: Final = frozenset(
    {Statut.BROUILLON, Statut.PROPOSITION, Statut.DOSSIER_INCOMPLET}
)

_REGIONAL_WRITER: Final = {
    Action.LIRE: _LIVE,
    Action.CREER: _NEW,
    Action.MODIFIER: _LIVE - _FINAL,
    Action.CHANGER_STATUT: _LIVE - _FINAL,
    Action.DONNER_AVIS: _INSTRUCTION,
    Action.LIRE_AVIS_RESTREINTS: _LIVE,
}

# Each cell is the set of demand statuses in which the role may take the action. For the
# campaign actions, which concern no demand, a non-empty cell means allowed.
PERMISSIONS: Final[dict[Role, dict[Action, frozenset[Statut]]]] = {
    Role.ADMIN: {action: _ALL for action in Action} | {Action.CREER: _NEW},
    Role.PILOTE: {Action.LIRE: _LIVE, Action.LIRE_AVIS_RESTREINTS: _LIVE},
    Role.ADMIN_REGION: _REGIONAL_WRITER | {Action.GERER_CAMPAGNES_REGION: _ALL},
    Role.GESTIONNAIRE_REGION: dict(_REGIONAL_WRITER),
    Role.PILOTE_REGION: dict(_REGIONAL_WRITER),
    Role.EXPERT_REGION: {
        Action.LIRE: _LIVE,
        Action.DONNER_AVIS: _INSTRUCTION,
        Action.LIRE_AVIS_RESTREINTS: _LIVE,
    },
    Role.REGION: {Action.LIRE: _FROM_DOSSIER_COMPLET},
    Role.PERDIR: {
        Action.LIRE: _LIVE,
        Action.CREER: _NEW,
        Action.MODIFIER: _PERDIR_EDITABLE,
        Action.CHANGER_STATUT: _NEW,
    },
    Role.INVITE: {Action.LIRE: _FINAL},
}

_ACTION_LABELS: Final = {
    Action.LIRE: "consulter cette demande",
    Action.CREER: "créer une demande",
    Action.MODIFIER: "modifier cette demande",
    Action.CHANGER_STATUT: "changer le statut de cette demande",
    Action.DONNER_AVIS: "donner un avis sur cette demande",
    Action.LIRE_AVIS_RESTREINTS: "lire les avis restreints",
    Action.GERER_CAMPAGNES: "gérer les campagnes nationales",
    Action.GERER_CAMPAGNES_REGION: "gérer la campagne de cette région",
}


@dataclass(frozen=True)
class Scope:
    """The demands a user may reach, as filters a store can apply in SQL.

    `national` True means every région. Otherwise `code_region` or `uais` limits the
    demands. `empty` means nothing at all.
    """

    national: bool = False
    code_region: str | None = None
    uais: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.national and not self.code_region and not self.uais


def scope_of(user: User) -> Scope:
    """Return the user's scope, empty for a disabled user."""
    if not user.actif:
        return Scope()
    if user.role in NATIONAL_ROLES:
        return Scope(national=True)
    if user.role in UAI_ROLES:
        return Scope(uais=tuple(user.uais))
    return Scope(code_region=user.code_region or None)


def in_scope(user: User, uai: str, code_region: str) -> bool:
    """Return whether a demand on `uai`, in région `code_region`, is in the user's scope."""
    scope = scope_of(user)
    if scope.national:
        return True
    if scope.uais:
        return uai in scope.uais
    return scope.code_region is not None and scope.code_region == code_region


def statuses_allowed(user: User, action: Action) -> frozenset[Statut]:
    """Return the statuses in which the user's role may take `action` (empty if none)."""
    if not user.actif:
        return frozenset()
    return PERMISSIONS[user.role].get(action, frozenset())


def is_allowed(
    user: User, action: Action, statut: Statut | None, uai: str | None, code_region: str | None
) -> bool:
    """Return whether the user may take `action` on a demand with this status and place.

    Campaign actions pass `statut=None`. `uai` is None for a whole région.
    """
    cell = statuses_allowed(user, action)
    if not cell:
        return False
    if statut is not None and statut not in cell:
        return False

    scope = scope_of(user)
    if scope.national:
        return True
    if uai is None:
        return scope.code_region is not None and scope.code_region == code_region
    return in_scope(user, uai, code_region or "")


def can(user: User, action: Action, demande: Demande) -> bool:
    """Return whether the user may take `action` on the stored demand."""
    return is_allowed(user, action, demande.statut, demande.uai, demande.territoire.code_region)


def allowed_actions(user: User, demande: Demande) -> frozenset[Action]:
    """Return the actions the user may take on the demand, e.g. to show its buttons."""
    return frozenset(action for action in Action if can(user, action, demande))


def require(user: User, action: Action, demande: Demande) -> None:
    """Raise PermissionDenied unless the user may take `action` on the demand."""
    if not can(user, action, demande):
        raise PermissionDenied(
            f"Votre rôle ({user.role.value}) ne permet pas de {_ACTION_LABELS[action]} "
            f"(demande {demande.numero}, statut « {demande.statut.libelle} »). "
            "Demandez à un administrateur si vous pensez que c'est une erreur."
        )


def require_global(user: User, action: Action, code_region: str | None = None) -> None:
    """Raise PermissionDenied unless the user may take an action that concerns no demand."""
    if not is_allowed(user, action, None, None, code_region):
        where = f" pour la région {code_region}" if code_region else ""
        raise PermissionDenied(
            f"Votre rôle ({user.role.value}) ne permet pas de {_ACTION_LABELS[action]}{where}."
        )


class GatedPage(StrEnum):
    """The pages of the app that only a logged-in user may open, by their URL path.

    Each path is the stem of the page's file in pages/, as Home.py requires.
    """

    DEMANDES = "demandes"
    DEMANDE = "demande_detail"
    FORMULAIRE = "demande_formulaire"


# A role may open a gated page when its permission table allows at least one of the page's
# actions in some status.
PAGE_ACTIONS: Final[dict[GatedPage, frozenset[Action]]] = {
    GatedPage.DEMANDES: frozenset({Action.LIRE}),
    GatedPage.DEMANDE: frozenset({Action.LIRE}),
    GatedPage.FORMULAIRE: frozenset({Action.CREER, Action.MODIFIER}),
}


def may_open(user: User | None, page: GatedPage) -> bool:
    """Return whether the user may open the page: logged in, with a scope and a needed action."""
    if user is None or scope_of(user).empty:
        return False
    return any(statuses_allowed(user, action) for action in PAGE_ACTIONS[page])


def pages_for(user: User | None) -> list[GatedPage]:
    """Return the gated pages to register in the navigation for this user, in menu order."""
    return [page for page in GatedPage if may_open(user, page)]
