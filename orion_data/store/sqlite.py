"""The SQLite store: connections, transactions and schema migrations.

The database runs in WAL mode with `synchronous=FULL`, so a write is on disk once its
transaction returns, and a killed process loses no acknowledged write. Every write runs in
one `BEGIN IMMEDIATE` transaction, which takes the write lock up front: concurrent writers
queue on `busy_timeout` instead of failing half-way. Each thread gets its own connection.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Final

from orion_data.paths import store_path
from orion_data.store.migrations import MIGRATIONS
from orion_data.store.sqlite_accounts import SqliteAccounts
from orion_data.store.sqlite_avis import SqliteAvis
from orion_data.store.sqlite_campagnes import SqliteCampagnes
from orion_data.store.sqlite_demandes import SqliteDemandes
from orion_data.store.timestamps import format_timestamp, utcnow

logger = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_MS: Final = 30_000


class SqliteStore(SqliteCampagnes, SqliteDemandes, SqliteAvis, SqliteAccounts):
    """The demand and account store in one SQLite file, created or migrated on opening.

    `clock` returns the current time as an aware datetime. Tests pass a fake clock.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        clock: Callable[[], datetime] = utcnow,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ):
        self.path = Path(path) if path is not None else store_path()
        self.clock = clock
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._all_connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def now(self) -> datetime:
        return self.clock()

    def timestamp(self) -> str:
        return format_timestamp(self.clock())

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, isolation_level=None, timeout=0, check_same_thread=False
            )
            connection.row_factory = sqlite3.Row
            connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            self._local.connection = connection
            with self._lock:
                self._all_connections.append(connection)
        return connection

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction, committed on success, else rolled back."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Run the block's queries on one consistent snapshot of the database."""
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("COMMIT")

    def _migrate(self) -> None:
        with self.write() as connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = connection.execute(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version"
            ).fetchone()[0]
            for version, script in enumerate(MIGRATIONS, start=1):
                if version <= applied:
                    continue
                for statement in _statements(script):
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, self.timestamp()),
                )
                logger.info("Migrated store %s to schema version %d", self.path, version)

    def schema_version(self) -> int:
        with self.read() as connection:
            return connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]

    def integrity_check(self) -> str:
        """Run SQLite's integrity check and return its result, "ok" when the file is sound."""
        rows = self._connection().execute("PRAGMA integrity_check").fetchall()
        return "\n".join(row[0] for row in rows)

    def close(self) -> None:
        """Close every connection this store opened, in any thread."""
        with self._lock:
            for connection in self._all_connections:
                connection.close()
            self._all_connections.clear()
        self._local = threading.local()


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError(f"Incomplete SQL statement in a migration: {buffer.strip()[:80]}")
