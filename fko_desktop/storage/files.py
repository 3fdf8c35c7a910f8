"""The one way the product writes and reads a file it did not create itself.

Every file FKO Desktop makes (reports, bundles, keys, backups, drafts, exports, logs) goes
through ``write_file`` or ``atomic_path``: a temporary name in the target folder, fsync,
rename, fsync of the folder, so a crash or a power cut leaves either the old file or the
whole new one. Both refuse to write over a unit file (the open one, any other, a backup)
or its companions, and over any existing file unless the caller says the user chose to
replace it. Files are created private to the user (0600 in 0700 folders); on Windows the
user's own profile folders already carry a user-only ACL, which new files inherit.

``read_regular_file`` is the bounded reader for anything that comes in from outside
(bundles, passphrase and key files): regular files only, so ``/dev/zero`` or a FIFO is
refused instead of read without end or waited on forever.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fko_desktop.errors import FkoError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

#: Temporary files carry the writer's process id, so a later start can tell a leftover of a
#: killed writer (process gone) from one another program is writing right now.
TEMP_SUFFIX = ".fko-tmp"
#: Where the process id cannot be checked (Windows), a temp file this old is a leftover.
STALE_AFTER_SECONDS = 24 * 3600

_SQLITE_HEADER = b"SQLite format 3\x00"
_APPLICATION_ID = 0x464B4F31  # storage.schema.APPLICATION_ID, repeated to avoid an import cycle
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock", ".keys")
# What SQLite may leave beside a temporary database (a backup copies the WAL-mode header).
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")

# The unit files this process has open; their companions are refused as well.
_open_units: set[Path] = set()


class FileRefused(FkoError):
    """A file the product will not write (or read): the user gets the reason, nothing changes."""


def register_open_unit(path: Path) -> None:
    _open_units.add(_real(path))


def unregister_open_unit(path: Path) -> None:
    _open_units.discard(_real(path))


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def sqlite_application_id(path: Path) -> int | None:
    """The application id in an SQLite file's header; None for a file that is not SQLite."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        return None
    return int.from_bytes(header[68:72], "big")


def is_unit_file(path: Path) -> bool:
    """True for any FKO unit file or backup, judged by its header, not its name; an encrypted
    one (no SQLite header) by its key file beside it."""
    if sqlite_application_id(path) == _APPLICATION_ID:
        return True
    from fko_desktop.storage import cipher  # cipher reads key files through this module

    return cipher.is_encrypted(path)


def refusal_reason(path: Path) -> str | None:
    """Why ``path`` must never be written over, or None."""
    real = _real(path)
    for unit in _open_units:
        if (
            real == unit
            or real.name in {unit.name + suffix for suffix in _COMPANION_SUFFIXES}
            and real.parent == unit.parent
        ):
            return f"»{path.name}« er den åbne enhedsfil eller hører til den; vælg et andet filnavn."
    if real.name.endswith(_COMPANION_SUFFIXES):
        stem = real.name
        for suffix in _COMPANION_SUFFIXES:
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        if is_unit_file(real.with_name(stem)):
            return f"»{path.name}« hører til enhedsfilen {stem}; vælg et andet filnavn."
    if is_unit_file(real):
        return (
            f"»{path.name}« er en FKO-enhedsfil eller sikkerhedskopi og overskrives aldrig; "
            "vælg et andet filnavn."
        )
    return None


def check_target(path: Path, *, replace: bool) -> None:
    """Refuse a target before any work is done for it (a report rendered for nothing)."""
    reason = refusal_reason(path)
    if reason:
        raise FileRefused(reason)
    if path.is_dir():
        raise FileRefused(f"»{path}« er en mappe; angiv et filnavn.")
    if path.exists() and not replace:
        raise FileRefused(
            f"Filen »{path}« findes allerede; vælg et andet navn (eller --force for at erstatte den)."
        )
    if not path.parent.is_dir():
        raise FileRefused(f"Mappen »{path.parent}« findes ikke.")


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as folders only the user can open."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            _chmod(folder, PRIVATE_DIR)
    except OSError as error:
        raise FileRefused(f"Mappen {path} kan ikke oprettes: {error.strerror or error}.") from error
    return path


def tighten(path: Path, mode: int) -> None:
    """Make an existing folder or file of ours private (earlier versions made them 0755/0644)."""
    _chmod(path, mode)


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        # A folder that is not ours (a shared folder the user chose) keeps its mode; the
        # files we put inside are 0600 all the same.
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to fsync; NTFS journals the rename itself
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        # Some file systems (tmpfs among them) cannot fsync a folder; the rename is atomic anyway.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_error(path: Path, error: OSError) -> FileRefused:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return FileRefused(f"Der er ikke plads på disken til »{path.name}«; intet er skrevet.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FileRefused(f"Der er ikke skriveadgang til mappen {path.parent}; intet er skrevet.")
    return FileRefused(f"»{path.name}« kunne ikke skrives ({error.strerror or error}); intet er skrevet.")


@contextmanager
def atomic_path(path: Path | str, *, replace: bool = False, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """Yield a private temporary path beside ``path``; on success it becomes ``path``.

    For writers that need a path rather than bytes (SQLite's backup). The temporary file
    exists (empty, with ``mode``) when the block starts, so SQLite keeps its permissions.
    """
    path = Path(path)
    check_target(path, replace=replace)
    temporary = temp_name(path)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        os.close(fd)
        _chmod(temporary, mode)
    except OSError as error:
        raise _write_error(path, error) from error
    try:
        yield temporary
        _fsync_file(temporary)
        # Checked again at the last moment: a file that appeared meanwhile is not replaced.
        check_target(path, replace=replace)
        os.replace(temporary, path)
        _fsync_dir(path.parent)
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        for leftover in [temporary] + [Path(f"{temporary}{suffix}") for suffix in _SQLITE_SIDE_FILES]:
            # One that cannot be removed now is removed by the next start's clean_leftovers.
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(temporary: Path, data: bytes, *, final: Path) -> None:
    """Write ``data`` into the temporary file ``atomic_path`` gave and fsync it; errors name ``final``."""
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise _write_error(final, error) from error


def write_file(path: Path | str, data: bytes, *, replace: bool = False, mode: int = PRIVATE_FILE) -> Path:
    """Write ``data`` to ``path`` atomically and durably; see the module text for the rules."""
    path = Path(path)
    with atomic_path(path, replace=replace, mode=mode) as temporary:
        write_durably(temporary, data, final=path)
    return path


def write_companion(path: Path, data: bytes) -> Path:
    """Replace a unit file's own companion (its key file) atomically and durably.

    The one writer allowed past the companion refusal: ``atomic_path`` refuses every
    companion of a unit file, which is what keeps exports and reports off them."""
    temporary = temp_name(path)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        os.close(fd)
        _chmod(temporary, PRIVATE_FILE)
        write_durably(temporary, data, final=path)
        os.replace(temporary, path)
        _fsync_dir(path.parent)
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return path


def open_private_append(path: Path) -> int:
    """A file descriptor for appending to a private log file (created 0600)."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
    _chmod(path, PRIVATE_FILE)
    return fd


# -- reading what comes in ---------------------------------------------------------------------


def read_regular_file(path: Path | str, *, max_bytes: int, what: str) -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``; ``what`` names it in messages.

    Devices, FIFOs, sockets and folders are refused before they are read; the size is
    checked on the open file and again while reading, because a file can grow.
    """
    path = Path(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(f"{what} {path} findes ikke.") from None
    except OSError as error:
        raise FileRefused(f"{what} {path} kan ikke læses ({error.strerror or error}).") from None
    if stat.S_ISDIR(before.st_mode):
        raise FileRefused(f"{path} er en mappe, ikke en fil.")
    if not stat.S_ISREG(before.st_mode):
        raise FileRefused(f"{path} er ikke en almindelig fil (fx en enhed eller en kanal) og læses ikke.")
    if before.st_size > max_bytes:
        raise FileRefused(
            f"{what} {path.name} er for stor ({before.st_size:,} byte; højst {max_bytes:,}).".replace(
                ",", "."
            )
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise FileRefused(f"{what} {path} kan ikke læses ({error.strerror or error}).") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a FIFO after the stat
            raise FileRefused(f"{path} er ikke en almindelig fil og læses ikke.")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FileRefused(
                    f"{what} {path.name} er for stor (højst {max_bytes:,} byte).".replace(",", ".")
                )
    except OSError as error:
        raise FileRefused(f"{what} {path} kan ikke læses ({error.strerror or error}).") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def readable_by_others(path: Path) -> bool:
    """True when others than the owner may read ``path`` (POSIX; Windows relies on ACLs)."""
    if os.name != "posix":
        return False
    try:
        return bool(stat.S_IMODE(os.stat(path).st_mode) & 0o077)
    except OSError:
        return False


# -- leftovers ---------------------------------------------------------------------------------


def _writer_alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs on this machine; None where that cannot be told."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files interrupted writes left in ``folder``; return what went.

    Only names this module makes (``.NAME.PID.fko-tmp`` and SQLite's files beside them) are
    touched, and only when their writer is gone: a killed backup leaves a full plaintext
    copy of the unit behind, which must not linger.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        base = entry.name
        for suffix in _SQLITE_SIDE_FILES:
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        if not (base.startswith(".") and base.endswith(TEMP_SUFFIX)):
            continue
        pid_text = base[: -len(TEMP_SUFFIX)].rsplit(".", 1)[-1]
        alive = _writer_alive(int(pid_text)) if pid_text.isdigit() else False
        if alive is None:
            try:
                alive = now - entry.stat().st_mtime < STALE_AFTER_SECONDS
            except OSError:
                continue
        if alive:
            continue
        try:
            entry.unlink()
            removed.append(entry)
        except OSError:
            continue
    return removed
