"""Login throttling and server-side sessions."""

from __future__ import annotations

import logging

import pytest

from orion_data.auth import accounts, sessions
from orion_data.auth.model import Role
from orion_data.errors import AccountLocked, NotAuthenticated

PASSWORD = "Orion-2026!"
WRONG = "Wrong-pass-1"


@pytest.fixture
def alice(store):
    return accounts.create_user(store, "alice", Role.PILOTE, PASSWORD)


def fail(store, name="alice", times=1):
    for _ in range(times):
        with pytest.raises(NotAuthenticated):
            sessions.authenticate(store, name, WRONG)


def test_login_returns_user(store, alice):
    user, token = sessions.login(store, "Alice ", PASSWORD)
    assert user.username == "alice"
    assert sessions.resume_session(store, token) == user


def test_wrong_password_rejected(store, alice):
    with pytest.raises(NotAuthenticated) as raised:
        sessions.authenticate(store, "alice", WRONG)
    assert "incorrect" in str(raised.value)


def test_five_failures_lock(store, alice):
    fail(store, times=5)
    with pytest.raises(AccountLocked):
        sessions.authenticate(store, "alice", PASSWORD)


def test_four_failures_no_lock(store, alice):
    fail(store, times=4)
    assert sessions.authenticate(store, "alice", PASSWORD).username == "alice"


def test_lock_lasts_fifteen_minutes(store, alice, clock):
    fail(store, times=5)
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):
        sessions.authenticate(store, "alice", PASSWORD)


def test_lock_expires(store, alice, clock):
    fail(store, times=5)
    clock.advance(minutes=15, seconds=1)
    assert sessions.authenticate(store, "alice", PASSWORD).username == "alice"


def test_lock_counts_afresh(store, alice, clock):
    fail(store, times=5)
    clock.advance(minutes=16)
    fail(store, times=4)
    assert sessions.authenticate(store, "alice", PASSWORD).username == "alice"


def test_success_resets_count(store, alice, clock):
    fail(store, times=4)
    clock.advance(seconds=1)
    sessions.authenticate(store, "alice", PASSWORD)
    clock.advance(seconds=1)
    fail(store, times=4)
    assert sessions.authenticate(store, "alice", PASSWORD).username == "alice"


def test_lock_holds_across_processes(store, alice, tmp_path, clock):
    from orion_data.store.sqlite import SqliteStore

    fail(store, times=5)
    other = SqliteStore(tmp_path / "orion.sqlite", clock=clock)
    with pytest.raises(AccountLocked):
        sessions.authenticate(other, "alice", PASSWORD)
    other.close()


def test_unknown_name_locked_too(store):
    fail(store, name="mallory", times=5)
    with pytest.raises(AccountLocked):
        sessions.authenticate(store, "mallory", WRONG)


def test_lock_per_name(store, alice):
    accounts.create_user(store, "bob", Role.PILOTE, PASSWORD)
    fail(store, times=5)
    assert sessions.authenticate(store, "bob", PASSWORD).username == "bob"


def test_failure_logged_without_password(store, alice, caplog):
    caplog.set_level(logging.WARNING, logger="orion_data.auth.sessions")
    fail(store)
    assert "'alice'" in caplog.text
    assert WRONG not in caplog.text


def test_overlong_password_message(store, alice):
    with pytest.raises(NotAuthenticated) as raised:
        sessions.authenticate(store, "alice", PASSWORD + "x" * 100)
    assert "trop long" in str(raised.value)


def test_disabled_account_rejected(store, alice):
    accounts.disable_user(store, "alice")
    with pytest.raises(NotAuthenticated) as raised:
        sessions.authenticate(store, "alice", PASSWORD)
    assert "désactivé" in str(raised.value)


def test_account_without_password_rejected(store):
    accounts.create_user(store, "carol", Role.PILOTE)
    with pytest.raises(NotAuthenticated):
        sessions.authenticate(store, "carol", "")


def test_revoked_session_refused(store, alice):
    _, token = sessions.login(store, "alice", PASSWORD)
    copied = str(token)
    sessions.logout(store, token)
    with pytest.raises(NotAuthenticated):
        sessions.resume_session(store, copied)


def test_expired_session_refused(store, alice, clock):
    _, token = sessions.login(store, "alice", PASSWORD)
    clock.advance(hours=12, seconds=1)
    with pytest.raises(NotAuthenticated):
        sessions.resume_session(store, token)


def test_session_within_one_day(store, alice, clock):
    _, token = sessions.login(store, "alice", PASSWORD)
    record = store.get_session(sessions._digest(token))
    assert record.expire_le - clock.now <= sessions.SESSION_LIFETIME
    assert sessions.SESSION_LIFETIME.total_seconds() <= 86_400


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_unknown_session_refused(store, token):
    with pytest.raises(NotAuthenticated):
        sessions.resume_session(store, token)


def test_disable_ends_sessions(store, alice):
    _, token = sessions.login(store, "alice", PASSWORD)
    accounts.disable_user(store, "alice")
    with pytest.raises(NotAuthenticated):
        sessions.resume_session(store, token)


def test_new_password_ends_sessions(store, alice):
    _, token = sessions.login(store, "alice", PASSWORD)
    accounts.set_password(store, "alice", "Nouveau-2026!")
    with pytest.raises(NotAuthenticated):
        sessions.resume_session(store, token)


def test_token_not_stored(store, alice):
    _, token = sessions.login(store, "alice", PASSWORD)
    with store.read() as connection:
        stored = connection.execute("SELECT token_hash FROM sessions").fetchone()[0]
    assert stored != token
