"""Staff log in: a password (Argon2id hash) per staff member, lockout, per-user privacy.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Until now "Hvem er du?" was a pick-list. Each staff member now has a password hash (never the
password), when it was set, whether it is a one-time password a leder gave (to be changed at
the next login), a count of failed logins and a lock time. ``department_only`` restricts a
medarbejder to the citizens of their department; ``show_full_cpr`` is the person's own choice
to see CPR numbers unmasked (masked by default). A staff member made before this revision has
no password: the first leder or administrator to log in chooses their own and gives the
others one-time passwords. The columns are added with ``ALTER TABLE … ADD COLUMN``: a batch
copy of staff_member would break the many tables that refer to it.

Two unit settings of the same issue join the unit row: how many days the automatic backups
are kept (``backup_keep_days``) and how many years a citizen's records are kept after the
stay ended before an administrator may erase them (``retention_years``).
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("password_hash", "TEXT"),
    ("password_set_at", "VARCHAR(32)"),
    ("must_change_password", "BOOLEAN NOT NULL DEFAULT 0"),
    ("failed_logins", "INTEGER NOT NULL DEFAULT 0"),
    ("locked_until", "VARCHAR(32)"),
    ("department_only", "BOOLEAN NOT NULL DEFAULT 0"),
    ("show_full_cpr", "BOOLEAN NOT NULL DEFAULT 0"),
)

_UNIT_COLUMNS = (
    (
        "backup_keep_days",
        "INTEGER NOT NULL DEFAULT 30 CONSTRAINT ck_unit_backup_keep_days "
        "CHECK (backup_keep_days BETWEEN 1 AND 3650)",
    ),
    (
        "retention_years",
        "INTEGER NOT NULL DEFAULT 5 CONSTRAINT ck_unit_retention_years "
        "CHECK (retention_years BETWEEN 1 AND 100)",
    ),
)


def upgrade() -> None:
    for name, definition in _COLUMNS:
        op.execute(f"ALTER TABLE staff_member ADD COLUMN {name} {definition}")
    for name, definition in _UNIT_COLUMNS:
        op.execute(f"ALTER TABLE unit ADD COLUMN {name} {definition}")


def downgrade() -> None:
    for name, _definition in reversed(_UNIT_COLUMNS):
        op.execute(f"ALTER TABLE unit DROP COLUMN {name}")
    for name, _definition in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE staff_member DROP COLUMN {name}")
