"""Encryption of a bundle with the age format (https://age-encryption.org/v1), via pyrage.

Nothing here builds cryptography of its own: age encrypts and authenticates the whole
archive, so any changed, cut-off or appended byte makes decryption fail. A bundle is
encrypted either to a passphrase the parties agree by phone (age's scrypt recipient) or to
the recipient's public key (age's X25519 recipient), which the standard ``age`` tool can
decrypt with the matching identity file.

age does not prove who *sent* a bundle: anyone holding the recipient's public key can encrypt
to it. A passphrase is known only to the two parties and so does prove it; with keys, the
importer's checks (addressee, CPR and name, conflicts) and the preview guard the unit file.
"""

from __future__ import annotations

import dataclasses

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from fko_desktop.errors import BundleError

AGE_MAGIC = b"age-encryption.org/v1\n"
# A bundle is a few MB; a file far beyond that is not one, and is not read into memory.
MAX_BUNDLE_BYTES = 300 * 1024 * 1024

WRONG_SECRET = "Forkert adgangsfrase, eller filen er ikke til dig."
WRONG_KEY = "Bundtet kan ikke åbnes med denne nøgle: det er til en anden, eller filen er beskadiget."
DAMAGED = "Bundtet er beskadiget eller ændret undervejs og kan ikke åbnes."
CUT_OFF = "Bundtet er beskadiget eller afkortet og kan ikke åbnes; bed afsenderen sende det igen."
# age's header (recipient stanzas, then the "---" MAC line) is a few hundred bytes for the
# one recipient FKO writes; a header not ended within this is not one.
_MAX_HEADER_BYTES = 64 * 1024


@dataclasses.dataclass(frozen=True, repr=False)
class Passphrase:
    """A passphrase agreed by phone. ``repr`` hides it so it never reaches a log."""

    text: str

    def __post_init__(self) -> None:
        if len(self.text.strip()) < 8:
            raise BundleError("Adgangsfrasen skal være på mindst 8 tegn.")

    def __repr__(self) -> str:
        return "Passphrase(***)"


@dataclasses.dataclass(frozen=True)
class RecipientKey:
    """The recipient's public key: an ``age1…`` string."""

    recipient: x25519.Recipient

    @property
    def text(self) -> str:
        return str(self.recipient)


@dataclasses.dataclass(frozen=True, repr=False)
class IdentityKey:
    """Our private key, read from an identity file (see ``keys``)."""

    identity: x25519.Identity

    def __repr__(self) -> str:
        return "IdentityKey(***)"

    def public(self) -> RecipientKey:
        return RecipientKey(self.identity.to_public())


EncryptTo = Passphrase | RecipientKey
DecryptWith = Passphrase | IdentityKey


def encrypt(data: bytes, to: EncryptTo) -> bytes:
    try:
        if isinstance(to, Passphrase):
            return age_passphrase.encrypt(data, to.text)
        return pyrage.encrypt(data, [to.recipient])
    except pyrage.EncryptError as error:  # pragma: no cover - only on exhausted memory and the like
        raise BundleError(f"Bundtet kunne ikke krypteres ({error}).") from None


def scheme(data: bytes) -> str:
    """ "passphrase" or "key", read from the age header; refuses what is not an age file.

    Only a whole header says which: a file cut off after the first line says nothing about
    its recipients and must be called incomplete, not "encrypted to a key".
    """
    if not data.startswith(AGE_MAGIC):
        raise BundleError("Filen er ikke et krypteret FKO-bundt (ukendt filformat).")
    header = data[len(AGE_MAGIC) : len(AGE_MAGIC) + _MAX_HEADER_BYTES]
    mac_line = header.find(b"\n--- ")
    if not header.startswith(b"-> ") or mac_line < 0 or header.find(b"\n", mac_line + 1) < 0:
        raise BundleError(CUT_OFF)
    if header.startswith(b"-> scrypt "):
        return "passphrase"
    return "key"


def decrypt(data: bytes, secret: DecryptWith) -> bytes:
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("Filen er for stor til at være et FKO-bundt.")
    kind = scheme(data)
    if isinstance(secret, Passphrase) and kind == "key":
        raise BundleError(
            "Bundtet er krypteret til en nøgle, ikke en adgangsfrase; åbn det med din nøglefil."
        )
    if isinstance(secret, IdentityKey) and kind == "passphrase":
        raise BundleError("Bundtet er krypteret med en adgangsfrase, ikke til en nøgle; angiv adgangsfrasen.")
    try:
        if isinstance(secret, Passphrase):
            return age_passphrase.decrypt(data, secret.text)
        return pyrage.decrypt(data, [secret.identity])
    except pyrage.DecryptError as error:
        raise BundleError(_decrypt_message(str(error), secret)) from None


def _decrypt_message(reason: str, secret: DecryptWith) -> str:
    # age cannot tell a wrong secret from a damaged header (both fail the same check), but it
    # does tell "no stanza for this key" and "the payload is damaged" apart.
    reason = reason.lower()
    if "no matching keys" in reason:
        return WRONG_KEY if isinstance(secret, IdentityKey) else WRONG_SECRET
    if isinstance(secret, Passphrase) and "decryption failed" in reason:
        return WRONG_SECRET
    # "failed to fill whole buffer" is Rust's "unexpected end of file".
    if "truncated" in reason or "failed to fill whole buffer" in reason:
        return CUT_OFF
    return DAMAGED
