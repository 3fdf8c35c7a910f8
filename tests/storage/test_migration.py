"""Opening a file made by an older version: backup first, then migrate; never read-only."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from fko_desktop.errors import UnitFileError
from fko_desktop.models import Citizen, InterventionGoal, JournalNote
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops.info import unit_info
from fko_desktop.storage import schema
from fko_desktop.storage.integrity import check_unit_file
from fko_desktop.storage.search import search_notes
from fko_desktop.storage.unitfile import UnitFile

from .util import file_state

NOW = "2025-02-01T09:00:00.000000+00:00"
OLD_NOTE = "Lærke hjalp til ved fødselsdagen og smilede hele aftenen."


def build_revision_0001(path: Path) -> None:
    """A unit file as version 0001 of the program left it, with one of everything."""
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
    connection.commit()
    connection.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as sa_connection:
        schema.upgrade(sa_connection, "0001")
        for statement, values in [
            ("INSERT INTO unit (id, name, uid, created_at) VALUES (1, 'Gammel Enhed', :uid, :now)",
             {"uid": str(uuid.uuid4())}),
            ("INSERT INTO staff_member (id, name, initials, active, created_at) "
             "VALUES (1, 'Ole Ørsted', 'OØ', 1, :now)", {}),
            ("INSERT INTO citizen (id, name, cpr, area, target_groups, created_at) "
             "VALUES (1, 'Lærke Ås', '010316-4000', 'children', '[]', :now)", {}),
            ("INSERT INTO \"order\" (id, citizen_id, intervention_purpose, state, created_at) "
             "VALUES (1, 1, 'Trivsel', 'accepted', :now)", {}),
            ("INSERT INTO intervention_goal (id, order_id, citizen_id, position, text, domain_catalog, "
             "domain_code, baseline, target, start_date, related_themes, created_at) "
             "VALUES (1, 1, 1, 1, 'Lærke har en ven.', 'ics', 'fritid_og_venskaber', 3, -1, '2025-01-01', "
             "'[]', :now)",
             {}),
            ("INSERT INTO sub_goal (id, goal_id, citizen_id, position, text, start_date, state, created_at) "
             "VALUES (1, 1, 1, 1, 'Lærke inviterer en ven hjem.', '2025-01-01', 'active', :now)", {}),
            ("INSERT INTO journal_note (id, sub_goal_id, citizen_id, observed_at, author_id, text, score, "
             "version, created_at, created_by_id) VALUES (1, 1, 1, :now, 1, :note, 2, 1, :now, 1)",
             {"note": OLD_NOTE}),
        ]:  # fmt: skip
            sa_connection.execute(text(statement), {"now": NOW, **values})
    engine.dispose()


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def old_path(tmp_path) -> Path:
    path = tmp_path / "gammel.fko"
    build_revision_0001(path)
    return path


def test_the_old_file_really_is_at_0001(old_path):
    assert check_unit_file(old_path) == "0001" != schema.head_revision()
    with sqlite3.connect(old_path) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    assert "journal_note" in tables and "journal_note_fts" not in tables


def test_open_for_writing_backs_up_then_migrates(old_path, tmp_path):
    backups = tmp_path / "backups"
    with UnitFile.open(old_path, backup_dir=backups) as unit:
        assert unit.schema_version() == schema.head_revision() == "0013"
        [backup] = backups.iterdir()
        assert backup.name.startswith("gammel-") and backup.name.endswith("-før-opdatering-0001.fko")
        assert revision_of(backup) == "0001"
        counts = unit_info(unit)["counts"]
        kept = ("citizens", "staff", "orders", "intervention_goals", "sub_goals", "journal_notes")
        assert {key: counts[key] for key in kept} == dict.fromkeys(kept, 1)
        with unit.read() as session:
            note = session.get(JournalNote, 1)
            assert (note.text, note.score, note.author_id) == (OLD_NOTE, 2, 1)
            assert note.observed_at.isoformat() == "2025-02-01T09:00:00+00:00"
            assert session.get(Citizen, 1).name == "Lærke Ås"
            assert session.get(InterventionGoal, 1).target is NOT_ASSESSED
            # 0002 indexes what the older file already held.
            [hit] = search_notes(session, "fødselsdag")
            assert (hit.note_id, hit.citizen_name, hit.author) == (1, "Lærke Ås", "OØ")
        # ... and the protection triggers of 0002 are in place.
        with pytest.raises(DBAPIError, match="never deleted"), unit.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM journal_note")
    assert check_unit_file(old_path, full=True) == schema.head_revision()
    # The backup is still a usable 0001 file: it can itself be opened (and migrated) later.
    assert check_unit_file(backup, full=True) == "0001"


def test_migrated_file_opens_without_a_second_backup(old_path, tmp_path):
    backups = tmp_path / "backups"
    UnitFile.open(old_path, backup_dir=backups).close()
    UnitFile.open(old_path, backup_dir=backups).close()
    assert len(list(backups.iterdir())) == 1


def test_readonly_open_of_an_old_file_is_refused_untouched(old_path, tmp_path):
    before = file_state(old_path)
    with pytest.raises(UnitFileError) as refused:
        UnitFile.open(old_path, readonly=True, backup_dir=tmp_path / "backups")
    assert str(refused.value) == (
        "gammel.fko er lavet med en ældre version af FKO Desktop og skal opdateres; "
        "åbn den med skriveadgang først."
    )
    assert file_state(old_path) == before
    assert not (tmp_path / "backups").exists()
    assert revision_of(old_path) == "0001"


def test_a_migration_that_fails_half_way_leaves_the_old_schema_whole(old_path, tmp_path, monkeypatch):
    """The DDL is inside the transaction: no new trigger or table survives a failed migration
    (a kill did that before: the file then stayed at 0001 with 0002's search triggers)."""
    from fko_desktop.storage.integrity import inspect_unit_file

    real_upgrade = schema.upgrade

    def upgrade_then_fail(connection, revision="head"):
        real_upgrade(connection, revision)
        raise DBAPIError("statement", {}, Exception("disk I/O error"))

    monkeypatch.setattr(schema, "upgrade", upgrade_then_fail)
    with pytest.raises(UnitFileError):
        UnitFile.open(old_path, backup_dir=tmp_path / "backups")
    inspection = inspect_unit_file(old_path)
    assert (inspection.revision, inspection.problems) == ("0001", ())
    monkeypatch.setattr(schema, "upgrade", real_upgrade)
    with UnitFile.open(old_path, backup_dir=tmp_path / "backups") as unit:
        assert unit.schema_version() == schema.head_revision()


HALF_WRITE = """
import sqlite3, sys, os
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=DELETE")
connection.execute("PRAGMA cache_size=1")  # dirty pages reach the file before the commit
connection.execute("BEGIN")
connection.execute("UPDATE citizen SET name = 'Halvt skrevet'")
connection.execute("CREATE TABLE scratch (x)")  # rolled back with the rest
for number in range(2000):
    connection.execute("INSERT INTO scratch VALUES (?)", ("y" * 200,))
os._exit(0)  # as a kill: no commit, no rollback, the journal stays hot
"""


def test_a_hot_journal_left_by_a_killed_writer_is_rolled_back_on_open(old_path, tmp_path):
    import subprocess
    import sys

    with UnitFile.open(old_path, backup_dir=tmp_path / "backups"):
        pass  # migrated, so the schema is current; now put the file in rollback-journal mode
    subprocess.run([sys.executable, "-c", HALF_WRITE, str(old_path)], check=True)
    assert Path(f"{old_path}-journal").stat().st_size > 0
    with pytest.raises(UnitFileError, match="afbrudt ændring"):  # fko check writes nothing
        check_unit_file(old_path, full=True)
    with UnitFile.open(old_path) as unit:
        assert not unit.readonly and unit_info(unit)["counts"]["citizens"] == 1
        with unit.read() as session:
            assert session.get(Citizen, 1).name == "Lærke Ås"
    assert check_unit_file(old_path, full=True) == schema.head_revision()
