"""Where unit files and backups live on this machine (platformdirs), unless the user picks."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "FKO Desktop"
APP_AUTHOR = "FKO"
UNIT_FILE_SUFFIX = ".fko"


def data_dir() -> Path:
    """The user's data folder for FKO Desktop; ``FKO_DATA_DIR`` overrides it (tests, IT staff)."""
    override = os.environ.get("FKO_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


def backup_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    return data_dir() / "logs"


def demo_unit_path() -> Path:
    return data_dir() / f"demo{UNIT_FILE_SUFFIX}"


def unit_key_paths(unit_uid: str) -> tuple[Path, Path]:
    """The unit's own key pair for bundles on this PC: (private identity, public recipient).

    Kept beside the user's data, never inside the unit file: a backup or a mailed copy of the
    unit file must not carry the key that opens the unit's incoming bundles.
    """
    folder = data_dir() / "keys"
    return folder / f"{unit_uid}.key", folder / f"{unit_uid}.pub"


def bundle_dir() -> Path:
    """Where bundles made in the window are written (the folder to attach them from)."""
    return data_dir() / "bundles"


def prepare_private_data() -> None:
    """At every start: new files private by default, the data folder private, leftovers gone.

    The umask is the backstop for files written by libraries (SQLite's journals, Qt); the
    explicit modes in ``files`` are what the rules rest on. Earlier versions made the data
    folder 0755, so it is tightened here; killed backups of those versions left full
    plaintext copies as ``*.fko.part``, which nobody can use and which must not linger.
    """
    from fko_desktop.storage import files

    if os.name == "posix":
        os.umask(0o077)
    folder = data_dir()
    if folder.exists():
        files.tighten(folder, files.PRIVATE_DIR)
    for place in (folder, backup_dir(), bundle_dir(), folder / "drafts"):
        files.clean_leftovers(place)
    for stale in backup_dir().glob("*.fko.part*") if backup_dir().is_dir() else ():
        stale.unlink(missing_ok=True)
    from fko_desktop.scrubbing import purge_unscrubbed_logs

    purge_unscrubbed_logs(log_dir())


def unit_backup_dir(unit_uid: str) -> Path:
    """The unit's automatic backups on this PC: one folder per unit (by its uid, not its file
    name, so a renamed or moved unit file keeps its backups)."""
    return backup_dir() / "automatisk" / unit_uid
