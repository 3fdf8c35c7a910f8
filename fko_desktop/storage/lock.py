"""The write lock on a unit file: one writer at a time, with a clear "opened by … since …".

An OS lock (flock / msvcrt) on a sidecar file ``<unit>.fko.lock`` is held while the file is
open for writing. The OS drops it when the process dies, so a crash never leaves a stale lock
that a unit leader has to remove by hand. The holder's name, machine and start time are
written into the sidecar, after the locked byte, so another PC can say who has it.

A sidecar follows the file's *name*, and a name can be deleted while it is held. So on Linux
the lock is also taken on the unit file itself (``flock``, which on Linux never interferes
with the POSIX locks SQLite uses), which follows the file's identity: deleting a live
``.lock`` no longer admits a second writer. Every write also confirms that the sidecar is
still the one this process locked. (A unit file with a second name is never written at all;
see ``storage.access``.)
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

from fko_desktop.errors import UnitFileError, UnitFileLocked
from fko_desktop.models.formatting import format_datetime

INFO_OFFSET = 64  # the holder info starts after the locked region (Windows locks bytes).


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _identity_lock_supported() -> bool:
    # Linux only: on the BSDs and macOS flock and fcntl locks share one lock table, so a
    # whole-file flock would collide with SQLite's own byte-range locks.
    return sys.platform.startswith("linux")


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path_for(unit_path: Path) -> Path:
    return unit_path.with_name(unit_path.name + ".lock")


def read_holder(unit_path: Path) -> dict[str, Any] | None:
    """Who holds (or last held) the lock, as written in the sidecar; None if unknown."""
    try:
        with open(lock_path_for(unit_path), "rb") as handle:
            handle.seek(INFO_OFFSET)
            return json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def holder_message(unit_path: Path) -> str:
    holder = read_holder(unit_path)
    if not holder:
        return f"Enhedsfilen {unit_path.name} er allerede åbnet til skrivning af et andet program."
    since = dt.datetime.fromisoformat(holder["since"])
    who = holder.get("staff") or holder.get("user", "ukendt bruger")
    return (
        f"Enhedsfilen {unit_path.name} er åbnet af {who} på {holder.get('host', 'ukendt pc')} "
        f"siden {format_datetime(since)}; den kan kun åbnes skrivebeskyttet."
    )


class UnitLock:
    """Holds the write lock for one unit file until ``release``."""

    def __init__(self, unit_path: Path) -> None:
        self.unit_path = unit_path
        self.path = lock_path_for(unit_path)
        self._fd: int | None = None
        self._file_fd: int | None = None

    def acquire(self) -> None:
        self._lock_identity()
        try:
            self._lock_sidecar()
        except BaseException:
            self._release_identity()
            raise

    def _lock_identity(self) -> None:
        if not _identity_lock_supported():
            return
        import fcntl

        try:
            fd = os.open(self.unit_path, os.O_RDONLY)
        except OSError as error:
            raise UnitFileError(
                f"Enhedsfilen {self.unit_path.name} kan ikke åbnes: {error.strerror}."
            ) from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise UnitFileLocked(holder_message(self.unit_path)) from None
        self._file_fd = fd

    def _release_identity(self) -> None:
        # Closed only after every SQLite connection is gone: closing any descriptor of the
        # file drops the POSIX locks SQLite holds on it in this process.
        if self._file_fd is not None:
            os.close(self._file_fd)
            self._file_fd = None

    def _lock_sidecar(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:  # a read-only folder or medium: say so instead of crashing
            raise UnitFileError(
                f"Enhedsfilen {self.unit_path.name} kan ikke åbnes til skrivning her "
                f"({error.strerror}); den kan kun åbnes skrivebeskyttet."
            ) from error
        if not _try_lock(fd):
            os.close(fd)
            raise UnitFileLocked(holder_message(self.unit_path))
        info = {
            "user": getpass.getuser(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        self._fd = fd
        self._write_info(info)

    def set_staff(self, name: str) -> None:
        """Name the staff member in the holder info once they have said who they are."""
        info = read_holder(self.unit_path) or {}
        info["staff"] = name
        self._write_info(info)

    def _write_info(self, info: dict[str, Any]) -> None:
        assert self._fd is not None
        data = json.dumps(info, ensure_ascii=False).encode("utf-8")
        os.ftruncate(self._fd, INFO_OFFSET)
        os.lseek(self._fd, INFO_OFFSET, os.SEEK_SET)
        os.write(self._fd, data)

    def still_ours(self) -> bool:
        """Whether the sidecar on disk is still the one we locked (not deleted or replaced)."""
        if self._fd is None:
            return False
        try:
            on_disk = os.stat(self.path)
        except OSError:
            return False
        mine = os.fstat(self._fd)
        return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)

    def release(self) -> None:
        try:
            if self._fd is not None:
                try:
                    _unlock(self._fd)
                finally:
                    os.close(self._fd)
                    self._fd = None
        finally:
            self._release_identity()

    @property
    def held(self) -> bool:
        return self._fd is not None
