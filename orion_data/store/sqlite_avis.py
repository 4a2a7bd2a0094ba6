"""SQLite queries for the avis given on demands, mixed into SqliteStore."""

from __future__ import annotations

from orion_data.demandes.model import Avis, SensAvis, TypeAvis
from orion_data.errors import Conflict
from orion_data.store.sqlite_demandes import is_storable_id
from orion_data.store.timestamps import parse_timestamp


class SqliteAvis:
    def insert_avis(self, avis: Avis, cle: str) -> Avis:
        """Insert an avis, or return the one already saved with the same idempotency key.

        Raise Conflict when the key was used by another user or for another demand.
        """
        with self.write() as connection:
            saved = connection.execute(
                "SELECT id, demande_id, par FROM avis WHERE cle_idempotence = ?", (cle,)
            ).fetchone()
            if saved is not None:
                if saved["par"] != avis.par or saved["demande_id"] != avis.demande_id:
                    raise Conflict(
                        "Ce formulaire d'avis a déjà servi ailleurs. Rechargez la page pour "
                        "obtenir un nouveau formulaire."
                    )
                avis_id = saved["id"]
            else:
                cursor = connection.execute(
                    "INSERT INTO avis (demande_id, type_avis, sens, commentaire, restreint, "
                    "par, le, cle_idempotence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        avis.demande_id,
                        avis.type_avis.value,
                        avis.sens.value,
                        avis.commentaire,
                        int(avis.restreint),
                        avis.par,
                        self.timestamp(),
                        cle,
                    ),
                )
                avis_id = cursor.lastrowid
        return next(a for a in self.list_avis(avis.demande_id) if a.id == avis_id)

    def list_avis(self, demande_id: int) -> list[Avis]:
        if not is_storable_id(demande_id):
            return []
        with self.read() as connection:
            rows = connection.execute(
                "SELECT * FROM avis WHERE demande_id = ? ORDER BY id", (demande_id,)
            ).fetchall()
        return [
            Avis(
                id=row["id"],
                demande_id=row["demande_id"],
                type_avis=TypeAvis(row["type_avis"]),
                sens=SensAvis(row["sens"]),
                commentaire=row["commentaire"],
                restreint=bool(row["restreint"]),
                par=row["par"],
                le=parse_timestamp(row["le"]),
            )
            for row in rows
        ]
