"""The ``fko`` command: the unit file's operations without a screen, for IT staff and scripts.

Every error a user can cause ends as one line on stderr and exit code 1 (2 for a usage error);
no traceback reaches the terminal. Unexpected failures are logged with their traceback to the
log folder (scrubbed of SQL, parameters and CPR numbers, see logs.py) and reported on one line
with only the error's type and the log's path. Everything written to the terminal shows control
and bidirectional characters as visible escapes (terminal.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from fko_desktop import __version__
from fko_desktop.errors import FkoError
from fko_desktop.logs import configure_logging, log_unexpected
from fko_desktop.models import Actor
from fko_desktop.models.formatting import format_date, format_datetime, parse_date
from fko_desktop.models.scores import display_score
from fko_desktop.storage import paths
from fko_desktop.storage.integrity import check_unit_file
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.terminal import safe_json, safe_output

EXIT_ERROR = 1
EXIT_USAGE = 2
CLI_LOG = "fko-cli.log"


class UsageError(Exception):
    """A command line that does not parse; reported on one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (se »{self.prog} --help«)")


def cli_actor() -> Actor:
    """The author of what the command line writes: the OS user on this machine."""
    return Actor(None, f"fko ({getpass.getuser()}@{socket.gethostname()})")


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except FkoError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"»{text}« er ikke et helt tal") from None
    if value < 1:
        # 0 would build an empty demo or find nothing; a negative --limit removed the last hit.
        raise argparse.ArgumentTypeError(f"»{text}« skal være mindst 1")
    return value


def _print_json(data: Any) -> None:
    # safe_json, not the stream's safe_text: its \x escapes would not be valid JSON.
    sys.stdout.write(safe_json(json.dumps(data, ensure_ascii=False, indent=2, default=str)))
    sys.stdout.write("\n")


# -- subcommands -----------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    with UnitFile.create(args.unitfile, args.unit_name) as unit:
        print(unit.path)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from fko_desktop.demo import build_demo

    path = Path(args.unitfile)
    created = not path.exists()
    unit = UnitFile.create(path, args.unit_name) if created else UnitFile.open(path)
    try:
        summary = build_demo(unit, citizens=args.citizens, years=args.years, seed=args.seed, today=args.today)
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
    from fko_desktop.ops.info import unit_info

    with UnitFile.open(args.unitfile, readonly=True) as unit:
        info = unit_info(unit)
    if args.json:
        _print_json(info)
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
    from fko_desktop.ops.citizens import list_citizens

    with UnitFile.open(args.unitfile, readonly=True) as unit:
        citizens = list_citizens(unit, text=args.search, area=args.area)
    rows = [
        {"id": c.id, "name": c.name, "cpr": c.cpr, "area": c.area.value, "active": c.active}
        for c in citizens
    ]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        state = "" if row["active"] else "  (fraflyttet)"
        area = "børn" if row["area"] == "children" else "voksne"
        print(f"{row['id']:>5}  {row['cpr']}  {area:<7} {row['name']}{state}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    revision = check_unit_file(Path(args.unitfile), full=True)
    print(f"{args.unitfile}: i orden (skema {revision}).")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    # The same audited backup as the window's; from a unit another program holds, or on a
    # read-only medium, a read-only open still copies it (without an audit event).
    with UnitFile.open_for_use(args.unitfile) as unit:
        print(unit.backup(Path(args.out)))
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    from fko_desktop.ops.deadlines import unit_deadlines

    today = args.today or dt.date.today()
    with UnitFile.open(args.unitfile, readonly=True) as unit:
        items = unit_deadlines(unit, today)
    rows = [
        {
            "kind": d.kind,
            "label": d.label,
            "state": d.state.name.lower(),
            "due": d.due.isoformat(),
            "citizen_id": d.citizen_id,
            "citizen": d.citizen_name,
            "goal_id": d.goal_id,
            "goal": d.goal_text,
            "period": d.period,
            "follow_up_id": d.follow_up_id,
            "order_id": d.order_id,
        }
        for d in items
    ]
    if args.json:
        _print_json({"today": today.isoformat(), "deadlines": rows})
        return 0
    if not items:
        print(f"Intet forfalder pr. {format_date(today)}.")
    for d in items:
        goal = f" – {d.goal_text[:50]}" if d.goal_text else ""
        print(f"{d.state.label:<12} {format_date(d.due)}  {d.citizen_name}: {d.label}{goal}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from fko_desktop.storage.search import search_notes

    with UnitFile.open(args.unitfile, readonly=True) as unit, unit.read() as session:
        hits = search_notes(session, args.text, limit=args.limit)
    if args.json:
        _print_json([hit.__dict__ | {"score": display_score(hit.score)} for hit in hits])
        return 0
    if not hits:
        print("Ingen notater matcher.")
    for hit in hits:
        kind = "delmål" if hit.kind == "journal" else "dagbog"
        withdrawn = " [tilbagetrukket]" if hit.withdrawn else ""
        print(f"{format_datetime(hit.observed_at)}  {hit.citizen_name} ({kind}, {hit.author}){withdrawn}: {hit.snippet}")
    return 0


# -- the parser ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fko",
        description="FKO Desktop på kommandolinjen: enhedsfiler, demodata, tjek, backup, frister og søgning.",
    )
    parser.add_argument("--version", action="version", version=f"fko {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    sub.required = True

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
        command.set_defaults(handler=handler)
        return command

    init = add("init", cmd_init, "Opret en ny, tom enhedsfil.")
    init.add_argument("--unit-name", required=True, help="enhedens navn, fx »Bostedet Egely«")

    demo = add("demo", cmd_demo, "Opret en enhedsfil med realistiske, opdigtede demodata.")
    demo.add_argument("--citizens", type=_positive, default=12, help="antal borgere (standard 12)")
    demo.add_argument("--years", type=_positive, default=2, help="antal års historik (standard 2)")
    demo.add_argument("--seed", type=int, default=1, help="frø for tilfældighed; samme frø giver samme data")
    demo.add_argument("--today", type=_date, default=None, help="dato som data slutter ved (standard i dag)")
    demo.add_argument("--unit-name", default="Bostedet Solbakken (demo)", help="enhedens navn")

    info = add("info", cmd_info, "Vis enhedens navn, skemaversion og antal poster.")
    info.add_argument("--json", action="store_true", help="udskriv som JSON")

    citizens = add("citizens", cmd_citizens, "Vis enhedens borgere.")
    citizens.add_argument("--json", action="store_true", help="udskriv som JSON")
    citizens.add_argument("--search", help="filtrér på navn eller CPR-nummer")
    citizens.add_argument("--area", choices=["children", "adults"], help="kun børn/unge eller voksne")

    add("check", cmd_check, "Kontrollér at filen er en hel og sund enhedsfil (ændrer intet).")

    backup = add("backup", cmd_backup, "Skriv en konsistent sikkerhedskopi; udskriver kopiens sti.")
    backup.add_argument("--out", required=True, metavar="DIR", help="mappen kopien skrives til")

    deadlines = add("deadlines", cmd_deadlines, "Vis målstatusser og statusrapporter der forfalder eller er overskredet.")
    deadlines.add_argument("--today", type=_date, default=None, help="dato der regnes fra (standard i dag)")
    deadlines.add_argument("--json", action="store_true", help="udskriv som JSON")

    search = add("search", cmd_search, "Fritekstsøgning i delmåls- og dagbogsnotater, nyeste først.")
    search.add_argument("text", metavar="TEXT", help="ord der skal forekomme (ordstart er nok)")
    search.add_argument("--limit", type=_positive, default=50, help="højst så mange fund (standard 50)")
    search.add_argument("--json", action="store_true", help="udskriv som JSON")

    from fko_desktop import cli_report

    cli_report.register(sub, add)

    from fko_desktop import cli_bundle

    cli_bundle.register(sub)
    return parser


def _log_unexpected(error: BaseException) -> Path | None:
    """Keep where the error happened for the developers, without personal data (see logs.py)."""
    return log_unexpected(error, CLI_LOG)


def _one_line(message: str) -> str:
    """Errors are one line, even when SQLite's own text spans several."""
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> int:
    # Everything written to the terminal goes through safe_text: notes from other units may
    # carry escape sequences and right-to-left overrides (see terminal.py).
    with safe_output():
        configure_logging(logging.WARNING)
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        paths.prepare_private_data()
        return args.handler(args)
    except UsageError as error:
        print(_one_line(str(error)), file=sys.stderr)
        return EXIT_USAGE
    except FkoError as error:
        print(f"fko: {_one_line(error.message)}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped listening: not an error worth a message. The real
        # stderr is closed, so Python's flush at exit cannot complain on it either.
        getattr(sys.stderr, "target", sys.stderr).close()
        return 0
    except KeyboardInterrupt:
        print("fko: afbrudt.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback to users
        log_file = _log_unexpected(error)
        where = f"; detaljer i {log_file}" if log_file else ""
        # Only the type: the message of a database error holds the SQL and its parameters
        # (CPR numbers, note texts), and any other message may quote what a user typed.
        print(_one_line(f"fko: uventet fejl ({type(error).__name__}){where}"), file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
