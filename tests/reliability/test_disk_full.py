"""A disk that runs full during each write path.

Each write goes to a small tmpfs (mounted for the test, so root is needed; otherwise the
tests skip): either sized to about half of what the write needs, so it runs out of space
midway, or filled up before the write starts. What the user must see is one Danish line on
stderr and exit code 1 (no traceback, no "uventet fejl", no English text from SQLite or the
OS), and what must be left is nothing under the final name, no temporary files, and a unit
file that passes ``fko check`` with every record it had.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fko_desktop.errors import FkoError
from fko_desktop.models import Actor
from fko_desktop.ops import journal
from fko_desktop.storage import files
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import demo_login_of, password_file

from . import figures
from .killing import FKO, fko_check, read_only, rows_lost, table_counts

pytestmark = pytest.mark.slow

PAGE = 4096
FILLER = "fyld.bin"
#: Text a user must never get instead of (or glued into) the Danish message.
ENGLISH = ("disk is full", "no space left", "database or disk", "errno", "oserror", "sqlite")
DANISH_DISK_FULL = re.compile(r"plads|fuld", re.IGNORECASE)
LEFTOVER_ENDINGS = (files.TEMP_SUFFIX, files.TEMP_SUFFIX + "-journal", ".part", ".part-journal")
COMPANIONS = ("-journal", "-wal", "-shm", ".lock")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int, str], Path]]:
    """``mount(size, name)``: a tmpfs of about ``size`` bytes at ``tmp_path/name``; unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("a small disk is a tmpfs mounted for the test, which needs root")
    mounted: list[Path] = []

    def mount(size: int, name: str = "disk") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        pages = max(1, -(-size // PAGE))
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={pages * PAGE // 1024}k,mode=0700", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.skip(f"mount -t tmpfs does not work here: {result.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> None:
    """Use up every free byte of the disk ``folder`` is on."""
    chunk = b"\0" * PAGE
    with open(folder / FILLER, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error


def disk(small_disk, room: str, needed: int) -> Path:
    """``room="midway"``: half of ``needed`` free; ``"none"``: a disk that is already full."""
    if room == "midway":
        return small_disk(needed // 2, "disk")
    folder = small_disk(64 * 1024, "disk")
    fill(folder)
    return folder


def run_fko(tmp_path: Path, *argv: object) -> subprocess.CompletedProcess:
    env = os.environ | {"FKO_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(FKO + [str(a) for a in argv], capture_output=True, text=True, env=env, cwd=tmp_path)


def message_problems(message: str) -> list[str]:
    """What is wrong with the one line a user gets when the disk is full."""
    problems = []
    lines = message.splitlines()
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines instead of one")
    if "Traceback" in message:
        problems.append("a traceback")
    if "uventet fejl" in message:
        problems.append("reported as an unexpected error")
    english = [word for word in ENGLISH if word in message.lower()]
    if english:
        problems.append(f"English error text in it ({', '.join(english)})")
    if not DANISH_DISK_FULL.search(message):
        problems.append("does not say in Danish that there is no room (»plads«/»fuld«)")
    return problems


def leftovers(folder: Path) -> list[str]:
    """Temporary files, and companions (-wal, -journal, .lock, …) of a file that is not there."""
    found = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.endswith(LEFTOVER_ENDINGS):
            found.append(name)
            continue
        for suffix in COMPANIONS:
            if name.endswith(suffix) and not (folder / name[: -len(suffix)]).exists():
                found.append(name)
    return found


def judge(write_path: str, problems: list[str], shown: str) -> None:
    figures.DISK_FULL.append(figures.DiskFullFigure(write_path, not problems, "; ".join(problems) or shown))
    if problems:
        pytest.fail(f"{write_path}: " + "; ".join(problems) + f"\n  the user saw: {shown!r}", pytrace=False)


def command_problems(result: subprocess.CompletedProcess, final: Path) -> list[str]:
    problems = []
    if result.returncode != 1:
        problems.append(f"exit code {result.returncode} instead of 1")
    if result.stdout.strip():
        problems.append(f"printed on stdout as if it worked: {result.stdout.strip()[:200]!r}")
    problems += [f"stderr: {p}" for p in message_problems(result.stderr.strip() or "(nothing)")]
    if final.exists():
        problems.append(f"{final.name} exists under its final name")
    left = leftovers(final.parent)
    if left:
        problems.append(f"left behind: {left}")
    return problems


def unit_problems(path: Path, before: dict[str, int]) -> list[str]:
    code, line = fko_check(path)
    if code != 0:
        return [f"the unit file fails fko check: {line}"]
    lost = rows_lost(before, table_counts(path))
    return [f"{lost} rows of the unit file are gone"] if lost else []


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.fko"
    shutil.copyfile(demo_path, path)
    return path


@pytest.fixture
def passphrase(tmp_path: Path) -> Path:
    path = tmp_path / "frase.txt"
    path.write_text("korrekt hest batteri hæfteklamme\n", encoding="utf-8")
    path.chmod(0o600)
    return path


# -- fko init and fko demo: the unit file itself on the small disk ----------------------------


def test_init_on_a_disk_too_small_for_an_empty_unit(small_disk, tmp_path):
    probe = tmp_path / "probe.fko"
    UnitFile.create(probe, "Prøve").close()
    folder = small_disk(probe.stat().st_size // 2, "disk")
    final = folder / "egely.fko"
    result = run_fko(
        tmp_path,
        "init",
        final,
        "--unit-name",
        "Bostedet Egely",
        "--staff-name",
        "Lone Berg",
        "--staff-initials",
        "LB",
        "--adgangskode-fil",
        password_file(),
    )
    judge("fko init (disk too small)", command_problems(result, final), result.stderr.strip())


def test_demo_on_a_disk_that_fills_while_it_is_built(small_disk, tmp_path):
    # Room for the empty unit file, not for the 12 citizens' two years of notes (≈9 MB).
    folder = small_disk(2 * 1024 * 1024, "disk")
    final = folder / "demo.fko"
    result = run_fko(tmp_path, "demo", final, "--seed", "7", "--today", "2026-11-23")
    judge("fko demo (disk fills midway)", command_problems(result, final), result.stderr.strip())


# -- notes until the disk is full --------------------------------------------------------------


def test_notes_until_the_disk_is_full(small_disk, unit_path, tmp_path):
    folder = small_disk(unit_path.stat().st_size + 256 * 1024, "disk")
    path = folder / unit_path.name
    shutil.copyfile(unit_path, path)
    with read_only(path) as connection:
        sub_goal_id = connection.execute("SELECT min(id) FROM sub_goal").fetchone()[0]
        staff_id = connection.execute("SELECT min(id) FROM staff_member").fetchone()[0]
    before = table_counts(path)
    saved: list[int] = []
    refusal: BaseException | None = None
    unit = UnitFile.open(path)
    try:
        actor = Actor(staff_id, "Anna Hansen (AH)")
        text = " ".join(["Mads fortalte om sin dag i skolen og hjalp til med opvasken bagefter."] * 40)
        for number in range(2000):
            try:
                note = journal.add_note(unit, actor, sub_goal_id, text=f"{number}: {text}", score=number % 5,
                                        observed_at=dt.datetime.now(dt.UTC))  # fmt: skip
            except BaseException as error:  # noqa: BLE001 - judged below: it must be an FkoError
                refusal = error
                break
            saved.append(note.value.id)
    finally:
        unit.close()
    problems = []
    if refusal is None:
        problems.append("the disk never ran full (2000 notes saved)")
        shown = ""
    elif not isinstance(refusal, FkoError):
        shown = f"{type(refusal).__name__}: {refusal}"
        where = type(refusal).__module__
        problems.append(f"not an FkoError with a message for the user: {where}.{shown[:300]}")
    else:
        shown = refusal.message
        problems += [f"message: {p}" for p in message_problems(shown)]
    sound = unit_problems(path, before)
    problems += sound
    if not any("fails fko check" in p for p in sound):
        with read_only(path) as connection:
            stored = {row[0] for row in connection.execute("SELECT id FROM journal_note")}
        missing = [note_id for note_id in saved if note_id not in stored]
        if missing:
            problems.append(f"{len(missing)} of {len(saved)} saved notes are missing")
    left = leftovers(folder)
    if left:
        problems.append(f"left behind: {left}")
    judge(f"journal notes until full ({len(saved)} saved first)", problems, shown)


# -- fko backup, fko report, fko bundle export: the output on the full disk --------------------


@pytest.mark.parametrize("room", ["midway", "none"])
def test_backup_to_a_full_disk(small_disk, demo_copy, tmp_path, room):
    before = table_counts(demo_copy)
    folder = disk(small_disk, room, demo_copy.stat().st_size)
    result = run_fko(tmp_path, "backup", demo_copy, "--out", folder, *demo_login_of(demo_copy))
    problems = command_problems(result, folder / "demo.fko")
    named = [p.name for p in folder.iterdir() if re.fullmatch(r"demo-\d{8}-\d{6}.*\.fko", p.name)]
    if named:
        problems.append(f"a file under a backup's name: {named}")
    problems += unit_problems(demo_copy, before)
    judge(f"fko backup --out (full {room})", problems, result.stderr.strip())


@pytest.mark.parametrize("room", ["midway", "none"])
def test_report_to_a_full_disk(small_disk, demo_copy, tmp_path, room):
    probe = tmp_path / "probe.pdf"
    assert run_fko(tmp_path, "report", "plan", "--citizen", "1", "--out", probe, demo_copy).returncode == 0
    before = table_counts(demo_copy)
    folder = disk(small_disk, room, probe.stat().st_size)
    final = folder / "plan.pdf"
    result = run_fko(tmp_path, "report", "plan", "--citizen", "1", "--out", final, demo_copy)
    problems = command_problems(result, final) + unit_problems(demo_copy, before)
    judge(f"fko report plan --out (full {room})", problems, result.stderr.strip())


@pytest.mark.parametrize("room", ["midway", "none"])
def test_bundle_export_to_a_full_disk(small_disk, demo_copy, passphrase, tmp_path, room):
    # The size of the bundle, measured on a copy: an export is recorded in the unit file.
    probe_unit, probe = tmp_path / "probe.fko", tmp_path / "probe.fkob"
    shutil.copyfile(demo_copy, probe_unit)
    export = ["bundle", "export", "--kind", "transfer", "--citizen", "1", "--passphrase-file", passphrase,
              *demo_login_of(demo_copy), "--out"]  # fmt: skip
    assert run_fko(tmp_path, *export, probe, probe_unit).returncode == 0
    before = table_counts(demo_copy)
    folder = disk(small_disk, room, probe.stat().st_size)
    final = folder / "overflytning.fkob"
    result = run_fko(tmp_path, *export, final, demo_copy)
    problems = command_problems(result, final) + unit_problems(demo_copy, before)
    receipts = table_counts(demo_copy)["bundle_receipt"]
    if receipts != before["bundle_receipt"]:
        problems.append("the unit file records an export of a bundle that was never written")
    judge(f"fko bundle export --out (full {room})", problems, result.stderr.strip())


def test_the_filler_really_fills(small_disk):
    # The "none" cases rely on this: not one more page fits.
    folder = small_disk(64 * 1024, "disk")
    fill(folder)
    with pytest.raises(OSError) as full:
        (folder / "one-more").write_bytes(b"x" * PAGE)
    assert full.value.errno == errno.ENOSPC
