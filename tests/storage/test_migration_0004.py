"""Migration 0004 gives staff a role and a department and makes active initials unique."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from fko_desktop.storage import schema
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.test_migration import build_revision_0001


def test_a_0003_file_gets_roles_unique_initials_and_unit_settings(tmp_path):
    path = tmp_path / "gammel.fko"
    build_revision_0001(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        schema.upgrade(connection, "0003")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO staff_member (name, initials, title, active, created_at) VALUES "
            "('Lone Berg', 'LB', 'Afdelingsleder', 1, '2025-01-01 08:00:00'), "
            "('Lars Bach', 'LB', 'Pædagog', 1, '2025-01-02 08:00:00'), "
            "('Lis Bak', 'LB', 'Tidligere medarbejder', 0, '2025-01-03 08:00:00')"
        )
    raw.close()
    with UnitFile.open(path, backup_dir=tmp_path / "backups") as unit:
        assert unit.schema_version() == schema.head_revision()
        staff = {m.name: m for m in unit.staff(include_inactive=True)}
        record = unit.unit()
    assert staff["Lone Berg"].role.value == "leder" and staff["Lone Berg"].initials == "LB"
    # The second active LB keeps every note; only the initials say it is another person.
    assert staff["Lars Bach"].role.value == "medarbejder"
    assert staff["Lars Bach"].initials == f"LB-{staff['Lars Bach'].id}"
    assert staff["Lis Bak"].initials == "LB"  # inactive: may share
    assert record.departments == [] and record.areas == ["children", "adults"]
