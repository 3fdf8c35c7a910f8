"""Issue 9, cases 2–4: read-only places, second names, network shares and the lock's identity.

As root (CI), permission bits stop nothing, so a read-only place is a real read-only mount:
a small tmpfs remounted ``ro``. Elsewhere the folder is made 0555.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fko_desktop.cli import main
from fko_desktop.errors import ReadOnlyError, UnitFileError, UnitFileLocked
from fko_desktop.models import Actor
from fko_desktop.ops import journal
from fko_desktop.ops.info import unit_info
from fko_desktop.storage import access
from fko_desktop.storage.lock import lock_path_for
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import login_as
from tests.storage.test_lock import LOCKED, TRY_WRITE
from tests.storage.util import one_line

ACTOR = Actor(1, "Anna Hansen")


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def readonly_unit(unit_path: Path, tmp_path: Path):
    """``unit_path`` copied to a place where nothing can be written, and that place."""
    place = tmp_path / "stick"
    place.mkdir()
    if os.geteuid() == 0:
        if not _mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(place)):
            pytest.skip("a read-only mount needs mount(8), which this machine refuses")
        shutil.copyfile(unit_path, place / unit_path.name)
        assert _mount("-o", "remount,ro", str(place))
        yield place / unit_path.name
        subprocess.run(["umount", str(place)], check=False)
    else:
        shutil.copyfile(unit_path, place / unit_path.name)
        place.chmod(0o555)
        yield place / unit_path.name
        place.chmod(0o755)


def test_a_unit_on_a_read_only_medium_is_read_backed_up_and_printed(
    readonly_unit, tmp_path, capsys, unit_facts
):
    before = sorted(p.name for p in readonly_unit.parent.iterdir())
    for argv in (
        ["info", str(readonly_unit)],
        ["citizens", str(readonly_unit)],
        ["search", str(readonly_unit), "fodbold"],
        ["deadlines", str(readonly_unit), "--today", "2025-06-01"],
        ["check", str(readonly_unit)],
        ["report", "plan", str(readonly_unit), "--citizen", "1", "--out", str(tmp_path / "plan.pdf")],
        ["backup", str(readonly_unit), "--out", str(tmp_path / "backups"), *login_as()],
    ):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    out = capsys.readouterr().out
    assert unit_facts["citizen_name"] in out and "fodbold" in out
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF-")
    (backup,) = (tmp_path / "backups").glob("*.fko")
    assert main(["check", str(backup)]) == 0
    # Nothing was created beside the unit: no -wal, -shm or .lock on the medium.
    assert sorted(p.name for p in readonly_unit.parent.iterdir()) == before


def test_a_read_only_unit_opens_read_only_with_the_reason(readonly_unit):
    with UnitFile.open(readonly_unit) as unit:
        assert unit.readonly and not unit.placement.writable
        assert "ikke kan skrives" in unit.readonly_reason
        assert unit_info(unit)["counts"]["journal_notes"] == 3
        with pytest.raises(ReadOnlyError) as refused:
            journal.add_note(unit, ACTOR, 1, text="Prøve på et notat", score=None)
    assert (
        "ikke kan skrives" in refused.value.message and "Ændringer kan ikke gemmes" in refused.value.message
    )


def test_a_read_only_unit_with_pending_wal_is_read_from_a_private_copy(unit_path, tmp_path):
    """Committed notes still in ``-wal`` (a writer that died) are shown, and nothing is written."""
    with UnitFile.open(unit_path) as unit, unit.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        # A raw second connection writes one note into the WAL and never checkpoints.
        import sqlite3

        raw = sqlite3.connect(unit_path)
        raw.execute("PRAGMA wal_autocheckpoint=0")
        raw.execute("UPDATE unit SET name = 'Bostedet Egely (WAL)'")
        raw.commit()
        shutil.copyfile(unit_path, tmp_path / "copy.fko")
        shutil.copyfile(f"{unit_path}-wal", tmp_path / "copy.fko-wal")
        raw.close()
    copy = tmp_path / "copy.fko"
    placement = access.Placement(False, "test: skrivebeskyttet")
    source = access.ReadSource(copy, placement)
    try:
        assert source.path != copy  # read from a private snapshot
        connection = source.connect()
        assert connection.execute("SELECT name FROM unit").fetchone()[0] == "Bostedet Egely (WAL)"
        connection.close()
    finally:
        source.close()
    assert not source.path.exists()


def test_a_second_name_for_the_file_opens_read_only(unit_path, tmp_path, capsys):
    second = tmp_path / "andet-navn.fko"
    os.link(unit_path, second)
    for name in (unit_path, second):
        with UnitFile.open(name) as unit:
            assert unit.readonly and "flere navne" in unit.readonly_reason
    assert main(["bundle", "import", "x.bundle", "--passphrase-file", "nope", str(second)]) == 1
    assert not lock_path_for(unit_path).exists() and not lock_path_for(second).exists()


def test_a_unit_on_a_network_share_opens_read_only(unit_path, tmp_path, monkeypatch):
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw\n"
        f"40 22 0:40 / {tmp_path} rw,relatime - cifs //server/share rw,vers=3.0\n",
        encoding="utf-8",
    )
    real = access._mountinfo_fs_type
    monkeypatch.setattr(access, "_mountinfo_fs_type", lambda path: real(path, mountinfo))
    assert access.on_network_share(unit_path)
    with UnitFile.open(unit_path) as unit:
        assert unit.readonly and "netværksdrev" in unit.readonly_reason
        assert unit_info(unit)["counts"]["citizens"] == 1
    assert not lock_path_for(unit_path).exists()


def test_mountinfo_finds_the_innermost_mount(tmp_path):
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "1 0 0:1 / / rw - ext4 /dev/sda1 rw\n"
        "2 1 0:2 / /mnt rw - nfs4 srv:/x rw\n"
        "3 2 0:3 / /mnt/local\\040disk rw - ext4 /dev/sdb1 rw\n",
        encoding="utf-8",
    )
    assert access._mountinfo_fs_type(Path("/mnt/a/u.fko"), mountinfo) == "nfs4"
    assert access._mountinfo_fs_type(Path("/mnt/local disk/u.fko"), mountinfo) == "ext4"
    assert access._mountinfo_fs_type(Path("/home/u.fko"), mountinfo) == "ext4"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the identity lock is Linux's flock")
def test_deleting_a_live_lock_file_does_not_admit_a_second_writer(unit_path):
    with UnitFile.open(unit_path) as unit:
        lock_path_for(unit_path).unlink()
        other = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(TRY_WRITE), str(unit_path)], capture_output=True, text=True
        )
        assert other.returncode == LOCKED, other.stderr
        # The first writer notices its sidecar is gone and stops writing instead of racing.
        with pytest.raises(UnitFileError) as refused:
            journal.add_note(unit, ACTOR, 1, text="Efter låsen forsvandt", score=None)
        assert "Låsefilen" in refused.value.message


def test_a_second_writer_in_the_same_process_is_refused(unit_path):
    with UnitFile.open(unit_path), pytest.raises(UnitFileLocked):
        UnitFile.open(unit_path)


def test_placement_of_an_ordinary_local_file_is_writable(unit_path):
    assert access.assess(unit_path).writable


def test_fko_backup_of_an_open_unit_reads_it_read_only(unit_path, tmp_path, capsys):
    with UnitFile.open(unit_path):
        assert main(["backup", str(unit_path), "--out", str(tmp_path / "b"), *login_as()]) == 0
    capsys.readouterr()
    (copy,) = (tmp_path / "b").glob("*.fko")
    assert main(["check", str(copy)]) == 0


def test_backup_blames_the_destination_when_it_cannot_be_written(unit_path, tmp_path, capsys):
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    assert main(["backup", str(unit_path), "--out", str(target), *login_as()]) == 1
    line = one_line(capsys.readouterr().err)
    assert "not-a-folder" in line and "egely" not in line.lower().split("not-a-folder")[0]
