"""A power cut after notes were committed: dm-flakey drops every later write, then remount.

A kill -9 cannot test ``synchronous=FULL``: the kernel still writes the dead process's
page cache to disk. dm-flakey with ``drop_writes`` can: from the switch on, the "disk"
silently loses every write, as a disk does whose power is gone, so only what SQLite had
fsynced before survives. The unit file lives on ext4 on a loop device behind a dm target
that is ``linear`` while the pædagog writes, switched to ``flakey … drop_writes`` in the
middle of the writing, and back to ``linear`` for the remount (the recipe of xfstests'
``_flakey_drop_and_remount``).

Needs root, losetup, dmsetup, mkfs.ext4 and a kernel with device-mapper and dm-flakey;
skipped with the reason otherwise. NOT RUN on the development machine of issue 9: its kernel
has no device-mapper (see docs/reliability.md), so this test is written to the recipe and
has still to be run once where dm-flakey exists.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .killing import NOTE_WRITER, fko_check, read_only, table_counts

pytestmark = pytest.mark.slow

IMAGE_BYTES = 128 * 1024 * 1024
NOTES_BEFORE_CUT = 40


def _run(*argv: object) -> str:
    result = subprocess.run([str(a) for a in argv], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))}: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "a dm-flakey device needs root"
    for tool in ("losetup", "dmsetup", "mkfs.ext4", "blockdev"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    # Read /proc instead of asking dmsetup: without the driver dmsetup still creates
    # /dev/mapper/control, which it cannot open ("No such device") and never removes.
    try:
        misc = Path("/proc/misc").read_text()
    except OSError:
        misc = ""
    if "device-mapper" not in misc:
        return "the kernel has no device-mapper driver (no device-mapper in /proc/misc)"
    targets = subprocess.run(["dmsetup", "targets"], capture_output=True, text=True).stdout
    if "flakey" not in targets:
        return f"the kernel has no dm-flakey target (dmsetup targets: {' '.join(targets.split())})"
    return None


class FlakeyDisk:
    """ext4 on a loop device behind a device-mapper table that can be switched."""

    def __init__(self, folder: Path) -> None:
        self.image = folder / "disk.img"
        self.mountpoint = folder / "mnt"
        self.name = f"fko-flakey-{os.getpid()}"
        self.loop: str | None = None
        self.mapped = False
        self.mounted = False

    @property
    def device(self) -> str:
        return f"/dev/mapper/{self.name}"

    def set_up(self) -> None:
        with open(self.image, "wb") as handle:
            handle.truncate(IMAGE_BYTES)
        self.loop = _run("losetup", "-f", "--show", self.image)
        self.sectors = int(_run("blockdev", "--getsz", self.loop))
        _run("dmsetup", "create", self.name, "--table", self._linear())
        self.mapped = True
        _run("mkfs.ext4", "-q", self.device)
        self.mountpoint.mkdir()
        self.mount()

    def _linear(self) -> str:
        return f"0 {self.sectors} linear {self.loop} 0"

    def _drop_writes(self) -> str:
        # Up for 0 s, down for 180 s, and while down every write is dropped (reads work).
        return f"0 {self.sectors} flakey {self.loop} 0 0 180 1 drop_writes"

    def _load(self, table: str) -> None:
        # --nolockfs: no freeze, so nothing not yet fsynced is pushed out by the switch itself.
        _run("dmsetup", "suspend", "--nolockfs", self.name)
        _run("dmsetup", "load", self.name, "--table", table)
        _run("dmsetup", "resume", self.name)

    def mount(self) -> None:
        _run("mount", "-t", "ext4", self.device, self.mountpoint)
        self.mounted = True

    def cut_power(self) -> None:
        self._load(self._drop_writes())

    def restore_power_and_remount(self) -> None:
        _run("umount", self.mountpoint)  # what is still cached is written into the void
        self.mounted = False
        self._load(self._linear())
        self.mount()  # ext4 replays its journal from what reached the disk

    def tear_down(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.mountpoint)], capture_output=True)
        if self.mapped:
            subprocess.run(["dmsetup", "remove", "--retry", self.name], capture_output=True)
        if self.loop:
            subprocess.run(["losetup", "-d", self.loop], capture_output=True)


@pytest.fixture
def flakey_disk(tmp_path):
    reason = _why_not()
    if reason:
        pytest.skip(f"no power-cut test here: {reason}")
    disk = FlakeyDisk(tmp_path)
    try:
        disk.set_up()
        yield disk
    finally:
        disk.tear_down()


def test_committed_notes_survive_a_power_cut(flakey_disk, world_template, tmp_path):
    template, sub_goal_id, staff_id = world_template
    path = flakey_disk.mountpoint / "egely.fko"
    shutil.copyfile(template, path)
    os.sync()  # the starting point is on the disk, as a file copied yesterday would be
    before = table_counts(path)
    env = os.environ | {"FKO_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    writer = subprocess.Popen(
        [sys.executable, str(NOTE_WRITER), str(path), str(sub_goal_id), str(staff_id), "100000"],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    committed: list[int] = []
    try:
        assert writer.stdout is not None
        # Every id read here was printed after its commit returned (WAL fsynced): durable.
        while len(committed) < NOTES_BEFORE_CUT:
            line = writer.stdout.readline()
            assert line, "the writer stopped before the power cut"
            committed.append(int(line))
        flakey_disk.cut_power()
        time.sleep(0.2)  # the writer goes on "saving" into the void for a moment
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    flakey_disk.restore_power_and_remount()

    code, line = fko_check(path)
    assert code == 0, line
    with read_only(path) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM journal_note")}
    missing = [note_id for note_id in committed if note_id not in stored]
    assert not missing, f"{len(missing)} of {len(committed)} committed notes lost in the power cut"
    assert all(table_counts(path)[table] >= count for table, count in before.items())
