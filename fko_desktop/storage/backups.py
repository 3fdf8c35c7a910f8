"""Automatic, rotating backups of a unit: on close of a changed unit and before an import.

Each unit has its own folder in this PC's data folder (``paths.unit_backup_dir``), private
(0700). A backup's name carries its time (UTC) and reason, ``20261203T154000Z-lukning.fko``,
so the list in the window and the rotation need nothing but the folder. A backup is written
and checked by ``write_backup`` (quick_check on the copy) and checked once more as a unit
file; only after that does the rotation run, so a failed backup never deletes an older one.
The rotation keeps the unit's ``backup_keep_days`` days (a unit setting, ``BACKUP_KEEP_DAYS``
by default), but never fewer than the newest ``BACKUP_KEEP_AT_LEAST``: a unit left alone for
two months still has its last backups. Besides closing and imports, the first save of a day
makes one when the day has none yet (a window left open for a week still gets its daily copy),
and a unit file is copied here before it is migrated to a newer schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from fko_desktop.storage import chain_head, cipher, files, paths
from fko_desktop.storage.access import Placement
from fko_desktop.storage.backup import write_backup
from fko_desktop.storage.integrity import inspect_unit_file

if TYPE_CHECKING:
    from fko_desktop.storage.unitfile import UnitFile

BACKUP_KEEP_DAYS = 30
BACKUP_KEEP_AT_LEAST = 5

#: The reasons a backup is made, as they stand in the file name, and how the window names them.
REASON_CLOSE = "lukning"
REASON_DAILY = "daglig"
REASON_MIGRATION = "før-opdatering"
REASON_IMPORT = "før-import"
REASON_RESTORE = "før-gendannelse"
#: A byte copy of a file SQLite could not read (damaged): kept, but maybe not restorable.
REASON_RESTORE_RAW = "før-gendannelse-ulæselig"
REASON_LABELS = {
    REASON_CLOSE: "ved lukning",
    REASON_DAILY: "ved dagens første gemning",
    REASON_MIGRATION: "før opdatering af filen",
    REASON_IMPORT: "før indlæsning af bundt",
    REASON_RESTORE: "før gendannelse",
    REASON_RESTORE_RAW: "før gendannelse (filen kunne ikke læses)",
}

_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(\d{8}T\d{6}Z)-(.+?)(?:-(\d+))?\.fko$")


@dataclasses.dataclass(frozen=True)
class AutomaticBackup:
    """One backup in a unit's folder: where, when (UTC), why and how large."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def backup_file_name(when: dt.datetime, reason: str, counter: int = 1) -> str:
    suffix = f"-{counter}" if counter > 1 else ""
    return f"{when.astimezone(dt.UTC).strftime(_STAMP)}-{reason}{suffix}.fko"


def _parse(path: Path) -> AutomaticBackup | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    made_at = dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return AutomaticBackup(path, made_at, match.group(2), size)


def list_backups(folder: Path) -> list[AutomaticBackup]:
    """The backups in ``folder``, newest first (other files there are left out)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [backup for entry in entries if (backup := _parse(entry)) is not None]
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def unit_backups(unit_uid: str) -> list[AutomaticBackup]:
    return list_backups(paths.unit_backup_dir(unit_uid))


def write_automatic_backup(
    unit_path: Path,
    unit_uid: str,
    reason: str,
    *,
    now: dt.datetime | None = None,
    placement: Placement | None = None,
    keep_days: int = BACKUP_KEEP_DAYS,
) -> Path:
    """Write a checked backup of ``unit_path`` into the unit's folder, then rotate that folder."""
    folder = files.private_dir(paths.unit_backup_dir(unit_uid))
    when = now or dt.datetime.now(dt.UTC)
    counter = 1
    target = folder / backup_file_name(when, reason)
    while target.exists():
        counter += 1
        target = folder / backup_file_name(when, reason, counter)
    written = write_backup(unit_path, folder, target=target, placement=placement)
    try:
        inspection = inspect_unit_file(written)
        # The chains' heads beside the backup: a later file shorter than them was cut.
        chain_head.write_sidecar(written, inspection.history_heads or {})
    except BaseException:
        written.unlink(missing_ok=True)
        cipher.key_path_for(written).unlink(missing_ok=True)
        chain_head.sidecar_path(written).unlink(missing_ok=True)
        raise
    rotate(folder, now=when, keep_days=keep_days)
    return written


def automatic_backup(unit_file: UnitFile, reason: str, *, now: dt.datetime | None = None) -> Path:
    """A checked backup of an open unit into its own folder; older ones rotated out."""
    unit = unit_file.unit()
    return write_automatic_backup(
        unit_file.path,
        unit.uid,
        reason,
        now=now,
        placement=unit_file.placement,
        keep_days=unit.backup_keep_days,
    )


def has_backup_on(unit_uid: str, day: dt.date) -> bool:
    """Whether the unit's folder holds a backup made on ``day`` (UTC), whatever its reason."""
    return any(backup.made_at.date() == day for backup in unit_backups(unit_uid))


def rotate(folder: Path, *, now: dt.datetime | None = None, keep_days: int = BACKUP_KEEP_DAYS) -> list[Path]:
    """Remove backups older than ``keep_days``, keeping the newest few whatever their age.

    Within the kept days only the newest backup of each day stays (besides the newest few): a
    unit closed ten times a day would otherwise keep 300 copies of a 100 MB file."""
    now = now or dt.datetime.now(dt.UTC)
    cutoff = now - dt.timedelta(days=keep_days)
    removed = []
    days_kept: set[dt.date] = set()
    newest = list_backups(folder)  # newest first
    for backup in newest[:BACKUP_KEEP_AT_LEAST]:
        days_kept.add(backup.made_at.date())
    for backup in newest[BACKUP_KEEP_AT_LEAST:]:
        day = backup.made_at.date()
        if backup.made_at >= cutoff and day not in days_kept:
            days_kept.add(day)
            continue
        try:
            backup.path.unlink()
        except OSError:
            continue  # tried again after the next backup
        # An encrypted backup's key file goes with it (one left alone holds no data, only slots).
        cipher.key_path_for(backup.path).unlink(missing_ok=True)
        chain_head.sidecar_path(backup.path).unlink(missing_ok=True)
        removed.append(backup.path)
    return removed
