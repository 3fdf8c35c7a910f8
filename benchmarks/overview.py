"""Ledelsesinformation (issue 14) on the 60-citizen × 5-year unit: the figures and the print.

    .venv/bin/python -m benchmarks.overview [--unit FILE]

Without --unit it builds the unit first (≈30 s, as ``benchmarks.window`` does). Times
``unit.overview.build`` with the unit's default filter (target < 300 ms: the window's Overblik
opens with it), the management report's PDF (target < 2 s) and the XLSX, and prints the same
kind of table as run.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import Row, print_table, timed
from benchmarks.window import build_unit

TODAY = dt.date(2026, 11, 23)


def run(path: Path) -> list[Row]:
    from fko_desktop.models.history import Actor
    from fko_desktop.overview.export import xlsx_data
    from fko_desktop.reports.management import management_pdf
    from fko_desktop.unit import Unit

    rows: list[Row] = []
    # The program itself sees the whole unit, as a leder does; no login is timed here.
    with Unit.open(path, Actor(None, "benchmark", system=True), readonly=True) as unit:
        filt = unit.overview.default_filter()
        start = time.perf_counter()
        overview = unit.overview.build(filt, today=TODAY)
        first = (time.perf_counter() - start) * 1000
        total = overview.outcomes[next(iter(overview.outcomes))].total
        size = f"{total.goals:,} mål, {total.citizens} borgere"
        rows.append(("overblik: første opbygning i processen", size, first, "1 kørsel (inkl. kataloger)"))
        ms, overview = timed(lambda: unit.overview.build(filt, today=TODAY), repeat=7)
        rows.append(("overblik: alle figurer, standardfilter", size, ms, "median af 7 (mål < 300 ms)"))
        one_year = dataclasses.replace(filt, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31))
        ms, _ = timed(lambda: unit.overview.build(one_year, today=TODAY), repeat=7)
        rows.append(("overblik: alle figurer, ét år", size, ms, "median af 7"))

    start = time.perf_counter()
    pdf = management_pdf(overview)
    first = (time.perf_counter() - start) * 1000
    note = "1 kørsel (inkl. skrifttyper)"
    rows.append(("ledelsesrapport (PDF), første", f"{len(pdf) // 1024} KB", first, note))
    ms, pdf = timed(lambda: management_pdf(overview), repeat=5)
    pages = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
    rows.append(
        ("ledelsesrapport (PDF)", f"{pages} sider, {len(pdf) // 1024} KB", ms, "median af 5 (mål < 2 s)")
    )
    ms, data = timed(lambda: xlsx_data(overview), repeat=5)
    rows.append(("regneark (XLSX)", f"{len(data) // 1024} KB", ms, "median af 5"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", type=Path, help="an existing 60 × 5 unit file (else one is built)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fko-bench-overview-") as folder:
        os.environ.setdefault("FKO_DATA_DIR", folder)
        path = args.unit or build_unit(Path(folder))
        rows = run(path)
    print(f"FKO Desktop ledelsesinformation — {os.cpu_count()} kerner, Python {sys.version.split()[0]}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
