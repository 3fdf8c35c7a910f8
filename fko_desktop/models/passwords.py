"""Password rules for staff logins: the policy, the lockout numbers and the Argon2id hash.

The hash comes from argon2-cffi (Argon2id with the library's defaults), so parameters follow
the library's current advice and ``needs_rehash`` upgrades old hashes at the next login. A
password is never stored, logged or put in an error message; only its hash is kept.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fko_desktop.errors import ValidationError

#: Failed logins in a row after which the account is locked …
MAX_FAILED_LOGINS = 5
#: … for this long.
LOCK_MINUTES = 15
MIN_LENGTH = 10
#: The window asks for the password again after this long without use (a setting per PC).
IDLE_LOCK_MINUTES_DEFAULT = 10

_hasher = PasswordHasher()


def check_policy(password: str, *, initials: str | None = None, name: str | None = None) -> None:
    """Refuse a password that is too easy to guess, with a Danish message (never quoting it)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Adgangskoden skal have mindst {MIN_LENGTH} tegn.", field="password")
    folded = password.strip().casefold()
    if len(set(folded)) <= 1:
        raise ValidationError("Adgangskoden må ikke bestå af det samme tegn gentaget.", field="password")
    guessable = {value.strip().casefold() for value in (initials, name) if value and value.strip()}
    if name:
        guessable.add("".join(name.split()).casefold())
    if folded in guessable or "".join(folded.split()) in guessable:
        raise ValidationError("Adgangskoden må ikke være dine initialer eller dit navn.", field="password")


def hash_password(password: str) -> str:
    """An Argon2id hash (``$argon2id$…``) carrying its own salt and parameters."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches; False for a wrong one or a missing/unreadable hash."""
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """The library's defaults moved on since this hash was made: store a fresh one."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@functools.cache
def dummy_hash() -> str:
    """A hash to verify against when the initials are unknown, so a refusal takes as long as a
    wrong password and the timing does not tell whether the initials exist."""
    return _hasher.hash("ingen-bruger-har-denne-adgangskode")
