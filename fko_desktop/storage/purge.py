"""The SQLite side of erasure after the retention period (``ops/erasure.py``).

Erasure is the one place rows protected by the triggers of ``storage.triggers`` are deleted,
so the triggers are lifted and put back inside the erasure's own transaction (DDL is
transactional in SQLite: no other connection ever sees the file without them). The full-text
indexes have external content and no delete triggers (notes are never deleted otherwise), so
their entries are removed here too; and the file is compacted afterwards, because deleted
rows keep their bytes in free pages and old WAL frames until it is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from fko_desktop.storage.triggers import protection_trigger_names

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from fko_desktop.storage.unitfile import UnitFile

#: The full-text index over each note table (``storage/search.py``), indexing its ``text``.
FTS_INDEXES = {"journal_note": "journal_note_fts", "diary_note": "diary_note_fts"}


def lift_protection(connection: Connection) -> list[str]:
    """Drop the protection triggers this file has; returns their CREATE statements, so
    ``restore_protection`` puts back exactly what was there (whatever the file's revision)."""
    names = set(protection_trigger_names())
    saved = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all()
    statements = []
    for name, sql in saved:
        if name in names:
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
            statements.append(sql)
    return statements


def restore_protection(connection: Connection, statements: Iterable[str]) -> None:
    for sql in statements:
        connection.exec_driver_sql(sql)


def forget_indexed(connection: Connection, rows_by_table: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
    """Remove the notes' entries from the full-text indexes (before the notes are deleted)."""
    for table, index in FTS_INDEXES.items():
        for row in rows_by_table.get(table, ()):
            # An external-content index forgets an entry only when told its exact indexed text.
            connection.exec_driver_sql(
                f"INSERT INTO {index}({index}, rowid, text) VALUES ('delete', ?, ?)", (row["id"], row["text"])
            )
        # A 'delete' only adds a tombstone beside the old terms; merging the index drops them.
        connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('optimize')")


@contextlib.contextmanager
def zeroing_deletes(connection: Connection) -> Iterator[None]:
    """Overwrite what is deleted with zeros at once (``secure_delete``), so a backup copied
    right after the commit (the day's first save makes one) holds no freed text either."""
    previous = connection.exec_driver_sql("PRAGMA secure_delete").scalar_one()
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA secure_delete = {int(previous)}")


def compact(unit: UnitFile) -> None:
    """Rewrite the file without its free pages and empty the WAL (outside any transaction)."""
    raw = unit.engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert connection is not None
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
