"""The unit's setting for small groups in the overview's prints and exports.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

Issue 14: groups of fewer than five citizens are shown as "< 5" in anything printed or
exported from the overview. It is a setting of the unit, on by default, so an existing unit
starts with the safe choice. The unit also gets a random secret for the pseudonymous citizen
keys of its statistics files (``fko stats export``), drawn here for an existing unit.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER (as 0009): a batch copy of the table would drop the triggers of 0010.
    op.execute("ALTER TABLE unit ADD COLUMN suppress_small_groups BOOLEAN NOT NULL DEFAULT 1")
    op.execute("ALTER TABLE unit ADD COLUMN stats_salt VARCHAR(64)")
    op.execute("UPDATE unit SET stats_salt = lower(hex(randomblob(16)))")


def downgrade() -> None:
    op.execute("ALTER TABLE unit DROP COLUMN stats_salt")
    op.execute("ALTER TABLE unit DROP COLUMN suppress_small_groups")
