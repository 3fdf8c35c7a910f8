"""Migration 0006 gives every child the Århus schema they were scored in until now, adults none."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine

from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.ops.citizens import get_citizen
from fko_desktop.storage import schema
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.test_migration import build_revision_0001


def test_children_get_boern_og_familie_and_adults_none(tmp_path):
    path = tmp_path / "gammel.fko"
    build_revision_0001(path)  # Lærke, a child
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        schema.upgrade(connection, "0005")
    engine.dispose()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO citizen (id, name, cpr, area, target_groups, created_at) "
            "VALUES (2, 'Åse Ærø', '120380-1234', 'adults', '[]', '2025-02-01T09:00:00.000000+00:00')"
        )
    raw.close()
    with UnitFile.open(path, backup_dir=tmp_path / "backups") as unit:
        assert unit.schema_version() == schema.head_revision() == "0013"
        assert get_citizen(unit, 1).outcome_schema is OutcomeSchema.BOERN_OG_FAMILIE
        assert get_citizen(unit, 2).outcome_schema is None
    raw = sqlite3.connect(path)
    try:
        # The file itself refuses an adult with a schema, and a schema that does not exist.
        with pytest.raises(sqlite3.IntegrityError, match="children_only"):
            raw.execute("UPDATE citizen SET outcome_schema = 'handicap' WHERE id = 2")
        with pytest.raises(sqlite3.IntegrityError, match="outcome_schema"):
            raw.execute("UPDATE citizen SET outcome_schema = 'voksne' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError, match="children_only"):
            raw.execute("UPDATE citizen SET area = 'adults' WHERE id = 1")
        raw.execute("UPDATE citizen SET outcome_schema = 'unge' WHERE id = 1")
        assert raw.execute("SELECT outcome_schema FROM citizen ORDER BY id").fetchall() == [
            ("unge",),
            (None,),
        ]
    finally:
        raw.close()


def test_the_downgrade_takes_the_column_away(tmp_path):
    from alembic import command

    path = tmp_path / "enhed.fko"
    UnitFile.create(path, "Egely").close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = schema._config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    engine.dispose()
    raw = sqlite3.connect(path)
    try:
        assert "outcome_schema" not in {row[1] for row in raw.execute("PRAGMA table_info(citizen)")}
    finally:
        raw.close()
