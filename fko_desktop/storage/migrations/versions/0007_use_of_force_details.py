"""A use of force is registered in full: time, measure, duration, who, prevention, reporting.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Seed 002 and the rules on use of force ask for more than a date and a description: the time
of day, the measure used, how long it lasted, who took part, what was tried first, and when
the incident was reported to the authority; a permission names its measure. The columns are
added with ``ALTER TABLE … ADD COLUMN`` (no batch copy, which would drop the table's
protection triggers from migration 0002); every new column may be NULL, so records made
before this revision stay valid and read as "not recorded".
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("occurred_time", "TIME"),
    ("measure_code", "VARCHAR(64)"),
    (
        "duration_minutes",
        "INTEGER CONSTRAINT ck_use_of_force_duration "
        "CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 0 AND 1440)",
    ),
    ("participants", "TEXT"),
    ("prevention_tried", "TEXT"),
    ("reported_on", "DATE"),
)


def upgrade() -> None:
    for name, definition in _COLUMNS:
        op.execute(f"ALTER TABLE use_of_force ADD COLUMN {name} {definition}")


def downgrade() -> None:
    for name, _definition in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE use_of_force DROP COLUMN {name}")
