"""Tampering helpers: change a unit file behind the program's back, as any SQLite tool could."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fko_desktop.hashchain import LEGAL_FIELDS, record_hashes
from fko_desktop.storage.triggers import protection_triggers


def without_triggers(*names: str, statements: tuple[str, ...] | list[str]) -> list[str]:
    """``statements`` run with the protection triggers ``names`` dropped and put back as they were."""
    triggers = protection_triggers()
    return [
        *(f"DROP TRIGGER {name}" for name in names),
        *statements,
        *(triggers[name] for name in names),
    ]


def reseal_records(path: Path) -> None:
    """Give every legal record the content hash its row has now.

    For tests of other checks (the search index) that change a note behind the program's back
    and need the tamper evidence out of the way; the tamper-evidence tests never call it.
    """
    connection = sqlite3.connect(path)
    try:
        for table in LEGAL_FIELDS:
            ids = [row[0] for row in connection.execute(f"SELECT id FROM {table}")]
            for offset in range(0, len(ids), 500):
                hashes = record_hashes(connection, table, ids[offset : offset + 500])
                connection.executemany(
                    f"UPDATE {table} SET content_hash = ? WHERE id = ?", [(h, i) for i, h in hashes]
                )
        connection.commit()
    finally:
        connection.close()
