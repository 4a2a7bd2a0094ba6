"""The store interface that the demand and account services call.

`SqliteStore` is the embedded implementation. A PostgreSQL backend for multi-server
deployments must keep the same contract: every write is atomic, demand tables are
append-only, and the database itself rejects a second live demand on the same key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from orion_data.auth.model import User
from orion_data.demandes.model import (
    Avis,
    Campagne,
    CampagneRegion,
    Demande,
    DemandeChamps,
    Statut,
    Territoire,
    Transition,
    TypeDemande,
)


@dataclass(frozen=True)
class NewDemande:
    """A demand to insert as version 1, with the idempotency key of its form."""

    annee_campagne: int
    statut: Statut
    champs: DemandeChamps
    territoire: Territoire
    par: str
    cle_idempotence: str
    demande_origine_id: int | None = None
    commentaire: str = ""


@dataclass(frozen=True)
class NewVersion:
    """The next version of a demand, accepted only if `expected_version` is still the latest."""

    demande_id: int
    expected_version: int
    statut: Statut
    champs: DemandeChamps
    territoire: Territoire
    par: str
    cle_idempotence: str
    commentaire: str = ""
    motif_refus: str = ""


@dataclass(frozen=True)
class DemandeQuery:
    """Filters on the latest version of each demand. None means no filter.

    `code_region` and `uais` carry the user's scope. `statuts` must be given: the service
    passes the statuses the user may read.
    """

    statuts: frozenset[Statut]
    code_region: str | None = None
    uais: tuple[str, ...] | None = None
    annee_campagne: int | None = None
    types: frozenset[TypeDemande] | None = None
    code_academie: str | None = None
    code_departement: str | None = None
    uai: str | None = None
    cfd: str | None = None
    texte: str | None = None


@dataclass(frozen=True)
class SessionRecord:
    username: str
    cree_le: datetime
    expire_le: datetime
    revoquee_le: datetime | None


class DemandStore(Protocol):
    def now(self) -> datetime: ...

    def save_campagne(self, campagne: Campagne, par: str) -> None: ...

    def get_campagne(self, annee: int) -> Campagne | None: ...

    def list_campagnes(self) -> list[Campagne]: ...

    def save_campagne_region(self, campagne: CampagneRegion, par: str) -> None: ...

    def get_campagne_region(self, annee: int, code_region: str) -> CampagneRegion | None: ...

    def insert_demande(self, new: NewDemande) -> Demande:
        """Insert a demand, or return the demand already saved with the same key.

        Raises DuplicateDemand when a live demand has the same campaign, UAI, CFD,
        dispositif and rentrée.
        """
        ...

    def append_version(self, new: NewVersion) -> Demande:
        """Append a version, or return the demand already saved with the same key.

        Raises Conflict when another version was saved since `expected_version`, and
        DuplicateDemand when the new key clashes with another live demand.
        """
        ...

    def get_demande(self, demande_id: int) -> Demande | None: ...

    def find_by_idempotency_key(self, cle: str) -> Demande | None:
        """Return the latest version of the demand a form with this key saved, if any."""
        ...

    def list_demandes(self, query: DemandeQuery) -> list[Demande]: ...

    def list_versions(self, demande_id: int) -> list[Demande]: ...

    def list_transitions(self, demande_id: int) -> list[Transition]: ...

    def insert_avis(self, avis: Avis, cle: str) -> Avis:
        """Insert an avis once per idempotency key; raise Conflict for a key used elsewhere."""
        ...

    def list_avis(self, demande_id: int) -> list[Avis]: ...


class AccountStore(Protocol):
    def now(self) -> datetime: ...

    def insert_user(self, user: User, password_hash: str | None, par: str) -> None:
        """Insert an account; raise Conflict if the user name is taken."""
        ...

    def update_user(self, username: str, changes: dict[str, object], par: str, action: str) -> None:
        """Change columns of an account and record the change in its audit trail."""
        ...

    def get_user(self, username: str) -> User | None: ...

    def get_password_hash(self, username: str) -> str | None: ...

    def list_users(self) -> list[User]: ...

    def list_user_events(self, username: str) -> list[dict]: ...

    def record_login(self, username: str, success: bool) -> int:
        """Record a login attempt; return the failures since the last success or lock."""
        ...

    def insert_lock(self, username: str, until: datetime) -> None: ...

    def lock_until(self, username: str) -> datetime | None:
        """Return when the latest lock of this name ends, None if it was never locked."""
        ...

    def insert_session(self, token_hash: str, username: str, expires: datetime) -> None: ...

    def get_session(self, token_hash: str) -> SessionRecord | None: ...

    def revoke_session(self, token_hash: str) -> None: ...

    def revoke_user_sessions(self, username: str) -> int: ...


class Store(DemandStore, AccountStore, Protocol):
    """The demand store and the account store, which share one database."""
