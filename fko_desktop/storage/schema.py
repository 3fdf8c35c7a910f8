"""The unit file's schema version, managed by Alembic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# "FKO1" in the SQLite header (PRAGMA application_id): how a unit file is told apart from any
# other SQLite database before a single byte of it is trusted.
APPLICATION_ID = 0x464B4F31


# Revision files are named "NNNN_what.py" with revision id "NNNN" (a test holds them to it), so
# opening a file can learn the known revisions from file names without importing Alembic,
# which costs a third of the `fko` command's start-up.
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    return {
        match.group(1)
        for path in (MIGRATIONS_DIR / "versions").iterdir()
        if (match := _REVISION_FILE.match(path.name))
    }


def head_revision() -> str:
    return max(known_revisions())


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema on ``connection`` up to ``revision`` inside the caller's transaction."""
    from alembic import command

    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
