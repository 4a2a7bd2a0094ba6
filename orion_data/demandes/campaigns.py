"""Campaigns: the national campaign of each year and its regional calendars.

Entering a demand (create or edit) needs the campaign open for the demand's région: the
national campaign is "en cours", today is within its dates and, when the région has its
own calendar, within the regional dates too. A perdir also needs the regional campaign to
allow entry by school heads. Status changes and avis need the national campaign "en
cours" whatever the dates, because instruction and the vote go on after entry closes. A
perdir's own status changes (submit, delete) need entry open, like an edit. A
campaign "en attente" or "terminée" is read-only. Admins are exempt from every rule here.
"""

from __future__ import annotations

from datetime import date

from orion_data.auth.model import Role, User
from orion_data.demandes.model import Campagne, CampagneRegion, StatutCampagne
from orion_data.demandes.permissions import Action, require_global
from orion_data.errors import CampaignClosed, NotFound, ValidationError
from orion_data.store.base import DemandStore


def save_campagne(store: DemandStore, user: User, campagne: Campagne) -> Campagne:
    """Create or change the national campaign of `campagne.annee` (admins only)."""
    require_global(user, Action.GERER_CAMPAGNES)
    errors = _check_dates(campagne.date_debut, campagne.date_fin)
    if not isinstance(campagne.statut, StatutCampagne):
        errors["statut"] = "Statut de campagne inconnu : en_attente, en_cours ou terminee."
    if errors:
        raise ValidationError(errors)
    store.save_campagne(campagne, user.username)
    return campagne


def save_campagne_region(store: DemandStore, user: User, campagne: CampagneRegion):
    """Create or change a région's calendar (admins and that région's admin_region)."""
    require_global(user, Action.GERER_CAMPAGNES_REGION, campagne.code_region)
    if store.get_campagne(campagne.annee) is None:
        raise NotFound(
            f"La campagne nationale {campagne.annee} n'existe pas : créez-la avant le "
            "calendrier régional."
        )
    errors = _check_dates(campagne.date_debut, campagne.date_fin)
    if campagne.date_vote is not None and campagne.date_vote < campagne.date_debut:
        errors["date_vote"] = (
            f"La date du vote ({campagne.date_vote:%d/%m/%Y}) précède l'ouverture de la "
            f"campagne ({campagne.date_debut:%d/%m/%Y})."
        )
    if errors:
        raise ValidationError(errors)
    store.save_campagne_region(campagne, user.username)
    return campagne


def current_campagne(store: DemandStore) -> Campagne | None:
    """Return the latest campaign "en cours", the one new demands go into."""
    running = [c for c in store.list_campagnes() if c.statut is StatutCampagne.EN_COURS]
    return running[-1] if running else None


def is_open_for_entry(
    store: DemandStore, user: User, annee: int, code_region: str, today: date
) -> bool:
    """Return whether the user may create or edit demands of this campaign and région."""
    try:
        require_open_for_entry(store, user, annee, code_region, today)
    except CampaignClosed:
        return False
    return True


def require_open_for_entry(
    store: DemandStore, user: User, annee: int, code_region: str, today: date
) -> None:
    """Raise CampaignClosed unless the user may create or edit demands here and today."""
    if user.is_admin:
        return
    campagne = _running(store, annee)
    regional = store.get_campagne_region(annee, code_region)

    debut, fin = campagne.date_debut, campagne.date_fin
    if regional is not None:
        debut, fin = regional.date_debut, regional.date_fin
    if not debut <= today <= fin:
        raise CampaignClosed(
            f"La saisie de la campagne {annee} pour la région {code_region} est ouverte du "
            f"{debut:%d/%m/%Y} au {fin:%d/%m/%Y} : la demande ne peut pas être créée ni "
            "modifiée aujourd'hui."
        )
    if user.role is Role.PERDIR and (regional is None or not regional.saisie_perdir):
        raise CampaignClosed(
            f"Dans la région {code_region}, les chefs d'établissement ne saisissent pas de "
            f"demandes pour la campagne {annee}. Adressez-vous à vos interlocuteurs "
            "régionaux."
        )


def require_campaign_running(store: DemandStore, user: User, annee: int) -> None:
    """Raise CampaignClosed unless statuses and avis of this campaign may change."""
    if not user.is_admin:
        _running(store, annee)


def _running(store: DemandStore, annee: int) -> Campagne:
    campagne = store.get_campagne(annee)
    if campagne is None:
        raise CampaignClosed(f"La campagne {annee} n'existe pas : ses demandes sont figées.")
    if campagne.statut is not StatutCampagne.EN_COURS:
        state = "n'a pas commencé" if campagne.statut is StatutCampagne.EN_ATTENTE else "est close"
        raise CampaignClosed(
            f"La campagne {annee} {state} : ses demandes sont en lecture seule. Pour reprendre "
            "une demande d'une campagne close, dupliquez-la dans la campagne en cours."
        )
    return campagne


def _check_dates(debut: date, fin: date) -> dict[str, str]:
    if fin < debut:
        return {
            "date_fin": f"La date de fin ({fin:%d/%m/%Y}) précède la date de début "
            f"({debut:%d/%m/%Y}) : corrigez l'une des deux."
        }
    return {}
