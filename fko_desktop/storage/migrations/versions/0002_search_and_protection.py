"""Full-text search over notes, and database-level protection of legal records.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Search uses SQLite FTS5 tables with external content (the note tables themselves), kept in
step by triggers so every write path, including bulk imports, is indexed. ``remove_diacritics 0``
because æ, ø and å are letters of their own in Danish: "år" must not match "ar".

The protection triggers make the database itself refuse what the product promises never to do:
delete a note, a goal status, a follow-up assessment or a use-of-force record, or change the
audit trail and the kept versions. The ORM refuses first with a clear message; the triggers
guard against any other tool writing to the file.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_TABLES = {"journal_note": "journal_note_fts", "diary_note": "diary_note_fts"}
NEVER_DELETED = (
    "journal_note",
    "diary_note",
    "goal_status",
    "follow_up_assessment",
    "use_of_force",
    "record_version",
    "audit_event",
)
NEVER_UPDATED = ("record_version", "audit_event")


def upgrade() -> None:
    for table, fts in FTS_TABLES.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(text, content='{table}', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF text ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); "
            f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END"
        )
        # Index what the older schema already held.
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    for table in NEVER_DELETED:
        op.execute(
            f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} rows are never deleted; withdraw them instead'); END"
        )
    for table in NEVER_UPDATED:
        op.execute(
            f"CREATE TRIGGER {table}_never_updated BEFORE UPDATE ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} rows are never changed'); END"
        )


def downgrade() -> None:
    for table in NEVER_UPDATED:
        op.execute(f"DROP TRIGGER {table}_never_updated")
    for table in NEVER_DELETED:
        op.execute(f"DROP TRIGGER {table}_never_deleted")
    for table, fts in FTS_TABLES.items():
        op.execute(f"DROP TRIGGER {table}_fts_update")
        op.execute(f"DROP TRIGGER {table}_fts_insert")
        op.execute(f"DROP TABLE {fts}")
