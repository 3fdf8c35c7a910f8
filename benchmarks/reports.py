"""Time each printed report for one demo citizen with three goals and two years of data.

    .venv/bin/python -m benchmarks.reports [--citizens 6] [--keep DIR]

Builds a demo unit (two years, ending 2026-11-23), picks the first citizen whose current order
has three goals, and renders every report several times; prints the median per report as the
table docs/benchmarks.md shows. The first render of a process also loads the fonts; it is
reported on its own line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.run import Row, print_table, timed
from fko_desktop.demo import build_demo
from fko_desktop.models import GoalStatus, InterventionGoal, JournalNote
from fko_desktop.models.schedule import add_months
from fko_desktop.reports import ReportOptions, render_report
from fko_desktop.reports.gather import current_order
from fko_desktop.storage.unitfile import UnitFile

TODAY = dt.date(2026, 11, 23)


def run(citizens: int, workdir: Path) -> list[Row]:
    path = workdir / "reports.fko"
    unit = UnitFile.create(path, "Benchmark-enheden")
    build_demo(unit, citizens=citizens, years=2, seed=5, today=TODAY)
    unit.close()

    rows: list[Row] = []
    with UnitFile.open(path, readonly=True) as unit, unit.read() as session:
        citizen_id = next(
            cid
            for cid in range(1, citizens + 1)
            if (order := current_order(session, cid)) is not None and len(order.goals) == 3
        )
        notes = session.scalar(
            select(func.count()).select_from(JournalNote).where(JournalNote.citizen_id == citizen_id)
        )
        statuses = session.scalar(
            select(func.count()).select_from(GoalStatus).where(GoalStatus.citizen_id == citizen_id)
        )
        goals = session.scalar(
            select(func.count())
            .select_from(InterventionGoal)
            .where(InterventionGoal.citizen_id == citizen_id)
        )
        size = f"3 aktuelle mål ({goals} i alt), {statuses} målstatusser, {notes:,} notater"

        base = ReportOptions(today=TODAY, printed_by="Benchmark")
        start = time.perf_counter()
        render_report(session, "status", citizen_id, base)
        rows.append(
            (
                "første rapport i processen (inkl. skrifttyper)",
                "status, standardperiode",
                (time.perf_counter() - start) * 1000,
                "1 kørsel",
            )
        )

        two_years = ReportOptions(today=TODAY, period_from=add_months(TODAY, -24))
        cases = [
            ("status til myndighed, standardperiode", "status", base, size),
            ("status til myndighed, hele 2 år", "status", two_years, size),
            ("handleplan", "plan", base, "3 mål med delmål og kontekster"),
            ("borgerens visning", "citizen", base, "3 mål med grafer"),
            ("journaludtræk, 3 måneder (standard)", "journal", base, "alle delmål"),
            ("journaludtræk, hele 2 år", "journal", two_years, f"{notes:,} notater"),
        ]
        for name, kind, options, what in cases:
            ms, pdf = timed(functools.partial(render_report, session, kind, citizen_id, options), repeat=5)
            pages = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
            rows.append((name, f"{what}; {len(pdf) // 1024} KB", ms, f"median af 5, {pages} sider"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=6)
    parser.add_argument("--keep", type=Path, default=None, help="keep the unit file in this folder")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(args.citizens, args.keep)
    else:
        with tempfile.TemporaryDirectory() as folder:
            os.environ.setdefault("FKO_DATA_DIR", folder)
            rows = run(args.citizens, Path(folder))
    print(f"FKO Desktop rapporter — {os.cpu_count()} kerner, Python {sys.version.split()[0]}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
