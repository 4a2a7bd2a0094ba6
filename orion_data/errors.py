"""The exceptions Orion raises. Each message is French, names the bad value and the fix."""

from __future__ import annotations


class OrionError(Exception):
    """Base class: `str(error)` is a French message fit to show a user."""


class BuildError(OrionError):
    """A raw file cannot be read into the warehouse."""


class WarehouseMissing(OrionError):
    """The warehouse has not been built."""


class ValidationError(OrionError):
    """A user input is rejected. `errors` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(" ; ".join(self.errors.values()))


class PermissionDenied(OrionError):
    """The user's role or scope does not allow the action."""


class NotFound(OrionError):
    """A requested object does not exist (or is outside the user's scope)."""


class Conflict(OrionError):
    """The action clashes with the stored state (duplicate demand, stale version)."""


class DuplicateDemand(Conflict):
    """A live demand already exists for the same campaign, UAI, CFD, dispositif and rentrée.

    `numero` is the number of the existing demand, so a page can link to it.
    """

    def __init__(self, message: str, numero: str):
        self.numero = numero
        super().__init__(message)


class CampaignClosed(PermissionDenied):
    """The demand's campaign is not open for this action in the demand's région."""


class NotAuthenticated(OrionError):
    """The login failed, or the session is unknown, expired or revoked."""


class AccountLocked(NotAuthenticated):
    """Too many failed logins for this user name: it is locked until `until` (UTC)."""

    def __init__(self, message: str, until):
        self.until = until
        super().__init__(message)
