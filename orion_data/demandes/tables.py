"""Demands as DataFrames for the list, the detail page and the CSV and XLSX exports.

Every column keeps what the store returned: free text stays as typed, and the pages show it
with st.dataframe or st.text, which render plain text. Dates are French wall-clock times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

import pandas as pd

from orion_data.demandes.model import (
    CAPACITY_FIELDS,
    Avis,
    Demande,
    SensAvis,
    Statut,
    Transition,
    TypeAvis,
)
from orion_data.demandes.motifs import MOTIFS_PAR_TYPE
from orion_data.demandes.referentiel import Libelles

_PARIS: Final = ZoneInfo("Europe/Paris")
_SEPARATOR: Final = " ; "

# Column → French header, in the order of the exports.
HEADERS: Final[dict[str, str]] = {
    "numero": "Numéro",
    "annee_campagne": "Campagne",
    "statut": "Statut",
    "type_demande": "Type de demande",
    "uai": "UAI",
    "libelle_etablissement": "Établissement",
    "cfd": "CFD",
    "libelle_formation": "Formation",
    "dispositif": "Dispositif",
    "libelle_fcil": "Libellé FCIL",
    "rentree": "Rentrée scolaire",
    "code_region": "Région",
    "code_academie": "Académie",
    "code_departement": "Département",
    "capacite_scolaire_actuelle": "Capacité scolaire actuelle",
    "capacite_scolaire_future": "Capacité scolaire future",
    "capacite_apprentissage_actuelle": "Capacité apprentissage actuelle",
    "capacite_apprentissage_future": "Capacité apprentissage future",
    "capacite_scolaire_coloree_actuelle": "Capacité scolaire colorée actuelle",
    "capacite_scolaire_coloree_future": "Capacité scolaire colorée future",
    "capacite_apprentissage_coloree_actuelle": "Capacité apprentissage colorée actuelle",
    "capacite_apprentissage_coloree_future": "Capacité apprentissage colorée future",
    "coloration": "Coloration",
    "libelles_coloration": "Libellés de coloration",
    "motifs": "Motifs",
    "autre_motif": "Autre motif",
    "ami_cma": "AMI / CMA",
    "partenaires_economiques": "Partenaires économiques",
    "cmq": "CMQ",
    "inspecteur_referent": "Inspecteur référent",
    "besoins_rh": "Besoins RH",
    "travaux_equipements": "Travaux et équipements",
    "internat_restauration": "Internat et restauration",
    "observations": "Observations",
    "motif_refus": "Motif de refus",
    "demande_origine": "Copie de la demande",
    "version": "Version",
    "cree_par": "Créée par",
    "cree_le": "Créée le",
    "enregistre_par": "Enregistrée par",
    "enregistre_le": "Enregistrée le",
}

# The columns of the on-screen list; the exports carry every column of HEADERS.
LIST_COLUMNS: Final = (
    "numero",
    "annee_campagne",
    "statut",
    "type_demande",
    "uai",
    "libelle_etablissement",
    "cfd",
    "libelle_formation",
    "dispositif",
    "rentree",
    "code_academie",
    "code_departement",
    "capacite_scolaire_actuelle",
    "capacite_scolaire_future",
    "capacite_apprentissage_actuelle",
    "capacite_apprentissage_future",
    "enregistre_le",
)

TYPE_AVIS_LABELS: Final = {
    TypeAvis.PREALABLE: "Préalable",
    TypeAvis.CONSULTATIF: "Consultatif",
    TypeAvis.FINAL: "Final",
}
SENS_AVIS_LABELS: Final = {
    SensAvis.FAVORABLE: "Favorable",
    SensAvis.DEFAVORABLE: "Défavorable",
    SensAvis.RESERVE: "Réservé",
}


def french_time(moment: datetime) -> datetime:
    """Return an aware datetime as the naive wall-clock time in France."""
    return moment.astimezone(_PARIS).replace(tzinfo=None)


def motif_labels(demande: Demande) -> list[str]:
    """Return the French labels of the demand's motifs, the code for one no longer offered."""
    offered = MOTIFS_PAR_TYPE[demande.champs.type_demande]
    return [offered.get(code, code) for code in demande.champs.motifs]


def demande_row(
    demande: Demande, numeros: dict[int, str] | None = None, libelles: Libelles | None = None
) -> dict[str, object]:
    """Return one demand as a dict keyed by the columns of HEADERS.

    `numeros` maps demand ids to numbers, to name the original of a copy, and `libelles` gives
    the names of the établissement and the formation.
    """
    champs = demande.champs
    origine = demande.demande_origine_id
    row: dict[str, object] = {
        "numero": demande.numero,
        "annee_campagne": demande.annee_campagne,
        "statut": demande.statut.libelle,
        "type_demande": champs.type_demande.libelle,
        "uai": champs.uai,
        "libelle_etablissement": libelles.etablissements.get(champs.uai, "") if libelles else "",
        "cfd": champs.cfd,
        "libelle_formation": libelles.formations.get(champs.cfd, "") if libelles else "",
        "dispositif": champs.dispositif,
        "libelle_fcil": champs.libelle_fcil,
        "rentree": champs.rentree,
        "code_region": demande.territoire.code_region,
        "code_academie": demande.territoire.code_academie,
        "code_departement": demande.territoire.code_departement,
    }
    for field in CAPACITY_FIELDS:
        row[field] = getattr(champs.capacites, field.removeprefix("capacite_"))
    row |= {
        "coloration": champs.coloration,
        "libelles_coloration": _SEPARATOR.join(champs.libelles_coloration),
        "motifs": _SEPARATOR.join(motif_labels(demande)),
        "autre_motif": champs.autre_motif,
        "ami_cma": champs.ami_cma,
        "partenaires_economiques": champs.partenaires_economiques,
        "cmq": champs.cmq,
        "inspecteur_referent": champs.inspecteur_referent,
        "besoins_rh": champs.besoins_rh,
        "travaux_equipements": champs.travaux_equipements,
        "internat_restauration": champs.internat_restauration,
        "observations": champs.observations,
        "motif_refus": demande.motif_refus,
        "demande_origine": (numeros or {}).get(origine, str(origine)) if origine else "",
        "version": demande.version,
        "cree_par": demande.cree_par,
        "cree_le": french_time(demande.cree_le),
        "enregistre_par": demande.enregistre_par,
        "enregistre_le": french_time(demande.enregistre_le),
    }
    return row


def demandes_frame(demandes: list[Demande], libelles: Libelles | None = None) -> pd.DataFrame:
    """Return one row per demand with every column of HEADERS, and the demand id as `id`.

    The names of the établissement and the formation come from `libelles`, empty when it is
    None or has no name for the code.
    """
    numeros = {d.id: d.numero for d in demandes}
    rows = [{"id": d.id} | demande_row(d, numeros, libelles) for d in demandes]
    return pd.DataFrame(rows, columns=["id", *HEADERS])


def fields_frame(
    demande: Demande, numero_origine: str | None = None, libelles: Libelles | None = None
) -> pd.DataFrame:
    """Return every field of one demand as two text columns, Champ and Valeur."""
    numeros = {demande.demande_origine_id: numero_origine} if numero_origine else None
    row = demande_row(demande, numeros, libelles)
    values = [_as_text(row[column]) for column in HEADERS]
    return pd.DataFrame({"Champ": list(HEADERS.values()), "Valeur": values})


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    return str(value)


def counts_frame(counts: dict[Statut, int]) -> pd.DataFrame:
    """Return the number of demands per status, in workflow order."""
    return pd.DataFrame(
        {"Statut": [s.libelle for s in counts], "Nombre": list(counts.values())}
    )


def transitions_frame(transitions: list[Transition]) -> pd.DataFrame:
    """Return the status history: when, who, from, to and the comment."""
    rows = [
        {
            "Le": french_time(t.le),
            "Par": t.par,
            "De": t.de_statut.libelle if t.de_statut else "",
            "Vers": t.vers_statut.libelle,
            "Commentaire": t.commentaire,
        }
        for t in transitions
    ]
    return pd.DataFrame(rows, columns=["Le", "Par", "De", "Vers", "Commentaire"])


def versions_frame(versions: list[Demande]) -> pd.DataFrame:
    """Return one row per saved version, oldest first, with its status and capacities."""
    columns = ["version", "statut", "type_demande", "rentree", *CAPACITY_FIELDS[:4]]
    columns += ["enregistre_par", "enregistre_le"]
    rows = [demande_row(version) for version in versions]
    frame = pd.DataFrame(rows, columns=list(HEADERS))[columns]
    return frame.rename(columns=HEADERS)


def avis_frame(avis: list[Avis]) -> pd.DataFrame:
    """Return the avis: when, who, type, sense, comment and whether it is restricted."""
    rows = [
        {
            "Le": french_time(a.le),
            "Par": a.par,
            "Type": TYPE_AVIS_LABELS[a.type_avis],
            "Avis": SENS_AVIS_LABELS[a.sens],
            "Commentaire": a.commentaire,
            "Restreint": a.restreint,
        }
        for a in avis
    ]
    return pd.DataFrame(rows, columns=["Le", "Par", "Type", "Avis", "Commentaire", "Restreint"])
