"""A tamper-evident history: hash chains over the audit trail and the kept versions, content
hashes on legal records, and triggers that refuse direct edits and INSERT OR REPLACE.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Every ``audit_event`` and ``record_version`` row gets a ``digest`` (SHA-256 of its canonical
content) and a ``chain_hash`` (SHA-256 of the previous row's chain hash and its digest); each
legal record gets a ``content_hash`` over its versioned fields, version and withdrawal (see
``fko_desktop.models.chain``). The columns are added with ``ALTER TABLE … ADD COLUMN``: a batch
copy would drop the triggers and the search index's triggers with the table.

Existing rows are hashed here with the same pure functions the program uses at run time, so a
migrated file verifies like a new one. The 0002 triggers that refused every UPDATE of the audit
trail are replaced by ones that allow exactly one: sealing a new row in its own transaction.

The trigger SQL is a frozen copy of ``fko_desktop.storage.triggers`` as of this revision (a
migration must not change when runtime code does); a test holds the two to each other.
"""

from __future__ import annotations

from typing import Any

from alembic import op

from fko_desktop.hashchain import CHAIN_FIELDS, GENESIS, LEGAL_FIELDS, digest, link, record_hashes

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_CHAINED = ("audit_event", "record_version")
_LEGAL = (
    "journal_note",
    "diary_note",
    "goal_status",
    "follow_up",
    "follow_up_assessment",
    "use_of_force",
    "status_assessment",
)
_CHUNK = 2000

# Frozen copy of fko_desktop.storage.triggers.protection_triggers() (all but the never_deleted
# ones 0002, 0005 and 0008 made) as of this revision.
_TRIGGERS = (
    (
        "CREATE TRIGGER diary_tag_never_deleted BEFORE DELETE ON diary_tag BEGIN SELECT "
        "RAISE(ABORT, 'diary_tag rows are never deleted; withdraw them instead'); END"
    ),
    (
        "CREATE TRIGGER audit_event_never_updated BEFORE UPDATE ON audit_event WHEN "
        "OLD.chain_hash IS NOT NULL OR OLD.digest IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at "
        "IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_name IS NOT "
        "OLD.actor_name OR NEW.action IS NOT OLD.action OR NEW.record_type IS NOT OLD.record_type"
        " OR NEW.record_id IS NOT OLD.record_id OR NEW.citizen_id IS NOT OLD.citizen_id OR "
        "NEW.details IS NOT OLD.details BEGIN SELECT RAISE(ABORT, 'audit_event rows are never "
        "changed'); END"
    ),
    (
        "CREATE TRIGGER audit_event_never_replaced BEFORE INSERT ON audit_event WHEN EXISTS "
        "(SELECT 1 FROM audit_event WHERE id = NEW.id) BEGIN SELECT RAISE(ABORT, 'audit_event "
        "rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER record_version_never_updated BEFORE UPDATE ON record_version WHEN "
        "OLD.chain_hash IS NOT NULL OR OLD.digest IS NOT NULL OR NEW.id IS NOT OLD.id OR "
        "NEW.record_type IS NOT OLD.record_type OR NEW.record_id IS NOT OLD.record_id OR "
        "NEW.version IS NOT OLD.version OR NEW.data IS NOT OLD.data OR NEW.saved_at IS NOT "
        "OLD.saved_at OR NEW.saved_by_id IS NOT OLD.saved_by_id OR NEW.replaced_at IS NOT "
        "OLD.replaced_at OR NEW.replaced_by_id IS NOT OLD.replaced_by_id BEGIN SELECT "
        "RAISE(ABORT, 'record_version rows are never changed'); END"
    ),
    (
        "CREATE TRIGGER record_version_never_replaced BEFORE INSERT ON record_version WHEN EXISTS"
        " (SELECT 1 FROM record_version WHERE id = NEW.id) BEGIN SELECT RAISE(ABORT, "
        "'record_version rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER journal_note_never_replaced BEFORE INSERT ON journal_note WHEN EXISTS "
        "(SELECT 1 FROM journal_note WHERE id = NEW.id) OR (NEW.uid IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM journal_note WHERE uid = NEW.uid)) BEGIN SELECT RAISE(ABORT, "
        "'journal_note rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER journal_note_versioned_update BEFORE UPDATE ON journal_note WHEN NEW.id "
        "IS NOT OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1)"
        " OR ((NEW.observed_at IS NOT OLD.observed_at OR NEW.author_id IS NOT OLD.author_id OR "
        "NEW.text IS NOT OLD.text OR NEW.score IS NOT OLD.score) AND NEW.version IS NOT "
        "OLD.version + 1) OR (OLD.withdrawn_at IS NOT NULL AND (NEW.version IS NOT OLD.version OR"
        " NEW.withdrawn_at IS NOT OLD.withdrawn_at OR NEW.withdrawal_reason IS NOT "
        "OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id OR "
        "NEW.observed_at IS NOT OLD.observed_at OR NEW.author_id IS NOT OLD.author_id OR NEW.text"
        " IS NOT OLD.text OR NEW.score IS NOT OLD.score)) BEGIN SELECT RAISE(ABORT, 'journal_note"
        " content changes only with a new version'); END"
    ),
    (
        "CREATE TRIGGER diary_note_never_replaced BEFORE INSERT ON diary_note WHEN EXISTS (SELECT"
        " 1 FROM diary_note WHERE id = NEW.id) OR (NEW.uid IS NOT NULL AND EXISTS (SELECT 1 FROM "
        "diary_note WHERE uid = NEW.uid)) BEGIN SELECT RAISE(ABORT, 'diary_note rows are never "
        "replaced'); END"
    ),
    (
        "CREATE TRIGGER diary_note_versioned_update BEFORE UPDATE ON diary_note WHEN NEW.id IS "
        "NOT OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1) OR"
        " ((NEW.observed_at IS NOT OLD.observed_at OR NEW.author_id IS NOT OLD.author_id OR "
        "NEW.text IS NOT OLD.text) AND NEW.version IS NOT OLD.version + 1) OR (OLD.withdrawn_at "
        "IS NOT NULL AND (NEW.version IS NOT OLD.version OR NEW.withdrawn_at IS NOT "
        "OLD.withdrawn_at OR NEW.withdrawal_reason IS NOT OLD.withdrawal_reason OR "
        "NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id OR NEW.observed_at IS NOT OLD.observed_at"
        " OR NEW.author_id IS NOT OLD.author_id OR NEW.text IS NOT OLD.text)) BEGIN SELECT "
        "RAISE(ABORT, 'diary_note content changes only with a new version'); END"
    ),
    (
        "CREATE TRIGGER goal_status_never_replaced BEFORE INSERT ON goal_status WHEN EXISTS "
        "(SELECT 1 FROM goal_status WHERE id = NEW.id) OR (NEW.uid IS NOT NULL AND EXISTS (SELECT"
        " 1 FROM goal_status WHERE uid = NEW.uid)) BEGIN SELECT RAISE(ABORT, 'goal_status rows "
        "are never replaced'); END"
    ),
    (
        "CREATE TRIGGER goal_status_versioned_update BEFORE UPDATE ON goal_status WHEN NEW.id IS "
        "NOT OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1) OR"
        " ((NEW.period IS NOT OLD.period OR NEW.assessed_on IS NOT OLD.assessed_on OR NEW.score "
        "IS NOT OLD.score OR NEW.summary IS NOT OLD.summary OR NEW.source_code IS NOT "
        "OLD.source_code OR NEW.citizen_score IS NOT OLD.citizen_score OR NEW.citizen_note IS NOT"
        " OLD.citizen_note) AND NEW.version IS NOT OLD.version + 1) OR (OLD.withdrawn_at IS NOT "
        "NULL AND (NEW.version IS NOT OLD.version OR NEW.withdrawn_at IS NOT OLD.withdrawn_at OR "
        "NEW.withdrawal_reason IS NOT OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT "
        "OLD.withdrawn_by_id OR NEW.period IS NOT OLD.period OR NEW.assessed_on IS NOT "
        "OLD.assessed_on OR NEW.score IS NOT OLD.score OR NEW.summary IS NOT OLD.summary OR "
        "NEW.source_code IS NOT OLD.source_code OR NEW.citizen_score IS NOT OLD.citizen_score OR "
        "NEW.citizen_note IS NOT OLD.citizen_note)) BEGIN SELECT RAISE(ABORT, 'goal_status "
        "content changes only with a new version'); END"
    ),
    (
        "CREATE TRIGGER follow_up_never_replaced BEFORE INSERT ON follow_up WHEN EXISTS (SELECT 1"
        " FROM follow_up WHERE id = NEW.id) OR (NEW.uid IS NOT NULL AND EXISTS (SELECT 1 FROM "
        "follow_up WHERE uid = NEW.uid)) BEGIN SELECT RAISE(ABORT, 'follow_up rows are never "
        "replaced'); END"
    ),
    (
        "CREATE TRIGGER follow_up_versioned_update BEFORE UPDATE ON follow_up WHEN NEW.id IS NOT "
        "OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1) OR "
        "((NEW.meeting_date IS NOT OLD.meeting_date OR NEW.form IS NOT OLD.form OR "
        "NEW.invitation_date IS NOT OLD.invitation_date OR NEW.report_sent_date IS NOT "
        "OLD.report_sent_date OR NEW.caseworker_name IS NOT OLD.caseworker_name OR "
        "NEW.support_need_code IS NOT OLD.support_need_code OR NEW.intervention_status_code IS "
        "NOT OLD.intervention_status_code OR NEW.agreements IS NOT OLD.agreements OR "
        "NEW.agenda_points IS NOT OLD.agenda_points OR NEW.held IS NOT OLD.held) AND NEW.version "
        "IS NOT OLD.version + 1) OR (OLD.withdrawn_at IS NOT NULL AND (NEW.version IS NOT "
        "OLD.version OR NEW.withdrawn_at IS NOT OLD.withdrawn_at OR NEW.withdrawal_reason IS NOT "
        "OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id OR "
        "NEW.meeting_date IS NOT OLD.meeting_date OR NEW.form IS NOT OLD.form OR "
        "NEW.invitation_date IS NOT OLD.invitation_date OR NEW.report_sent_date IS NOT "
        "OLD.report_sent_date OR NEW.caseworker_name IS NOT OLD.caseworker_name OR "
        "NEW.support_need_code IS NOT OLD.support_need_code OR NEW.intervention_status_code IS "
        "NOT OLD.intervention_status_code OR NEW.agreements IS NOT OLD.agreements OR "
        "NEW.agenda_points IS NOT OLD.agenda_points OR NEW.held IS NOT OLD.held)) BEGIN SELECT "
        "RAISE(ABORT, 'follow_up content changes only with a new version'); END"
    ),
    (
        "CREATE TRIGGER follow_up_assessment_never_replaced BEFORE INSERT ON follow_up_assessment"
        " WHEN EXISTS (SELECT 1 FROM follow_up_assessment WHERE id = NEW.id) OR (NEW.uid IS NOT "
        "NULL AND EXISTS (SELECT 1 FROM follow_up_assessment WHERE uid = NEW.uid)) BEGIN SELECT "
        "RAISE(ABORT, 'follow_up_assessment rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER follow_up_assessment_versioned_update BEFORE UPDATE ON "
        "follow_up_assessment WHEN NEW.id IS NOT OLD.id OR (NEW.version IS NOT OLD.version AND "
        "NEW.version IS NOT OLD.version + 1) OR ((NEW.score IS NOT OLD.score OR NEW.note IS NOT "
        "OLD.note OR NEW.source_code IS NOT OLD.source_code OR NEW.agrees_with_status IS NOT "
        "OLD.agrees_with_status) AND NEW.version IS NOT OLD.version + 1) OR (OLD.withdrawn_at IS "
        "NOT NULL AND (NEW.version IS NOT OLD.version OR NEW.withdrawn_at IS NOT OLD.withdrawn_at"
        " OR NEW.withdrawal_reason IS NOT OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT "
        "OLD.withdrawn_by_id OR NEW.score IS NOT OLD.score OR NEW.note IS NOT OLD.note OR "
        "NEW.source_code IS NOT OLD.source_code OR NEW.agrees_with_status IS NOT "
        "OLD.agrees_with_status)) BEGIN SELECT RAISE(ABORT, 'follow_up_assessment content changes"
        " only with a new version'); END"
    ),
    (
        "CREATE TRIGGER use_of_force_never_replaced BEFORE INSERT ON use_of_force WHEN EXISTS "
        "(SELECT 1 FROM use_of_force WHERE id = NEW.id) OR (NEW.uid IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM use_of_force WHERE uid = NEW.uid)) BEGIN SELECT RAISE(ABORT, "
        "'use_of_force rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER use_of_force_versioned_update BEFORE UPDATE ON use_of_force WHEN NEW.id "
        "IS NOT OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1)"
        " OR ((NEW.kind IS NOT OLD.kind OR NEW.description IS NOT OLD.description OR "
        "NEW.duration_minutes IS NOT OLD.duration_minutes OR NEW.measure_code IS NOT "
        "OLD.measure_code OR NEW.occurred_on IS NOT OLD.occurred_on OR NEW.occurred_time IS NOT "
        "OLD.occurred_time OR NEW.participants IS NOT OLD.participants OR NEW.period_end IS NOT "
        "OLD.period_end OR NEW.period_start IS NOT OLD.period_start OR NEW.prevention_tried IS "
        "NOT OLD.prevention_tried OR NEW.reported_on IS NOT OLD.reported_on OR NEW.reported_to IS"
        " NOT OLD.reported_to OR NEW.review_date IS NOT OLD.review_date) AND NEW.version IS NOT "
        "OLD.version + 1) OR (OLD.withdrawn_at IS NOT NULL AND (NEW.version IS NOT OLD.version OR"
        " NEW.withdrawn_at IS NOT OLD.withdrawn_at OR NEW.withdrawal_reason IS NOT "
        "OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id OR NEW.kind IS "
        "NOT OLD.kind OR NEW.description IS NOT OLD.description OR NEW.duration_minutes IS NOT "
        "OLD.duration_minutes OR NEW.measure_code IS NOT OLD.measure_code OR NEW.occurred_on IS "
        "NOT OLD.occurred_on OR NEW.occurred_time IS NOT OLD.occurred_time OR NEW.participants IS"
        " NOT OLD.participants OR NEW.period_end IS NOT OLD.period_end OR NEW.period_start IS NOT"
        " OLD.period_start OR NEW.prevention_tried IS NOT OLD.prevention_tried OR NEW.reported_on"
        " IS NOT OLD.reported_on OR NEW.reported_to IS NOT OLD.reported_to OR NEW.review_date IS "
        "NOT OLD.review_date)) BEGIN SELECT RAISE(ABORT, 'use_of_force content changes only with "
        "a new version'); END"
    ),
    (
        "CREATE TRIGGER status_assessment_never_replaced BEFORE INSERT ON status_assessment WHEN "
        "EXISTS (SELECT 1 FROM status_assessment WHERE id = NEW.id) OR (NEW.uid IS NOT NULL AND "
        "EXISTS (SELECT 1 FROM status_assessment WHERE uid = NEW.uid)) BEGIN SELECT RAISE(ABORT, "
        "'status_assessment rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER status_assessment_versioned_update BEFORE UPDATE ON status_assessment "
        "WHEN NEW.id IS NOT OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT "
        "OLD.version + 1) OR ((NEW.period_from IS NOT OLD.period_from OR NEW.period_to IS NOT "
        "OLD.period_to OR NEW.done IS NOT OLD.done OR NEW.effect IS NOT OLD.effect OR NEW.purpose"
        " IS NOT OLD.purpose) AND NEW.version IS NOT OLD.version + 1) OR (OLD.withdrawn_at IS NOT"
        " NULL AND (NEW.version IS NOT OLD.version OR NEW.withdrawn_at IS NOT OLD.withdrawn_at OR"
        " NEW.withdrawal_reason IS NOT OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT "
        "OLD.withdrawn_by_id OR NEW.period_from IS NOT OLD.period_from OR NEW.period_to IS NOT "
        "OLD.period_to OR NEW.done IS NOT OLD.done OR NEW.effect IS NOT OLD.effect OR NEW.purpose"
        " IS NOT OLD.purpose)) BEGIN SELECT RAISE(ABORT, 'status_assessment content changes only "
        "with a new version'); END"
    ),
    (
        "CREATE TRIGGER diary_tag_never_changed BEFORE UPDATE ON diary_tag WHEN "
        "OLD.removed_in_version IS NOT NULL OR NEW.removed_in_version IS NULL OR NEW.id IS NOT "
        "OLD.id OR NEW.note_id IS NOT OLD.note_id OR NEW.catalog IS NOT OLD.catalog OR NEW.code "
        "IS NOT OLD.code BEGIN SELECT RAISE(ABORT, 'diary_tag rows are never changed'); END"
    ),
)


def _backfill_chain(connection: Any, table: str) -> None:
    columns = CHAIN_FIELDS[table]
    chain, last_id = GENESIS, 0
    while True:
        rows = connection.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM {table} WHERE id > ? ORDER BY id LIMIT {_CHUNK}", (last_id,)
        ).fetchall()
        if not rows:
            return
        sealed = []
        for values in rows:
            row = dict(zip(columns, values, strict=True))
            row_digest = digest(table, row)
            chain = link(chain, row_digest)
            sealed.append((row_digest, chain, row["id"]))
        connection.exec_driver_sql(f"UPDATE {table} SET digest = ?, chain_hash = ? WHERE id = ?", sealed)
        last_id = rows[-1][0]


def _backfill_records(connection: Any, table: str) -> None:
    last_id = 0
    while True:
        ids = [
            row[0]
            for row in connection.exec_driver_sql(
                f"SELECT id FROM {table} WHERE id > ? ORDER BY id LIMIT 500", (last_id,)
            )
        ]
        if not ids:
            return
        hashes = [(value, record_id) for record_id, value in record_hashes(connection, table, ids)]
        connection.exec_driver_sql(f"UPDATE {table} SET content_hash = ? WHERE id = ?", hashes)
        last_id = ids[-1]


def upgrade() -> None:
    # Later revisions add legal tables of their own (0013), hashed from their start.
    assert set(_LEGAL) <= set(LEGAL_FIELDS) and set(_CHAINED) == set(CHAIN_FIELDS)
    for table in _CHAINED:
        op.execute(f"ALTER TABLE {table} ADD COLUMN digest VARCHAR(64)")
        op.execute(f"ALTER TABLE {table} ADD COLUMN chain_hash VARCHAR(64)")
        op.execute(f"DROP TRIGGER {table}_never_updated")
    for table in _LEGAL:
        op.execute(f"ALTER TABLE {table} ADD COLUMN content_hash VARCHAR(64)")
    op.execute("ALTER TABLE bundle_receipt ADD COLUMN chain_head JSON")
    op.execute("ALTER TABLE diary_tag ADD COLUMN removed_in_version INTEGER")
    connection = op.get_bind()
    for table in _CHAINED:
        _backfill_chain(connection, table)
    for table in _LEGAL:
        _backfill_records(connection, table)
    for statement in _TRIGGERS:
        op.execute(statement)
    # The rows a write has not sealed yet: found without a scan by the hook before commit.
    for table in _CHAINED:
        op.execute(f"CREATE INDEX ix_{table}_unsealed ON {table} (id) WHERE chain_hash IS NULL")
    for table in _LEGAL:
        op.execute(f"CREATE INDEX ix_{table}_unsealed ON {table} (id) WHERE content_hash IS NULL")


def downgrade() -> None:
    for table in (*_CHAINED, *_LEGAL):
        op.execute(f"DROP INDEX ix_{table}_unsealed")
    for statement in _TRIGGERS:
        op.execute(f"DROP TRIGGER {statement.split()[2]}")
    for table in _CHAINED:
        op.execute(
            f"CREATE TRIGGER {table}_never_updated BEFORE UPDATE ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} rows are never changed'); END"
        )
    op.execute("ALTER TABLE diary_tag DROP COLUMN removed_in_version")
    op.execute("ALTER TABLE bundle_receipt DROP COLUMN chain_head")
    for table in _LEGAL:
        op.execute(f"ALTER TABLE {table} DROP COLUMN content_hash")
    for table in _CHAINED:
        op.execute(f"ALTER TABLE {table} DROP COLUMN chain_hash")
        op.execute(f"ALTER TABLE {table} DROP COLUMN digest")
