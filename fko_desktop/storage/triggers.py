"""The protection triggers, from one place: what the database itself refuses.

The ORM refuses first with a clear Danish message (``models/history.py``); these triggers hold
for every other tool that writes to the file. Migrations carry frozen copies of this SQL (a
migration must not change when this module does); a test holds the migrated schema to
``protection_triggers()``.

Erasure after the retention period must delete what these triggers protect. DDL is
transactional in SQLite, so erasure drops ``protection_trigger_names()`` in its write
transaction, deletes, and creates ``protection_triggers()`` again before it commits: nobody
ever sees the file without its triggers.
"""

from __future__ import annotations

from fko_desktop.hashchain import CHAIN_FIELDS, LEGAL_FIELDS

#: Tables whose rows are never deleted (legal records and the audit trail).
NEVER_DELETED = (
    "journal_note",
    "diary_note",
    "goal_status",
    "follow_up_assessment",
    "use_of_force",
    "record_version",
    "audit_event",
    "follow_up",
    "status_assessment",
    "diary_tag",
    "aarhus_assessment",
    "aarhus_factor_score",
)
CHAINED = tuple(CHAIN_FIELDS)
LEGAL = tuple(LEGAL_FIELDS)
_VERSIONING = ("version", "withdrawn_at", "withdrawal_reason", "withdrawn_by_id", "id")


def _never_deleted(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} BEGIN "
        f"SELECT RAISE(ABORT, '{table} rows are never deleted; withdraw them instead'); END"
    )


def _sealed_once(table: str) -> str:
    # A row is written with NULL digest and chain_hash and sealed once, in the same
    # transaction (storage/chain_seal.py); after that nothing about it may change.
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in CHAIN_FIELDS[table])
    return (
        f"CREATE TRIGGER {table}_never_updated BEFORE UPDATE ON {table} "
        f"WHEN OLD.chain_hash IS NOT NULL OR OLD.digest IS NOT NULL OR {changed} BEGIN "
        f"SELECT RAISE(ABORT, '{table} rows are never changed'); END"
    )


def _no_replace(table: str, *, uid: bool) -> str:
    # INSERT OR REPLACE deletes the row it conflicts with without firing delete triggers;
    # refusing the insert itself is what stops it.
    clash = f"EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)"
    if uid:
        clash += f" OR (NEW.uid IS NOT NULL AND EXISTS (SELECT 1 FROM {table} WHERE uid = NEW.uid))"
    return (
        f"CREATE TRIGGER {table}_never_replaced BEFORE INSERT ON {table} WHEN {clash} BEGIN "
        f"SELECT RAISE(ABORT, '{table} rows are never replaced'); END"
    )


def _versioned_update(table: str) -> str:
    # Content changes only with the next version (the ORM keeps the earlier one as a
    # record_version row); a withdrawal changes only the withdrawal fields.
    content = [field for field in LEGAL_FIELDS[table] if field not in _VERSIONING]
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in content)
    # A withdrawn record is final: only its content hash may still be set (when it is sealed).
    final = " OR ".join(
        f"NEW.{column} IS NOT OLD.{column}" for column in LEGAL_FIELDS[table] if column != "id"
    )
    return (
        f"CREATE TRIGGER {table}_versioned_update BEFORE UPDATE ON {table} "
        "WHEN NEW.id IS NOT OLD.id "
        "OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1) "
        f"OR (({changed}) AND NEW.version IS NOT OLD.version + 1) "
        f"OR (OLD.withdrawn_at IS NOT NULL AND ({final})) BEGIN "
        f"SELECT RAISE(ABORT, '{table} content changes only with a new version'); END"
    )


def _tag_never_changed() -> str:
    # A tag is part of its diary note's content (its content hash covers it): an edit of the
    # note's tags marks the old rows removed, once, and writes new ones; nothing else changes.
    return (
        "CREATE TRIGGER diary_tag_never_changed BEFORE UPDATE ON diary_tag "
        "WHEN OLD.removed_in_version IS NOT NULL OR NEW.removed_in_version IS NULL "
        "OR NEW.id IS NOT OLD.id OR NEW.note_id IS NOT OLD.note_id "
        "OR NEW.catalog IS NOT OLD.catalog OR NEW.code IS NOT OLD.code BEGIN "
        "SELECT RAISE(ABORT, 'diary_tag rows are never changed'); END"
    )


def protection_triggers() -> dict[str, str]:
    """Every protection trigger of the current schema: name → its CREATE statement."""
    triggers: dict[str, str] = {}
    for table in NEVER_DELETED:
        triggers[f"{table}_never_deleted"] = _never_deleted(table)
    for table in CHAINED:
        triggers[f"{table}_never_updated"] = _sealed_once(table)
        triggers[f"{table}_never_replaced"] = _no_replace(table, uid=False)
    for table in LEGAL:
        triggers[f"{table}_never_replaced"] = _no_replace(table, uid=True)
        triggers[f"{table}_versioned_update"] = _versioned_update(table)
    triggers["diary_tag_never_changed"] = _tag_never_changed()
    return triggers


def protection_trigger_names() -> tuple[str, ...]:
    return tuple(protection_triggers())
