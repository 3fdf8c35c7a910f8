"""Staff with a department and a role, deactivated with a date; the unit's departments and areas;
the reason an intervention goal ended.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Columns are added with ``ALTER TABLE … ADD COLUMN`` (no batch copy: every record table points
at ``staff_member``). Existing staff become "medarbejder", except those whose title names a
leader ("leder", "forstander"), who become "leder"; issue 13 lets a leder set the roles right.
Initials become unique among the active staff; a file with two active members sharing initials
keeps the older one active under them and gives the others their id as a suffix, so nobody's
notes change author.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE staff_member ADD COLUMN role VARCHAR(32) NOT NULL DEFAULT 'medarbejder' "
        "CONSTRAINT staff_role CHECK (role IN ('medarbejder', 'leder', 'administrator'))"
    )
    op.add_column("staff_member", sa.Column("department", sa.String(), nullable=True))
    op.add_column("staff_member", sa.Column("deactivated_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE staff_member SET role = 'leder' "
        "WHERE lower(coalesce(title, '')) LIKE '%leder%' OR lower(coalesce(title, '')) LIKE '%forstander%'"
    )
    op.execute(
        "UPDATE staff_member SET initials = initials || '-' || id "
        "WHERE active = 1 AND EXISTS (SELECT 1 FROM staff_member older "
        "WHERE older.active = 1 AND older.initials = staff_member.initials AND older.id < staff_member.id)"
    )
    op.create_index(
        "uq_staff_member_active_initials",
        "staff_member",
        ["initials"],
        unique=True,
        sqlite_where=sa.text("active = 1"),
    )
    # A goal ends with a reason (achieved, replaced, the citizen moved out).
    op.add_column("intervention_goal", sa.Column("end_reason", sa.String(), nullable=True))
    op.execute("ALTER TABLE unit ADD COLUMN departments JSON NOT NULL DEFAULT '[]'")
    op.execute('ALTER TABLE unit ADD COLUMN areas JSON NOT NULL DEFAULT \'["children", "adults"]\'')


def downgrade() -> None:
    op.drop_index("uq_staff_member_active_initials", table_name="staff_member")
    # Not a batch copy: that would drop the protected table's triggers (see 0003).
    op.execute("ALTER TABLE intervention_goal DROP COLUMN end_reason")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("areas")
        batch.drop_column("departments")
    with op.batch_alter_table("staff_member") as batch:
        batch.drop_column("deactivated_at")
        batch.drop_column("department")
        batch.drop_column("role")
