"""kill -9 at random moments while the product writes, and what each kill left behind.

Five write paths, each run as the user runs it (a separate process) and killed with SIGKILL
at a moment drawn from a seeded RNG: building the demo (``fko demo``), importing a transfer
bundle (``fko bundle import``), saving journal notes one transaction at a time, ``fko
backup``, and opening a file of an older schema (backup, then migration). After every kill
the unit file must pass ``fko check`` and hold every record it held or was reported saved.

Slow (220 kills, about five minutes on a 2-core machine); ``FKO_KILLS_SCALE=0.1`` runs a
tenth of them, ``FKO_KILLS_SEED`` changes the moments. The migration runs on a WAL-mode file
and on a rollback-journal one. The figures are printed at the end of the run (see conftest.py) and
quoted in docs/reliability.md.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from fko_desktop.cli import main as fko
from fko_desktop.storage import chain_head, files
from fko_desktop.storage.schema import head_revision
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import demo_login_of, ensure_login, login_as
from tests.storage.test_migration import NOW, build_revision_0001

from . import figures as collected
from .figures import KillFigures
from .killing import (
    NOTE_WRITER,
    Trial,
    Verdict,
    fko_check,
    read_only,
    recovered_counts,
    rows_lost,
    run_kills,
    table_counts,
    temporary_names,
    wanted,
)
from .note_writer import note_text

#: The demo units end on a fixed day, so every run builds the same content.
TODAY = "2026-11-23"


def run(scenario, root: Path) -> KillFigures:
    lost = 0 if scenario.has_records else None
    figures = KillFigures(scenario.name, wanted(scenario.kills), records_lost=lost)
    collected.KILLS.append(figures)
    run_kills(scenario, root, figures)
    if figures.problems:
        shown = "\n".join(figures.problems[:10])
        summary = f"{len(figures.problems)} of {figures.attempts} runs left something wrong"
        pytest.fail(f"{summary}:\n{shown}", pytrace=False)
    assert not figures.records_lost, f"{figures.records_lost} records lost"
    return figures


def backup_files(folder: Path, stem: str) -> list[Path]:
    """The files in ``folder`` under a backup's final name (``STEM-YYYYmmdd-HHMMSS[-…].fko``)."""
    if not folder.exists():
        return []
    pattern = re.compile(rf"{re.escape(stem)}-\d{{8}}-\d{{6}}.*\.fko")
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def migration_backups(data_dir: Path) -> tuple[Path | None, list[Path]]:
    """The unit's automatic-backup folder and the finished backups a migration made in it
    (``YYYYmmddTHHMMSSZ-før-opdatering[-N].fko``); the folder is named by the unit's uid."""
    root = data_dir / "backups" / "automatisk"
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []
    if not folders:
        return None, []
    [folder] = folders  # one unit
    pattern = re.compile(r"\d{8}T\d{6}Z-før-opdatering(?:-\d+)?\.fko")
    return folder, sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def leftovers_after_cleaning(folder: Path, finished: list[Path]) -> list[str]:
    """What is still in ``folder`` besides finished backups once ``files.clean_leftovers``
    ran, as the next start (and the next backup) runs it before anything else."""
    if not folder.exists():
        return []
    files.clean_leftovers(folder)
    return sorted({p.name for p in folder.iterdir()} - {b.name for b in finished})


def revision_of(path: Path) -> str:
    with read_only(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def refused(trial: Trial, path: Path, line: str, before: dict[str, int]) -> Verdict:
    """A file ``fko check`` refuses: say so, and count what SQLite itself could still recover."""
    outcome = "refused by fko check"
    if "readonly database" in line:
        outcome += " (a rollback journal the read-only check cannot replay)"
    elif "ukendt" in line:
        outcome += " (schema partly migrated)"
    checked = sum(before.values())
    counts = recovered_counts(path, trial.folder / "recovered")
    if counts is None:
        return Verdict(outcome, [f"fko check: {line} (and SQLite cannot open it either)"], checked, checked)
    lost = rows_lost(before, counts)
    companions = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))
    recovered = f"beside it: {companions}; a read-write open by SQLite recovers it with {lost} rows lost"
    return Verdict(outcome, [f"fko check: {line} [{recovered}]"], checked, lost)


# -- fko demo ---------------------------------------------------------------------------------


class DemoBuild:
    name = "fko demo (12 citizens, 2 years)"
    kills = 50
    has_records = False
    citizens = 12

    def command(self, trial: Trial) -> list[str]:
        path = trial.folder / "demo.fko"
        options = ["--citizens", str(self.citizens), "--years", "2", "--seed", "7", "--today", TODAY]
        return trial.traced("fko", "demo", str(path), *options)

    def verify(self, trial: Trial, killed: bool) -> Verdict:
        path = trial.folder / "demo.fko"
        if not path.exists():
            if not killed:
                return Verdict("no file", ["the finished demo left no file"])
            if not temporary_names(trial.folder):
                return Verdict("no file under its name")
            # A half-built file of its own name is no harm (the demo is fictitious), but it
            # should be one the next start's clean-up recognises.
            files.clean_leftovers(trial.folder)
            left = temporary_names(trial.folder)
            cleaned = f"left: {left}" if left else "removed by clean_leftovers"
            return Verdict(f"no file under its name, temporary file {cleaned}")
        code, line = fko_check(path)
        if code != 0:
            return Verdict("refused by fko check", [f"fko check: {line}"])
        citizens = table_counts(path)["citizen"]
        if citizens == self.citizens:
            return Verdict("complete demo")
        if citizens == 0 and killed:
            # UnitFile.create is atomic; the demo is one transaction on the created file.
            return Verdict("empty unit file (demo not committed)")
        return Verdict("partial demo", [f"{citizens} of {self.citizens} citizens: not one transaction"])


@pytest.mark.slow
def test_kill_during_demo(tmp_path):
    run(DemoBuild(), tmp_path)


# -- journal notes ----------------------------------------------------------------------------


class NoteWrites:
    name = "journal notes (200, one transaction each)"
    kills = 50
    has_records = True
    notes = 200

    def __init__(self, template: Path, sub_goal_id: int, staff_id: int) -> None:
        self.template = template
        self.sub_goal_id = sub_goal_id
        self.staff_id = staff_id
        self.before = table_counts(template)

    def command(self, trial: Trial) -> list[str]:
        path = trial.folder / "egely.fko"
        shutil.copyfile(self.template, path)
        ids = [str(self.sub_goal_id), str(self.staff_id), str(self.notes)]
        return [sys.executable, str(NOTE_WRITER), str(path), *ids]

    def verify(self, trial: Trial, killed: bool) -> Verdict:
        path = trial.folder / "egely.fko"
        # Only whole lines: a kill can cut the last one short.
        reported = [int(line) for line in trial.printed().split("\n")[:-1]]
        code, line = fko_check(path)
        if code != 0:
            verdict = refused(trial, path, line, self.before)
            verdict.records_checked += len(reported)
            return verdict
        with read_only(path) as connection:
            stored = dict(connection.execute("SELECT id, text FROM journal_note"))
        missing = [note_id for note_id in reported if note_id not in stored]
        wrong = [
            note_id
            for number, note_id in enumerate(reported)
            if note_id in stored and stored[note_id] != note_text(number)
        ]
        lost = len(missing) + rows_lost(self.before, table_counts(path))
        problems = []
        if missing:
            problems.append(f"{len(missing)} notes reported saved are missing: {missing[:10]}")
        if wrong:
            problems.append(f"{len(wrong)} notes have another text than saved: {wrong[:10]}")
        if not killed and len(reported) != self.notes:
            problems.append(f"the finished writer reported {len(reported)} of {self.notes} notes")
        unreported = len(stored) - self.before["journal_note"] - len(reported)
        outcome = "sound, every reported note kept"
        if unreported:
            # Killed after the commit, before the id was printed: saved, the user not yet told.
            outcome += ", one more committed than reported"
        return Verdict(outcome, problems, len(reported) + sum(self.before.values()), lost)


@pytest.mark.slow
def test_kill_during_note_writes(world_template, tmp_path):
    run(NoteWrites(*world_template), tmp_path)


# -- fko bundle import ------------------------------------------------------------------------


class BundleImport:
    name = "fko bundle import (transfer)"
    kills = 40
    has_records = True

    def __init__(self, template: Path, bundle: Path, passphrase: Path) -> None:
        self.template = template
        self.bundle = bundle
        self.passphrase = passphrase
        self.before = table_counts(template)
        self.full: dict[str, int] | None = None  # set by the first run that is not killed

    def command(self, trial: Trial) -> list[str]:
        path = trial.folder / "egely.fko"
        shutil.copyfile(self.template, path)
        secret = ["--passphrase-file", str(self.passphrase)]
        return trial.traced("fko", "bundle", "import", str(self.bundle), str(path), *secret, *login_as())

    def verify(self, trial: Trial, killed: bool) -> Verdict:
        path = trial.folder / "egely.fko"
        code, line = fko_check(path)
        if code != 0:
            return refused(trial, path, line, self.before)
        counts = table_counts(path)
        checked, lost = sum(self.before.values()), rows_lost(self.before, counts)
        if not killed:
            if self.full is None:
                self.full = counts
            if counts == self.before or counts != self.full:
                return Verdict("not imported", ["the finished import did not import it all"], checked, lost)
            return Verdict("fully imported", [], checked, lost)
        where = trial.where_killed()
        if counts == self.before:
            return Verdict(f"unchanged (killed {where})", [], checked, lost)
        if counts == self.full:
            return Verdict(f"fully imported (killed {where})", [], checked, lost)
        before, full = self.before, self.full
        differ = {t: (before.get(t), n, full.get(t)) for t, n in counts.items() if n != before.get(t)}
        problem = f"neither as before nor fully imported (before, now, full): {differ}"
        return Verdict("partly imported", [problem], checked, lost)


@pytest.fixture(scope="module")
def transfer(tmp_path_factory, world_template) -> tuple[Path, Path, Path]:
    """The world unit as the receiving end, and a transfer bundle of a demo child addressed to it."""
    folder = tmp_path_factory.mktemp("kill-transfer")
    target = folder / "egely.fko"
    shutil.copyfile(world_template[0], target)
    ensure_login(target)  # the import logs in as Anna (AH)
    with UnitFile.open(target, readonly=True) as unit:
        uid = unit.unit().uid
    source = folder / "solbakken.fko"
    assert fko(["demo", str(source), "--citizens", "2", "--years", "1", "--seed", "5", "--today", TODAY]) == 0
    passphrase = folder / "frase.txt"
    passphrase.write_text("korrekt hest batteri hæfteklamme\n", encoding="utf-8")
    passphrase.chmod(0o600)  # fko refuses a passphrase file others can read
    bundle = folder / "overflytning.fkob"
    addressed = ["--recipient-unit", uid, "--recipient-name", "Bostedet Egely"]
    secret = ["--passphrase-file", str(passphrase)]
    export = ["bundle", "export", "--kind", "transfer", "--citizen", "1", *secret, *addressed]
    assert fko([*export, *demo_login_of(source), "--out", str(bundle), str(source)]) == 0
    return target, bundle, passphrase


@pytest.mark.slow
def test_kill_during_bundle_import(transfer, tmp_path):
    run(BundleImport(*transfer), tmp_path)


# -- fko backup -------------------------------------------------------------------------------


class Backup:
    name = "fko backup (30 citizens, 4 years)"
    kills = 40
    has_records = True

    def __init__(self, template: Path) -> None:
        self.template = template
        self.before = table_counts(template)

    def command(self, trial: Trial) -> list[str]:
        path = trial.folder / "unit.fko"
        shutil.copyfile(self.template, path)
        login = demo_login_of(self.template)
        return trial.traced("fko", "backup", str(path), "--out", str(trial.folder / "backups"), *login)

    def verify(self, trial: Trial, killed: bool) -> Verdict:
        path, backups = trial.folder / "unit.fko", trial.folder / "backups"
        checked = sum(self.before.values())
        code, line = fko_check(path)
        if code != 0:
            return refused(trial, path, line, self.before)
        problems = []
        lost = rows_lost(self.before, table_counts(path))
        finished = backup_files(backups, "unit")
        for backup in finished:
            code, line = fko_check(backup)
            if code != 0:
                problems.append(f"{backup.name} has a backup's name but fails fko check: {line}")
            elif table_counts(backup)["journal_note"] != self.before["journal_note"]:
                problems.append(f"{backup.name} has a backup's name but not every note")
        temporary = temporary_names(backups)
        remaining = leftovers_after_cleaning(backups, finished)
        if remaining:
            problems.append(f"left in the backup folder after files.clean_leftovers: {remaining}")
        if not killed and len(finished) != 1:
            problems.append(f"the finished backup left {len(finished)} backups")
        if finished:
            outcome = "complete backup"
        elif temporary:
            outcome = "temporary copy " + ("left behind" if remaining else "removed by clean_leftovers")
        else:
            outcome = "no backup yet"
        return Verdict(outcome, problems, checked, lost)


@pytest.fixture(scope="module")
def backup_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kill-backup") / "unit.fko"
    assert fko(["demo", str(path), "--citizens", "30", "--years", "4", "--seed", "3", "--today", TODAY]) == 0
    return path


@pytest.mark.slow
def test_kill_during_backup(backup_template, tmp_path):
    run(Backup(backup_template), tmp_path)


# -- migration --------------------------------------------------------------------------------


def recover_like_the_next_start(path: Path) -> bool:
    """What the next ``UnitFile.open`` for writing does first with a hot journal (a kill in
    a rollback-journal file): roll it back under the lock. True if there was one."""
    from fko_desktop.storage.lock import UnitLock
    from fko_desktop.storage.unitfile import _recover_hot_journal

    if not Path(f"{path}-journal").exists():
        return False
    lock = UnitLock(path)
    lock.acquire()
    try:
        _recover_hot_journal(path, None)  # the test files are plain
    finally:
        lock.release()
    return True


class Migration:
    kills = 20
    has_records = True

    def __init__(self, template: Path, journal_mode: str) -> None:
        self.template = template
        self.before = table_counts(template)
        self.name = f"opening a schema-0001 file in {journal_mode} mode (backup, then migration)"

    def command(self, trial: Trial) -> list[str]:
        path = trial.folder / "gammel.fko"
        shutil.copyfile(self.template, path)
        return trial.traced("open", str(path))

    def verify(self, trial: Trial, killed: bool) -> Verdict:
        path, backups = trial.folder / "gammel.fko", trial.data_dir / "backups"
        checked = sum(self.before.values())
        recovered = recover_like_the_next_start(path)
        code, line = fko_check(path)
        if code != 0:
            return refused(trial, path, line, self.before)
        problems = []
        revision = revision_of(path)
        counts = table_counts(path)
        lost = rows_lost(self.before, counts)
        unit_folder, finished = migration_backups(trial.data_dir)
        for backup in finished:
            code, line = fko_check(backup)
            if code != 0:
                problems.append(f"{backup.name} has a backup's name but fails fko check: {line}")
            elif revision_of(backup) != "0001" or table_counts(backup) != self.before:
                problems.append(f"{backup.name} is not the file as it was before the migration")
        # Beside each finished backup its chain-head sidecar belongs to it; nothing else may be
        # left in the unit's folder, nor anything but that folder in the backup folder.
        kept = [*finished, *(chain_head.sidecar_path(b) for b in finished)]
        remaining = leftovers_after_cleaning(unit_folder, kept) if unit_folder else []
        remaining += [name for name in leftovers_after_cleaning(backups, []) if name != "automatisk"]
        if remaining:
            problems.append(f"left in the backup folder after files.clean_leftovers: {remaining}")
        if revision == "0001":
            if counts != self.before:
                problems.append("the old revision is not intact (rows differ)")
            outcome = "old revision intact" + (", backup made" if finished else "")
            if recovered:
                outcome += ", interrupted change rolled back on the next open"
            if not killed:
                problems.append("the finished open did not migrate")
        elif revision == head_revision():
            if not finished:
                problems.append("migrated, but there is no backup of the old file")
            outcome = "new revision, backup made"
        else:
            problems.append(f"left at revision {revision}, neither 0001 nor {head_revision()}")
            outcome = f"revision {revision}"
        return Verdict(outcome, problems, checked, lost)


@pytest.fixture(scope="module", params=["wal", "delete"])
def old_template(request, tmp_path_factory) -> tuple[Path, str]:
    """A schema-0001 file with 40,000 notes: enough that the search index of 0002 takes a while.

    In WAL mode, as the program left its unit files; in rollback-journal mode, as a backup is
    (``journal_mode=DELETE``), which a user may open to restore it.
    """
    path = tmp_path_factory.mktemp(f"kill-migration-{request.param}") / "gammel.fko"
    build_revision_0001(path)
    connection = sqlite3.connect(path)
    text = "Lærke hjalp til ved aftensmaden og fortalte om sin dag i skolen; hun smilede meget."
    connection.executemany(
        "INSERT INTO journal_note (id, sub_goal_id, citizen_id, observed_at, author_id, text, score, "
        "version, created_at, created_by_id) VALUES (?, 1, 1, ?, 1, ?, ?, 1, ?, 1)",
        [(number, NOW, f"{text} ({number})", number % 5, NOW) for number in range(2, 40_002)],
    )
    connection.commit()
    connection.execute(f"PRAGMA journal_mode={request.param}")
    connection.close()
    return path, request.param


@pytest.mark.slow
def test_kill_during_migration(old_template, tmp_path):
    run(Migration(*old_template), tmp_path)
