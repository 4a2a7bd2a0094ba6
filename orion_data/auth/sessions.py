"""Login with throttling, and server-side sessions.

After 5 consecutive failed logins for one user name, known or not, that name is locked for
15 minutes. The failures and the lock are in the store, so the lock holds across
processes and restarts. A login returns a random session token: the store keeps only its
SHA-256 digest, with an expiry at most one day away. Logout revokes the record, so a
revoked or expired token is rejected even if a cookie still carries it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Final

from orion_data.auth.accounts import normalize_username
from orion_data.auth.model import User
from orion_data.auth.passwords import too_long_message, verify_password
from orion_data.errors import AccountLocked, NotAuthenticated
from orion_data.store.base import AccountStore

logger = logging.getLogger(__name__)

MAX_FAILURES: Final = 5
LOCK_DURATION: Final = timedelta(minutes=15)
# A working day, and within the one-day maximum for a session.
SESSION_LIFETIME: Final = timedelta(hours=12)
# Maximum length of a user name as recorded for a failed login, so a huge input cannot
# bloat the log.
_MAX_LOGGED_NAME: Final = 64

_WRONG_CREDENTIALS: Final = (
    "Nom d'utilisateur ou mot de passe incorrect. Après 5 échecs, le compte est bloqué 15 minutes."
)


def authenticate(store: AccountStore, username: str, password: str) -> User:
    """Check a user name and password and return the user.

    Raises AccountLocked while the name is locked, and NotAuthenticated for wrong
    credentials, an over-long password or a disabled account. Each failure is logged with
    the user name, never the password.
    """
    name = normalize_username(username)[:_MAX_LOGGED_NAME]
    _check_not_locked(store, name)

    too_long = too_long_message(password or "")
    user = store.get_user(name)
    password_hash = store.get_password_hash(name) if user is not None else None
    if too_long or not verify_password(password or "", password_hash):
        _record_failure(store, name)
        raise NotAuthenticated(too_long or _WRONG_CREDENTIALS)

    if not user.actif:
        logger.warning("Login rejected for disabled account %r", name)
        raise NotAuthenticated("Ce compte est désactivé : contactez un administrateur.")
    store.record_login(name, success=True)
    logger.info("Login of %s", name)
    return user


def _check_not_locked(store: AccountStore, name: str) -> None:
    until = store.lock_until(name)
    if until is not None and until > store.now():
        logger.warning("Login rejected for locked user name %r until %s", name, until)
        raise AccountLocked(
            f"Trop d'échecs de connexion : ce compte est bloqué jusqu'à "
            f"{until:%H:%M} UTC. Réessayez ensuite.",
            until=until,
        )


def _record_failure(store: AccountStore, name: str) -> None:
    failures = store.record_login(name, success=False)
    logger.warning("Login failed for user name %r (%d consecutive failures)", name, failures)
    if failures >= MAX_FAILURES:
        until = store.now() + LOCK_DURATION
        store.insert_lock(name, until)
        logger.warning("User name %r locked until %s after %d failures", name, until, failures)


def open_session(store: AccountStore, user: User) -> str:
    """Create a server-side session for the user and return its token for the cookie."""
    token = secrets.token_urlsafe(32)
    store.insert_session(_digest(token), user.username, store.now() + SESSION_LIFETIME)
    return token


def login(store: AccountStore, username: str, password: str) -> tuple[User, str]:
    """Authenticate and open a session; return the user and the session token."""
    user = authenticate(store, username, password)
    return user, open_session(store, user)


def resume_session(store: AccountStore, token: str | None) -> User:
    """Return the user of a live session token.

    Raises NotAuthenticated when the token is missing, unknown, revoked or expired, or its
    account is disabled.
    """
    record = store.get_session(_digest(token)) if token else None
    if record is None or record.revoquee_le is not None or record.expire_le <= store.now():
        raise NotAuthenticated("Votre session a expiré ou a été fermée : reconnectez-vous.")
    user = store.get_user(record.username)
    if user is None or not user.actif:
        raise NotAuthenticated("Ce compte est désactivé : contactez un administrateur.")
    return user


def logout(store: AccountStore, token: str | None) -> None:
    """Revoke the session of this token; a later `resume_session` rejects it."""
    if token:
        store.revoke_session(_digest(token))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
