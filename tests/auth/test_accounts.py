"""Account management and its audit trail."""

from __future__ import annotations

import pytest

from orion_data.auth import accounts
from orion_data.auth.model import Role
from orion_data.errors import Conflict, NotFound, ValidationError

PASSWORD = "Orion-2026!"


def test_create_regional(store):
    user = accounts.create_user(store, "Gest.IDF", "gestionnaire_region", PASSWORD, "11")
    assert user.username == "gest.idf"
    assert user.code_region == "11"
    assert user.actif is True


def test_create_perdir(store):
    user = accounts.create_user(store, "perdir1", Role.PERDIR, uais=["0750001a", "0750002B"])
    assert user.uais == ("0750001A", "0750002B")


@pytest.mark.parametrize(
    ("role", "region", "uais"),
    [
        (Role.ADMIN, "11", None),
        (Role.PILOTE, None, ["0750001A"]),
        (Role.REGION, None, None),
        (Role.EXPERT_REGION, "Île", None),
        (Role.PERDIR, None, None),
        (Role.PERDIR, None, ["75001"]),
        (Role.PERDIR, "11", ["0750001A"]),
    ],
)
def test_scope_rejected(store, role, region, uais):
    with pytest.raises(ValidationError):
        accounts.create_user(store, "someone", role, None, region, uais)


@pytest.mark.parametrize("name", ["a", "with space", "x" * 65, "-dash", "émile"])
def test_username_rejected(store, name):
    with pytest.raises(ValidationError):
        accounts.create_user(store, name, Role.PILOTE)


def test_unknown_role_rejected(store):
    with pytest.raises(ValidationError):
        accounts.create_user(store, "someone", "superuser")


def test_weak_password_rejected(store):
    with pytest.raises(ValidationError):
        accounts.create_user(store, "someone", Role.PILOTE, "password")


def test_duplicate_name_rejected(store):
    accounts.create_user(store, "alice", Role.PILOTE)
    with pytest.raises(Conflict):
        accounts.create_user(store, "ALICE", Role.PILOTE)


def test_set_role_changes_scope(store):
    accounts.create_user(store, "alice", Role.PILOTE)
    user = accounts.set_role(store, "alice", Role.ADMIN_REGION, "84")
    assert user.role is Role.ADMIN_REGION
    assert user.code_region == "84"


def test_disable_and_enable(store):
    accounts.create_user(store, "alice", Role.PILOTE)
    assert accounts.disable_user(store, "alice").actif is False
    assert accounts.enable_user(store, "alice").actif is True


def test_unknown_user(store):
    with pytest.raises(NotFound):
        accounts.disable_user(store, "ghost")


def test_audit_trail(store):
    accounts.create_user(store, "alice", Role.PILOTE, PASSWORD, par="cli:root")
    accounts.set_password(store, "alice", "Nouveau-2026!", par="cli:root")
    accounts.disable_user(store, "alice", par="cli:ops")
    events = store.list_user_events("alice")
    assert [e["action"] for e in events] == ["create", "set-password", "disable"]
    assert events[2]["par"] == "cli:ops"
    assert events[1]["details"] == {"password_hash": "changed"}


def test_hash_never_in_audit(store):
    accounts.create_user(store, "alice", Role.PILOTE, PASSWORD)
    accounts.set_password(store, "alice", "Nouveau-2026!")
    stored_hash = store.get_password_hash("alice")
    with store.read() as connection:
        details = [
            row[0] for row in connection.execute("SELECT details FROM utilisateur_evenements")
        ]
    assert all(stored_hash not in text and "$2b$" not in text for text in details)
