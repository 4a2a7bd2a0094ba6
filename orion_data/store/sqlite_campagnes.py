"""SQLite queries for national and regional campaigns, mixed into SqliteStore.

Each save appends a version, and reads return the latest one.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from orion_data.demandes.model import Campagne, CampagneRegion, StatutCampagne


class SqliteCampagnes:
    def save_campagne(self, campagne: Campagne, par: str) -> None:
        with self.write() as connection:
            connection.execute(
                "INSERT INTO campagnes (annee, version, date_debut, date_fin, statut, "
                "enregistre_par, enregistre_le) VALUES (?, "
                "(SELECT COALESCE(MAX(version), 0) + 1 FROM campagnes WHERE annee = ?), "
                "?, ?, ?, ?, ?)",
                (
                    campagne.annee,
                    campagne.annee,
                    campagne.date_debut.isoformat(),
                    campagne.date_fin.isoformat(),
                    campagne.statut.value,
                    par,
                    self.timestamp(),
                ),
            )

    def get_campagne(self, annee: int) -> Campagne | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT * FROM campagnes WHERE annee = ? ORDER BY version DESC LIMIT 1", (annee,)
            ).fetchone()
        return None if row is None else _campagne(row)

    def list_campagnes(self) -> list[Campagne]:
        with self.read() as connection:
            rows = connection.execute(
                "SELECT * FROM campagnes c WHERE version = "
                "(SELECT MAX(version) FROM campagnes WHERE annee = c.annee) ORDER BY annee"
            ).fetchall()
        return [_campagne(row) for row in rows]

    def save_campagne_region(self, campagne: CampagneRegion, par: str) -> None:
        with self.write() as connection:
            connection.execute(
                "INSERT INTO campagnes_regionales (annee, code_region, version, date_debut, "
                "date_fin, date_vote, saisie_perdir, enregistre_par, enregistre_le) VALUES "
                "(?, ?, (SELECT COALESCE(MAX(version), 0) + 1 FROM campagnes_regionales "
                "WHERE annee = ? AND code_region = ?), ?, ?, ?, ?, ?, ?)",
                (
                    campagne.annee,
                    campagne.code_region,
                    campagne.annee,
                    campagne.code_region,
                    campagne.date_debut.isoformat(),
                    campagne.date_fin.isoformat(),
                    campagne.date_vote.isoformat() if campagne.date_vote else None,
                    int(campagne.saisie_perdir),
                    par,
                    self.timestamp(),
                ),
            )

    def get_campagne_region(self, annee: int, code_region: str) -> CampagneRegion | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT * FROM campagnes_regionales WHERE annee = ? AND code_region = ? "
                "ORDER BY version DESC LIMIT 1",
                (annee, code_region),
            ).fetchone()
        if row is None:
            return None
        return CampagneRegion(
            annee=row["annee"],
            code_region=row["code_region"],
            date_debut=date.fromisoformat(row["date_debut"]),
            date_fin=date.fromisoformat(row["date_fin"]),
            date_vote=date.fromisoformat(row["date_vote"]) if row["date_vote"] else None,
            saisie_perdir=bool(row["saisie_perdir"]),
        )


def _campagne(row: sqlite3.Row) -> Campagne:
    return Campagne(
        annee=row["annee"],
        date_debut=date.fromisoformat(row["date_debut"]),
        date_fin=date.fromisoformat(row["date_fin"]),
        statut=StatutCampagne(row["statut"]),
    )
