"""A consistent online backup of a unit file (SQLite's backup API), safe while it is in use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fko_desktop.errors import UnitFileError
from fko_desktop.progress import NO_PROGRESS, Cancelled, Progress
from fko_desktop.storage import cipher, files
from fko_desktop.storage.access import Placement, ReadSource

#: ≈4 MB per step with 4 KB pages: fine-grained enough to cancel, coarse enough to cost nothing.
BACKUP_PAGES_PER_STEP = 1024


def backup_name(unit_path: Path, when: dt.datetime, label: str = "") -> str:
    stamp = when.astimezone().strftime("%Y%m%d-%H%M%S")
    suffix = f"-{label}" if label else ""
    return f"{unit_path.stem}-{stamp}{suffix}{unit_path.suffix or '.fko'}"


def _free_target(out_dir: Path, unit_path: Path, label: str) -> Path:
    target = out_dir / backup_name(unit_path, dt.datetime.now(dt.UTC), label)
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(f"{target.stem}-{counter}{target.suffix}")
    return target


def local_copy_path(unit_path: Path, data_dir: Path) -> Path:
    """A free name in this PC's data folder for a local working copy of ``unit_path``."""
    target = data_dir / f"{unit_path.stem}-lokal{unit_path.suffix or '.fko'}"
    counter = 1
    while target.exists():
        counter += 1
        target = data_dir / f"{unit_path.stem}-lokal-{counter}{unit_path.suffix or '.fko'}"
    return target


def write_backup(
    unit_path: Path,
    out_dir: Path,
    *,
    label: str = "",
    progress: Progress = NO_PROGRESS,
    placement: Placement | None = None,
    target: Path | None = None,
) -> Path:
    """Copy the unit file page by page into ``out_dir`` and return the new file's path.

    The copy goes to a private temporary name first and is checked before it gets its real
    name, so a half-written backup is never mistaken for a good one, and a killed one leaves
    only a temporary file that the next start removes. ``progress`` hears the pages copied
    and may cancel; a cancelled copy is removed. The source is read the way its place allows
    (``ReadSource``): a unit on a read-only medium is backed up without writing beside it.

    An encrypted unit's backup is encrypted with the same key, and its key file is copied
    beside it, so the backup opens with the passwords of the day it was made (and, the key
    being the same, through the unit's current key file and with the recovery key).
    """
    files.private_dir(out_dir)
    files.clean_leftovers(out_dir)
    target = target or _free_target(out_dir, unit_path, label)
    key = cipher.key_for(unit_path)
    with ReadSource(unit_path, placement, key=key) as source_file:
        try:
            source = source_file.connect()
            # One read transaction for the whole copy: without it every step sees whether the
            # file changed since the last one, and a note saved meanwhile (or a read-only
            # -shm that cannot be trusted) restarts the copy from page one, forever.
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except cipher.Error as error:
            raise UnitFileError(f"Enhedsfilen {unit_path.name} kan ikke læses: {error}.") from error
        try:
            with files.atomic_path(target) as partial:
                _copy(source, partial, progress, unit_path, key)
                if key is not None:
                    keys = cipher.key_path_for(unit_path).read_bytes()
                    files.write_companion(cipher.key_path_for(target), keys)
        finally:
            source.close()
    return target


def _copy(source: Any, partial: Path, progress: Progress, unit_path: Path, key: bytes | None) -> None:
    try:
        destination = cipher.connect_new(partial, key)
    except cipher.Error as error:
        raise UnitFileError(f"Sikkerhedskopien kan ikke skrives i {partial.parent}: {error}.") from error
    try:
        try:
            # Copying in slices lets the window show progress and stop a 100 MB copy.
            source.backup(
                destination,
                pages=BACKUP_PAGES_PER_STEP,
                progress=lambda _status, remaining, total: progress.report(total - remaining, total),
            )
        except Cancelled:
            raise
        except cipher.Error as error:
            raise UnitFileError(_copy_failure(error, unit_path, partial.parent)) from error
        try:
            # A backup is a single file that can be mailed or copied: no WAL beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
            ok = destination.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except cipher.Error as error:
            raise UnitFileError(_copy_failure(error, unit_path, partial.parent)) from error
    finally:
        destination.close()
    if not ok:
        raise UnitFileError(f"Sikkerhedskopien af {unit_path.name} kunne ikke bekræftes.")


def _copy_failure(error: Exception, unit_path: Path, out_dir: Path) -> str:
    """Blame the side that failed: a full or read-only destination, or an unreadable source."""
    text = str(error).lower()
    if "full" in text:
        return f"Der er ikke plads til sikkerhedskopien i {out_dir}; intet er skrevet."
    if "readonly" in text or "unable to open" in text or "permission" in text:
        return f"Sikkerhedskopien kan ikke skrives i {out_dir} (ingen skriveadgang); intet er skrevet."
    return f"Enhedsfilen {unit_path.name} kunne ikke læses til sikkerhedskopien ({error})."
