"""Account management: create, change role and scope, disable, enable, set the password.

Every change appends a row to the account's audit trail in the store. Changing the role,
the password or disabling an account revokes its open sessions, so the change applies at
once rather than at the next login.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Final

from orion_data.auth.model import NATIONAL_ROLES, UAI_ROLES, Role, User
from orion_data.auth.passwords import hash_password
from orion_data.errors import NotFound, ValidationError
from orion_data.store.base import AccountStore

logger = logging.getLogger(__name__)

_USERNAME: Final = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")
_REGION: Final = re.compile(r"[0-9A-Z]{2,3}")
_UAI: Final = re.compile(r"[0-9]{7}[A-Z]")


def normalize_username(username: str) -> str:
    """Return the user name in its stored form: trimmed and lower-case."""
    return (username or "").strip().lower()


def check_username(username: str) -> str:
    """Return the normalized user name; raise ValidationError if it is not allowed."""
    name = normalize_username(username)
    if not _USERNAME.fullmatch(name):
        raise ValidationError(
            {
                "username": f"Le nom d'utilisateur « {username} » n'est pas valide : 2 à 64 "
                "caractères parmi les lettres minuscules, chiffres, point, tiret, tiret bas "
                "et @, en commençant par une lettre ou un chiffre."
            }
        )
    return name


def parse_role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValidationError(
            {"role": f"Rôle « {role} » inconnu : choisissez {choices}."}
        ) from None


def check_scope(
    role: Role, code_region: str | None, uais: Iterable[str] | None
) -> tuple[str | None, tuple[str, ...]]:
    """Return the scope a role needs: nothing, a région code or a list of UAIs."""
    region = (code_region or "").strip().upper() or None
    uai_list = tuple(sorted({u.strip().upper() for u in (uais or ()) if u.strip()}))

    if role in NATIONAL_ROLES:
        if region or uai_list:
            raise ValidationError(
                {"scope": f"Le rôle {role.value} est national : ne donnez ni région ni UAI."}
            )
        return None, ()
    if role in UAI_ROLES:
        bad = [u for u in uai_list if not _UAI.fullmatch(u)]
        if region or not uai_list or bad:
            raise ValidationError(
                {
                    "uais": f"Le rôle {role.value} porte sur des établissements : donnez une ou "
                    "plusieurs UAI (7 chiffres et une lettre) et aucune région"
                    + (f" ; UAI invalide : {bad[0]}." if bad else ".")
                }
            )
        return None, uai_list
    if uai_list or not region or not _REGION.fullmatch(region):
        raise ValidationError(
            {
                "code_region": f"Le rôle {role.value} porte sur une région : donnez son code "
                f"(par exemple 84 ou 11) et aucune UAI (reçu « {code_region or ''} »)."
            }
        )
    return region, ()


def create_user(
    store: AccountStore,
    username: str,
    role: str | Role,
    password: str | None = None,
    code_region: str | None = None,
    uais: Iterable[str] | None = None,
    nom: str = "",
    par: str = "cli",
) -> User:
    """Create an account; without a password it cannot log in until one is set.

    Raises ValidationError (name, role, scope or password policy) and Conflict when the
    name is taken.
    """
    name = check_username(username)
    parsed_role = parse_role(role)
    region, uai_list = check_scope(parsed_role, code_region, uais)
    password_hash = hash_password(password) if password is not None else None

    user = User(username=name, role=parsed_role, nom=nom.strip(), code_region=region, uais=uai_list)
    store.insert_user(user, password_hash, par)
    logger.info("Account %s created by %s with role %s", name, par, parsed_role.value)
    return _get(store, name)


def set_role(
    store: AccountStore,
    username: str,
    role: str | Role,
    code_region: str | None = None,
    uais: Iterable[str] | None = None,
    par: str = "cli",
) -> User:
    """Change an account's role and scope, and revoke its sessions."""
    name = _get(store, username).username
    parsed_role = parse_role(role)
    region, uai_list = check_scope(parsed_role, code_region, uais)
    changes = {"role": parsed_role.value, "code_region": region, "uais": uai_list}
    store.update_user(name, changes, par, "set-role")
    store.revoke_user_sessions(name)
    logger.info("Account %s given role %s by %s", name, parsed_role.value, par)
    return _get(store, name)


def set_password(store: AccountStore, username: str, password: str, par: str = "cli") -> User:
    """Check the policy, store the new hash and revoke the account's sessions."""
    name = _get(store, username).username
    store.update_user(name, {"password_hash": hash_password(password)}, par, "set-password")
    store.revoke_user_sessions(name)
    logger.info("Password of account %s set by %s", name, par)
    return _get(store, name)


def disable_user(store: AccountStore, username: str, par: str = "cli") -> User:
    """Disable an account: it can no longer log in, and its sessions end now."""
    name = _get(store, username).username
    store.update_user(name, {"actif": False}, par, "disable")
    store.revoke_user_sessions(name)
    logger.info("Account %s disabled by %s", name, par)
    return _get(store, name)


def enable_user(store: AccountStore, username: str, par: str = "cli") -> User:
    name = _get(store, username).username
    store.update_user(name, {"actif": True}, par, "enable")
    logger.info("Account %s enabled by %s", name, par)
    return _get(store, name)


def _get(store: AccountStore, username: str) -> User:
    user = store.get_user(normalize_username(username))
    if user is None:
        raise NotFound(
            f"L'utilisateur « {username} » n'existe pas. "
            "Listez les comptes avec « python -m orion_data.users list »."
        )
    return user
