"""A child or young person has their own Århus outcome schema; an adult has none.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Seed 003's three schemas (Unge, Børn og familie, Handicap) are all for children and young
people, so the schema is chosen per child instead of following from the area (children used to
get "Børn og familie" and adults "Handicap"). Adults are documented with VUM/FFB. Existing
children get "Børn og familie", the schema they were scored in until now; adults get none. The
column is added with ``ALTER TABLE … ADD COLUMN`` (no batch copy: every record table points at
``citizen``), with two CHECKs: the value is one of the schemas, and an adult has none. SQLite
checks a new column's CHECK against the rows already there, when every row holds NULL, so "a
child has one" cannot be a CHECK without copying the table; the core gives every child one
(``Citizen``'s area validator) and reads a child's NULL as the default.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE citizen ADD COLUMN outcome_schema VARCHAR(32) "
        "CONSTRAINT ck_citizen_outcome_schema "
        "CHECK (outcome_schema IN ('unge', 'boern_og_familie', 'handicap')) "
        "CONSTRAINT ck_citizen_outcome_schema_children_only "
        "CHECK (outcome_schema IS NULL OR area = 'children')"
    )
    op.execute("UPDATE citizen SET outcome_schema = 'boern_og_familie' WHERE area = 'children'")


def downgrade() -> None:
    op.execute("ALTER TABLE citizen DROP COLUMN outcome_schema")
