"""``fko init|demo|info|citizens|check|backup``: make, describe, check and copy a unit file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from fko_desktop.cli.common import (
    PASSWORD_FILE_ENV,
    Subcommands,
    add_login_options,
    add_unit_command,
    date_type,
    login_password,
    new_password,
    open_logged_in,
    positive,
    print_json,
)
from fko_desktop.errors import FkoError
from fko_desktop.models.cpr import shown_cpr
from fko_desktop.unit import Unit


def cmd_init(args: argparse.Namespace) -> int:
    password_path = args.adgangskode_fil or os.environ.get(PASSWORD_FILE_ENV)
    # Checked before asking: a refused name should not cost the typing of a password twice.
    Unit.check_first_staff(args.staff_name, args.staff_initials)
    password = new_password(password_path, f"Adgangskode for {args.staff_initials.upper()} (administrator): ")
    with Unit.create_with_first_staff(
        args.unitfile,
        args.unit_name,
        staff_name=args.staff_name,
        staff_initials=args.staff_initials,
        staff_password=password,
        staff_title=args.staff_title,
        departments=args.department,
        areas=args.areas.split(","),
        encrypted=not args.ukrypteret,
    ) as unit:
        (member,) = unit.staff.list()
        print(
            f"{unit.path}: {unit.name}, første medarbejder {member.name} ({member.initials}, administrator)."
        )
        if unit.recovery_key is not None:
            # Shown this once: the unit file is encrypted, and nothing else opens it when the
            # administrator's password is lost.
            print()
            print(unit.recovery_text())
            if args.gendannelsesark:
                sheet = unit.write_recovery_sheet(args.gendannelsesark)
                print(f"Gendannelsesnøglen er også skrevet som PDF til {sheet}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    path = Path(args.unitfile)
    created = not path.exists()
    # Into an existing (empty) unit only as one of its staff; a new demo file has none yet.
    unit = Unit.create(path, args.unit_name) if created else open_logged_in(args)
    try:
        summary = unit.build_demo(citizens=args.citizens, years=args.years, seed=args.seed, today=args.today)
    except BaseException:
        unit.close()
        if created:
            # A half-filled demo file is worth nothing; remove what this command created.
            for leftover in (path, path.with_name(path.name + ".lock")):
                leftover.unlink(missing_ok=True)
        raise
    unit.close()
    print(f"Demoenhed skrevet til {path}: {summary.citizens} borgere, {summary.journal_notes} notater.")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    with Unit.open(args.unitfile, readonly=True) as unit:
        info = unit.info()
    if args.json:
        print_json(info)
        return 0
    print(f"Enhed:        {info['unit_name']}")
    print(f"Fil:          {info['path']}")
    print(f"Skemaversion: {info['schema_version']}")
    labels = {
        "citizens": "Borgere",
        "staff": "Medarbejdere",
        "orders": "Bestillinger",
        "plans": "Planer",
        "intervention_goals": "Indsatsmål",
        "sub_goals": "Delmål",
        "journal_notes": "Delmålsnotater",
        "diary_notes": "Dagbogsnotater",
        "goal_statuses": "Målstatusser",
        "follow_ups": "Opfølgninger",
    }
    for key, label in labels.items():
        print(f"{label + ':':<15}{info['counts'][key]:>8}")
    return 0


def cmd_citizens(args: argparse.Namespace) -> int:
    with Unit.open(args.unitfile, readonly=True) as unit:
        citizens = unit.citizens.list(text=args.search, area=args.area)
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "cpr": shown_cpr(c.cpr, full=args.vis_cpr),
            "area": c.area.value,
            "active": c.active,
        }
        for c in citizens
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = "" if row["active"] else "  (fraflyttet)"
        area = "børn" if row["area"] == "children" else "voksne"
        print(f"{row['id']:>5}  {row['cpr']}  {area:<7} {row['name']}{state}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    if Unit.is_encrypted_file(args.unitfile):
        # Nothing of an encrypted file can be checked before a password unlocks it.
        if not args.som:
            raise FkoError("Filen er krypteret; angiv med --som INITIALER, hvem der kontrollerer den.")
        Unit.unlock(args.unitfile, args.som, login_password(args))
    revision = Unit.check_file(args.unitfile)
    print(f"{args.unitfile}: i orden (skema {revision}).")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    # The same audited backup as the window's; from a unit another program holds, or on a
    # read-only medium, a read-only open still copies it (without an audit event).
    # A backup copies every record: only someone who may open the unit makes one.
    with open_logged_in(args, for_use=True) as unit:
        print(unit.backup(Path(args.out)))
    return 0


def register(sub: Subcommands) -> None:
    """Add ``init``, ``demo``, ``info``, ``citizens``, ``check`` and ``backup``."""
    init = add_unit_command(sub, "init", cmd_init, "Opret en ny, tom enhedsfil.")
    init.add_argument("--unit-name", required=True, help="enhedens navn, fx »Bostedet Egely«")
    init.add_argument(
        "--staff-name", required=True, help="den første medarbejders navn (enhedens administrator)"
    )
    init.add_argument("--staff-initials", required=True, help="den første medarbejders initialer")
    init.add_argument(
        "--staff-title", default=None, help="den første medarbejders stilling, fx »Afdelingsleder«"
    )
    init.add_argument(
        "--adgangskode-fil",
        metavar="FIL",
        help="privat fil (0600) med administratorens adgangskode på første linje "
        "(ellers spørges der to gange)",
    )
    init.add_argument(
        "--ukrypteret",
        action="store_true",
        help="gem enhedsfilen ukrypteret (standard: krypteret, med en gendannelsesnøgle til udskrift)",
    )
    init.add_argument(
        "--gendannelsesark",
        metavar="FIL",
        help="skriv også gendannelsesnøglen som PDF til at udskrive (fx gendannelsesnøgle.pdf)",
    )
    init.add_argument(
        "--department", action="append", default=[], metavar="NAVN", help="en afdeling (kan gentages)"
    )
    init.add_argument(
        "--areas",
        default="children,adults",
        help="områder enheden dækker: children, adults eller begge adskilt af komma (standard begge)",
    )

    demo = add_unit_command(sub, "demo", cmd_demo, "Opret en enhedsfil med realistiske, opdigtede demodata.")
    demo.add_argument("--citizens", type=positive, default=12, help="antal borgere (standard 12)")
    demo.add_argument("--years", type=positive, default=2, help="antal års historik (standard 2)")
    demo.add_argument("--seed", type=int, default=1, help="frø for tilfældighed; samme frø giver samme data")
    demo.add_argument(
        "--today", type=date_type, default=None, help="dato som data slutter ved (standard i dag)"
    )
    demo.add_argument("--unit-name", default="Bostedet Solbakken (demo)", help="enhedens navn")
    add_login_options(demo, required=False)

    info = add_unit_command(sub, "info", cmd_info, "Vis enhedens navn, skemaversion og antal poster.")
    info.add_argument("--json", action="store_true", help="udskriv som JSON")

    citizens = add_unit_command(sub, "citizens", cmd_citizens, "Vis enhedens borgere.")
    citizens.add_argument("--json", action="store_true", help="udskriv som JSON")
    citizens.add_argument("--search", help="filtrér på navn eller CPR-nummer")
    citizens.add_argument(
        "--vis-cpr", action="store_true", help="vis CPR-numrene fuldt (standard: DDMMÅÅ-XXXX)"
    )
    citizens.add_argument("--area", choices=["children", "adults"], help="kun børn/unge eller voksne")

    check = add_unit_command(
        sub, "check", cmd_check, "Kontrollér at filen er en hel og sund enhedsfil (ændrer intet)."
    )
    add_login_options(check, required=False)

    backup = add_unit_command(
        sub, "backup", cmd_backup, "Skriv en konsistent sikkerhedskopi; udskriver kopiens sti."
    )
    backup.add_argument("--out", required=True, metavar="DIR", help="mappen kopien skrives til")
    add_login_options(backup)
