"""Exchange bundles: a stable uid on every record that travels, the bundle ledger, sync state.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The uid columns are added with plain ``ALTER TABLE … ADD COLUMN`` (no batch copy): copying
``journal_note`` and the other protected tables would drop their search and never-delete
triggers. Existing rows get a random version-4 UUID so a file migrated from 0002 can send any
record at once; rows written later by bulk tools without a uid get one when first exported.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UID_TABLES = (
    "citizen",
    "order",
    "intervention_goal",
    "plan",
    "sub_goal",
    "journal_note",
    "diary_note",
    "goal_status",
    "follow_up",
    "follow_up_assessment",
    "use_of_force",
)

# A version-4 UUID in SQL: random hex with the version nibble 4 and the variant nibble 8–b.
RANDOM_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) "
    "|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) "
    "|| '-' || hex(randomblob(6)))"
)


def upgrade() -> None:
    for table in UID_TABLES:
        op.add_column(table, sa.Column("uid", sa.String(length=36), nullable=True))
        op.execute(f'UPDATE "{table}" SET uid = {RANDOM_UUID} WHERE uid IS NULL')
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)

    op.create_table(
        "bundle_receipt",
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("sender_uid", sa.String(length=36), nullable=True),
        sa.Column("sender_name", sa.Text(), nullable=False),
        sa.Column("recipient_uid", sa.String(length=36), nullable=True),
        sa.Column("recipient_name", sa.Text(), nullable=True),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        sa.Column("citizen_uid", sa.String(length=36), nullable=True),
        sa.Column("bundle_created_at", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor_name", sa.Text(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_receipt")),
    )
    op.create_index("ix_bundle_receipt_citizen_id", "bundle_receipt", ["citizen_id"], unique=False)
    op.create_index(
        "uq_bundle_receipt_bundle_direction", "bundle_receipt", ["bundle_id", "direction"], unique=True
    )
    op.create_table(
        "sync_state",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("record_type", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_index("uq_bundle_receipt_bundle_direction", table_name="bundle_receipt")
    op.drop_index("ix_bundle_receipt_citizen_id", table_name="bundle_receipt")
    op.drop_table("bundle_receipt")
    for table in reversed(UID_TABLES):
        op.drop_index(f"ix_{table}_uid", table_name=table)
        with op.batch_alter_table(table, recreate="never") as batch_op:
            batch_op.drop_column("uid")
