"""The key file of an encrypted unit: the unit secret wrapped once per staff password.

``Bostedet.fko.keys`` (JSON, private to the user, written atomically) lies beside the unit
file and beside each of its backups. It names the unit, holds a check value of the key
(``cipher.key_check``) and one slot per staff member with a password: the staff id, the
initials, and the unit secret encrypted to an age X25519 recipient whose identity is derived
from the password with Argon2id (argon2-cffi, RFC 9106's second recommended parameters;
salt and parameters stored in the slot). Both are reviewed constructions from maintained
libraries; nothing here is a cipher of its own. A reset password replaces that member's slot,
so a leder's reset works; wrong passwords are counted per slot, and too many lock the slot
for a while, as a login does in a plain file.

The recovery key printed for the administrator at creation is the unit secret itself, with
a checksum, in groups of four characters: it opens the file even where the key file is lost
(a file copied without it), and ``fko recover`` writes a new key file and a new password.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

import pyrage
from argon2.low_level import Type, hash_secret_raw

from fko_desktop.errors import FkoError, LoginRefused, UnitFileError, ValidationError
from fko_desktop.storage import cipher, files

FORMAT = "fko-desktop-keys"
VERSION = 1
#: Argon2id with RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes): ≈0.1 s.
KDF_PARAMS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
SALT_BYTES = 16
RECOVERY_CHECKSUM_BYTES = 3
WRONG = "Forkerte initialer eller adgangskode."

try:
    from fko_desktop.models.passwords import LOCK_MINUTES, MAX_FAILED_LOGINS
except ImportError:  # pragma: no cover - the login rules come with the same issue
    MAX_FAILED_LOGINS, LOCK_MINUTES = 5, 15


def new_secret() -> bytes:
    return secrets.token_bytes(cipher.KEY_BYTES)


# -- age identities from a password --------------------------------------------------------
# age's X25519 identities are Bech32 strings (BIP-173); this is the reference encoder, only
# to write 32 derived bytes in the form pyrage reads. The encryption is age's.

_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            if (top >> i) & 1:
                check ^= generator
    return check


def _bech32(hrp: str, data: bytes) -> str:
    bits, acc, groups = 0, 0, []
    for byte in data:
        acc, bits = (acc << 8) | byte, bits + 8
        while bits >= 5:
            bits -= 5
            groups.append((acc >> bits) & 31)
    if bits:
        groups.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _polymod(expanded + groups + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32[g] for g in groups + checksum)


def _identity(password: str, salt: bytes, params: dict[str, int]) -> pyrage.x25519.Identity:
    derived = hash_secret_raw(password.encode("utf-8"), salt, hash_len=32, type=Type.ID, **params)
    return pyrage.x25519.Identity.from_str(_bech32("age-secret-key-", derived).upper())


def drafts_identity(secret: bytes) -> pyrage.x25519.Identity:
    """The age identity an encrypted unit's drafts are encrypted to: derived from the unit
    secret (domain-separated, so it is never the database key itself)."""
    derived = hashlib.sha256(b"fko-desktop drafts v1\0" + secret).digest()
    return pyrage.x25519.Identity.from_str(_bech32("age-secret-key-", derived).upper())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wrap(secret: bytes, password: str) -> dict[str, Any]:
    """The secret encrypted under ``password``: salt, parameters and age ciphertext."""
    salt = secrets.token_bytes(SALT_BYTES)
    identity = _identity(password, salt, KDF_PARAMS)
    wrapped = pyrage.encrypt(secret, [identity.to_public()])
    return {"kdf": "argon2id", "salt": _b64(salt), "params": dict(KDF_PARAMS), "wrapped": _b64(wrapped)}


def unwrap(slot: dict[str, Any], password: str) -> bytes | None:
    """The secret from a slot, or None for a wrong password (or a damaged slot)."""
    try:
        params = {name: int(slot["params"][name]) for name in KDF_PARAMS}
        identity = _identity(password, base64.b64decode(slot["salt"]), params)
        secret = pyrage.decrypt(base64.b64decode(slot["wrapped"]), [identity])
    except (KeyError, TypeError, ValueError, pyrage.DecryptError, pyrage.IdentityError):
        return None
    return secret if len(secret) == cipher.KEY_BYTES else None


# -- the file ------------------------------------------------------------------------------


def load(unit_path: Path) -> dict[str, Any]:
    data = cipher.read_key_file_json(unit_path)
    if data is None:
        raise UnitFileError(
            f"Nøglefilen {cipher.key_path_for(unit_path).name} mangler eller kan ikke læses; "
            "den krypterede enhedsfil åbnes da kun med gendannelsesnøglen (»fko recover«)."
        )
    return data


def save(unit_path: Path, data: dict[str, Any]) -> None:
    files.write_companion(cipher.key_path_for(unit_path), json.dumps(data, indent=1).encode("utf-8"))


def new_key_file(unit_name: str, secret: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "unit_name": unit_name,
        "key_check": cipher.key_check(secret),
        "slots": [],
    }


def set_slot(unit_path: Path, secret: bytes, staff_id: int, initials: str, password: str) -> None:
    """Add or replace the slot of one staff member (a password set, changed or reset)."""
    data = load(unit_path)
    if data.get("key_check") != cipher.key_check(secret):
        raise UnitFileError("Nøglefilen hører ikke til denne enhedsfil; adgangskoden er ikke gemt i den.")
    slots = [slot for slot in data.get("slots", []) if slot.get("staff_id") != staff_id]
    slots.append(
        {"staff_id": staff_id, "initials": initials, "failed_logins": 0, "locked_until": None}
        | wrap(secret, password)
    )
    data["slots"] = slots
    save(unit_path, data)


def remove_slot(unit_path: Path, staff_id: int) -> None:
    data = load(unit_path)
    data["slots"] = [slot for slot in data.get("slots", []) if slot.get("staff_id") != staff_id]
    save(unit_path, data)


def _find(data: dict[str, Any], initials: str) -> dict[str, Any] | None:
    wanted = initials.strip().casefold()
    return next(
        (slot for slot in data.get("slots", []) if str(slot.get("initials", "")).casefold() == wanted), None
    )


def _locked_until(slot: dict[str, Any]) -> dt.datetime | None:
    value = slot.get("locked_until")
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _save_quietly(unit_path: Path, data: dict[str, Any]) -> None:
    # A key file that cannot be written (a read-only medium) still unlocks; only the count is lost.
    with contextlib.suppress(FkoError, OSError):
        save(unit_path, data)


def unlock(unit_path: Path, initials: str, password: str, *, now: dt.datetime | None = None) -> bytes | None:
    """The key of an encrypted unit for this person's password, or None (wrong initials or
    password, counted). A slot locked after too many failures raises ``LoginRefused``."""
    now = now or dt.datetime.now(dt.UTC)
    data = load(unit_path)
    slot = _find(data, initials)
    if slot is None:
        # The same work as a real try, so the time taken does not tell whether the initials exist.
        _identity(password, b"\0" * SALT_BYTES, KDF_PARAMS)
        return None
    until = _locked_until(slot)
    if until is not None and until > now:
        raise LoginRefused(_locked_message(until), locked_until=until)
    secret = unwrap(slot, password)
    if secret is None or cipher.key_check(secret) != data.get("key_check"):
        slot["failed_logins"] = int(slot.get("failed_logins") or 0) + 1
        if slot["failed_logins"] >= MAX_FAILED_LOGINS:
            locked = now + dt.timedelta(minutes=LOCK_MINUTES)
            slot["failed_logins"], slot["locked_until"] = 0, locked.isoformat()
            _save_quietly(unit_path, data)
            raise LoginRefused(_locked_message(locked), locked_until=locked)
        _save_quietly(unit_path, data)
        return None
    if slot.get("failed_logins") or slot.get("locked_until"):
        slot["failed_logins"], slot["locked_until"] = 0, None
        _save_quietly(unit_path, data)
    cipher.remember(secret)
    return secret


def _locked_message(until: dt.datetime) -> str:
    local = until.astimezone().strftime("%d.%m.%Y kl. %H.%M")
    return (
        f"Kontoen er låst efter {MAX_FAILED_LOGINS} forkerte forsøg, indtil {local}. Prøv igen "
        "derefter, eller bed en leder om en ny adgangskode."
    )


# -- the recovery key ----------------------------------------------------------------------


def recovery_key(secret: bytes) -> str:
    """The printable recovery key: the secret and a checksum, base32 in groups of four."""
    checksum = hashlib.sha256(secret).digest()[:RECOVERY_CHECKSUM_BYTES]
    text = base64.b32encode(secret + checksum).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def secret_from_recovery_key(text: str) -> bytes:
    """The secret from a typed recovery key; spaces, dashes, case and 0/O, 1/I, 8/B mix-ups
    do not matter. A mistyped key is refused in Danish."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raw = b""
    secret, checksum = raw[: cipher.KEY_BYTES], raw[cipher.KEY_BYTES :]
    if (
        len(secret) != cipher.KEY_BYTES
        or hashlib.sha256(secret).digest()[:RECOVERY_CHECKSUM_BYTES] != checksum
    ):
        raise ValidationError(
            "Gendannelsesnøglen er ikke skrevet rigtigt af; kontrollér grupperne og prøv igen.",
            field="recovery_key",
        )
    return secret


def unlock_with_recovery_key(unit_path: Path, text: str) -> bytes:
    """The key of an encrypted unit from its typed recovery key (remembered for this process).

    Where the key file is lost, a new one (with no slot yet) is written first, naming the unit
    as the file does; a key file of another unit secret is never replaced. Refused in Danish for
    a plain file or a key that does not open this one.
    """
    from fko_desktop.storage.integrity import connect_readonly

    if not unit_path.is_file():
        raise UnitFileError(f"Filen {unit_path} findes ikke.")
    if cipher.has_sqlite_header(unit_path):
        raise ValidationError(
            f"{unit_path.name} er ikke krypteret; en glemt adgangskode nulstilles af en leder eller "
            "administrator."
        )
    secret = secret_from_recovery_key(text)
    wrong = ValidationError(f"Gendannelsesnøglen passer ikke til {unit_path.name}.", field="recovery_key")
    data = cipher.read_key_file_json(unit_path)
    if data is not None and data.get("key_check") != cipher.key_check(secret):
        raise wrong
    if data is None:
        try:
            connection = connect_readonly(
                unit_path, immutable=not Path(f"{unit_path}-wal").exists(), key=secret
            )
        except UnitFileError:
            raise wrong from None
        try:
            row = connection.execute("SELECT name FROM unit LIMIT 1").fetchone()
        except cipher.Error as error:
            raise UnitFileError(f"{unit_path.name} kan ikke læses ({error}).") from error
        finally:
            connection.close()
        if row is None:
            raise UnitFileError(f"{unit_path.name} er ikke en hel enhedsfil (enheden mangler).")
        save(unit_path, new_key_file(str(row[0]), secret))
    cipher.remember(secret)
    return secret


def recovery_text(unit_name: str, unit_path: Path, key: str) -> str:
    """The recovery key as a page to print and lock away."""
    return (
        f"FKO Desktop — Gendannelsesnøgle\n\n"
        f"Enhed: {unit_name}\nEnhedsfil: {unit_path.name}\n"
        f"Lavet: {dt.datetime.now().astimezone().strftime('%d.%m.%Y kl. %H.%M')}\n\n"
        f"    {key}\n\n"
        "Enhedsfilen er krypteret. Nøglen ovenfor åbner den, hvis administratorens adgangskode er\n"
        "glemt, eller hvis nøglefilen (" + cipher.key_path_for(unit_path).name + ") er gået tabt:\n"
        f"kør »fko recover {unit_path.name}«, skriv nøglen, og vælg en ny adgangskode.\n\n"
        "Opbevar siden aflåst, adskilt fra pc'en. Enhver med nøglen kan læse hele enhedsfilen.\n"
    )


def write_recovery_pdf(target: Path, unit_name: str, unit_path: Path, key: str) -> Path:
    """The recovery page as a PDF (reportlab), written privately; never over an existing file."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle("Gendannelsesnøgle")
    width, height = A4
    y = height - 72
    for number, line in enumerate(recovery_text(unit_name, unit_path, key).splitlines()):
        if line.strip() == key:
            page.setFont("Courier-Bold", 15)
        else:
            page.setFont("Helvetica-Bold" if number == 0 else "Helvetica", 16 if number == 0 else 10.5)
        page.drawString(56, y, line.strip() if line.strip() == key else line)
        y -= 22 if number == 0 or line.strip() == key else 15
    page.showPage()
    page.save()
    return files.write_file(target, buffer.getvalue())


def remove_key_file(unit_path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(cipher.key_path_for(unit_path))
