"""Exchange bundles: export and import of a status bundle (and a transfer) for one citizen.

    .venv/bin/python -m benchmarks.exchange [--years 2] [--keep DIR]

Builds a small demo unit (6 citizens × ``--years`` years), picks the citizen with the most
målstatus history, and times the bundle operations a user waits for. Each import goes into a
fresh copy of an empty unit file, so every run really creates the records. The first run of
each operation in a fresh process pays the one-time imports (fhir.resources, reportlab); it is
reported as its own row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.run import Row, print_table, timed
from fko_desktop.demo import build_demo
from fko_desktop.exchange import (
    Passphrase,
    apply_import,
    create_key_pair,
    export_bundle,
    load_identity,
    load_recipient,
    read_bundle,
)
from fko_desktop.models import Actor, GoalStatus, StaffMember
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import staff
from fko_desktop.storage.unitfile import UnitFile

#: Adds the receiving unit's administrator (the guided start's bootstrap, nobody logged in yet).
STARTER = Actor(None, "benchmark")


def _administrator(unit: UnitFile) -> Actor:
    """Who exports and imports: the unit's administrator, as the logged-in person would."""
    with unit.read() as session:
        member = session.scalars(
            select(StaffMember).where(
                StaffMember.active.is_(True), StaffMember.role == StaffRole.ADMINISTRATOR
            )
        ).first()
    assert member is not None
    return staff.actor_for(member)


def run(years: int, workdir: Path) -> list[Row]:
    rows: list[Row] = []
    source_path = workdir / "kilde.fko"
    unit = UnitFile.create(source_path, "Benchmark-enheden")
    build_demo(unit, citizens=6, years=years, seed=5, today=dt.date(2026, 11, 23))
    sender = _administrator(unit)
    empty = workdir / "tom.fko"
    receiver = UnitFile.create(empty, "Modtageren")
    try:
        staff.add_staff(receiver, STARTER, name="Ida Indlæser", initials="II", role=StaffRole.ADMINISTRATOR)
        importer = _administrator(receiver)
    finally:
        receiver.close()
    made = create_key_pair(workdir / "modtager.key")
    recipient, identity = load_recipient(made.recipient_path), load_identity(made.identity_path)
    with unit.read() as session:
        citizen_id, statuses = session.execute(
            select(GoalStatus.citizen_id, func.count())
            .group_by(GoalStatus.citizen_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    size = f"1 borger, {years} år, {statuses} målstatusser"

    def export(kind: str, pdfs: bool = True) -> bytes:
        return export_bundle(
            unit, sender, kind=kind, citizen_id=citizen_id, to=recipient, include_pdfs=pdfs
        ).data

    counter = iter(range(1000))

    def import_fresh(data: bytes) -> object:
        copy = workdir / f"modtager-{next(counter)}.fko"
        shutil.copyfile(empty, copy)
        with UnitFile.open(copy) as target:
            return apply_import(target, importer, read_bundle(data, identity))

    ms, data = timed(lambda: export("status"))
    rows.append(
        (
            "eksportér statusbundt, første gang i processen",
            size,
            ms,
            "inkl. import af reportlab/fhir.resources",
        )
    )
    ms, data = timed(lambda: export("status"), repeat=5)
    rows.append(
        (
            "eksportér statusbundt (FHIR + status-PDF med grafer, nøgle)",
            f"{size}, {len(data):,} byte",
            ms,
            "median af 5",
        )
    )
    ms, _ = timed(lambda: export("status", pdfs=False), repeat=5)
    rows.append(("eksportér statusbundt uden PDF", size, ms, "median af 5"))
    ms, _ = timed(lambda: read_bundle(data, identity))
    rows.append(("læs og kontrollér statusbundt, første gang", size, ms, "inkl. import af fhir.resources"))
    ms, _ = timed(lambda: read_bundle(data, identity), repeat=5)
    rows.append(
        ("læs og kontrollér statusbundt (dekryptér, hashes, FHIR, FKO-regler)", size, ms, "median af 5")
    )
    ms, _ = timed(lambda: import_fresh(data), repeat=5)
    rows.append(
        (
            "importér statusbundt (læs + forhåndsvisning + én transaktion)",
            size,
            ms,
            "median af 5, ny modtagerfil hver gang",
        )
    )

    ms, transfer = timed(lambda: export("transfer"))
    with unit.read() as session:
        from fko_desktop.models import JournalNote

        notes = session.scalar(
            select(func.count()).select_from(JournalNote).where(JournalNote.citizen_id == citizen_id)
        )
    transfer_size = f"1 borger, {notes:,} notater, {len(transfer):,} byte"
    rows.append(("eksportér overflytning (hele historikken)", transfer_size, ms, "1 kørsel"))
    ms, _ = timed(lambda: import_fresh(transfer))
    rows.append(("importér overflytning", transfer_size, ms, "1 kørsel"))

    start = time.perf_counter()
    sealed = export_bundle(
        unit,
        sender,
        kind="status",
        citizen_id=citizen_id,
        to=Passphrase("benchmark-frase"),
        include_pdfs=False,
    ).data
    middle = time.perf_counter()
    read_bundle(sealed, Passphrase("benchmark-frase"))
    end = time.perf_counter()
    rows.append(
        (
            "eksportér / læs med adgangsfrase (scrypt)",
            size,
            (middle - start) * 1000,
            f"1 kørsel; læsning {(end - middle) * 1000:,.0f} ms",
        )
    )
    unit.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the unit files in this folder")
    args = parser.parse_args()
    os.environ.setdefault("FKO_DATA_DIR", tempfile.mkdtemp(prefix="fko-bench-data-"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(args.years, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="fko-bench-") as folder:
            rows = run(args.years, Path(folder))
    print(f"FKO Desktop bundle benchmarks — {os.cpu_count()} kerner, Python {sys.version.split()[0]}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
