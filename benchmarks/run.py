"""The performance suite: builds a large unit with the demo generator and prints a table.

    .venv/bin/python -m benchmarks.run [--citizens 60] [--years 5] [--keep DIR]

Each operation is timed several times where it is cheap enough and the median reported, so
one slow run (a cold disk cache, another process) does not decide the figure. Times are wall
clock on whatever machine runs it; the table in docs/benchmarks.md says which machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select

from fko_desktop.demo import build_demo
from fko_desktop.models import JournalNote, StaffMember, SubGoal
from fko_desktop.ops import journal
from fko_desktop.ops.deadlines import unit_deadlines
from fko_desktop.ops.info import unit_info
from fko_desktop.ops.staff import actor_for
from fko_desktop.storage import chain_check
from fko_desktop.storage.integrity import connect_readonly
from fko_desktop.storage.search import SearchHit, search_notes
from fko_desktop.storage.unitfile import UnitFile

Row = tuple[str, str, float, str]
T = TypeVar("T")


def timed(action: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """Median wall time in milliseconds over ``repeat`` (at least one) runs, and the last result."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def fko_command(*args: str) -> subprocess.CompletedProcess[str]:
    fko = Path(sys.executable).with_name("fko")
    return subprocess.run([str(fko), *args], capture_output=True, text=True, check=True)


def run(citizens: int, years: int, workdir: Path) -> list[Row]:
    rows: list[Row] = []
    path = workdir / "bench.fko"
    today = dt.date(2026, 11, 23)

    start = time.perf_counter()
    unit = UnitFile.create(path, "Benchmark-enheden")
    summary = build_demo(unit, citizens=citizens, years=years, seed=1, today=today)
    unit.close()
    build_ms = (time.perf_counter() - start) * 1000
    size = f"{citizens} borgere × {years} år, {summary.journal_notes:,} notater"
    rows.append(("fko demo (byg enheden)", size, build_ms, "1 kørsel"))
    mb = path.stat().st_size / 1e6

    ms, _ = timed(lambda: UnitFile.open(path).close(), repeat=5)
    rows.append(("åbn enhedsfil (tjek, lås, WAL)", f"{mb:.0f} MB", ms, "median af 5"))
    rows.extend(history_rows(path))

    def info_in_process() -> object:
        with UnitFile.open(path, readonly=True) as unit:
            return unit_info(unit)

    ms, _ = timed(info_in_process, repeat=5)
    rows.append(("åbn + info (i processen)", f"{mb:.0f} MB", ms, "median af 5"))
    ms, result = timed(lambda: fko_command("info", str(path), "--json"), repeat=3)
    counts = json.loads(result.stdout)["counts"]
    rows.append(
        (
            "`fko info --json` (hel proces)",
            f"{counts['journal_notes']:,} notater",
            ms,
            "median af 3, inkl. Python-opstart",
        )
    )

    unit = UnitFile.open(path)
    try:
        with unit.read() as session:
            biggest_citizen, biggest_count = session.execute(
                select(JournalNote.citizen_id, func.count())
                .group_by(JournalNote.citizen_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            busiest_sub_goal, sub_goal_count = session.execute(
                select(JournalNote.sub_goal_id, func.count())
                .group_by(JournalNote.sub_goal_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            author = session.scalars(select(StaffMember).limit(1)).one()
        for term in ("angst", "madlavning skole", "hygiejne", "og"):

            def search(term: str = term) -> list[SearchHit]:
                with unit.read() as session:
                    return search_notes(session, term, limit=100)

            ms, hits = timed(search, repeat=7)
            rows.append(
                (
                    f"fritekstsøgning »{term}«",
                    f"{len(hits)} fund (højst 100), nyeste først",
                    ms,
                    "median af 7",
                )
            )

        ms, notes = timed(lambda: journal.journal(unit, citizen_id=biggest_citizen), repeat=7)
        rows.append(("en borgers hele journal", f"{len(notes):,} notater", ms, "median af 7"))
        ms, notes = timed(lambda: journal.journal(unit, sub_goal_ids=[busiest_sub_goal], limit=200), repeat=7)
        rows.append(("delmålsjournal, første side", f"200 af {sub_goal_count:,} notater", ms, "median af 7"))
        ms, _ = timed(lambda: unit_deadlines(unit, today), repeat=5)
        rows.append(("frister for hele enheden", f"{citizens} borgere", ms, "median af 5"))

        actor = actor_for(author)
        with unit.read() as session:
            sub_goal_id = session.scalars(
                select(SubGoal.id).where(SubGoal.citizen_id == biggest_citizen).limit(1)
            ).one()
        ms, _ = timed(
            lambda: journal.add_note(
                unit, actor, sub_goal_id, text="Benchmark: stod selv op og spiste morgenmad.", score=2
            ),
            repeat=25,
        )
        rows.append(("gem ét notat (commit, synchronous=FULL)", "1 notat", ms, "median af 25"))
        ms, _ = timed(lambda: unit.backup(workdir / "backups"), repeat=1)
        rows.append(("online sikkerhedskopi", f"{mb:.0f} MB", ms, "1 kørsel"))
    finally:
        unit.close()
    return rows


def history_rows(path: Path) -> list[Row]:
    """The tamper-evident history: ``fko check``'s full verification and the open's increment."""
    connection = connect_readonly(path)
    try:
        ms, report = timed(lambda: chain_check.verify_history(connection, full=True))
        events = report.heads["audit_event"].count if "audit_event" in report.heads else 0
        full = ("historik: fuld kontrol (fko check)", f"{events:,} hændelser + alle notater", ms, "1 kørsel")
        ms, _ = timed(
            lambda: chain_check.verify_history(connection, recorded=report.heads, full=False), repeat=5
        )
        opening = ("historik: kontrol ved åbning (fra sidst sete)", "nye hændelser", ms, "median af 5")
    finally:
        connection.close()
    return [full, opening]


def print_table(rows: list[Row]) -> None:
    print("| operation | datamængde | tid (ms) | note |")
    print("| --- | --- | ---: | --- |")
    for name, size, ms, note in rows:
        print(f"| {name} | {size} | {ms:,.1f} | {note} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=60)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the unit file in this folder")
    args = parser.parse_args()
    os.environ.setdefault("FKO_DATA_DIR", tempfile.mkdtemp(prefix="fko-bench-data-"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(args.citizens, args.years, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="fko-bench-") as tmp:
            rows = run(args.citizens, args.years, Path(tmp))
    print(f"FKO Desktop benchmarks — {os.cpu_count()} kerner, Python {sys.version.split()[0]}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
