"""The Århus schema assessment (seed 003): a child scored on every factor of a schema.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

Issue 14 item 6. An assessment (``aarhus_assessment``) holds the day, the kind (intake, the
three-month check, a half-yearly follow-up), the schema used and who took part; each factor of
the schema has a row of its own (``aarhus_factor_score``) with the professionals' score and
target, the free text beside them and the child's and parents' own scores. Both are legal
records like a målstatus: versioned, withdrawn with a reason, never deleted, and sealed with a
content hash as 0010 made for the others. The tables are new, so they are made whole with their
``content_hash`` column, their unsealed index and their protection triggers.

The trigger SQL is a frozen copy of ``fko_desktop.storage.triggers`` as of this revision (a
migration must not change when runtime code does); a test holds the two to each other.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_TABLES = ("aarhus_assessment", "aarhus_factor_score")

# Frozen copy of fko_desktop.storage.triggers.protection_triggers() for the two tables.
_TRIGGERS = (
    (
        "CREATE TRIGGER aarhus_assessment_never_deleted BEFORE DELETE ON aarhus_assessment "
        "BEGIN SELECT RAISE(ABORT, 'aarhus_assessment rows are never deleted; withdraw them "
        "instead'); END"
    ),
    (
        "CREATE TRIGGER aarhus_factor_score_never_deleted BEFORE DELETE ON aarhus_factor_score "
        "BEGIN SELECT RAISE(ABORT, 'aarhus_factor_score rows are never deleted; withdraw them "
        "instead'); END"
    ),
    (
        "CREATE TRIGGER aarhus_assessment_never_replaced BEFORE INSERT ON aarhus_assessment "
        "WHEN EXISTS (SELECT 1 FROM aarhus_assessment WHERE id = NEW.id) OR (NEW.uid IS NOT "
        "NULL AND EXISTS (SELECT 1 FROM aarhus_assessment WHERE uid = NEW.uid)) BEGIN SELECT "
        "RAISE(ABORT, 'aarhus_assessment rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER aarhus_assessment_versioned_update BEFORE UPDATE ON aarhus_assessment "
        "WHEN NEW.id IS NOT OLD.id OR (NEW.version IS NOT OLD.version AND NEW.version IS NOT "
        "OLD.version + 1) OR ((NEW.assessed_on IS NOT OLD.assessed_on OR NEW.kind IS NOT "
        "OLD.kind OR NEW.outcome_schema IS NOT OLD.outcome_schema OR NEW.participants IS NOT "
        "OLD.participants OR NEW.note IS NOT OLD.note) AND NEW.version IS NOT OLD.version + 1) "
        "OR (OLD.withdrawn_at IS NOT NULL AND (NEW.version IS NOT OLD.version OR "
        "NEW.withdrawn_at IS NOT OLD.withdrawn_at OR NEW.withdrawal_reason IS NOT "
        "OLD.withdrawal_reason OR NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id OR "
        "NEW.assessed_on IS NOT OLD.assessed_on OR NEW.kind IS NOT OLD.kind OR "
        "NEW.outcome_schema IS NOT OLD.outcome_schema OR NEW.participants IS NOT "
        "OLD.participants OR NEW.note IS NOT OLD.note)) BEGIN SELECT RAISE(ABORT, "
        "'aarhus_assessment content changes only with a new version'); END"
    ),
    (
        "CREATE TRIGGER aarhus_factor_score_never_replaced BEFORE INSERT ON aarhus_factor_score"
        " WHEN EXISTS (SELECT 1 FROM aarhus_factor_score WHERE id = NEW.id) OR (NEW.uid IS NOT "
        "NULL AND EXISTS (SELECT 1 FROM aarhus_factor_score WHERE uid = NEW.uid)) BEGIN SELECT "
        "RAISE(ABORT, 'aarhus_factor_score rows are never replaced'); END"
    ),
    (
        "CREATE TRIGGER aarhus_factor_score_versioned_update BEFORE UPDATE ON "
        "aarhus_factor_score WHEN NEW.id IS NOT OLD.id OR (NEW.version IS NOT OLD.version AND "
        "NEW.version IS NOT OLD.version + 1) OR ((NEW.score IS NOT OLD.score OR NEW.target IS "
        "NOT OLD.target OR NEW.note IS NOT OLD.note OR NEW.child_score IS NOT OLD.child_score "
        "OR NEW.child_note IS NOT OLD.child_note OR NEW.parent_score IS NOT OLD.parent_score OR"
        " NEW.parent_note IS NOT OLD.parent_note) AND NEW.version IS NOT OLD.version + 1) OR "
        "(OLD.withdrawn_at IS NOT NULL AND (NEW.version IS NOT OLD.version OR NEW.withdrawn_at "
        "IS NOT OLD.withdrawn_at OR NEW.withdrawal_reason IS NOT OLD.withdrawal_reason OR "
        "NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id OR NEW.score IS NOT OLD.score OR "
        "NEW.target IS NOT OLD.target OR NEW.note IS NOT OLD.note OR NEW.child_score IS NOT "
        "OLD.child_score OR NEW.child_note IS NOT OLD.child_note OR NEW.parent_score IS NOT "
        "OLD.parent_score OR NEW.parent_note IS NOT OLD.parent_note)) BEGIN SELECT RAISE(ABORT,"
        " 'aarhus_factor_score content changes only with a new version'); END"
    ),
)


def upgrade() -> None:
    op.create_table(
        "aarhus_assessment",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("outcome_schema", sa.String(length=32), nullable=False),
        sa.Column("participants", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        # The legal record's hash (0010): a direct edit of a score shows as a mismatch.
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "kind IN ('intake', 'three_months', 'follow_up')", name=op.f("ck_aarhus_assessment_aarhus_kind")
        ),
        sa.CheckConstraint(
            "outcome_schema IN ('unge', 'boern_og_familie', 'handicap')",
            name=op.f("ck_aarhus_assessment_outcome_schema"),
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_aarhus_assessment_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_aarhus_assessment_created_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_member.id"],
            name=op.f("fk_aarhus_assessment_updated_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_aarhus_assessment_withdrawn_by_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aarhus_assessment")),
    )
    op.create_index("ix_aarhus_assessment_citizen_id", "aarhus_assessment", ["citizen_id"])
    op.create_index("ix_aarhus_assessment_uid", "aarhus_assessment", ["uid"], unique=True)
    op.create_table(
        "aarhus_factor_score",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("factor_code", sa.String(length=64), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=True),
        sa.Column("target", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("child_score", sa.SmallInteger(), nullable=True),
        sa.Column("child_note", sa.Text(), nullable=True),
        sa.Column("parent_score", sa.SmallInteger(), nullable=True),
        sa.Column("parent_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        # The legal record's hash (0010): a direct edit of a score shows as a mismatch.
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "score IS NULL OR score BETWEEN -1 AND 4", name=op.f("ck_aarhus_factor_score_score")
        ),
        sa.CheckConstraint(
            "target IS NULL OR target BETWEEN 0 AND 4", name=op.f("ck_aarhus_factor_score_target")
        ),
        sa.CheckConstraint(
            "child_score IS NULL OR child_score BETWEEN -1 AND 4",
            name=op.f("ck_aarhus_factor_score_child_score"),
        ),
        sa.CheckConstraint(
            "parent_score IS NULL OR parent_score BETWEEN -1 AND 4",
            name=op.f("ck_aarhus_factor_score_parent_score"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["aarhus_assessment.id"],
            name=op.f("fk_aarhus_factor_score_assessment_id_aarhus_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_aarhus_factor_score_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_aarhus_factor_score_created_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_member.id"],
            name=op.f("fk_aarhus_factor_score_updated_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_aarhus_factor_score_withdrawn_by_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aarhus_factor_score")),
    )
    op.create_index("ix_aarhus_factor_score_assessment_id", "aarhus_factor_score", ["assessment_id"])
    op.create_index("ix_aarhus_factor_score_citizen_id", "aarhus_factor_score", ["citizen_id"])
    op.create_index("ix_aarhus_factor_score_uid", "aarhus_factor_score", ["uid"], unique=True)
    op.create_index(
        "uq_aarhus_factor_score_factor", "aarhus_factor_score", ["assessment_id", "factor_code"], unique=True
    )
    for statement in _TRIGGERS:
        op.execute(statement)
    # The rows a write has not sealed yet, found without a scan (as 0010 does for the others).
    for table in _TABLES:
        op.execute(f"CREATE INDEX ix_{table}_unsealed ON {table} (id) WHERE content_hash IS NULL")


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.execute(f"DROP INDEX ix_{table}_unsealed")
    for statement in _TRIGGERS:
        op.execute(f"DROP TRIGGER {statement.split()[2]}")
    op.drop_table("aarhus_factor_score")
    op.drop_table("aarhus_assessment")
