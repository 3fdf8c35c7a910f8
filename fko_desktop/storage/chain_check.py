"""Verifying the tamper-evident history of a unit file, read-only.

``verify_history`` walks each hash chain (``models/chain.py``) and names the first row whose
content does not match its digest or whose link does not match the rows before it; compares
the chains with the heads recorded outside the file (``storage/chain_head.py``); and, in full,
recomputes every legal record's content hash and holds its version to the versions kept.

Opening verifies incrementally: from the head this PC last saw, only the rows after it (the
hash at the head itself is compared, so a rewritten past is still noticed). ``fko check``
verifies everything from the first row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fko_desktop.hashchain import (
    CHAIN_FIELDS,
    CHAIN_TIME,
    GENESIS,
    LEGAL_FIELDS,
    TAGGED,
    digest,
    erased,
    link,
    record_hash,
)
from fko_desktop.storage import chain_head
from fko_desktop.storage.chain_head import Head, Heads, heads_from_json

_CHUNK = 2000
_NOUN = {"audit_event": "hændelse", "record_version": "tidligere version"}
_PLURAL = {"audit_event": "hændelser", "record_version": "tidligere versioner"}
_LABEL = {
    "journal_note": "Delmålsnotat",
    "diary_note": "Dagbogsnotat",
    "goal_status": "Målstatus",
    "follow_up": "Opfølgning",
    "follow_up_assessment": "Opfølgningsvurdering",
    "use_of_force": "Magtanvendelse",
    "status_assessment": "Statusvurdering",
    "aarhus_assessment": "Århus-vurdering",
    "aarhus_factor_score": "Århus-faktorscore",
}


@dataclasses.dataclass(frozen=True)
class HistoryReport:
    """What verification found: the chains' heads now, and the first problem (Danish) or None."""

    heads: Heads
    problem: str | None


def has_chain(connection: Any) -> bool:
    """Whether the file is at revision 0010 or later (older files are migrated before use)."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(audit_event)")}
    return "chain_hash" in columns


def unit_uid(connection: Any) -> str | None:
    row = connection.execute("SELECT uid FROM unit LIMIT 1").fetchone()
    return row[0] if row else None


def _when(value: Any) -> str:
    try:
        instant = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return "ukendt tidspunkt"
    local = instant.astimezone() if instant.tzinfo else instant
    return local.strftime("%d.%m.%Y %H:%M")


def _broken(table: str, row: dict[str, Any], why: str) -> str:
    return f"Kæden er brudt ved {_NOUN[table]} nr. {row['id']} ({_when(row[CHAIN_TIME[table]])}): {why}."


def _rows(connection: Any, table: str, after: int) -> Iterator[dict[str, Any]]:
    columns = (*CHAIN_FIELDS[table], "digest", "chain_hash")
    last = after
    while True:
        batch = connection.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE id > ? ORDER BY id LIMIT {_CHUNK}", (last,)
        ).fetchall()
        if not batch:
            return
        for values in batch:
            yield dict(zip(columns, values, strict=True))
        last = batch[-1][0]


def _head_now(connection: Any, table: str) -> Head | None:
    row = connection.execute(f"SELECT id, chain_hash FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    count = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return Head(row[0], row[1] or "", count)


def _against_recorded(connection: Any, table: str, seen: Head, where: str) -> str | None:
    """The chain compared with a head recorded of it ``where`` (this PC, a bundle receipt)."""
    row = connection.execute(f"SELECT chain_hash FROM {table} WHERE id = ?", (seen.id,)).fetchone()
    count = connection.execute(f"SELECT count(*) FROM {table} WHERE id <= ?", (seen.id,)).fetchone()[0]
    if row is None or count < seen.count:
        missing = seen.count - count
        return (
            f"Kæden er afkortet: {_NOUN[table]} nr. {seen.id}, som er {where}, findes ikke "
            f"længere i filen ({missing} {_PLURAL[table] if missing != 1 else _NOUN[table]} mangler). "
            "Er filen en ældre kopi eller en sikkerhedskopi, skal den gendannes som sådan."
        )
    if row[0] != seen.chain_hash or count != seen.count:
        return f"Kæden er omskrevet: {_NOUN[table]} nr. {seen.id} passer ikke med den kæde, som er {where}."
    return None


def _walk(connection: Any, table: str, start: Head | None) -> str | None:
    """The first broken link after ``start`` (from the first row without it), or None."""
    chain, after = GENESIS, 0
    if start is not None:
        # From the row before the head, so the head row's own content is checked too.
        before = connection.execute(
            f"SELECT id, chain_hash FROM {table} WHERE id < ? ORDER BY id DESC LIMIT 1", (start.id,)
        ).fetchone()
        if before is not None:
            after, chain = before[0], before[1] or ""
    for row in _rows(connection, table, after):
        if row["digest"] is None or row["chain_hash"] is None:
            return _broken(table, row, "den er skrevet uden om FKO Desktop og er ikke en del af kæden")
        # An erased row's content is gone; its stored digest stands for it (models/chain.py).
        row_digest = row["digest"] if erased(table, row) else digest(table, row)
        if row_digest != row["digest"]:
            return _broken(table, row, "indholdet passer ikke med kæden")
        chain = link(chain, row_digest)
        if chain != row["chain_hash"]:
            return _broken(table, row, "en hændelse før den mangler, er flyttet eller er ændret")
    return None


def _record_batches(connection: Any, table: str) -> Iterator[list[tuple[dict[str, Any], str]]]:
    """(stored row, computed content hash) of every record, a range of ids at a time."""
    columns = (*LEGAL_FIELDS[table], "content_hash")
    last = 0
    while True:
        rows = [
            dict(zip(columns, values, strict=True))
            for values in connection.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE id > ? ORDER BY id LIMIT {_CHUNK}", (last,)
            )
        ]
        if not rows:
            return
        low, high = rows[0]["id"], rows[-1]["id"]
        tags: dict[int, list[tuple[Any, ...]]] = {}
        if table in TAGGED:
            child, parent, fields, current = TAGGED[table]
            query = (
                f"SELECT {parent}, {', '.join(fields)} FROM {child} "
                f"WHERE {parent} BETWEEN ? AND ? AND {current}"
            )
            for values in connection.execute(query, (low, high)):
                tags.setdefault(values[0], []).append(tuple(values[1:]))
        yield [(row, record_hash(table, row, tags.get(row["id"], ()))) for row in rows]
        last = high


def _records(connection: Any) -> str | None:
    """The first legal record whose content hash or version does not match what is kept."""
    for table in LEGAL_FIELDS:
        kept = dict(
            connection.execute(
                "SELECT record_id, count(*) FROM record_version WHERE record_type = ? GROUP BY record_id",
                (table,),
            ).fetchall()
        )
        for batch in _record_batches(connection, table):
            for row, expected in batch:
                record_id, version = row["id"], row["version"]
                if row["content_hash"] != expected:
                    return (
                        f"{_LABEL[table]} nr. {record_id} er ændret uden om FKO Desktop: indholdet "
                        "passer ikke med dets kontrolsum."
                    )
                versions = kept.get(record_id, 0)
                if version != versions + 1:
                    return (
                        f"{_LABEL[table]} nr. {record_id} står som version {version}, men der er gemt "
                        f"{versions} tidligere {'version' if versions == 1 else 'versioner'}."
                    )
    return None


def _receipt_heads(connection: Any) -> Heads:
    """The heads the latest bundle receipt recorded (files before 0010 have none)."""
    row = connection.execute(
        "SELECT chain_head FROM bundle_receipt WHERE chain_head IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return {}
    try:
        return heads_from_json(json.loads(row[0]))
    except ValueError:
        return {}


def verify_history(connection: Any, *, recorded: Heads | None = None, full: bool = True) -> HistoryReport:
    """Verify the chains (all of them, or from ``recorded`` on when not ``full``).

    ``recorded`` holds heads seen outside the file; a chain shorter than one, or with another
    hash at its id, is reported. ``full`` also checks every legal record's content hash.
    """
    recorded = recorded or {}
    receipt_heads = _receipt_heads(connection)
    heads: Heads = {}
    problem: str | None = None
    for table in CHAIN_FIELDS:
        head = _head_now(connection, table)
        if head is not None:
            heads[table] = head
        seen = recorded.get(table)
        # The walk first: it names the row itself; the recorded head then finds a cut tail.
        if problem is None:
            problem = _walk(connection, table, None if full else seen)
        if problem is None and seen is not None:
            problem = _against_recorded(connection, table, seen, "set før på denne pc")
        receipt = receipt_heads.get(table)
        if problem is None and receipt is not None:
            problem = _against_recorded(connection, table, receipt, "skrevet i kvitteringen for en pakke")
    if problem is None and full:
        problem = _records(connection)
    return HistoryReport(heads, problem)


def verify_file_history(connection: Any, path: Path, *, full: bool) -> HistoryReport:
    """Verify a unit file's history against the heads this PC recorded, and record the new ones.

    Nothing to verify in a file before revision 0010 (it is migrated, and its rows hashed,
    before it is used). A verified file's heads advance the recorded ones, so the next open
    starts where this one ended; a file this PC never wrote to (a backup looked at, another
    unit's file) leaves no trace in the data folder.
    """
    if not has_chain(connection):
        return HistoryReport({}, None)
    uid = unit_uid(connection)
    seen = chain_head.recorded(uid, path) if uid else {}
    report = verify_history(connection, recorded=seen, full=full)
    if report.problem is None and uid and seen:
        chain_head.record(uid, path, report.heads)
    return report
