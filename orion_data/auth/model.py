"""Accounts: the roles and the user record with its scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final


class Role(StrEnum):
    ADMIN = "admin"
    PILOTE = "pilote"
    ADMIN_REGION = "admin_region"
    GESTIONNAIRE_REGION = "gestionnaire_region"
    PILOTE_REGION = "pilote_region"
    EXPERT_REGION = "expert_region"
    REGION = "region"
    PERDIR = "perdir"
    INVITE = "invite"


NATIONAL_ROLES: Final = frozenset({Role.ADMIN, Role.PILOTE})
UAI_ROLES: Final = frozenset({Role.PERDIR})
REGIONAL_ROLES: Final = frozenset(Role) - NATIONAL_ROLES - UAI_ROLES


@dataclass(frozen=True)
class User:
    """An account. Its scope is national, one région (`code_region`) or a list of UAIs.

    A regional role without `code_region`, or a perdir without UAIs, has an empty scope and
    can read nothing.
    """

    username: str
    role: Role
    nom: str = ""
    code_region: str | None = None
    uais: tuple[str, ...] = ()
    actif: bool = True
    cree_le: datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def has_empty_scope(self) -> bool:
        if self.role in NATIONAL_ROLES:
            return False
        if self.role in UAI_ROLES:
            return not self.uais
        return not self.code_region
