"""The session cookie: its name, lifetime, signing key and signed value.

The key comes from the environment variable ORION_COOKIE_KEY, else from
`[orion] cookie_key` in .streamlit/secrets.toml. When neither is set, a key from
`secrets.token_urlsafe` is appended to that file, created with mode 0600. The file is in
.gitignore, so the key is never committed.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import logging
import os
import secrets
import tomllib
from pathlib import Path
from typing import Final

from orion_data.auth.sessions import SESSION_LIFETIME
from orion_data.errors import OrionError
from orion_data.paths import PROJECT_DIR

logger = logging.getLogger(__name__)

COOKIE_NAME: Final = "orion_session"
COOKIE_MAX_AGE_SECONDS: Final = int(SESSION_LIFETIME.total_seconds())
ENV_VARIABLE: Final = "ORION_COOKIE_KEY"
SECRETS_PATH: Final = PROJECT_DIR / ".streamlit" / "secrets.toml"


def cookie_key(secrets_path: Path = SECRETS_PATH) -> str:
    """Return the cookie signing key, generating and saving it on first use."""
    from_env = os.environ.get(ENV_VARIABLE, "").strip()
    if from_env:
        return from_env

    saved = _read_key(secrets_path)
    if saved:
        return saved
    secrets_path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(secrets_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "r+", encoding="utf-8") as handle:
        # The lock makes two processes starting together agree on one key.
        fcntl.flock(handle, fcntl.LOCK_EX)
        saved = _read_key(secrets_path)
        if saved:
            return saved
        if "orion" in _read_secrets(secrets_path):
            raise OrionError(
                f"{secrets_path} a une table [orion] sans cookie_key : ajoutez-y une ligne "
                'cookie_key = "…" avec une valeur aléatoire, ou supprimez la table.'
            )
        key = secrets.token_urlsafe(32)
        handle.write(f'\n[orion]\ncookie_key = "{key}"\n')
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(secrets_path, 0o600)
    logger.info("Generated a cookie key in %s", secrets_path)
    return key


def _read_secrets(secrets_path: Path) -> dict:
    try:
        with open(secrets_path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}


def _read_key(secrets_path: Path) -> str | None:
    value = _read_secrets(secrets_path).get("orion", {}).get("cookie_key")
    return str(value) if value else None


def sign(token: str, key: str) -> str:
    """Return the cookie value for a session token: the token and its HMAC-SHA256."""
    return f"{token}.{_mac(token, key)}"


def unsign(value: str | None, key: str) -> str | None:
    """Return the session token of a cookie value, None if its signature does not match."""
    if not isinstance(value, str):
        return None
    token, _, mac = value.rpartition(".")
    if not token or not hmac.compare_digest(mac, _mac(token, key)):
        return None
    return token


def _mac(token: str, key: str) -> str:
    digest = hmac.new(key.encode("utf-8"), token.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
