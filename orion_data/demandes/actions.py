"""The actions a detail page offers on one demand, from the permission, workflow and campaign
rules.

This only decides which buttons to show. Each action goes through
`orion_data.demandes.service`, which checks the same rules again when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from orion_data.auth.model import Role, User
from orion_data.demandes import campaigns
from orion_data.demandes.model import Demande, Statut
from orion_data.demandes.permissions import Action, can, statuses_allowed
from orion_data.demandes.queries import today
from orion_data.demandes.workflow import next_statuses
from orion_data.errors import CampaignClosed
from orion_data.store.base import DemandStore


@dataclass(frozen=True)
class DemandeActions:
    """The actions the user may take now on a demand.

    `statuts` are the status changes to offer, supprimée apart, because deleting has its
    own button. `dupliquer_vers` is the year of the open campaign a copy would go into.
    """

    statuts: tuple[Statut, ...] = ()
    supprimer: bool = False
    modifier: bool = False
    donner_avis: bool = False
    dupliquer_vers: int | None = None


def available_actions(store: DemandStore, user: User, demande: Demande) -> DemandeActions:
    """Return the actions the user may take on the demand today."""
    running = _campaign_running(store, user, demande.annee_campagne)
    entry_open = campaigns.is_open_for_entry(
        store, user, demande.annee_campagne, demande.territoire.code_region, today(store)
    )

    targets: list[Statut] = []
    # A school head's status changes are part of entering demands, so they need entry open.
    may_change = running and (entry_open or user.role is not Role.PERDIR)
    if may_change and can(user, Action.CHANGER_STATUT, demande):
        targets = next_statuses(user, demande.statut)

    return DemandeActions(
        statuts=tuple(s for s in targets if s is not Statut.SUPPRIMEE),
        supprimer=Statut.SUPPRIMEE in targets,
        modifier=entry_open and can(user, Action.MODIFIER, demande),
        donner_avis=running and can(user, Action.DONNER_AVIS, demande),
        dupliquer_vers=_duplicate_target(store, user, demande),
    )


def _campaign_running(store: DemandStore, user: User, annee: int) -> bool:
    try:
        campaigns.require_campaign_running(store, user, annee)
    except CampaignClosed:
        return False
    return True


def _duplicate_target(store: DemandStore, user: User, demande: Demande) -> int | None:
    """Return the year of the open campaign if the demand may be copied into it."""
    current = campaigns.current_campagne(store)
    if current is None or current.annee <= demande.annee_campagne:
        return None
    if not statuses_allowed(user, Action.CREER):
        return None
    region = demande.territoire.code_region
    if not campaigns.is_open_for_entry(store, user, current.annee, region, today(store)):
        return None
    return current.annee
