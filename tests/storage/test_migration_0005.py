"""Migration 0005 makes a follow-up a legal record and gives an order its history dates."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine

from fko_desktop.ops.follow_up import follow_ups_for_citizen
from fko_desktop.storage import schema
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.test_migration import build_revision_0001


def test_a_0004_follow_up_becomes_version_one_and_is_never_deleted(tmp_path):
    path = tmp_path / "gammel.fko"
    build_revision_0001(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        schema.upgrade(connection, "0004")
    engine.dispose()
    raw = sqlite3.connect(path)
    with raw:
        (citizen_id,) = raw.execute("SELECT id FROM citizen LIMIT 1").fetchone()
        raw.execute(
            "INSERT INTO follow_up (uid, citizen_id, meeting_date, form, held, created_at) "
            "VALUES ('3f1c6a3e-54f4-4c1e-9a53-8f0e0b8f5a01', ?, '2025-07-20', 'meeting', 1, "
            "'2025-07-20T10:00:00.000000+00:00')",
            (citizen_id,),
        )
    raw.close()
    with UnitFile.open(path, backup_dir=tmp_path / "backups") as unit:
        assert unit.schema_version() == schema.head_revision()
        (follow_up,) = follow_ups_for_citizen(unit, citizen_id)
        assert follow_up.version == 1 and follow_up.withdrawn_at is None
    raw = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            raw.execute("DELETE FROM follow_up")
        columns = {row[1] for row in raw.execute('PRAGMA table_info("order")')}
        assert {"reformulated_date", "accepted_date"} <= columns
    finally:
        raw.close()
