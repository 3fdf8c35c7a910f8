"""Migration 0003 upgrades a 0002 file with data: every record gets a unique uid, the ledger exists."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from fko_desktop.exchange import BundleKind
from fko_desktop.exchange.snapshot import snapshot
from fko_desktop.storage import schema
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.test_migration import OLD_NOTE, build_revision_0001


def test_a_0002_file_with_data_gets_uids_and_the_ledger(tmp_path):
    path = tmp_path / "gammel.fko"
    build_revision_0001(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        schema.upgrade(connection, "0002")
    engine.dispose()
    with UnitFile.open(path, backup_dir=tmp_path / "backups") as unit:
        assert unit.schema_version() == schema.head_revision()  # 0003, then what came after
        with unit.read() as session:
            content = snapshot(session, BundleKind.TRANSFER, 1)
    assert content.journal_notes[0].text == OLD_NOTE
    uids = [
        content.citizen.uid,
        content.orders[0].uid,
        content.goals[0].uid,
        content.sub_goals[0].uid,
        content.journal_notes[0].uid,
    ]
    assert all(len(uid) == 36 and uid[14] == "4" for uid in uids) and len(set(uids)) == 5
    with sqlite3.connect(path) as raw:
        tables = {
            row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        }
    raw.close()
    # The uid columns were added without copying tables, so 0002's triggers are still there.
    assert {"bundle_receipt", "sync_state", "journal_note_never_deleted", "journal_note_fts_insert"} <= tables
