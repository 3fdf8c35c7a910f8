"""What comparing units costs: 20 statistics files of 60 citizens × 5 years each, merged.

    .venv/bin/python -m benchmarks.stats [--citizens 60] [--years 5] [--units 20]

One demo unit is built and exported with ``unit.stats.export``, as ``fko stats export`` does.
The other units' files are made from that one, as a municipality's units would differ: each
gets its own name and unit key, its citizens new keys (an HMAC under the unit's own secret,
as the exporter makes them) and about a fifth of its scores moved one step, so no two files
hold the same figures. The merge is then timed from the files on disk, reading included, as
``fko stats merge`` runs it; and the spreadsheet and the PDF the merge writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fko_desktop.demo import build_demo
from fko_desktop.models import Actor
from fko_desktop.stats import keys
from fko_desktop.stats.export import document_bytes
from fko_desktop.stats.merge import compare, comparison_json
from fko_desktop.stats.read import read_statistics
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit

TODAY = dt.date(2026, 11, 23)


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _moved(score: Any, chance: random.Random) -> Any:
    if isinstance(score, int) and chance.random() < 0.2:
        return min(4, max(0, score + chance.choice((-1, 1))))
    return score


def variant(document: dict[str, Any], number: int) -> dict[str, Any]:
    """Another unit's file: its own name, keys and (a little) scores."""
    chance = random.Random(number)
    salt = f"benchmark-{number}"
    goals = []
    for goal in document["goals"]:
        statuses = [{**point, "score": _moved(point["score"], chance)} for point in goal["statuses"]]
        goals.append({**goal, "citizen": keys.citizen_key(salt, goal["citizen"]), "statuses": statuses})
    return {
        **document,
        "unit": {"name": f"Enhed {number:02d}", "key": keys.unit_key(salt)},
        "goals": goals,
    }


def build(workdir: Path, citizens: int, years: int, units: int) -> tuple[list[Path], float, int]:
    path = workdir / "enhed.fko"
    unit_file = UnitFile.create(path, "Enhed 01")
    build_demo(unit_file, citizens=citizens, years=years, seed=1, today=TODAY)
    unit_file.close()
    first = workdir / "enhed-01.json"
    with Unit.open(path, Actor(None, "benchmark", system=True)) as unit:
        start = time.perf_counter()
        made = unit.stats.export(first, today=TODAY)
        export_ms = (time.perf_counter() - start) * 1000
    document = json.loads(first.read_bytes())
    paths = [first]
    for number in range(2, units + 1):
        target = workdir / f"enhed-{number:02d}.json"
        target.write_bytes(document_bytes(variant(document, number)))
        paths.append(target)
    return paths, export_ms, made.goals


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def measure(paths: list[Path], workdir: Path) -> list[tuple[str, float]]:
    from fko_desktop.overview.export import write_comparison_xlsx
    from fko_desktop.reports.management import render_comparison

    comparison = compare(paths, made_on=TODAY)
    xlsx, pdf = workdir / "sammenligning.xlsx", workdir / "sammenligning.pdf"
    return [
        ("sammenlign (læs alle filer + tæl)", _median_ms(lambda: compare(paths), 3)),
        ("sammenlign --json", _median_ms(lambda: json.dumps(comparison_json(compare(paths))), 3)),
        (
            "skriv regnearket (XLSX)",
            _median_ms(lambda: write_comparison_xlsx(comparison, xlsx, replace=True), 3),
        ),
        ("skriv rapporten (PDF)", _median_ms(lambda: render_comparison(comparison, pdf, replace=True), 3)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=60)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--units", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fko-bench-") as tmp:
        workdir = Path(tmp)
        os.environ["FKO_DATA_DIR"] = str(workdir / "data")
        paths, export_ms, goals = build(workdir, args.citizens, args.years, args.units)
        size = paths[0].stat().st_size / 1e6
        one = f"1 enhed, {_thousands(goals)} mål"
        every = f"{args.units} enheder, {_thousands(goals * args.units)} mål"
        rows = [
            ("fko stats export (én enhed)", one, export_ms),
            ("læs og kontrollér én statistikfil", one, _median_ms(lambda: read_statistics(paths[0]), 5)),
            *((name, every, ms) for name, ms in measure(paths, workdir)),
        ]
    print(
        f"Statistik på tværs af enheder — {args.units} enheder à {args.citizens} borgere × {args.years} år; "
        f"én statistikfil {size:.1f} MB"
    )
    print(f"{os.cpu_count()} kerner, Python {sys.version.split()[0]}")
    print()
    print("| operation | datamængde | tid (ms) |")
    print("| --- | --- | ---: |")
    for name, amount, ms in rows:
        print(f"| {name} | {amount} | {ms:,.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
