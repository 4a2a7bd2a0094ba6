"""Child process of the kill test: writes demands until killed.

It prints "id numero rentree" for each demand once `insert_demande` has returned, that is
after the commit, and flushes, so the parent can tell which writes were acknowledged.
"""

from __future__ import annotations

import sys

from orion_data.demandes.model import Capacites, DemandeChamps, Statut, Territoire, TypeDemande
from orion_data.store.base import NewDemande
from orion_data.store.sqlite import SqliteStore


def champs_for(rentree: int) -> DemandeChamps:
    return DemandeChamps(
        uai="0750001A",
        cfd="40025214",
        dispositif="247",
        rentree=rentree,
        type_demande=TypeDemande.AUGMENTATION,
        capacites=Capacites(scolaire_actuelle=24, scolaire_future=30),
        motifs=("besoin_recrutement_local",),
        observations="x" * 1_500,
    )


def main(path: str) -> None:
    store = SqliteStore(path)
    territoire = Territoire("11", "01", "075")
    rentree = 2027
    while True:
        new = NewDemande(
            annee_campagne=2026,
            statut=Statut.PROPOSITION,
            champs=champs_for(rentree),
            territoire=territoire,
            par="burst",
            cle_idempotence=f"burst-{rentree}",
        )
        demande = store.insert_demande(new)
        print(demande.id, demande.numero, rentree, flush=True)
        rentree += 1


if __name__ == "__main__":
    main(sys.argv[1])
