"""A follow-up is a legal record: versioned, withdrawn with a reason, never deleted; an order
keeps the dates of its reformulation and acceptance.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

A follow-up saved by mistake used to stay for good and steer the deadlines; now it is withdrawn
with a reason and kept, like a note. The columns are those of every ``Versioned`` record, added
with ``ALTER TABLE … ADD COLUMN`` (no batch copy: assessments point at ``follow_up``), and the
database refuses to delete a follow-up as it refuses the other legal records (see 0002).
The order's ``reformulated_date`` and ``accepted_date`` give its page a history: received,
returned, reformulated, accepted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE follow_up ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    op.add_column("follow_up", sa.Column("updated_at", sa.String(32), nullable=True))
    op.execute(
        "ALTER TABLE follow_up ADD COLUMN updated_by_id INTEGER "
        "CONSTRAINT fk_follow_up_updated_by_id_staff_member REFERENCES staff_member (id)"
    )
    op.add_column("follow_up", sa.Column("withdrawn_at", sa.String(32), nullable=True))
    op.add_column("follow_up", sa.Column("withdrawal_reason", sa.Text(), nullable=True))
    op.execute(
        "ALTER TABLE follow_up ADD COLUMN withdrawn_by_id INTEGER "
        "CONSTRAINT fk_follow_up_withdrawn_by_id_staff_member REFERENCES staff_member (id)"
    )
    op.execute(
        "CREATE TRIGGER follow_up_never_deleted BEFORE DELETE ON follow_up BEGIN "
        "SELECT RAISE(ABORT, 'follow_up rows are never deleted; withdraw them instead'); END"
    )
    op.add_column("order", sa.Column("reformulated_date", sa.Date(), nullable=True))
    op.add_column("order", sa.Column("accepted_date", sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute('ALTER TABLE "order" DROP COLUMN accepted_date')
    op.execute('ALTER TABLE "order" DROP COLUMN reformulated_date')
    op.execute("DROP TRIGGER follow_up_never_deleted")
    for column in (
        "withdrawn_by_id",
        "withdrawal_reason",
        "withdrawn_at",
        "updated_by_id",
        "updated_at",
        "version",
    ):
        op.execute(f"ALTER TABLE follow_up DROP COLUMN {column}")
