"""Restoring a backup: a drill (back up, write more, restore, compare every table), the
refusals that change nothing, and the automatic backups with their rotation."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from fko_desktop.errors import UnitFileError, UnitFileLocked
from fko_desktop.ops import goal_status, journal
from fko_desktop.storage import backups, paths
from fko_desktop.storage.backups import (
    BACKUP_KEEP_AT_LEAST,
    BACKUP_KEEP_DAYS,
    REASON_CLOSE,
    REASON_DAILY,
    REASON_RESTORE,
    backup_file_name,
    list_backups,
    rotate,
    unit_backups,
    write_automatic_backup,
)
from fko_desktop.storage.restore import restore_backup
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.util import file_state
from tests.world import World


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, read straight from the file."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in sorted(names)
        }
    finally:
        connection.close()


def _write_records(w: World, text: str) -> None:
    journal.add_note(w.unit, w.actor, w.sub_goals[0].id, text=text, score=2)


def _closed_copy(path: Path, to: Path) -> Path:
    shutil.copyfile(path, to)
    return to


def test_restore_drill_brings_back_every_row(world: World, tmp_path: Path) -> None:
    _write_records(world, "Mads cyklede selv til skolen.")
    goal_status.record_goal_status(
        world.unit,
        world.actor,
        world.goals[0].id,
        score=2,
        summary="Godt på vej.",
        assessed_on=dt.date(2025, 4, 15),
    )
    path = world.unit.path
    uid = world.unit.unit().uid
    backup = world.unit.backup(tmp_path / "kopier")
    world.unit.close()
    at_backup = tables(backup)

    again = UnitFile.open(path)
    journal.add_note(again, world.actor, world.sub_goals[1].id, text="Skrevet efter kopien.")
    again.close()
    before_restore = tables(path)
    assert before_restore != at_backup

    result = restore_backup(backup, path)

    assert tables(path) == at_backup
    assert result.previous_copy is not None
    assert result.previous_copy.parent == paths.unit_backup_dir(uid)
    assert tables(result.previous_copy) == before_restore  # the file was kept before it went
    assert {b.path: b.reason for b in unit_backups(uid)}[result.previous_copy] == REASON_RESTORE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.unit_backup_dir(uid).stat().st_mode) == 0o700
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".fko-tmp")]
    with UnitFile.open(path) as reopened:  # a restored file opens and can be written
        journal.add_note(reopened, world.actor, world.sub_goals[0].id, text="Efter gendannelsen.")


def test_a_stale_wal_of_the_old_file_is_not_applied_to_the_restored_one(world: World, tmp_path: Path) -> None:
    path = world.unit.path
    backup = world.unit.backup(tmp_path / "kopier")
    world.unit.close()
    at_backup = tables(backup)
    Path(f"{path}-journal").write_bytes(b"rest af et afbrudt skriv")
    restore_backup(backup, path)
    assert tables(path) == at_backup
    assert not Path(f"{path}-journal").exists()


def _unchanged_after(path: Path, data: Path, attempt) -> str:  # type: ignore[no-untyped-def]
    state = file_state(path)
    data_before = sorted(str(p) for p in data.rglob("*")) if data.exists() else []
    with pytest.raises(UnitFileError) as refused:
        attempt()
    assert file_state(path) == state
    assert (sorted(str(p) for p in data.rglob("*")) if data.exists() else []) == data_before
    assert "Traceback" not in refused.value.message
    return refused.value.message


def test_another_units_backup_is_refused(world: World, tmp_path: Path) -> None:
    path = world.unit.path
    world.unit.close()
    with UnitFile.create(tmp_path / "anden.fko", "Bostedet Lyngly") as other:
        foreign = other.backup(tmp_path / "kopier")
    message = _unchanged_after(path, tmp_path / "data", lambda: restore_backup(foreign, path))
    assert "Bostedet Lyngly" in message and "gendannes ikke" in message


@pytest.mark.parametrize("damage", ["truncated", "random", "missing"])
def test_a_damaged_backup_is_refused(world: World, tmp_path: Path, damage: str) -> None:
    path = world.unit.path
    backup = world.unit.backup(tmp_path / "kopier")
    world.unit.close()
    if damage == "truncated":
        data = backup.read_bytes()
        backup.write_bytes(data[: len(data) // 2])
    elif damage == "random":
        backup.write_bytes(os.urandom(8192))
    else:
        backup.unlink()
    message = _unchanged_after(path, tmp_path / "data", lambda: restore_backup(backup, path))
    assert backup.name in message


def test_a_file_open_in_a_program_is_refused(world: World, tmp_path: Path) -> None:
    backup = world.unit.backup(tmp_path / "kopier")
    path = world.unit.path
    with pytest.raises(UnitFileLocked):
        restore_backup(backup, path)
    assert len(list(world.unit.staff())) == 1  # still open and usable
    assert not [b for b in unit_backups(world.unit.unit().uid) if b.reason == REASON_RESTORE]


def test_a_damaged_unit_file_is_kept_then_restored(world: World, tmp_path: Path) -> None:
    path = world.unit.path
    uid = world.unit.unit().uid
    backup = world.unit.backup(tmp_path / "kopier")
    world.unit.close()
    data = path.read_bytes()
    damaged = data[:100] + os.urandom(len(data) - 100)
    path.write_bytes(damaged)
    result = restore_backup(backup, path)
    assert tables(path) == tables(backup)
    assert result.previous_copy is not None
    assert result.previous_copy.read_bytes() == damaged  # kept byte for byte
    assert result.previous_copy.parent == paths.unit_backup_dir(uid)


# -- automatic backups -------------------------------------------------------------------------


def test_closing_a_changed_unit_makes_a_checked_backup(world: World) -> None:
    uid = world.unit.unit().uid
    _write_records(world, "En note før lukning.")
    world.unit.close()
    made, daily = unit_backups(uid)  # the day's first save made one too
    assert daily.reason == REASON_DAILY
    assert made.reason == REASON_CLOSE and made.size > 0 and made.reason_label == "ved lukning"
    assert tables(made.path)["journal_note"] == tables(world.unit.path)["journal_note"]
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    with UnitFile.open(world.unit.path) as unchanged:
        unchanged.staff()
    assert len(unit_backups(uid)) == 2  # nothing written: nothing to back up


def test_a_failed_backup_on_close_still_closes(world: World, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken(*_args: object, **_kwargs: object) -> Path:
        raise UnitFileError("Disken er fuld for 010215-4321.")

    _write_records(world, "Hemmelig note.")
    monkeypatch.setattr(backups, "write_backup", broken)
    world.unit.close()
    with UnitFile.open(world.unit.path) as reopened:  # the lock was released
        assert not reopened.readonly
    assert "UnitFileError" in caplog.text
    assert "010215" not in caplog.text and "Hemmelig" not in caplog.text


def _fake_backups(folder: Path, ages_days: list[float], now: dt.datetime) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for age in ages_days:
        path = folder / backup_file_name(now - dt.timedelta(days=age), REASON_CLOSE)
        path.write_bytes(b"x")
        made.append(path)
    return made


def test_rotation_keeps_the_days_and_never_fewer_than_the_last_five(tmp_path: Path) -> None:
    now = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
    recent = _fake_backups(tmp_path / "a", [0.1, 2, BACKUP_KEEP_DAYS - 1], now)
    old = _fake_backups(tmp_path / "a", [40, 50, 60, 70, 80], now)
    removed = rotate(tmp_path / "a", now=now)
    kept = {b.path for b in list_backups(tmp_path / "a")}
    assert kept == set(recent) | set(old[:2])  # the two newest old ones make up the five
    assert set(removed) == set(old[2:])

    only_old = _fake_backups(tmp_path / "b", [100 + i for i in range(8)], now)
    rotate(tmp_path / "b", now=now)
    assert [b.path for b in list_backups(tmp_path / "b")] == only_old[:BACKUP_KEEP_AT_LEAST]


def test_a_failed_backup_deletes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    now = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
    old = _fake_backups(paths.unit_backup_dir("u-1"), [40 + i for i in range(8)], now)
    with pytest.raises(UnitFileError):
        write_automatic_backup(tmp_path / "findes-ikke.fko", "u-1", REASON_CLOSE, now=now)
    assert all(p.exists() for p in old)


def test_automatic_backup_rotates_after_writing(world: World) -> None:
    uid = world.unit.unit().uid
    now = dt.datetime.now(dt.UTC)
    old = _fake_backups(paths.unit_backup_dir(uid), [40 + i for i in range(6)], now)
    made = backups.automatic_backup(world.unit, REASON_CLOSE, now=now)
    names = [b.path for b in unit_backups(uid)]
    assert names == [made, *old[:4]]


def test_within_the_kept_days_one_backup_a_day_stays(tmp_path: Path) -> None:
    # Ten closes a day for four days: the newest five stay, and then the newest of each day.
    now = dt.datetime(2026, 6, 10, 23, 0, tzinfo=dt.UTC)
    ages = [day + hour / 24 for day in range(4) for hour in range(10)]
    made = _fake_backups(tmp_path / "c", ages, now)
    rotate(tmp_path / "c", now=now)
    kept = list_backups(tmp_path / "c")
    assert [b.path for b in kept[:BACKUP_KEEP_AT_LEAST]] == made[:BACKUP_KEEP_AT_LEAST]
    days = [b.made_at.date() for b in kept[BACKUP_KEEP_AT_LEAST:]]
    assert days == [dt.date(2026, 6, 9), dt.date(2026, 6, 8), dt.date(2026, 6, 7)]
