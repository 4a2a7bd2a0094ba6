"""SQLite queries for demands, their transitions and avis, mixed into SqliteStore."""

from __future__ import annotations

import sqlite3
from typing import Final

from orion_data.demandes.model import (
    Demande,
    DemandeChamps,
    Statut,
    Territoire,
    Transition,
)
from orion_data.errors import Conflict, DuplicateDemand, NotFound
from orion_data.store.base import DemandeQuery, NewDemande, NewVersion
from orion_data.store.timestamps import parse_timestamp

_DEMANDE_COLUMNS: Final = (
    "d.id, d.numero, d.annee_campagne, d.demande_origine_id, d.cree_par, d.cree_le, "
    "v.version, v.statut, v.champs, v.code_region, v.code_academie, v.code_departement, "
    "v.motif_refus, v.enregistre_par, v.enregistre_le"
)
_FROM: Final = "FROM demandes d JOIN demande_versions v ON v.demande_id = d.id"
_LATEST: Final = "v.version = (SELECT MAX(version) FROM demande_versions WHERE demande_id = d.id)"

# SQLite INTEGER is a signed 64-bit value: sqlite3 raises OverflowError on anything wider.
SQLITE_INTEGER_MIN: Final = -(2**63)
SQLITE_INTEGER_MAX: Final = 2**63 - 1


def is_storable_id(value: object) -> bool:
    """Return whether `value` is an int (not a bool) that fits SQLite's INTEGER type."""
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    return SQLITE_INTEGER_MIN <= value <= SQLITE_INTEGER_MAX


class SqliteDemandes:
    def insert_demande(self, new: NewDemande) -> Demande:
        with self.write() as connection:
            existing = self._saved_with_key(connection, new.cle_idempotence, new.par)
            if existing is not None:
                return existing

            now = self.timestamp()
            numero = _next_numero(connection, new.annee_campagne, new.territoire.code_region)
            cursor = connection.execute(
                "INSERT INTO demandes (numero, annee_campagne, code_region, "
                "demande_origine_id, cree_par, cree_le) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    numero,
                    new.annee_campagne,
                    new.territoire.code_region,
                    new.demande_origine_id,
                    new.par,
                    now,
                ),
            )
            demande_id = cursor.lastrowid
            _insert_version(connection, demande_id, 1, new, "", now)
            _claim_key(connection, demande_id, new.annee_campagne, new.champs)
            _insert_transition(
                connection, demande_id, 1, None, new.statut, new.par, now, new.commentaire
            )
            return _load(connection, demande_id)

    def append_version(self, new: NewVersion) -> Demande:
        with self.write() as connection:
            existing = self._saved_with_key(connection, new.cle_idempotence, new.par)
            if existing is not None:
                if existing.id != new.demande_id:
                    raise Conflict(
                        "Ce formulaire a déjà servi pour une autre demande. "
                        "Rechargez la page puis recommencez."
                    )
                return existing

            latest = _load(connection, new.demande_id)
            if latest is None:
                raise NotFound(f"La demande {new.demande_id} est introuvable.")
            if latest.version != new.expected_version:
                raise Conflict(
                    f"La demande {latest.numero} a été modifiée par {latest.enregistre_par} "
                    f"le {latest.enregistre_le:%d/%m/%Y à %H:%M} UTC depuis son ouverture. "
                    "Rechargez-la, puis refaites votre modification."
                )

            now = self.timestamp()
            version = latest.version + 1
            _insert_version(connection, new.demande_id, version, new, new.motif_refus, now)
            connection.execute(
                "DELETE FROM demandes_vivantes WHERE demande_id = ?", (new.demande_id,)
            )
            if new.statut is not Statut.SUPPRIMEE:
                _claim_key(connection, new.demande_id, latest.annee_campagne, new.champs)
            if new.statut is not latest.statut:
                _insert_transition(
                    connection,
                    new.demande_id,
                    version,
                    latest.statut,
                    new.statut,
                    new.par,
                    now,
                    new.commentaire,
                )
            return _load(connection, new.demande_id)

    def _saved_with_key(self, connection: sqlite3.Connection, cle: str, par: str) -> Demande | None:
        row = connection.execute(
            "SELECT demande_id, enregistre_par FROM demande_versions WHERE cle_idempotence = ?",
            (cle,),
        ).fetchone()
        if row is None:
            return None
        if row["enregistre_par"] != par:
            raise Conflict(
                "Ce formulaire a été enregistré par un autre utilisateur. "
                "Rechargez la page pour obtenir un nouveau formulaire."
            )
        return _load(connection, row["demande_id"])

    def get_demande(self, demande_id: int) -> Demande | None:
        with self.read() as connection:
            return _load(connection, demande_id)

    def find_by_idempotency_key(self, cle: str) -> Demande | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT demande_id FROM demande_versions WHERE cle_idempotence = ?", (cle,)
            ).fetchone()
            return None if row is None else _load(connection, row["demande_id"])

    def list_demandes(self, query: DemandeQuery) -> list[Demande]:
        if not query.statuts or query.uais == ():
            return []
        conditions = [_LATEST]
        params: list = []

        def add_in(column: str, values) -> None:
            values = sorted(str(v) for v in values)
            conditions.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)

        add_in("v.statut", query.statuts)
        if query.uais is not None:
            add_in("v.uai", query.uais)
        if query.types is not None:
            add_in("v.type_demande", query.types)
        equalities = {
            "v.code_region": query.code_region,
            "d.annee_campagne": query.annee_campagne,
            "v.code_academie": query.code_academie,
            "v.code_departement": query.code_departement,
            "v.uai": query.uai,
            "v.cfd": query.cfd,
        }
        for column, value in equalities.items():
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value)
        if query.texte:
            pattern = "%" + _escape_like(query.texte) + "%"
            conditions.append(
                "(d.numero LIKE ? ESCAPE '\\' OR v.uai LIKE ? ESCAPE '\\' "
                "OR v.cfd LIKE ? ESCAPE '\\' OR v.champs LIKE ? ESCAPE '\\')"
            )
            params.extend([pattern] * 4)

        sql = f"SELECT {_DEMANDE_COLUMNS} {_FROM} WHERE {' AND '.join(conditions)} ORDER BY d.id"
        with self.read() as connection:
            return [_demande(row) for row in connection.execute(sql, params).fetchall()]

    def list_versions(self, demande_id: int) -> list[Demande]:
        if not is_storable_id(demande_id):
            return []
        with self.read() as connection:
            rows = connection.execute(
                f"SELECT {_DEMANDE_COLUMNS} {_FROM} WHERE d.id = ? ORDER BY v.version",
                (demande_id,),
            ).fetchall()
        return [_demande(row) for row in rows]

    def list_transitions(self, demande_id: int) -> list[Transition]:
        if not is_storable_id(demande_id):
            return []
        with self.read() as connection:
            rows = connection.execute(
                "SELECT * FROM transitions WHERE demande_id = ? ORDER BY id", (demande_id,)
            ).fetchall()
        return [
            Transition(
                demande_id=row["demande_id"],
                version=row["version"],
                de_statut=Statut(row["de_statut"]) if row["de_statut"] else None,
                vers_statut=Statut(row["vers_statut"]),
                par=row["par"],
                le=parse_timestamp(row["le"]),
                commentaire=row["commentaire"],
            )
            for row in rows
        ]


def _next_numero(connection: sqlite3.Connection, annee: int, code_region: str) -> str:
    """Return the next number "AAAA-RR-NNNNN" of the campaign and région."""
    count = connection.execute(
        "SELECT COUNT(*) FROM demandes WHERE annee_campagne = ? AND code_region = ?",
        (annee, code_region),
    ).fetchone()[0]
    return f"{annee}-{code_region}-{count + 1:05d}"


def _insert_version(connection, demande_id: int, version: int, new, motif_refus: str, now: str):
    champs: DemandeChamps = new.champs
    connection.execute(
        "INSERT INTO demande_versions (demande_id, version, statut, uai, cfd, dispositif, "
        "rentree, type_demande, code_region, code_academie, code_departement, champs, "
        "motif_refus, cle_idempotence, enregistre_par, enregistre_le) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            demande_id,
            version,
            new.statut.value,
            champs.uai,
            champs.cfd,
            champs.dispositif,
            champs.rentree,
            champs.type_demande.value,
            new.territoire.code_region,
            new.territoire.code_academie,
            new.territoire.code_departement,
            champs.to_json(),
            motif_refus,
            new.cle_idempotence,
            new.par,
            now,
        ),
    )


def _claim_key(connection, demande_id: int, annee: int, champs: DemandeChamps) -> None:
    """Register the demand as live on its key; the UNIQUE constraint rejects a second one."""
    key = (annee, champs.uai, champs.cfd, champs.dispositif, champs.rentree)
    try:
        connection.execute(
            "INSERT INTO demandes_vivantes (demande_id, annee_campagne, uai, cfd, dispositif, "
            "rentree) VALUES (?, ?, ?, ?, ?, ?)",
            (demande_id, *key),
        )
    except sqlite3.IntegrityError:
        other = connection.execute(
            "SELECT d.numero FROM demandes_vivantes l JOIN demandes d ON d.id = l.demande_id "
            "WHERE l.annee_campagne = ? AND l.uai = ? AND l.cfd = ? AND l.dispositif = ? "
            "AND l.rentree = ?",
            key,
        ).fetchone()
        numero = other["numero"] if other else "?"
        raise DuplicateDemand(
            f"La demande {numero} existe déjà pour l'établissement {champs.uai}, le diplôme "
            f"{champs.cfd}, le dispositif {champs.dispositif} et la rentrée {champs.rentree} "
            f"dans la campagne {annee}. Modifiez la demande {numero} au lieu d'en créer une "
            "seconde.",
            numero=numero,
        ) from None


def _insert_transition(connection, demande_id, version, de, vers, par, now, commentaire):
    connection.execute(
        "INSERT INTO transitions (demande_id, version, de_statut, vers_statut, par, le, "
        "commentaire) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (demande_id, version, de.value if de else None, vers.value, par, now, commentaire),
    )


def _load(connection: sqlite3.Connection, demande_id: int) -> Demande | None:
    """Return the latest version of a demand, None if no demand has this id."""
    if not is_storable_id(demande_id):
        return None
    row = connection.execute(
        f"SELECT {_DEMANDE_COLUMNS} {_FROM} WHERE d.id = ? AND {_LATEST}", (demande_id,)
    ).fetchone()
    return None if row is None else _demande(row)


def _demande(row: sqlite3.Row) -> Demande:
    return Demande(
        id=row["id"],
        numero=row["numero"],
        annee_campagne=row["annee_campagne"],
        version=row["version"],
        statut=Statut(row["statut"]),
        champs=DemandeChamps.from_json(row["champs"]),
        territoire=Territoire(
            code_region=row["code_region"],
            code_academie=row["code_academie"],
            code_departement=row["code_departement"],
        ),
        cree_par=row["cree_par"],
        cree_le=parse_timestamp(row["cree_le"]),
        enregistre_par=row["enregistre_par"],
        enregistre_le=parse_timestamp(row["enregistre_le"]),
        demande_origine_id=row["demande_origine_id"],
        motif_refus=row["motif_refus"],
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
