"""The tamper-evident history: canonical content, digests and the hash chains.

Two chains, one per table: ``audit_event`` and ``record_version``, each ordered by ``id``.
Ids are assigned in commit order because every write holds the file lock and runs under
``BEGIN IMMEDIATE``, so a table's id order is the order in which its rows were written. One
chain per table keeps each link a lookup of the row before in the same table (no merge of two
id sequences, which would need a global sequence number the schema does not have) and lets
each chain be verified and its head recorded on its own.

Each row has a ``digest`` (SHA-256 of its canonical content) and a ``chain_hash`` (SHA-256 of
the previous row's ``chain_hash`` and this row's ``digest``; the first row links to
``GENESIS``). Changing, inserting, removing or reordering a row breaks the link at that row;
cutting the tail off is caught by the chain head kept outside the file
(``fko_desktop.storage.chain_head``).

Legal records (the ``Versioned`` tables) carry a ``content_hash`` over their versioned fields,
their version and their withdrawal fields (and, for a diary note, its tags): a direct edit of a
note's text shows as a record whose hash does not match its row.

Canonical content is computed from the values as SQLite stores them (text, integers, NULL;
dates and instants are already ISO text there), so the runtime, the migration's backfill and
``fko check`` all hash the same thing. JSON columns are parsed and written again with sorted
keys and no spaces. There are no floats in the stored content; should one appear, it is hashed
as its ``repr`` so float formatting never makes two equal rows differ.

Erasure after the retention period (an administrator's act, itself audited) replaces a
version's ``data`` or an event's ``details`` with ``tombstone(at)``. Such a row keeps its stored
``digest``: verification then trusts that digest for the link, because the erased content can
no longer be hashed, while every other row's digest is recomputed from its content. A tombstone
therefore hides content but cannot change the order, count or links of the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: What the first row of a chain links to.
GENESIS = "0" * 64

#: The session key under which a commit leaves the chains' heads (unit uid, file, heads) for
#: ``storage/chain_seal.py`` to record outside the file.
HEADS = "chain_heads"

#: The chained tables and the columns their digest covers, in a fixed order.
CHAIN_FIELDS: dict[str, tuple[str, ...]] = {
    "audit_event": (
        "id",
        "at",
        "actor_id",
        "actor_name",
        "action",
        "record_type",
        "record_id",
        "citizen_id",
        "details",
    ),
    "record_version": (
        "id",
        "record_type",
        "record_id",
        "version",
        "data",
        "saved_at",
        "saved_by_id",
        "replaced_at",
        "replaced_by_id",
    ),
}

#: The JSON column of each chained table: what erasure may replace with a tombstone.
CHAIN_CONTENT = {"audit_event": "details", "record_version": "data"}

#: When each chained row happened, for naming a broken link.
CHAIN_TIME = {"audit_event": "at", "record_version": "replaced_at"}

_RECORD_FIELDS = ("id", "version", "withdrawn_at", "withdrawal_reason", "withdrawn_by_id")

#: The legal record tables and the content their ``content_hash`` covers. Written out, not
#: read from the models, so a model change cannot silently change what old hashes mean; a
#: test holds these to each model's ``__versioned_fields__``.
LEGAL_FIELDS: dict[str, tuple[str, ...]] = {
    "journal_note": (*_RECORD_FIELDS, "observed_at", "author_id", "text", "score"),
    "diary_note": (*_RECORD_FIELDS, "observed_at", "author_id", "text"),
    "goal_status": (
        *_RECORD_FIELDS,
        "period",
        "assessed_on",
        "score",
        "summary",
        "source_code",
        "citizen_score",
        "citizen_note",
    ),
    "follow_up": (
        *_RECORD_FIELDS,
        "meeting_date",
        "form",
        "invitation_date",
        "report_sent_date",
        "caseworker_name",
        "support_need_code",
        "intervention_status_code",
        "agreements",
        "agenda_points",
        "held",
    ),
    "follow_up_assessment": (*_RECORD_FIELDS, "score", "note", "source_code", "agrees_with_status"),
    "use_of_force": (
        *_RECORD_FIELDS,
        "kind",
        "description",
        "duration_minutes",
        "measure_code",
        "occurred_on",
        "occurred_time",
        "participants",
        "period_end",
        "period_start",
        "prevention_tried",
        "reported_on",
        "reported_to",
        "review_date",
    ),
    "status_assessment": (*_RECORD_FIELDS, "period_from", "period_to", "done", "effect", "purpose"),
    "aarhus_assessment": (*_RECORD_FIELDS, "assessed_on", "kind", "outcome_schema", "participants", "note"),
    "aarhus_factor_score": (
        *_RECORD_FIELDS,
        "score",
        "target",
        "note",
        "child_score",
        "child_note",
        "parent_score",
        "parent_note",
    ),
}

#: Legal tables whose content includes child rows: a diary note's current tags (the removed
#: ones stay in the file, marked, and are not part of what the note says now).
TAGGED = {"diary_note": ("diary_tag", "note_id", ("catalog", "code"), "removed_in_version IS NULL")}


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def canonical_json(content: Mapping[str, Any]) -> str:
    """One fixed text for a content: sorted keys, no spaces, non-ASCII kept as is."""
    return json.dumps(_plain(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_json(value: Any) -> Any:
    """A stored JSON column's value (text) as data; anything unparsable is hashed as the text."""
    if isinstance(value, (str, bytes)):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def row_content(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A chained row's canonical content, from its stored column values."""
    content = {field: row.get(field) for field in CHAIN_FIELDS[table]}
    json_field = CHAIN_CONTENT[table]
    content[json_field] = parse_json(content[json_field])
    return {"table": table, **content}


def digest(table: str, row: Mapping[str, Any]) -> str:
    return sha256_hex(canonical_json(row_content(table, row)))


def link(previous: str, row_digest: str) -> str:
    """The chain hash of a row: its digest bound to everything before it."""
    return sha256_hex(previous + row_digest)


def tombstone(at: dt.date) -> dict[str, str]:
    """What erasure leaves in place of a version's data or an event's details."""
    return {"erased": at.isoformat()}


def is_tombstone(content: Any) -> bool:
    if not isinstance(content, Mapping) or set(content) != {"erased"}:
        return False
    value = content["erased"]
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def erased(table: str, row: Mapping[str, Any]) -> bool:
    """Whether a chained row's content was erased, so its stored digest stands for it."""
    return is_tombstone(parse_json(row.get(CHAIN_CONTENT[table])))


def record_hash(table: str, row: Mapping[str, Any], tags: Sequence[Sequence[Any]] = ()) -> str:
    """A legal record's content hash, from its stored column values (and tags, if it has any)."""
    content: dict[str, Any] = {"table": table}
    content.update({field: row.get(field) for field in LEGAL_FIELDS[table]})
    if table in TAGGED:
        content["tags"] = sorted([list(tag) for tag in tags])
    return sha256_hex(canonical_json(content))


def record_hashes(connection: Any, table: str, ids: Sequence[int]) -> Iterable[tuple[int, str]]:
    """(id, content hash) of the given legal records, from their stored rows.

    ``connection`` is a SQLAlchemy connection (``exec_driver_sql``) or a DB-API one
    (``execute``), both with qmark parameters: the hook, the migration's backfill and
    ``fko check`` all hash through this one function.
    """
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    columns = LEGAL_FIELDS[table]
    marks = ", ".join("?" for _ in ids)
    rows = [
        dict(zip(columns, row, strict=True))
        for row in run(f"SELECT {', '.join(columns)} FROM {table} WHERE id IN ({marks})", tuple(ids))
    ]
    tags: dict[int, list[tuple[Any, ...]]] = {}
    if table in TAGGED:
        child, parent, fields, current = TAGGED[table]
        for row in run(
            f"SELECT {parent}, {', '.join(fields)} FROM {child} WHERE {parent} IN ({marks}) AND {current}",
            tuple(ids),
        ):
            tags.setdefault(row[0], []).append(tuple(row[1:]))
    return [(row["id"], record_hash(table, row, tags.get(row["id"], ()))) for row in rows]
