"""The password policy and bcrypt hashing."""

from __future__ import annotations

import functools
from typing import Final

import bcrypt

from orion_data.errors import ValidationError

MIN_LENGTH: Final = 8
MAX_LENGTH: Final = 128
# bcrypt reads at most 72 bytes, and bcrypt 5 raises on a longer password rather than
# silently ignoring the rest, so longer passwords are rejected up front.
MAX_BYTES: Final = 72

# bcrypt cost factor. Tests lower it to keep hashing fast.
rounds: int = 12


@functools.cache
def _dummy_hash(cost: int) -> bytes:
    """Return a hash to check when the user name is unknown, at the same cost as real ones."""
    return bcrypt.hashpw(b"orion-no-such-user", bcrypt.gensalt(rounds=cost))


def too_long_message(password: str) -> str | None:
    """Return the French message for an over-long password, None if its length is fine."""
    if len(password) > MAX_LENGTH or len(password.encode("utf-8")) > MAX_BYTES:
        return (
            f"Le mot de passe est trop long : au plus {MAX_LENGTH} caractères et "
            f"{MAX_BYTES} octets (un caractère accentué compte pour 2 octets). "
            "Choisissez-en un plus court."
        )
    return None


def check_password_policy(password: str) -> None:
    """Raise ValidationError (field `password`) listing every rule the password breaks.

    A password has 8 characters or more, within 72 bytes, with a lower-case letter, an
    upper-case letter, a digit and a symbol, and no space at either end.
    """
    too_long = too_long_message(password)
    if too_long:
        raise ValidationError({"password": too_long})

    missing = []
    if len(password) < MIN_LENGTH:
        missing.append(f"au moins {MIN_LENGTH} caractères")
    if not any(c.islower() for c in password):
        missing.append("une minuscule")
    if not any(c.isupper() for c in password):
        missing.append("une majuscule")
    if not any(c.isdigit() for c in password):
        missing.append("un chiffre")
    if not any(not c.isalnum() and not c.isspace() for c in password):
        missing.append("un symbole (par exemple ! ? # - _)")
    if password != password.strip():
        missing.append("aucun espace au début ni à la fin")
    if missing:
        raise ValidationError(
            {"password": "Le mot de passe doit contenir " + ", ".join(missing) + "."}
        )


def hash_password(password: str) -> str:
    """Check the policy, then return the bcrypt hash of the password."""
    check_password_policy(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode()


def verify_password(password: str, password_hash: str | None) -> bool:
    """Return whether the password matches the hash; False for an over-long password.

    Without a hash, a dummy hash is checked all the same so the time taken does not tell
    whether the account exists.
    """
    if too_long_message(password):
        return False
    # streamlit-authenticator's Hasher runs bcrypt.checkpw on the UTF-8 bytes, which is sound
    # once over-long passwords are rejected above. It is imported here because importing the
    # library loads Streamlit, which the account CLI does not need.
    from streamlit_authenticator.utilities.hasher import Hasher

    if not password_hash:
        Hasher.check_pw(password, _dummy_hash(rounds).decode())
        return False
    return Hasher.check_pw(password, password_hash)
