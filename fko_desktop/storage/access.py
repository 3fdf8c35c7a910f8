"""Where a unit file lies, and so whether it may be written there and how it is read.

A unit file is safe to write only as a local file with one name: on a read-only file,
folder, mount or medium (a USB stick, a CD) nothing can be written, not even SQLite's
``-wal``/``-shm`` beside it; on a network share (SMB, NFS) SQLite's WAL mode does not
work and file locks are unreliable, so two PCs could write at once and damage the file;
a second name for the same file (a hard link) would get its own lock and its own WAL.
Such files are opened read-only, with the reason in Danish, until a server database
exists. Reading them must not create anything beside them either.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fko_desktop.errors import UnitFileError
from fko_desktop.storage import cipher

#: File system types (Linux /proc/self/mountinfo) that live on another machine.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "coda",
        "fuse.sshfs",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.davfs2",
    }
)

COPY_ADVICE = "Brug »Kopiér til denne pc« for at arbejde i en lokal kopi."


@dataclasses.dataclass(frozen=True)
class Placement:
    """What a unit file's location allows; ``reason`` is the Danish banner text when not writable."""

    writable: bool
    reason: str | None = None
    #: True where another PC may change the file while we read it (a network share).
    shared: bool = False


def _mountinfo_fs_type(path: Path, mountinfo: Path = Path("/proc/self/mountinfo")) -> str | None:
    """The file system type of the mount holding ``path`` (Linux), or None if unknown."""
    try:
        lines = mountinfo.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(path)
    best: tuple[int, str] | None = None
    for line in lines:
        fields = line.split(" - ", 1)
        if len(fields) != 2:
            continue
        left, right = fields[0].split(), fields[1].split()
        if len(left) < 5 or not right:
            continue
        # Mount points escape spaces and the like as octal (\040).
        mount_point = left[4].encode("utf-8").decode("unicode_escape")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), right[0])
    return best[1] if best else None


def _windows_remote(path: Path) -> bool:  # pragma: no cover - exercised on Windows only
    text = str(path)
    if text.startswith("\\\\"):  # \\server\share or \\?\UNC\server\share
        return not text.startswith("\\\\?\\") or text.upper().startswith("\\\\?\\UNC\\")
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    drive_remote = 4
    # Always so when called (on_network_share asks only there); the check also tells the type
    # checker on other systems that ctypes.windll exists in this branch.
    if sys.platform == "win32":
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
    return False


def on_network_share(path: Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        return _windows_remote(path)
    if sys.platform.startswith("linux"):
        return (_mountinfo_fs_type(path) or "") in NETWORK_FS_TYPES
    return False


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def assess(path: Path) -> Placement:
    """Decide, from the file's place and names alone, whether it may be written."""
    path = Path(os.path.realpath(path))
    folder = path.parent
    if on_network_share(path):
        return Placement(
            False,
            f"{path.name} ligger på et netværksdrev, hvor to pc'er kan komme til at skrive samtidig "
            f"og ødelægge filen. {COPY_ADVICE}",
            shared=True,
        )
    try:
        links = os.stat(path).st_nlink
    except OSError as error:
        raise UnitFileError(f"Filen {path.name} kan ikke læses: {error.strerror}.") from error
    if links > 1:
        return Placement(
            False,
            f"{path.name} har flere navne (hårde links); hvert navn ville få sin egen lås, så to "
            f"programmer kunne skrive samtidig. {COPY_ADVICE}",
        )
    if _read_only_mount(folder):
        return Placement(False, f"{path.name} ligger på et drev eller medie, der ikke kan skrives på.")
    if not os.access(path, os.W_OK):
        return Placement(False, f"Filen {path.name} er skrivebeskyttet.")
    if not os.access(folder, os.W_OK | os.X_OK):
        return Placement(
            False,
            f"Mappen med {path.name} kan ikke skrives i, så der kan ikke gemmes.",
        )
    return Placement(True)


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _has_wal_content(path: Path) -> bool:
    try:
        return wal_path(path).stat().st_size > 0
    except OSError:
        return False


def _uri(path: Path, *, immutable: bool) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


class ReadSource:
    """How to read a unit file without writing a byte beside it.

    Local, writable places are read with an ordinary read-only connection (another process
    may be writing; WAL lets us read alongside). Where nothing can be written, a file with no
    pending WAL is read as immutable, so SQLite creates no ``-wal``/``-shm``. A file with
    pending WAL content there, or on a share another PC may be writing, is first copied
    (with its WAL) to a private temporary folder on this PC and read from the copy.
    """

    def __init__(self, path: Path, placement: Placement | None = None, *, key: bytes | None = None) -> None:
        self.original = Path(path).resolve()
        #: An encrypted file's key (None: plain); a snapshot of it stays encrypted.
        self.key = key
        self.placement = placement or assess(self.original)
        self._snapshot_dir: Path | None = None
        self.path = self.original
        self.immutable = False
        if self.placement.writable:
            return
        if self.placement.shared or _has_wal_content(self.original):
            self.path = self._snapshot()
        self.immutable = True

    def _snapshot(self) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="fko-read-"))  # mkdtemp makes it 0700
        self._snapshot_dir = folder
        copy = folder / self.original.name
        try:
            shutil.copyfile(self.original, copy)
            if _has_wal_content(self.original):
                shutil.copyfile(wal_path(self.original), wal_path(copy))
                # Folding the WAL into the private copy, so it can then be read as immutable.
                connection = cipher.connect(copy, key=self.key)
                try:
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    connection.execute("PRAGMA journal_mode=DELETE")
                finally:
                    connection.close()
        except (OSError, sqlite3.Error, cipher.SqlcipherError) as error:
            self.close()
            raise UnitFileError(
                f"{self.original.name} kan ikke læses herfra ({error}); kopiér filen til denne pc."
            ) from error
        return copy

    def connect(self) -> Any:
        uri = _uri(self.path, immutable=self.immutable)
        return cipher.connect(uri, key=self.key, uri=True, check_same_thread=False)

    def close(self) -> None:
        if self._snapshot_dir is not None:
            shutil.rmtree(self._snapshot_dir, ignore_errors=True)
            self._snapshot_dir = None

    def __enter__(self) -> ReadSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
