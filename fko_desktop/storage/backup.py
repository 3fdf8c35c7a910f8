"""A consistent online backup of a unit file (SQLite's backup API), safe while it is in use."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from fko_desktop.errors import UnitFileError
from fko_desktop.progress import NO_PROGRESS, Cancelled, Progress
from fko_desktop.storage.integrity import connect_readonly

#: ≈4 MB per step with 4 KB pages: fine-grained enough to cancel, coarse enough to cost nothing.
BACKUP_PAGES_PER_STEP = 1024


def backup_name(unit_path: Path, when: dt.datetime, label: str = "") -> str:
    stamp = when.astimezone().strftime("%Y%m%d-%H%M%S")
    suffix = f"-{label}" if label else ""
    return f"{unit_path.stem}-{stamp}{suffix}{unit_path.suffix or '.fko'}"


def write_backup(unit_path: Path, out_dir: Path, *, label: str = "", progress: Progress = NO_PROGRESS) -> Path:
    """Copy the unit file page by page into ``out_dir`` and return the new file's path.

    The copy goes to a temporary name first and is checked before it gets its real name, so
    a half-written backup is never mistaken for a good one. ``progress`` hears the pages copied
    and may cancel; a cancelled copy is removed.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnitFileError(f"Mappen {out_dir} kan ikke oprettes: {error.strerror}.") from error
    target = out_dir / backup_name(unit_path, dt.datetime.now(dt.UTC), label)
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(f"{target.stem}-{counter}{target.suffix}")
    partial = target.with_name(target.name + ".part")
    try:
        source = connect_readonly(unit_path)
        try:
            destination = sqlite3.connect(partial)
            try:
                # Copying in slices lets the window show progress and stop a 100 MB copy.
                source.backup(destination, pages=BACKUP_PAGES_PER_STEP,
                              progress=lambda _status, remaining, total: progress.report(total - remaining, total))
                # A backup is a single file that can be mailed or copied: no WAL beside it.
                destination.execute("PRAGMA journal_mode=DELETE")
                ok = destination.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                destination.close()
        finally:
            source.close()
        if not ok:
            raise UnitFileError(f"Sikkerhedskopien af {unit_path.name} kunne ikke bekræftes.")
        os.replace(partial, target)
    except Cancelled:
        partial.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise UnitFileError(f"Sikkerhedskopien kunne ikke skrives til {out_dir}: {error}.") from error
    return target
