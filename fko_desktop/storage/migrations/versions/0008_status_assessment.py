"""Bostedets vurdering: the unit's written assessment in the status report, a legal record.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Seed 002's status template asks what the unit did, with what effect and result, and how it
fits the municipality's purpose. The unit writes it per goal and once for the whole
(``goal_id`` NULL) for the period a status report covers; it is printed and sent with the
status bundle, so it is versioned and withdrawn like the other legal records, and the
database refuses to delete it (as 0002 does for the others).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_assessment",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("done", sa.Text(), nullable=True),
        sa.Column("effect", sa.Text(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=True),
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
        sa.CheckConstraint("period_from <= period_to", name=op.f("ck_status_assessment_period_order")),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_status_assessment_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["intervention_goal.id"], name=op.f("fk_status_assessment_goal_id_intervention_goal")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_status_assessment_created_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_member.id"],
            name=op.f("fk_status_assessment_updated_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_status_assessment_withdrawn_by_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_assessment")),
    )
    op.create_index("ix_status_assessment_citizen_id", "status_assessment", ["citizen_id"])
    op.create_index("ix_status_assessment_goal_id", "status_assessment", ["goal_id"])
    op.create_index("ix_status_assessment_uid", "status_assessment", ["uid"], unique=True)
    op.execute(
        "CREATE TRIGGER status_assessment_never_deleted BEFORE DELETE ON status_assessment BEGIN "
        "SELECT RAISE(ABORT, 'status_assessment rows are never deleted; withdraw them instead'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER status_assessment_never_deleted")
    op.drop_table("status_assessment")
