"""SQLite queries for the avis given on demands, mixed into SqliteStore."""

from __future__ import annotations

from orion_data.demandes.model import Avis, SensAvis, TypeAvis
from orion_data.store.sqlite_demandes import is_storable_id
from orion_data.store.timestamps import parse_timestamp


class SqliteAvis:
    def insert_avis(self, avis: Avis) -> Avis:
        with self.write() as connection:
            cursor = connection.execute(
                "INSERT INTO avis (demande_id, type_avis, sens, commentaire, restreint, par, le) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    avis.demande_id,
                    avis.type_avis.value,
                    avis.sens.value,
                    avis.commentaire,
                    int(avis.restreint),
                    avis.par,
                    self.timestamp(),
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
