"""Sealing every write into the hash chains, in the write's own transaction.

The history hooks (``models/history.py``) write audit and version rows with the ORM and in
bulk; the demo builder and imports insert rows directly. Rather than follow each path, every
write transaction is sealed just before it commits: its session is flushed, then each row still
without ``digest``/``chain_hash`` is hashed in id order onto the chain, and each legal record
that is new or was changed gets its ``content_hash`` (see ``models/chain.py``). The previous
hash is read in the same transaction, which holds the file's write lock (``BEGIN IMMEDIATE``
under the lock file), so no other writer can slip a row in between.

Only rows this transaction wrote are sealed: the largest id of each table is noted when the
transaction begins, and an unsealed row at or below it was written by some other tool behind
the program's back. Sealing it would make a forged row look genuine, so the write is refused.

After the commit, the chains' new heads are kept outside the file (``storage/chain_head.py``).
Registered by ``storage/unitfile.py``, through which every write goes; it lives in storage, not
in the models, because it speaks SQLite (its PRAGMAs and raw statements).
"""

from __future__ import annotations

import json
import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from fko_desktop.errors import FkoError
from fko_desktop.hashchain import CHAIN_FIELDS, GENESIS, HEADS, LEGAL_FIELDS, digest, link, record_hashes
from fko_desktop.models.base import Versioned
from fko_desktop.models.journal import DiaryTag
from fko_desktop.storage import chain_head

_START = "chain_start"
_DIRTY = "chain_dirty"
_CHUNK = 500

# Files at an older revision (before migration 0010) have no chain columns; the migration
# tests write to such files through the ORM. Asked once per engine.
_chained_engines: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()

_FOREIGN = (
    "Filen indeholder {what}, som ikke er skrevet af FKO Desktop (nr. {id}); intet er gemt. "
    "Kør »fko check« på filen."
)


def _has_chain(connection: Connection) -> bool:
    engine = connection.engine
    known = _chained_engines.get(engine)
    if known is None:
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(audit_event)")}
        known = _chained_engines[engine] = "chain_hash" in columns
    return known


@event.listens_for(Session, "after_begin")
def _note_start(session: Session, transaction: Any, connection: Connection) -> None:
    if "actor" not in session.info or _START in session.info or not _has_chain(connection):
        return
    session.info[_START] = {
        table: connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar()
        for table in (*CHAIN_FIELDS, *LEGAL_FIELDS, "bundle_receipt")
    }


@event.listens_for(Session, "before_flush")
def _note_changed_records(session: Session, flush_context: Any, instances: Any) -> None:
    if "actor" not in session.info:
        return
    dirty: set[tuple[str, int]] = session.info.setdefault(_DIRTY, set())
    for obj in session.dirty:
        if isinstance(obj, Versioned) and obj.id is not None and session.is_modified(obj):
            dirty.add((obj.__tablename__, obj.id))
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, DiaryTag) and obj.note_id is not None:
            dirty.add(("diary_note", obj.note_id))


@event.listens_for(Session, "before_commit")
def _seal(session: Session) -> None:
    if "actor" not in session.info:
        return
    session.flush()
    start = session.info.get(_START)
    if start is None:  # nothing was written, or a file before revision 0010
        return
    connection = session.connection()
    heads = {table: _seal_chain(connection, table, start[table]) for table in CHAIN_FIELDS}
    dirty: set[tuple[str, int]] = session.info.get(_DIRTY, set())
    for table in LEGAL_FIELDS:
        changed = {record_id for name, record_id in dirty if name == table}
        _seal_records(connection, table, start[table], changed)
    # A bundle's receipt keeps the heads too: one more record of them, inside the file.
    connection.exec_driver_sql(
        "UPDATE bundle_receipt SET chain_head = ? WHERE id > ? AND chain_head IS NULL",
        (json.dumps(heads, sort_keys=True), start["bundle_receipt"]),
    )
    unit = connection.exec_driver_sql("SELECT uid FROM unit LIMIT 1").scalar()
    # The file itself, as SQLite opened it (the engine's URL may be a creator's).
    files = {row[1]: row[2] for row in connection.exec_driver_sql("PRAGMA database_list")}
    session.info[HEADS] = (unit, files.get("main") or None, heads)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_START, None)
    session.info.pop(_DIRTY, None)


def _seal_chain(connection: Connection, table: str, start: int) -> dict[str, Any] | None:
    columns = CHAIN_FIELDS[table]
    result = connection.exec_driver_sql(
        f"SELECT {', '.join(columns)} FROM {table} WHERE chain_hash IS NULL ORDER BY id"
    )
    rows = [dict(zip(columns, row, strict=True)) for row in result]
    if rows and rows[0]["id"] <= start:
        what = "en hændelse" if table == "audit_event" else "en tidligere version"
        raise FkoError(_FOREIGN.format(what=what, id=rows[0]["id"]))
    if rows:
        previous = connection.exec_driver_sql(
            f"SELECT chain_hash FROM {table} WHERE id < ? ORDER BY id DESC LIMIT 1", (rows[0]["id"],)
        ).scalar()
        chain = previous or GENESIS
        sealed = []
        for row in rows:
            row_digest = digest(table, row)
            chain = link(chain, row_digest)
            sealed.append((row_digest, chain, row["id"]))
        connection.exec_driver_sql(f"UPDATE {table} SET digest = ?, chain_hash = ? WHERE id = ?", sealed)
    last = connection.exec_driver_sql(f"SELECT id, chain_hash FROM {table} ORDER BY id DESC LIMIT 1").first()
    if last is None:
        return None
    count = connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    return {"id": last[0], "chain_hash": last[1], "count": count}


def _seal_records(connection: Connection, table: str, start: int, changed: set[int]) -> None:
    unsealed = [
        row[0]
        for row in connection.exec_driver_sql(
            f"SELECT id FROM {table} WHERE content_hash IS NULL ORDER BY id"
        )
    ]
    foreign = [record_id for record_id in unsealed if record_id <= start and record_id not in changed]
    if foreign:
        raise FkoError(_FOREIGN.format(what="en post med juridisk vægt", id=foreign[0]))
    ids = sorted(changed.union(unsealed))
    for offset in range(0, len(ids), _CHUNK):
        chunk = ids[offset : offset + _CHUNK]
        hashes = [(value, record_id) for record_id, value in record_hashes(connection, table, chunk)]
        connection.exec_driver_sql(f"UPDATE {table} SET content_hash = ? WHERE id = ?", hashes)


@event.listens_for(Session, "after_commit")
def _keep_heads(session: Session) -> None:
    found = session.info.pop(HEADS, None)
    if found is None:
        return
    unit_uid, unit_path, heads = found
    if unit_uid and unit_path:
        chain_head.record(str(unit_uid), unit_path, chain_head.heads_from_json(heads))
