"""Fixtures of the auth tests: a real SQLite store in tmp_path, a fake clock, fast bcrypt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orion_data.auth import passwords
from orion_data.store.sqlite import SqliteStore


class AuthClock:
    def __init__(self):
        self.now = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(passwords, "rounds", 4)


@pytest.fixture
def clock() -> AuthClock:
    return AuthClock()


@pytest.fixture
def store(tmp_path, clock):
    opened = SqliteStore(tmp_path / "orion.sqlite", clock=clock)
    yield opened
    opened.close()
