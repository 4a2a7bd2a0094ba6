"""SQLite queries for accounts, login attempts, locks and sessions, mixed into SqliteStore."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Final

from orion_data.auth.model import Role, User
from orion_data.errors import Conflict, NotFound
from orion_data.store.base import SessionRecord
from orion_data.store.timestamps import format_timestamp, parse_timestamp

# Columns that `update_user` may change; every other key is rejected.
_UPDATABLE: Final = frozenset({"nom", "role", "code_region", "uais", "actif", "password_hash"})


class SqliteAccounts:
    def insert_user(self, user: User, password_hash: str | None, par: str) -> None:
        now = self.timestamp()
        with self.write() as connection:
            try:
                connection.execute(
                    "INSERT INTO utilisateurs (username, nom, role, code_region, uais, actif, "
                    "password_hash, cree_le, modifie_le) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        user.username,
                        user.nom,
                        user.role.value,
                        user.code_region,
                        json.dumps(list(user.uais)),
                        int(user.actif),
                        password_hash,
                        now,
                        now,
                    ),
                )
            except sqlite3.IntegrityError:
                raise Conflict(
                    f"L'utilisateur « {user.username} » existe déjà : choisissez un autre nom."
                ) from None
            details = {
                "role": user.role.value,
                "code_region": user.code_region,
                "uais": list(user.uais),
            }
            _record_event(connection, user.username, "create", details, par, now)

    def update_user(self, username: str, changes: dict[str, object], par: str, action: str):
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"Cannot update account columns {sorted(unknown)}")
        values = {
            column: json.dumps(list(value)) if column == "uais" else value
            for column, value in changes.items()
        }
        values = {c: int(v) if isinstance(v, bool) else v for c, v in values.items()}
        now = self.timestamp()

        # Column names come from the _UPDATABLE allow-list checked above.
        assignments = ", ".join(f"{column} = ?" for column in values)
        with self.write() as connection:
            cursor = connection.execute(
                f"UPDATE utilisateurs SET {assignments}, modifie_le = ? WHERE username = ?",
                (*values.values(), now, username),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"L'utilisateur « {username} » n'existe pas.")
            # The audit trail never records a password hash, only that it changed.
            details = {
                column: value if column != "password_hash" else "changed"
                for column, value in changes.items()
            }
            details = {c: list(v) if isinstance(v, tuple) else v for c, v in details.items()}
            _record_event(connection, username, action, details, par, now)

    def get_user(self, username: str) -> User | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT * FROM utilisateurs WHERE username = ?", (username,)
            ).fetchone()
        return None if row is None else _user(row)

    def get_password_hash(self, username: str) -> str | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT password_hash FROM utilisateurs WHERE username = ?", (username,)
            ).fetchone()
        return None if row is None else row["password_hash"]

    def list_users(self) -> list[User]:
        with self.read() as connection:
            rows = connection.execute("SELECT * FROM utilisateurs ORDER BY username").fetchall()
        return [_user(row) for row in rows]

    def list_user_events(self, username: str) -> list[dict]:
        with self.read() as connection:
            rows = connection.execute(
                "SELECT action, details, par, le FROM utilisateur_evenements "
                "WHERE username = ? ORDER BY id",
                (username,),
            ).fetchall()
        return [
            {
                "action": row["action"],
                "details": json.loads(row["details"]),
                "par": row["par"],
                "le": parse_timestamp(row["le"]),
            }
            for row in rows
        ]

    def record_login(self, username: str, success: bool) -> int:
        with self.write() as connection:
            connection.execute(
                "INSERT INTO connexions (username, reussie, le) VALUES (?, ?, ?)",
                (username, int(success), self.timestamp()),
            )
            if success:
                return 0
            # Failures count from the last success or the start of the last lock.
            return connection.execute(
                "SELECT COUNT(*) FROM connexions WHERE username = ? AND reussie = 0 "
                "AND le > MAX("
                "  COALESCE((SELECT MAX(le) FROM connexions"
                "            WHERE username = ? AND reussie = 1), ''),"
                "  COALESCE((SELECT MAX(debut) FROM verrous WHERE username = ?), ''))",
                (username, username, username),
            ).fetchone()[0]

    def insert_lock(self, username: str, until: datetime) -> None:
        with self.write() as connection:
            connection.execute(
                "INSERT INTO verrous (username, debut, fin) VALUES (?, ?, ?)",
                (username, self.timestamp(), format_timestamp(until)),
            )

    def lock_until(self, username: str) -> datetime | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT MAX(fin) FROM verrous WHERE username = ?", (username,)
            ).fetchone()
        return None if row[0] is None else parse_timestamp(row[0])

    def insert_session(self, token_hash: str, username: str, expires: datetime) -> None:
        with self.write() as connection:
            connection.execute(
                "INSERT INTO sessions (token_hash, username, cree_le, expire_le) "
                "VALUES (?, ?, ?, ?)",
                (token_hash, username, self.timestamp(), format_timestamp(expires)),
            )

    def get_session(self, token_hash: str) -> SessionRecord | None:
        with self.read() as connection:
            row = connection.execute(
                "SELECT * FROM sessions WHERE token_hash = ?", (token_hash,)
            ).fetchone()
        if row is None:
            return None
        return SessionRecord(
            username=row["username"],
            cree_le=parse_timestamp(row["cree_le"]),
            expire_le=parse_timestamp(row["expire_le"]),
            revoquee_le=parse_timestamp(row["revoquee_le"]) if row["revoquee_le"] else None,
        )

    def revoke_session(self, token_hash: str) -> None:
        with self.write() as connection:
            connection.execute(
                "UPDATE sessions SET revoquee_le = ? WHERE token_hash = ? AND revoquee_le IS NULL",
                (self.timestamp(), token_hash),
            )

    def revoke_user_sessions(self, username: str) -> int:
        with self.write() as connection:
            cursor = connection.execute(
                "UPDATE sessions SET revoquee_le = ? WHERE username = ? AND revoquee_le IS NULL",
                (self.timestamp(), username),
            )
            return cursor.rowcount


def _record_event(connection, username: str, action: str, details: dict, par: str, now: str):
    connection.execute(
        "INSERT INTO utilisateur_evenements (username, action, details, par, le) "
        "VALUES (?, ?, ?, ?, ?)",
        (username, action, json.dumps(details, ensure_ascii=False), par, now),
    )


def _user(row: sqlite3.Row) -> User:
    return User(
        username=row["username"],
        nom=row["nom"],
        role=Role(row["role"]),
        code_region=row["code_region"],
        uais=tuple(json.loads(row["uais"])),
        actif=bool(row["actif"]),
        cree_le=parse_timestamp(row["cree_le"]),
    )
