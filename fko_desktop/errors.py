"""Errors a user can cause.

Every exception here carries a clear Danish message meant for the person at the keyboard:
the window shows it in a dialog, the `fko` command prints it on one line. Nothing else from
the core should ever reach a user as a traceback.
"""

from __future__ import annotations


class FkoError(Exception):
    """Base class: ``str(error)`` is the one-line Danish message for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        # The name of the input field the message belongs to, so a form can show it
        # next to that field instead of in a dialog.
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(FkoError):
    """Input breaks an FKO rule (a score of 5, a score without an observation, ...)."""


class InvalidScore(ValidationError):
    """A score outside 0–4 / "Ikke vurderet"."""


class InvalidCpr(ValidationError):
    """A CPR number that is not DDMMYY-SSSS with a real date."""


class NotFound(FkoError):
    """A citizen, goal or note the user referred to does not exist."""


class UnitFileError(FkoError):
    """The unit file cannot be used: damaged, foreign, missing, too new."""


class UnitFileLocked(UnitFileError):
    """Another process has the unit file open for writing."""


class ReadOnlyError(FkoError):
    """A write was attempted on a unit file opened read-only."""


class BundleError(FkoError):
    """An exchange bundle that cannot be read, is not for this unit, or would damage records."""


class LoginRefused(FkoError):
    """Wrong initials or password, a locked or inactive account (issue 13). ``locked_until``
    is set while the account is locked, so the login screen can show until when."""

    def __init__(self, message: str, *, locked_until: object | None = None) -> None:
        super().__init__(message, field="password")
        self.locked_until = locked_until


class PasswordChangeRequired(FkoError):
    """The password was right but is a one-time password (or none is chosen yet, in a migrated
    unit): the person chooses their own before anything else."""

    def __init__(self, message: str, *, first_password: bool = False) -> None:
        super().__init__(message, field="password")
        #: True: a migrated unit's first leder, who has no password yet and chooses one.
        self.first_password = first_password


class PermissionDenied(FkoError):
    """The acting staff member's role (or department) does not allow this write (issue 13).
    Raised by the core, whatever the window greys out."""
