"""Builders shared by the demand tests: constants of the synthetic referentiel, a fake
clock, users per role, a valid form and demands brought to a given status."""

from __future__ import annotations

from datetime import datetime, timedelta

from orion_data.auth.model import Role, User
from orion_data.demandes import service
from orion_data.demandes.model import Statut

REGION: str = "11"
OTHER_REGION: str = "84"
UAI: str = "0750001A"
UAI_2: str = "0750002B"
UAI_OTHER: str = "0690001C"
CAP: str = "50022135"
BAC_PRO: str = "40025214"
CLOSED_CAP: str = "50099999"
LICENCE: str = "25012345"
FCIL: str = "38100001"


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def make_user(role: Role, region: str | None = REGION, uais: tuple[str, ...] = (UAI,)) -> User:
    """Return a user of `role` whose scope is région 11 or, for a perdir, UAI 0750001A."""
    if role in (Role.ADMIN, Role.PILOTE):
        return User(f"{role.value}-user", role)
    if role is Role.PERDIR:
        return User(f"{role.value}-user", role, uais=uais)
    return User(f"{role.value}-user", role, code_region=region)


ADMIN = User("admin", Role.ADMIN)


def form(**changes) -> dict:
    """Return a valid augmentation form on the bac pro of UAI 0750001A for rentrée 2027."""
    values = {
        "uai": UAI,
        "cfd": BAC_PRO,
        "dispositif": "247",
        "rentree": "2027",
        "type_demande": "augmentation",
        "capacite_scolaire_actuelle": "24",
        "capacite_scolaire_future": "30",
        "capacite_apprentissage_actuelle": "0",
        "capacite_apprentissage_future": "0",
        "motifs": ["besoin_recrutement_local"],
    }
    values.update(changes)
    return values


def create(store, referentiel, user=ADMIN, statut=Statut.PROPOSITION, **changes):
    return service.create_demande(
        store, referentiel, user, form(**changes), service.new_form_key(), statut
    )


def move(store, demande, *statuts: Statut, user=ADMIN):
    """Walk a demand through `statuts` as an admin and return its latest version."""
    for statut in statuts:
        motif = "Hors carte cible" if statut is Statut.DEMANDE_REFUSEE else ""
        demande = service.change_statut(
            store, user, demande.id, statut, service.new_form_key(), motif_refus=motif
        )
    return demande


PATH_TO: dict[Statut, tuple[Statut, ...]] = {
    Statut.BROUILLON: (),
    Statut.PROPOSITION: (Statut.PROPOSITION,),
    Statut.DOSSIER_COMPLET: (Statut.PROPOSITION, Statut.DOSSIER_COMPLET),
    Statut.DOSSIER_INCOMPLET: (Statut.PROPOSITION, Statut.DOSSIER_INCOMPLET),
    Statut.PROJET_DE_DEMANDE: (
        Statut.PROPOSITION,
        Statut.DOSSIER_COMPLET,
        Statut.PROJET_DE_DEMANDE,
    ),
    Statut.PRETE_POUR_LE_VOTE: (
        Statut.PROPOSITION,
        Statut.DOSSIER_COMPLET,
        Statut.PROJET_DE_DEMANDE,
        Statut.PRETE_POUR_LE_VOTE,
    ),
    Statut.DEMANDE_VALIDEE: (
        Statut.PROPOSITION,
        Statut.DOSSIER_COMPLET,
        Statut.PROJET_DE_DEMANDE,
        Statut.PRETE_POUR_LE_VOTE,
        Statut.DEMANDE_VALIDEE,
    ),
    Statut.DEMANDE_REFUSEE: (
        Statut.PROPOSITION,
        Statut.DOSSIER_COMPLET,
        Statut.PROJET_DE_DEMANDE,
        Statut.PRETE_POUR_LE_VOTE,
        Statut.DEMANDE_REFUSEE,
    ),
    Statut.SUPPRIMEE: (Statut.SUPPRIMEE,),
}


def demand_in(store, referentiel, statut: Statut, uai: str = UAI):
    """Create a demand on `uai` as an admin and bring it to `statut`."""
    demande = create(store, referentiel, statut=Statut.BROUILLON, uai=uai)
    return move(store, demande, *PATH_TO[statut])
