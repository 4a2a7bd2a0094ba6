"""Reading demands as a user: every read checks the role and the scope by demand id.

A demand the user may not read is reported as not found, so that its existence does not
leak outside the user's scope.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Final
from zoneinfo import ZoneInfo

from orion_data.auth.model import User
from orion_data.demandes.model import Avis, Demande, Statut, Transition, TypeDemande, Voie
from orion_data.demandes.permissions import Action, can, scope_of, statuses_allowed
from orion_data.demandes.referentiel import Etablissement, Formation, Referentiel
from orion_data.errors import NotFound
from orion_data.store.base import DemandeQuery, DemandStore

# Campaign dates are French calendar days, whatever the server's time zone.
# NOTE: overseas régions live in other time zones; their day starts and ends on Paris time.
CAMPAIGN_TIME_ZONE: Final = ZoneInfo("Europe/Paris")

# ASCII digits only, because str.isdigit and int() also accept "²" and Arabic-Indic digits.
# 18 digits stay below SQLite's INTEGER maximum (2**63 - 1, about 9.2e18).
_DEMANDE_ID: Final = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class DemandeFilters:
    """The filters of the demand list. None means no filter on that column."""

    annee_campagne: int | None = None
    statuts: frozenset[Statut] | None = None
    types: frozenset[TypeDemande] | None = None
    code_academie: str | None = None
    code_departement: str | None = None
    uai: str | None = None
    cfd: str | None = None
    texte: str | None = None


def today(store: DemandStore) -> date:
    """Return the current calendar day in France, by the store's clock."""
    return store.now().astimezone(CAMPAIGN_TIME_ZONE).date()


def parse_demande_id(raw: str | None) -> int:
    """Parse the demand id of a page address (`?id=`).

    Raises NotFound unless `raw` is 1 to 18 ASCII digits.
    """
    text = raw or ""
    if not _DEMANDE_ID.fullmatch(text):
        raise NotFound(
            f"Demande introuvable. L'adresse ne désigne pas une demande (id « {text} ») : "
            "ouvrez-la depuis la liste des demandes."
        )
    return int(text)


def get_demande(store: DemandStore, user: User, demande_id: int) -> Demande:
    """Return the latest version of a demand the user may read.

    Raises NotFound when it does not exist or is outside the user's scope or statuses.
    """
    demande = store.get_demande(demande_id)
    if demande is None or not can(user, Action.LIRE, demande):
        raise NotFound(
            f"La demande {demande_id} est introuvable ou hors de votre périmètre. "
            "Retournez à la liste des demandes."
        )
    return demande


def list_demandes(
    store: DemandStore, user: User, filters: DemandeFilters | None = None
) -> list[Demande]:
    """Return the latest version of every demand the user may read that matches `filters`.

    Soft-deleted demands appear only to roles allowed to read them (admins).
    """
    filters = filters or DemandeFilters()
    scope = scope_of(user)
    statuts = statuses_allowed(user, Action.LIRE)
    if filters.statuts is not None:
        statuts = statuts & filters.statuts
    if scope.empty or not statuts:
        return []

    query = DemandeQuery(
        statuts=statuts,
        code_region=scope.code_region,
        uais=scope.uais or None,
        annee_campagne=filters.annee_campagne,
        types=filters.types,
        code_academie=filters.code_academie,
        code_departement=filters.code_departement,
        uai=filters.uai,
        cfd=filters.cfd,
        texte=filters.texte,
    )
    # The query already applies the scope. Checking each row again keeps one rule for
    # reads, in `permissions.can`, even if a store backend filters differently.
    return [d for d in store.list_demandes(query) if can(user, Action.LIRE, d)]


def count_by_statut(demandes: list[Demande]) -> dict[Statut, int]:
    """Count demands per status, in workflow order, with 0 for absent statuses."""
    counts = Counter(d.statut for d in demandes)
    return {statut: counts.get(statut, 0) for statut in Statut}


def list_versions(store: DemandStore, user: User, demande_id: int) -> list[Demande]:
    """Return every saved version of a readable demand, oldest first."""
    get_demande(store, user, demande_id)
    return store.list_versions(demande_id)


def list_transitions(store: DemandStore, user: User, demande_id: int) -> list[Transition]:
    """Return the status history of a readable demand: who, when, from, to, comment."""
    get_demande(store, user, demande_id)
    return store.list_transitions(demande_id)


def list_avis(store: DemandStore, user: User, demande_id: int) -> list[Avis]:
    """Return the avis on a readable demand; restricted ones only to roles allowed them."""
    demande = get_demande(store, user, demande_id)
    sees_restricted = can(user, Action.LIRE_AVIS_RESTREINTS, demande)
    return [
        a
        for a in store.list_avis(demande_id)
        if not a.restreint or sees_restricted or a.par == user.username
    ]


def search_etablissements(
    referentiel: Referentiel, user: User, text: str, limit: int = 20
) -> list[Etablissement]:
    """Return établissements of the user's scope whose UAI or name contains `text`."""
    scope = scope_of(user)
    if scope.empty:
        return []
    uais = scope.uais if scope.uais else None
    return referentiel.search_etablissements(text.strip(), scope.code_region, uais, limit)


def search_formations(referentiel: Referentiel, text: str, limit: int = 20) -> list[Formation]:
    """Return open vocational diplomas whose CFD or name contains `text`."""
    return referentiel.search_formations(text.strip(), limit)


def prefill_capacities(
    referentiel: Referentiel, uai: str, cfd: str, dispositif: str
) -> dict[str, int | None]:
    """Return the current capacities of an offer to pre-fill a form, None where unknown.

    Only the totals per voie are known from the sources, not the coloured places.
    """
    return {
        f"capacite_{voie.value}_actuelle": referentiel.capacite(uai, cfd, dispositif, voie)
        for voie in Voie
    }
