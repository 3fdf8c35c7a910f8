"""When the automatic backups are made besides closing and imports: the first save of a day,
and before a migration; and how long they are kept (the unit's setting)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.ops import journal, unit_settings
from fko_desktop.storage import backups, paths, schema
from fko_desktop.storage.backups import (
    BACKUP_KEEP_AT_LEAST,
    REASON_CLOSE,
    REASON_DAILY,
    REASON_MIGRATION,
    backup_file_name,
    unit_backups,
)
from fko_desktop.storage.integrity import check_unit_file
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.test_migration import build_revision_0001
from tests.world import World


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return {"journal_note": connection.execute("SELECT text FROM journal_note").fetchall()}
    finally:
        connection.close()


def _note(w: World, text: str) -> None:
    journal.add_note(w.unit, w.actor, sub_goal_id=w.sub_goals[0].id, text=text)


def test_the_first_save_of_a_day_makes_one_backup(world: World) -> None:
    uid = world.unit.unit().uid
    assert unit_backups(uid) == []  # opening alone writes nothing
    _note(world, "Første notat i dag.")
    _note(world, "Andet notat i dag.")
    [daily] = unit_backups(uid)
    assert daily.reason == REASON_DAILY and daily.reason_label == "ved dagens første gemning"
    assert daily.made_at.date() == dt.datetime.now(dt.UTC).date()
    # The copy is the file as it was after the day's first save: that note, not the second.
    texts = {row[0] for row in tables(daily.path)["journal_note"]}
    assert "Første notat i dag." in texts and "Andet notat i dag." not in texts


def test_a_day_that_already_has_a_backup_gets_no_second_daily_one(world: World) -> None:
    uid = world.unit.unit().uid
    backups.automatic_backup(world.unit, REASON_CLOSE)
    _note(world, "Et notat efter en lukning i dag.")
    assert [b.reason for b in unit_backups(uid)] == [REASON_CLOSE]


def test_a_read_only_file_makes_no_daily_backup(world: World) -> None:
    uid = world.unit.unit().uid
    path = world.unit.path
    world.unit.close()
    with UnitFile.open(path, readonly=True) as readonly:
        readonly.staff()
    assert unit_backups(uid) == []


def test_an_old_file_is_copied_into_its_backups_before_it_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    old = tmp_path / "gammel.fko"
    build_revision_0001(old)
    with UnitFile.open(old) as unit:
        uid = unit.unit().uid
        assert unit.schema_version() == schema.head_revision()
    made = [b for b in unit_backups(uid) if b.reason == REASON_MIGRATION]
    assert len(made) == 1 and made[0].reason_label == "før opdatering af filen"
    assert check_unit_file(made[0].path, full=True) == "0001"
    # Not a second copy in the manual backup folder as well.
    assert not list(paths.backup_dir().glob("*før-opdatering*"))


def test_the_unit_setting_decides_how_many_days_are_kept(world: World) -> None:
    uid = world.unit.unit().uid
    unit_settings.set_unit_settings(world.unit, world.actor, backup_keep_days=3)
    now = dt.datetime.now(dt.UTC)
    folder = paths.unit_backup_dir(uid)
    for age in (1, 2, 4, 5, 6, 7, 8, 9):
        (folder / backup_file_name(now - dt.timedelta(days=age), REASON_CLOSE)).write_bytes(b"x")
    made = backups.automatic_backup(world.unit, REASON_CLOSE, now=now)
    kept = unit_backups(uid)
    # The newest five whatever their age (this one, the daily one, 1, 2 and 4 days), then none
    # older than three days.
    assert len(kept) == BACKUP_KEEP_AT_LEAST and kept[0].path == made
    assert all(now - b.made_at <= dt.timedelta(days=4, minutes=1) for b in kept)


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_a_bad_number_of_days_is_refused_and_changes_nothing(world: World, days: int) -> None:
    before = world.unit.unit()
    with pytest.raises(ValidationError, match="Antal dage skal være et helt tal fra 1 til 3650"):
        unit_settings.set_unit_settings(
            world.unit, world.actor, departments=["Ny afdeling"], backup_keep_days=days
        )
    after = world.unit.unit()
    assert (after.backup_keep_days, after.departments) == (before.backup_keep_days, before.departments)
