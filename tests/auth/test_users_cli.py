"""`python -m orion_data.users`, run as a subprocess on a store in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from orion_data.auth import sessions
from orion_data.errors import NotAuthenticated
from orion_data.paths import PROJECT_DIR
from orion_data.store.sqlite import SqliteStore

PASSWORD = "Orion-2026!"


def users(db, *args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orion_data.users", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
        timeout=60,
    )


@pytest.fixture
def db(tmp_path):
    return tmp_path / "orion.sqlite"


def login(db, password=PASSWORD):
    store = SqliteStore(db)
    try:
        return sessions.authenticate(store, "chef", password)
    finally:
        store.close()


def test_create_admin(db):
    result = users(db, "create", "chef", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert login(db).username == "chef"


def test_create_perdir_listed(db):
    users(db, "create", "lp1", "--role", "perdir", "--uai", "0750001A", "--no-password")
    listed = users(db, "list").stdout
    assert "lp1\tperdir\t0750001A\tactif" in listed


def test_weak_password_rejected(db):
    result = users(db, "create", "chef", "--role", "admin", "--password-stdin", stdin="abc")
    assert result.returncode == 1
    assert "mot de passe" in result.stderr


def test_password_not_an_argument(db):
    result = users(db, "create", "chef", "--role", "admin", "--password", PASSWORD)
    assert result.returncode == 2


def test_disable_blocks_login(db):
    users(db, "create", "chef", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    result = users(db, "disable", "chef")
    assert result.returncode == 0, result.stderr
    with pytest.raises(NotAuthenticated):
        login(db)


def test_set_password(db):
    users(db, "create", "chef", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    result = users(db, "set-password", "chef", "--password-stdin", stdin="Nouveau-2026!\n")
    assert result.returncode == 0, result.stderr
    assert login(db, "Nouveau-2026!").username == "chef"


def test_set_role(db):
    users(db, "create", "chef", "--role", "admin", "--no-password")
    result = users(db, "set-role", "chef", "--role", "expert_region", "--region", "84")
    assert result.returncode == 0, result.stderr
    assert "chef\texpert_region\t84\tactif" in users(db, "list").stdout


def test_unknown_user_error(db):
    result = users(db, "disable", "ghost")
    assert result.returncode == 1
    assert "ghost" in result.stderr
