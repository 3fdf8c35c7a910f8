"""Issue 9, cases 1, 2 (leftovers), 6 and 9: what the product writes, where, and who can read it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import pytest

from fko_desktop.cli import main
from fko_desktop.models import Actor
from fko_desktop.ops import journal
from fko_desktop.ops.info import unit_info
from fko_desktop.progress import Cancelled, Progress
from fko_desktop.storage import files, paths
from fko_desktop.storage.drafts import DraftStore
from fko_desktop.storage.lock import lock_path_for
from fko_desktop.storage.unitfile import UnitFile
from tests.storage.util import file_state, one_line

ACTOR = Actor(1, "Anna Hansen")
CET = dt.timezone(dt.timedelta(hours=1))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- case 1: never overwrite what the user did not choose ----------------------------------------


@pytest.mark.parametrize("companion", ["", "-wal", "-shm", ".lock"])
def test_a_report_never_overwrites_the_unit_file_or_its_companions(unit_path, capsys, companion):
    with UnitFile.open(unit_path):  # open, so -wal, -shm and .lock exist
        target = Path(f"{unit_path}{companion}")
        before = target.read_bytes()
        code = main(["report", "plan", "--citizen", "1", "--out", str(target), "--force", str(unit_path)])
        assert code == 1
        assert "enhedsfil" in one_line(capsys.readouterr().err)
        assert target.read_bytes() == before
    assert main(["check", str(unit_path)]) == 0


def test_a_report_never_overwrites_a_backup_or_another_unit_file(unit_path, tmp_path, capsys):
    other = tmp_path / "andet-navn.pdf"  # a unit file by content, whatever its name says
    shutil.copyfile(unit_path, other)
    state = file_state(other)
    assert main(["report", "plan", "--citizen", "1", "--out", str(other), "--force", str(unit_path)]) == 1
    assert "overskrives aldrig" in one_line(capsys.readouterr().err)
    assert file_state(other).content == state.content


def test_a_report_replaces_an_existing_file_only_with_force(unit_path, tmp_path, capsys):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the user's own file")
    assert main(["report", "plan", "--citizen", "1", "--out", str(target), str(unit_path)]) == 1
    assert "findes allerede" in one_line(capsys.readouterr().err)
    assert target.read_bytes() == b"the user's own file"
    assert main(["report", "plan", "--citizen", "1", "--out", str(target), "--force", str(unit_path)]) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if files.TEMP_SUFFIX in p.name] == []


def test_write_file_is_atomic_and_private(tmp_path):
    target = tmp_path / "ud.pdf"
    files.write_file(target, b"%PDF-1.4 x")
    assert target.read_bytes() == b"%PDF-1.4 x" and _mode(target) == 0o600
    with pytest.raises(files.FileRefused):
        files.write_file(target, b"other")
    files.write_file(target, b"new", replace=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ud.pdf"]


# -- case 2: leftovers of killed writers -----------------------------------------------------


def test_leftovers_of_a_dead_writer_are_removed_and_a_live_ones_kept(tmp_path):
    dead = tmp_path / f".u-20260101.fko.{2**22 + 12345}{files.TEMP_SUFFIX}"  # no such process
    dead.write_bytes(b"SQLite format 3\x00 plaintext copy")
    Path(f"{dead}-journal").write_bytes(b"j")
    Path(f"{dead}-wal").write_bytes(b"w")
    alive = tmp_path / f".u.fko.{os.getpid()}{files.TEMP_SUFFIX}"
    alive.write_bytes(b"being written")
    unrelated = tmp_path / "notes.fko-tmp.txt"
    unrelated.write_bytes(b"x")
    removed = files.clean_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted([dead.name, f"{dead.name}-journal", f"{dead.name}-wal"])
    assert alive.exists() and unrelated.exists()


def test_start_up_removes_old_style_backup_leftovers_and_tightens_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    backups = paths.backup_dir()
    backups.mkdir(parents=True)
    os.chmod(paths.data_dir(), 0o755)
    for name in ("u-20260101-120000.fko.part", "u-20260101-120000.fko.part-journal"):
        (backups / name).write_bytes(b"old plaintext copy")
    kept = backups / "u-20260101-120000.fko"
    kept.write_bytes(b"a finished backup")
    paths.prepare_private_data()
    assert sorted(p.name for p in backups.iterdir()) == [kept.name]
    if os.name == "posix":
        assert _mode(paths.data_dir()) == 0o700


def test_a_cancelled_backup_leaves_nothing(unit_path, tmp_path):
    class CancelAtOnce(Progress):
        def report(self, done: int, total: int) -> None:
            raise Cancelled("Afbrudt.")

    with UnitFile.open(unit_path) as unit, pytest.raises(Cancelled):
        unit.backup(tmp_path / "b", CancelAtOnce())
    assert list((tmp_path / "b").iterdir()) == []


# -- case 6: private by default --------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows relies on the profile's ACL")
def test_unit_files_companions_backups_and_drafts_are_private(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    old = os.umask(0o022)  # a typical desktop umask: the product must not rely on it
    try:
        path = tmp_path / "enheder" / "ny.fko"
        with UnitFile.create(path, "Bostedet Ny") as unit:
            backup = unit.backup()
            drafts = DraftStore(unit.unit().uid)
            drafts.save("note", "1", {"text": "Mads 010215-4321"})
            for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), lock_path_for(path), backup):
                assert _mode(name) == 0o600, name
            for folder in (path.parent, backup.parent, drafts.directory):
                assert _mode(folder) == 0o700, folder
            for draft in drafts.directory.iterdir():
                assert _mode(draft) == 0o600
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_existing_world_readable_unit_file_is_made_private_when_opened(unit_path):
    os.chmod(unit_path, 0o644)
    with UnitFile.open(unit_path):
        assert _mode(unit_path) == 0o600


# -- case 9: a plain copy of an open unit holds everything committed ---------------------------


def test_a_plain_copy_of_an_open_unit_has_every_committed_note(unit_path, tmp_path):
    with UnitFile.open(unit_path) as unit:
        for number in range(50):
            journal.add_note(
                unit,
                ACTOR,
                1,
                text=f"Notat nummer {number} om morgenen.",
                score=None,
                observed_at=dt.datetime(2025, 5, 1, 8, 0, tzinfo=CET) + dt.timedelta(hours=number),
            )
        copy = tmp_path / "kopi.fko"
        shutil.copyfile(unit_path, copy)  # the file alone, as Explorer or a USB tool copies it
    with UnitFile.open(copy, readonly=True) as copied:
        assert unit_info(copied)["counts"]["journal_notes"] == 3 + 50


def test_start_up_deletes_old_logs_that_hold_sql_parameters_or_cpr_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    logs = paths.log_dir()
    logs.mkdir(parents=True)
    (logs / "fko-cli.log").write_text("OperationalError [SQL: SELECT …] [parameters: ('010215-4321',)]\n")
    (logs / "fko-desktop.log").write_text("Traceback …\nKeyError: 'counts'\n")
    paths.prepare_private_data()
    assert sorted(p.name for p in logs.iterdir()) == ["fko-desktop.log"]


def test_a_backup_finishes_while_notes_are_saved_between_its_steps(unit_path, tmp_path, monkeypatch):
    """Case 2: the copy reads one snapshot. Before, every change between two steps (or a
    read-only -shm that made every step look changed) restarted it from page one, for ever."""
    from fko_desktop.storage import backup as backup_module

    monkeypatch.setattr(backup_module, "BACKUP_PAGES_PER_STEP", 2)
    steps = []
    with UnitFile.open(unit_path) as unit:

        class SaveANoteEachStep(Progress):
            def report(self, done: int, total: int, text: str | None = None) -> None:
                steps.append(done)
                assert len(steps) < 10_000, "the backup keeps restarting"
                journal.add_note(unit, ACTOR, 1, text=f"Skrevet under kopien ({len(steps)}).", score=None)

        copy = unit.backup(tmp_path / "b", SaveANoteEachStep())
        saved = unit_info(unit)["counts"]["journal_notes"]
    assert steps == sorted(steps)  # never back to page one
    with UnitFile.open(copy, readonly=True) as copied:
        # The snapshot from the start of the copy: the notes saved meanwhile are in the unit,
        # not half in the backup.
        assert unit_info(copied)["counts"]["journal_notes"] == 3
    assert saved == 3 + len(steps)
