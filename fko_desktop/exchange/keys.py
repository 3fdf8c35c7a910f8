"""Key pairs for bundles: standard age identity and recipient files, and fingerprints.

The identity file is exactly what ``age-keygen`` writes (comment lines, then the
``AGE-SECRET-KEY-1…`` line), so the ``age`` command-line tool reads it with ``-i``; it is
created with permissions 0600 and refused when others can read it. The recipient file holds
the ``age1…`` public key (what the other party needs) with a comment naming its owner.

The fingerprint is the first 80 bits of SHA-256 over the public key text, written as five
groups of four characters: short enough to read aloud, long enough that a forged key cannot
be made to match.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from pathlib import Path

import pyrage
from pyrage import x25519

from fko_desktop.errors import BundleError
from fko_desktop.exchange.crypto import IdentityKey, RecipientKey
from fko_desktop.storage.files import FileRefused, read_regular_file, readable_by_others, refusal_reason

MAX_KEY_FILE_BYTES = 64 * 1024


@dataclasses.dataclass(frozen=True)
class KeyPairFiles:
    identity_path: Path
    recipient_path: Path
    recipient: str
    fingerprint: str


def fingerprint(key: RecipientKey | IdentityKey | str) -> str:
    """e.g. ``"3F9A 0C21 77B4 E5D0 9A1C"`` for reading over the phone."""
    if isinstance(key, IdentityKey):
        key = key.public()
    text = key.text if isinstance(key, RecipientKey) else key.strip()
    digest = hashlib.sha256(text.encode("ascii")).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def _write_new(path: Path, text: str, mode: int) -> None:
    # O_EXCL already keeps any existing file; this names a unit file for what it is.
    reason = refusal_reason(path)
    if reason:
        raise BundleError(reason)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise BundleError(f"Filen {path} findes allerede; en nøgle overskrives aldrig.") from None
    except OSError as error:
        raise BundleError(f"Nøglefilen {path} kan ikke skrives: {error.strerror}.") from None
    # UTF-8: the owner comment names the unit, often with æ, ø or å; age ignores comment lines.
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    # os.open's mode is reduced by the umask; set it exactly.
    os.chmod(path, mode)


def create_key_pair(
    identity_path: Path | str, recipient_path: Path | str | None = None, *, label: str = ""
) -> KeyPairFiles:
    """Write a new identity (0600) and its public recipient file; never overwrites a file."""
    identity_path = Path(identity_path)
    recipient_path = (
        Path(recipient_path) if recipient_path else identity_path.with_name(identity_path.stem + ".pub")
    )
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    owner = f"# owner: {' '.join(label.split())}\n" if label.strip() else ""
    _write_new(
        identity_path,
        f"# created: {created}\n{owner}# public key: {public}\n{identity}\n",
        0o600,
    )
    try:
        _write_new(
            recipient_path,
            f"# FKO Desktop public key (send this file to the other party)\n{owner}"
            f"# fingerprint: {fingerprint(public)}\n{public}\n",
            0o644,
        )
    except BundleError:
        identity_path.unlink(missing_ok=True)
        raise
    return KeyPairFiles(identity_path, recipient_path, public, fingerprint(public))


def _key_lines(path: Path) -> list[str]:
    try:
        # A regular file only: a FIFO named as the key file would wait forever.
        text = read_regular_file(path, max_bytes=MAX_KEY_FILE_BYTES, what="Nøglefilen").decode("utf-8")
    except FileRefused as error:
        raise BundleError(error.message) from None
    except UnicodeDecodeError:
        raise BundleError(f"{path.name} er ikke en nøglefil (ugyldige tegn).") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def load_identity(path: Path | str) -> IdentityKey:
    path = Path(path)
    lines = _key_lines(path)
    if readable_by_others(path):
        # Like ssh: a private key others can read is no longer private.
        raise BundleError(
            f"Nøglefilen {path.name} kan læses af andre; ret rettighederne til 0600 (chmod 600)."
        )
    secrets = [line for line in lines if line.startswith("AGE-SECRET-KEY-1")]
    if len(secrets) != 1:
        raise BundleError(f"{path.name} er ikke en privat nøglefil (AGE-SECRET-KEY-…).")
    try:
        return IdentityKey(x25519.Identity.from_str(secrets[0]))
    except pyrage.IdentityError:
        raise BundleError(f"{path.name} indeholder en ugyldig privat nøgle.") from None


def load_recipient(path: Path | str) -> RecipientKey:
    """The public key in a recipient file; an identity file also works (its public half)."""
    path = Path(path)
    lines = _key_lines(path)
    if any(line.startswith("AGE-SECRET-KEY-1") for line in lines):
        return load_identity(path).public()
    publics = [line for line in lines if line.startswith("age1")]
    if len(publics) != 1:
        raise BundleError(f"{path.name} er ikke en offentlig nøglefil (age1…).")
    return parse_recipient(publics[0])


def parse_recipient(text: str) -> RecipientKey:
    try:
        return RecipientKey(x25519.Recipient.from_str(text.strip()))
    except pyrage.RecipientError:
        raise BundleError("Den offentlige nøgle er ugyldig.") from None
