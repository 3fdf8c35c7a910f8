"""Turning encryption on for an existing plain unit file (``fko encrypt``).

Under the unit file's write lock (no program has it open): a backup of the plain file first,
then SQLCipher's ``sqlcipher_export`` into a private temporary file beside it, checked with
the new key (``quick_check``, the unit's uid), and only then renamed over the plain file. A
crash at any point leaves the plain file or the encrypted one (and at worst a temporary file
the next start removes). The plain file's pages are gone with the rename; its WAL is folded
in before and removed after, so no plain copy stays beside it. (Blocks the file system kept
elsewhere, or copies made before, are beyond what a program can wipe: documented.)
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from fko_desktop.errors import UnitFileError, ValidationError
from fko_desktop.storage import cipher, files, keyfile
from fko_desktop.storage.lock import UnitLock


def encrypt_unit_file(path: Path, unit_name: str, uid: str) -> bytes:
    """Encrypt the closed plain unit file at ``path`` in place; returns the new unit secret
    (remembered for this process). The key file has no slot yet: the caller adds one."""
    from fko_desktop.storage.backups import write_automatic_backup
    from fko_desktop.storage.integrity import connect_readonly

    path = path.resolve()
    if not cipher.has_sqlite_header(path):
        raise ValidationError(f"{path.name} er allerede krypteret.")
    lock = UnitLock(path)
    lock.acquire()
    staging = files.temp_name(path)
    try:
        write_automatic_backup(path, uid, "før-kryptering")
        plain = cipher.connect(path, key=None)
        try:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            plain.close()
        secret = keyfile.new_secret()
        staging.unlink(missing_ok=True)
        cipher.export_encrypted(path, staging, secret)
        os.chmod(staging, files.PRIVATE_FILE)
        check = connect_readonly(staging, key=secret)
        try:
            sound = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            row = check.execute("SELECT uid FROM unit LIMIT 1").fetchone()
        finally:
            check.close()
        if not sound or row is None or row[0] != uid:
            raise UnitFileError(f"Den krypterede kopi af {path.name} kunne ikke bekræftes; intet er ændret.")
        keyfile.save(path, keyfile.new_key_file(unit_name, secret))
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(staging, path)
        with contextlib.suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
    except cipher.Error as error:
        raise UnitFileError(f"{path.name} kunne ikke krypteres ({error}); intet er ændret.") from error
    finally:
        staging.unlink(missing_ok=True)
        lock.release()
    cipher.remember(secret)
    return secret
