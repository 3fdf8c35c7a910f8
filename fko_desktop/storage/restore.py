"""Putting a backup back in place of a unit file, with the current file backed up first.

The order is what makes it safe: the backup is checked read-only (a sound FKO unit file of
a known schema, ``quick_check`` ok) and must be of the same unit (its uid) as the file it
replaces; the unit file's write lock is taken, so no program has it open while it is
swapped, and held until the end; the current file is backed up into the unit's automatic
backups ("før gendannelse"); the backup is copied beside the unit file through SQLite's
backup API (so a backup still in WAL mode comes whole), checked again, and only then
renamed over the unit file. A crash at any point leaves the old file or the restored one,
and at worst a temporary file the next start removes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from fko_desktop.errors import UnitFileError, UnitFileLocked
from fko_desktop.storage import chain_head, cipher, files, paths
from fko_desktop.storage.backup import write_backup
from fko_desktop.storage.backups import REASON_RESTORE, REASON_RESTORE_RAW, backup_file_name
from fko_desktop.storage.integrity import connect_readonly, inspect_unit_file, verify_header
from fko_desktop.storage.lock import UnitLock
from fko_desktop.storage.schema import APPLICATION_ID

_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclasses.dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file now restored, from which backup, and where the old one is."""

    unit_path: Path
    backup_path: Path
    unit_name: str
    #: The copy of the file as it was just before (None: there was no file to copy).
    previous_copy: Path | None


def unit_identity(path: Path) -> tuple[str, str]:
    """The (uid, name) of the unit a checked file belongs to."""
    try:
        # Immutable: a read-only look at a WAL-mode file would leave -wal/-shm beside it, and
        # the uid is the same in every version of the file.
        connection = connect_readonly(path, immutable=True, key=cipher.key_for(path))
    except cipher.Error as error:
        raise UnitFileError(f"{path.name} kan ikke åbnes: {error}.") from error
    try:
        row = connection.execute("SELECT uid, name FROM unit LIMIT 1").fetchone()
    except cipher.Error as error:
        raise UnitFileError(f"{path.name} er ikke en hel enhedsfil ({error}).") from error
    finally:
        connection.close()
    if row is None:
        raise UnitFileError(f"{path.name} er ikke en hel enhedsfil (enheden mangler).")
    return str(row[0]), str(row[1])


def check_backup(backup_path: Path) -> tuple[str, str]:
    """Refuse a missing, foreign, damaged or too new backup; return its unit's (uid, name)."""
    try:
        inspection = inspect_unit_file(backup_path)
    except UnitFileError as error:
        reason = error.message.removesuffix("; åbn en sikkerhedskopi i stedet.").rstrip(".")
        raise UnitFileError(f"{reason}; den gendannes ikke, vælg en anden sikkerhedskopi.") from error
    if inspection.problems:
        raise UnitFileError(
            f"Sikkerhedskopien {backup_path.name} indeholder noget, FKO Desktop ikke selv har lavet; "
            "den gendannes ikke."
        )
    return unit_identity(backup_path)


def _current_identity(unit_path: Path) -> tuple[str, str] | None:
    """The unit the current file belongs to; None when it cannot be read (it is damaged)."""
    try:
        verify_header(unit_path)
        return unit_identity(unit_path)
    except UnitFileError:
        return None


def locked_refusal(locked: UnitFileLocked) -> UnitFileLocked:
    """A unit file another program has open, said as a refused restore."""
    who = locked.message.split(";")[0].rstrip(".")
    return UnitFileLocked(f"{who}; den kan ikke gendannes, mens den er åben. Intet er ændret.")


def _lock(unit_path: Path) -> UnitLock:
    """The unit file's write lock, so no program (this one included) has it open meanwhile."""
    lock = UnitLock(unit_path)
    try:
        lock.acquire()
    except UnitFileLocked as locked:
        raise locked_refusal(locked) from None
    return lock


def _foreign_database(unit_path: Path) -> bool:
    """Another program's SQLite database: never replaced, whatever the user picked."""
    found = files.sqlite_application_id(unit_path)
    return found is not None and found != APPLICATION_ID


def _copy_damaged(unit_path: Path, folder: Path) -> Path:
    """A byte copy of a file SQLite cannot read, so even a damaged file is kept before it goes."""
    target = folder / backup_file_name(_now(), REASON_RESTORE_RAW)
    files.check_target(target, replace=False)
    temporary = files.temp_name(target)
    try:
        shutil.copyfile(unit_path, temporary)
        os.chmod(temporary, files.PRIVATE_FILE)
        _fsync(temporary)
        keys = cipher.key_path_for(unit_path)
        if keys.is_file():
            # An encrypted file this process has no key for is kept openable by its passwords.
            files.write_companion(cipher.key_path_for(target), keys.read_bytes())
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UnitFileError(
            f"Den nuværende {unit_path.name} kunne ikke gemmes før gendannelsen ({error.strerror}); "
            "intet er ændret."
        ) from error
    return target


def _keep_current(unit_path: Path, folder: Path, *, readable: bool) -> Path:
    """Back the current file up; one SQLite cannot copy (damaged, an interrupted change beside
    it) is kept byte for byte instead, since it may hold what the backup lacks."""
    if readable:
        try:
            return write_backup(unit_path, folder, target=folder / backup_file_name(_now(), REASON_RESTORE))
        except UnitFileError:
            pass
    return _copy_damaged(unit_path, folder)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _place_key_file(staging: Path, unit_path: Path) -> None:
    """An encrypted backup's key file comes along with it: its slots match the password hashes
    in the restored file (the passwords of the day the backup was made), as in a plain restore.
    The unit secret is the same, so the backup itself was read with today's password."""
    if cipher.read_key_file_json(staging) is None:
        return  # a plain backup
    files.write_companion(cipher.key_path_for(unit_path), cipher.key_path_for(staging).read_bytes())


def restore_backup(
    backup_path: Path | str, unit_path: Path | str, *, authorize: Callable[[], None] | None = None
) -> RestoreResult:
    """Replace ``unit_path`` with ``backup_path``; refusals are Danish and change nothing.

    ``authorize`` (the administrator's login) runs once the backup and the file are known to
    fit, so a wrong file is refused before anyone is asked to prove who they are."""
    backup_path = Path(backup_path).resolve()
    unit_path = Path(unit_path).resolve()
    if backup_path == unit_path:
        raise UnitFileError("Sikkerhedskopien og enhedsfilen er den samme fil.")
    uid, name = check_backup(backup_path)
    if not unit_path.parent.is_dir():
        raise UnitFileError(f"Mappen {unit_path.parent} findes ikke.")
    existing = unit_path.exists()
    current = _current_identity(unit_path) if existing else None
    if current is not None and current[0] != uid:
        raise UnitFileError(
            f"Sikkerhedskopien {backup_path.name} er af enheden »{name}«, men {unit_path.name} er "
            f"enheden »{current[1]}«; den gendannes ikke."
        )
    if existing and current is None and _foreign_database(unit_path):
        raise UnitFileError(f"{unit_path.name} er et andet programs database; intet er ændret.")
    if authorize is not None:
        authorize()
    lock = _lock(unit_path) if existing else None
    try:
        folder = files.private_dir(paths.unit_backup_dir(uid))
        previous = None
        if existing:
            previous = _keep_current(unit_path, folder, readable=current is not None)
        staging = files.temp_name(unit_path)
        try:
            write_backup(backup_path, unit_path.parent, target=staging)
            if check_backup(staging)[0] != uid:  # pragma: no cover - the copy is the backup
                raise UnitFileError("Kopien af sikkerhedskopien kunne ikke bekræftes; intet er ændret.")
            for suffix in _SIDE_FILES:
                # The old file's WAL or journal would be applied to the restored file. What
                # they held is in the copy just made of the current file.
                Path(f"{unit_path}{suffix}").unlink(missing_ok=True)
            os.chmod(staging, files.PRIVATE_FILE)
            _place_key_file(staging, unit_path)
            os.replace(staging, unit_path)
            _fsync_dir(unit_path.parent)
            # The older file is put back on purpose: its shorter chains are not a cut. The
            # next open verifies them from the first row and records their heads anew.
            chain_head.replace(uid, unit_path, {})
        finally:
            staging.unlink(missing_ok=True)
            cipher.key_path_for(staging).unlink(missing_ok=True)
    finally:
        if lock is not None:
            lock.release()
    return RestoreResult(unit_path, backup_path, name, previous)
