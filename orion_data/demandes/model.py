"""The demand's vocabulary: statuses, types, voies, the 8 capacities and the stored record."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final


class Statut(StrEnum):
    BROUILLON = "brouillon"
    PROPOSITION = "proposition"
    DOSSIER_COMPLET = "dossier_complet"
    DOSSIER_INCOMPLET = "dossier_incomplet"
    PROJET_DE_DEMANDE = "projet_de_demande"
    PRETE_POUR_LE_VOTE = "prete_pour_le_vote"
    DEMANDE_VALIDEE = "demande_validee"
    DEMANDE_REFUSEE = "demande_refusee"
    SUPPRIMEE = "supprimee"

    @property
    def libelle(self) -> str:
        return _LIBELLES_STATUT[self]


_LIBELLES_STATUT: Final = {
    Statut.BROUILLON: "Brouillon",
    Statut.PROPOSITION: "Proposition",
    Statut.DOSSIER_COMPLET: "Dossier complet",
    Statut.DOSSIER_INCOMPLET: "Dossier incomplet",
    Statut.PROJET_DE_DEMANDE: "Projet de demande",
    Statut.PRETE_POUR_LE_VOTE: "Prêt pour le vote",
    Statut.DEMANDE_VALIDEE: "Demande validée",
    Statut.DEMANDE_REFUSEE: "Demande refusée",
    Statut.SUPPRIMEE: "Supprimée",
}


class TypeDemande(StrEnum):
    OUVERTURE = "ouverture"
    AUGMENTATION = "augmentation"
    FERMETURE = "fermeture"
    DIMINUTION = "diminution"
    TRANSFERT = "transfert"
    COLORATION = "coloration"
    AJUSTEMENT = "ajustement"

    @property
    def libelle(self) -> str:
        return (
            "Ajustement de rentrée" if self is TypeDemande.AJUSTEMENT else self.value.capitalize()
        )


class Voie(StrEnum):
    SCOLAIRE = "scolaire"
    APPRENTISSAGE = "apprentissage"


@dataclass(frozen=True)
class Capacites:
    """The 8 capacities of a demand: current and future, per voie, total and colorée."""

    scolaire_actuelle: int = 0
    scolaire_future: int = 0
    apprentissage_actuelle: int = 0
    apprentissage_future: int = 0
    scolaire_coloree_actuelle: int = 0
    scolaire_coloree_future: int = 0
    apprentissage_coloree_actuelle: int = 0
    apprentissage_coloree_future: int = 0

    @property
    def total_actuelle(self) -> int:
        return self.scolaire_actuelle + self.apprentissage_actuelle

    @property
    def total_future(self) -> int:
        return self.scolaire_future + self.apprentissage_future

    @property
    def coloree_future(self) -> int:
        return self.scolaire_coloree_future + self.apprentissage_coloree_future


# Form field name of each capacity, e.g. "capacite_scolaire_actuelle".
CAPACITY_FIELDS: Final = tuple(f"capacite_{f.name}" for f in fields(Capacites))


@dataclass(frozen=True)
class DemandeChamps:
    """The validated content of a demand form, as stored in each version."""

    uai: str
    cfd: str
    dispositif: str
    rentree: int
    type_demande: TypeDemande
    capacites: Capacites
    coloration: bool = False
    libelles_coloration: tuple[str, ...] = ()
    libelle_fcil: str = ""
    motifs: tuple[str, ...] = ()
    autre_motif: str = ""
    ami_cma: bool = False
    partenaires_economiques: str = ""
    cmq: str = ""
    inspecteur_referent: str = ""
    besoins_rh: str = ""
    travaux_equipements: str = ""
    internat_restauration: str = ""
    observations: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DemandeChamps:
        data: dict[str, Any] = json.loads(text)
        data["type_demande"] = TypeDemande(data["type_demande"])
        data["capacites"] = Capacites(**data["capacites"])
        data["libelles_coloration"] = tuple(data["libelles_coloration"])
        data["motifs"] = tuple(data["motifs"])
        return cls(**data)


@dataclass(frozen=True)
class Territoire:
    """The location codes of an établissement, used by scope rules and list filters."""

    code_region: str
    code_academie: str
    code_departement: str


@dataclass(frozen=True)
class Demande:
    """One stored version of a demand; lists and detail pages get the latest one."""

    id: int
    numero: str
    annee_campagne: int
    version: int
    statut: Statut
    champs: DemandeChamps
    territoire: Territoire
    cree_par: str
    cree_le: datetime
    enregistre_par: str
    enregistre_le: datetime
    demande_origine_id: int | None = None
    motif_refus: str = ""

    @property
    def uai(self) -> str:
        return self.champs.uai


@dataclass(frozen=True)
class Transition:
    """One recorded status change of a demand."""

    demande_id: int
    version: int
    de_statut: Statut | None
    vers_statut: Statut
    par: str
    le: datetime
    commentaire: str = ""


class TypeAvis(StrEnum):
    PREALABLE = "prealable"
    CONSULTATIF = "consultatif"
    FINAL = "final"


class SensAvis(StrEnum):
    FAVORABLE = "favorable"
    DEFAVORABLE = "defavorable"
    RESERVE = "reserve"


@dataclass(frozen=True)
class Avis:
    """An opinion given on a demand. A restricted avis is hidden from read-only roles."""

    demande_id: int
    type_avis: TypeAvis
    sens: SensAvis
    commentaire: str
    restreint: bool
    par: str
    le: datetime
    id: int | None = field(default=None)


class StatutCampagne(StrEnum):
    EN_ATTENTE = "en_attente"
    EN_COURS = "en_cours"
    TERMINEE = "terminee"


@dataclass(frozen=True)
class Campagne:
    """The national campaign of a year: demands for the following rentrées."""

    annee: int
    date_debut: date
    date_fin: date
    statut: StatutCampagne


@dataclass(frozen=True)
class CampagneRegion:
    """A région's dates within a national campaign, and whether perdirs may enter demands."""

    annee: int
    code_region: str
    date_debut: date
    date_fin: date
    date_vote: date | None = None
    saisie_perdir: bool = False
