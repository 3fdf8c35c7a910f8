"""What encryption at rest costs: the same unit, plain and encrypted, timed side by side.

    .venv/bin/python -m benchmarks.encryption [--citizens 60] [--years 5]

The demo unit is built once as a plain file; the encrypted one is SQLCipher's export of it
(``cipher.export_encrypted``) with a key file holding one demo login, so both hold the same
rows. Every operation goes through the facade, as the window and ``fko`` use it, and the two
files are timed in the same run, alternating, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fko_desktop.demo import DEMO_PASSWORD, build_demo
from fko_desktop.storage import cipher, keyfile
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(workdir: Path, citizens: int, years: int) -> tuple[Path, Path, str, str]:
    """The plain unit, its encrypted twin, and the initials of a demo login, and a note count."""
    plain = workdir / "plain.fko"
    unit = UnitFile.create(plain, "Benchmark-enheden")
    summary = build_demo(unit, citizens=citizens, years=years, seed=1, today=dt.date(2026, 11, 23))
    member = unit.staff()[0]
    unit.close()
    encrypted = workdir / "krypteret.fko"
    secret = keyfile.new_secret()
    cipher.export_encrypted(plain, encrypted, secret)
    keyfile.save(encrypted, keyfile.new_key_file("Benchmark-enheden", secret))
    keyfile.set_slot(encrypted, secret, member.id, member.initials, DEMO_PASSWORD)
    cipher.forget_all()
    return plain, encrypted, member.initials, f"{summary.journal_notes:,} notater"


def measure(path: Path, initials: str) -> dict[str, float]:
    # The two files are one unit (one uid); each gets its own data folder, so the chain head
    # kept there for one is not taken for a truncated chain of the other.
    os.environ["FKO_DATA_DIR"] = str(path.parent / f"data-{path.stem}")
    results: dict[str, float] = {}

    def login() -> None:
        cipher.forget_all()  # as at a fresh start: the key comes from the password every time
        Unit.open_as(path, initials, DEMO_PASSWORD).close()

    results["log ind + åbn (Unit.open_as)"] = _median_ms(login, 5)
    results["åbn igen, nøglen i hukommelsen (Unit.open)"] = _median_ms(lambda: Unit.open(path).close(), 5)
    with Unit.open_as(path, initials, DEMO_PASSWORD) as unit:
        for term in ("angst", "madlavning skole"):
            results[f"fritekstsøgning »{term}«"] = _median_ms(lambda term=term: unit.search.notes(term), 7)
        citizen = next(c for c in unit.citizens.list() if unit.orders.current_goals(c.id))
        sub_goal_id = _first_sub_goal(unit, citizen.id)
        results["gem ét notat"] = _median_ms(
            lambda: unit.journal.add(sub_goal_id, text="Benchmark: spiste morgenmad selv."), 25
        )
        results["gem ét notat med score"] = _median_ms(
            lambda: unit.journal.add(sub_goal_id, text="Benchmark: stod selv op.", score=2), 25
        )
        results["online sikkerhedskopi"] = _median_ms(lambda: unit.backup(path.parent / "kopier"), 1)
    return results


def _first_sub_goal(unit: Unit, citizen_id: int) -> int:
    for goal in unit.orders.current_goals(citizen_id):
        sub_goal_ids = unit.journal.sub_goal_ids_of_goal(goal.id)
        if sub_goal_ids:
            return sub_goal_ids[0]
    raise SystemExit("the demo citizen has no sub-goal")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=60)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fko-bench-") as tmp:
        os.environ["FKO_DATA_DIR"] = str(Path(tmp) / "data")
        plain, encrypted, initials, size = build(Path(tmp), args.citizens, args.years)
        mb = plain.stat().st_size / 1e6
        off = measure(plain, initials)
        on = measure(encrypted, initials)
    print(f"Kryptering — {args.citizens} borgere × {args.years} år, {size}, {mb:.0f} MB;")
    print(f"{os.cpu_count()} kerner, Python {sys.version.split()[0]}, SQLCipher (sqlcipher3)")
    print()
    print("| operation | ukrypteret (ms) | krypteret (ms) | forskel |")
    print("| --- | ---: | ---: | ---: |")
    for name, plain_ms in off.items():
        encrypted_ms = on[name]
        print(f"| {name} | {plain_ms:,.1f} | {encrypted_ms:,.1f} | {encrypted_ms / plain_ms:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
