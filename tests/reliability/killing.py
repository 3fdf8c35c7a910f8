"""Kill a command with SIGKILL at a random moment, again and again, and judge what it left.

A scenario prepares a fresh folder for each run, names the command, and says after the
kill whether the unit file is sound and which records are missing. The kill moment is drawn
from a seeded RNG, uniform between 0.05 s and the median run time measured first; where the
runs are traced (traced_fko.py), half of the kills are aimed instead: the kill waits for the
run's first write to begin and falls uniformly within the time the writing took in the
measured runs, because start-up and checks take most of a run. The same seed gives the same
moments (not the same instruction the process was at). Timing only chooses the moments: no
assertion depends on it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from fko_desktop.storage import files

from .figures import KillFigures

#: Every scenario's kill count is multiplied by this (FKO_KILLS_SCALE=0.1 for a quick run).
SCALE = float(os.environ.get("FKO_KILLS_SCALE", "1"))
#: The seed of the kill moments (FKO_KILLS_SEED), so a failing run can be repeated.
SEED = int(os.environ.get("FKO_KILLS_SEED", "9"))
MEASURE_RUNS = 3
EARLIEST_KILL = 0.05
#: Where a scenario's runs are traced (traced_fko.py), this share of the kill moments is drawn
#: from the window in which the writing happens instead of from the whole run.
AIMED_SHARE = 0.5
#: Folders of failing runs kept for inspection; the rest are removed (backups are 50 MB each).
KEEP_FAILED = 3

FKO = [sys.executable, "-m", "fko_desktop.cli"]
#: The pædagog saving notes, as a script of its own (see its docstring).
NOTE_WRITER = Path(__file__).with_name("note_writer.py")
#: ``fko`` with a trace of its write transactions (see its docstring).
TRACED_FKO = Path(__file__).with_name("traced_fko.py")


def wanted(kills: int) -> int:
    return max(1, round(kills * SCALE))


@dataclasses.dataclass
class Trial:
    """One run of the command in its own folder, with its own data folder (backups, logs)."""

    folder: Path
    data_dir: Path
    stdout: Path
    stderr: Path
    started: float = 0.0  # time.time() just before the process was started

    @property
    def env(self) -> dict[str, str]:
        return os.environ | {"FKO_DATA_DIR": str(self.data_dir), "QT_QPA_PLATFORM": "offscreen"}

    def printed(self) -> str:
        return self.stdout.read_text(encoding="utf-8", errors="replace")

    def errors(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    @property
    def trace(self) -> Path:
        return self.folder / "trace.txt"

    def traced(self, *argv: str) -> list[str]:
        """``traced_fko.py`` with this trial's trace: ``traced("fko", ARGS…)``, ``traced("open", FILE)``."""
        return [sys.executable, str(TRACED_FKO), str(self.trace), *argv]

    def events(self) -> list[tuple[str, float]]:
        if not self.trace.exists():
            return []
        # Only whole lines: a kill can cut the last one short.
        lines = self.trace.read_text().split("\n")[:-1]
        return [(event, float(when) - self.started) for event, when in (line.split() for line in lines)]

    def where_killed(self) -> str:
        """Where the kill fell by the trace: before, inside or after the (last) traced write."""
        events = self.events()
        if not events:
            return "before its writing began"
        # "during": the last begin has no end mark yet; a commit may have returned just before.
        return "during its writing" if events[-1][0] == "begin" else "after its writing ended"

    def window(self) -> tuple[float, float] | None:
        """Seconds from the start to the first write's begin and the last write's end."""
        events = self.events()
        begins = [when for event, when in events if event == "begin"]
        ends = [when for event, when in events if event == "end"]
        return (begins[0], ends[-1]) if begins and ends else None


@dataclasses.dataclass
class Verdict:
    """What one run left: a label for the figures, and what is wrong with it (nothing, we hope)."""

    outcome: str
    problems: list[str] = dataclasses.field(default_factory=list)
    records_checked: int = 0
    records_lost: int = 0


class Scenario(Protocol):
    name: str
    kills: int
    has_records: bool

    def command(self, trial: Trial) -> list[str]:
        """Prepare ``trial.folder`` and return the command to run there."""

    def verify(self, trial: Trial, killed: bool) -> Verdict:
        """Judge what the (killed or finished) run left behind."""


def run_kills(scenario: Scenario, root: Path, figures: KillFigures, *, seed: int = SEED) -> None:
    """Measure the median run time, then kill runs until ``figures.wanted`` kills are judged."""
    started = time.monotonic()
    rng = random.Random(f"{seed}-{scenario.name}")
    durations, windows = [], []
    for number in range(MEASURE_RUNS):
        trial = _new_trial(root, f"measure-{number}")
        begun = time.monotonic()
        process = _start(scenario, trial)
        process.wait()
        durations.append(time.monotonic() - begun)
        if process.returncode != 0:
            raise AssertionError(
                f"{scenario.name}: the unkilled run failed ({process.returncode}): {trial.errors()[-2000:]}"
            )
        verdict = scenario.verify(trial, killed=False)
        if verdict.problems:
            raise AssertionError(f"{scenario.name}: the unkilled run is judged wrong: {verdict.problems}")
        windows.append(trial.window())
        shutil.rmtree(trial.folder)
    figures.median_seconds = statistics.median(durations)
    writing = None  # how long the writing lasts, measured from its first begin
    if all(windows):
        figures.window = (statistics.median(w[0] for w in windows), statistics.median(w[1] for w in windows))
        writing = statistics.median(w[1] - w[0] for w in windows)
    kept = 0
    number = 0
    # Runs that end before their kill moment do not count as kills; a cap keeps a machine on
    # which everything is suddenly fast from looping for ever.
    while figures.kills < figures.wanted and figures.attempts < 3 * figures.wanted + 10:
        number += 1
        trial = _new_trial(root, f"run-{number}")
        aimed = writing is not None and rng.random() < AIMED_SHARE
        if aimed:
            delay = rng.uniform(0, writing)
        else:
            delay = rng.uniform(EARLIEST_KILL, max(figures.median_seconds, 0.1))
        process = _start(scenario, trial)
        if aimed:
            # Counted from this run's own begin: start-up varies from run to run by more
            # than a short transaction lasts.
            _wait_for_begin(trial, process)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        killed = process.returncode == -signal.SIGKILL
        figures.attempts += 1
        if killed:
            figures.kills += 1
            figures.aimed += aimed
        else:
            figures.finished_first += 1
        if not killed and process.returncode != 0:
            verdict = Verdict("failed by itself", [f"exit {process.returncode}: {trial.errors()[-500:]}"])
        else:
            verdict = scenario.verify(trial, killed)
        figures.outcomes[verdict.outcome if killed else f"{verdict.outcome} (ended before kill)"] += 1
        figures.records_checked += verdict.records_checked
        if figures.records_lost is not None:
            figures.records_lost += verdict.records_lost
        keep = bool(verdict.problems) and kept < KEEP_FAILED
        if verdict.problems:
            kept += keep
            where = f" (left in {trial.folder})" if keep else ""
            moment = f"{delay:.3f} s after its writing began" if aimed else f"{delay:.3f} s"
            figures.problems.append(f"run {number}, kill at {moment}{where}: " + "; ".join(verdict.problems))
        else:
            figures.checks_passed += 1
        if not keep:
            shutil.rmtree(trial.folder, ignore_errors=True)
    figures.seconds = time.monotonic() - started


def _wait_for_begin(trial: Trial, process: subprocess.Popen) -> None:
    while process.poll() is None and not trial.events():
        time.sleep(0.002)


def _new_trial(root: Path, name: str) -> Trial:
    folder = root / name
    folder.mkdir(parents=True)
    return Trial(folder, folder / "data", folder / "stdout.txt", folder / "stderr.txt")


def _start(scenario: Scenario, trial: Trial) -> subprocess.Popen:
    command = scenario.command(trial)
    # Output to files, not pipes: a pipe nobody reads could block the process before its kill.
    with open(trial.stdout, "wb") as out, open(trial.stderr, "wb") as err:
        trial.started = time.time()
        return subprocess.Popen(command, cwd=trial.folder, env=trial.env, stdout=out, stderr=err)


# -- judging what is on disk -------------------------------------------------------------------


def fko_check(path: Path) -> tuple[int, str]:
    """``fko check PATH``: its exit code and its one line of output.

    Run in this process (the same ``main`` the command runs) because starting Python for
    each of several hundred checks would cost minutes.
    """
    from fko_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, (out.getvalue() + err.getvalue()).strip()


def _wal_header_without_wal(path: Path) -> bool:
    with open(path, "rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18] == 2 and not path.with_name(path.name + "-wal").exists()


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that writes nothing beside ``path`` (no -wal/-shm of its own)."""
    uri = f"file:{path}?mode=ro" + ("&immutable=1" if _wal_header_without_wal(path) else "")
    connection = sqlite3.connect(uri, uri=True)
    try:
        yield connection
    finally:
        connection.close()


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    counts = {}
    for name, _sql in rows:
        # The search index's shadow tables hold index segments, not records.
        if name.startswith("sqlite_") or name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        counts[name] = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    return counts


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table, read without changing anything."""
    with read_only(path) as connection:
        return _counts(connection)


def recovered_counts(path: Path, scratch: Path) -> dict[str, int] | None:
    """Rows per table as SQLite itself would recover them (hot journal rolled back, WAL
    replayed), from a copy, for a file the read-only check refuses: were records lost, or
    only refused? None when even that fails."""
    scratch.mkdir(parents=True, exist_ok=True)
    for companion in ("", "-journal", "-wal"):
        source = path.with_name(path.name + companion)
        if source.exists():
            shutil.copyfile(source, scratch / (path.name + companion))
    try:
        connection = sqlite3.connect(scratch / path.name)
        try:
            return _counts(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def rows_lost(before: dict[str, int], after: dict[str, int]) -> int:
    """Rows of ``before`` that ``after`` no longer has (records are never deleted)."""
    return sum(max(0, count - after.get(table, 0)) for table, count in before.items())


def temporary_names(folder: Path) -> list[str]:
    """Names in ``folder`` that belong to an unfinished write, ours or SQLite's."""
    if not folder.exists():
        return []
    endings = (files.TEMP_SUFFIX, files.TEMP_SUFFIX + "-journal", ".part", ".part-journal")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(endings))
