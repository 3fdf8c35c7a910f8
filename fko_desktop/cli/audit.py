"""``fko audit UNITFILE``: the audit trail on the command line, filtered, or written to CSV.

Only a leder or an administrator sees the trail, so the command logs in with ``--som`` like
the writing commands do. It works while the window has the file open (then read-only, and the
CSV export cannot be audited in the file: the command says so).
"""

from __future__ import annotations

import argparse
import sys

from fko_desktop.cli.common import (
    Subcommands,
    add_login_options,
    add_unit_command,
    date_type,
    open_logged_in,
    positive,
    print_json,
)
from fko_desktop.errors import NotFound
from fko_desktop.models.audit_vocabulary import AuditKind, parse_kind
from fko_desktop.models.formatting import format_datetime
from fko_desktop.unit import Unit
from fko_desktop.unit.inputs import AuditFilter
from fko_desktop.unit.rows import AuditRow


def kind_type(text: str) -> AuditKind:
    try:
        return parse_kind(text)
    except ValueError:
        known = ", ".join(f"{kind.value} ({kind.label})" for kind in AuditKind)
        raise argparse.ArgumentTypeError(f"ukendt art »{text[:30]}«; vælg blandt {known}") from None


def _staff_id(unit: Unit, initials: str) -> int:
    wanted = initials.strip().upper()
    members = unit.staff.list(include_inactive=True)
    # Active initials are unique; an inactive member may share them with a later colleague.
    found = sorted((m for m in members if m.initials == wanted), key=lambda m: not m.active)
    if not found:
        raise NotFound(f"Ingen medarbejder med initialerne »{initials[:20]}«.")
    return found[0].id


def _line(row: AuditRow) -> str:
    citizen = f"{row.citizen_name} (#{row.citizen_id})" if row.citizen_id is not None else "–"
    return "\t".join((format_datetime(row.at), row.actor_name, row.kind_label, row.description, citizen))


def cmd_audit(args: argparse.Namespace) -> int:
    with open_logged_in(args, for_use=True) as unit:
        where = AuditFilter(
            staff_id=_staff_id(unit, args.person) if args.person else None,
            citizen_id=unit.citizens.find(args.citizen).id if args.citizen else None,
            kinds=frozenset(args.kind or ()),
            since=args.since,
            until=args.until,
        )
        if args.csv:
            count = unit.audit.export_csv(args.csv, where, replace=args.force)
            print(f"{count} hændelser skrevet til {args.csv}")
            if unit.readonly:
                print(
                    "fko: filen er åben i et andet program; eksporten kunne ikke noteres i revisionssporet.",
                    file=sys.stderr,
                )
            return 0
        page = unit.audit.events(where, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "id": row.id,
                    "at": row.at.isoformat(),
                    "actor": row.actor_name,
                    "kind": row.kind.value,
                    "action": row.action,
                    "description": row.description,
                    "record_type": row.record_type,
                    "record_id": row.record_id,
                    "citizen_id": row.citizen_id,
                }
                for row in page.rows
            ]
        )
        return 0
    for row in page.rows:
        print(_line(row))
    if page.more:
        print(f"… flere hændelser; vis flere med --limit eller afgræns med --from/--to (viser {args.limit}).")
    elif not page.rows:
        print("Ingen hændelser.")
    return 0


def register(sub: Subcommands) -> None:
    """Add ``audit``."""
    command = add_unit_command(
        sub,
        "audit",
        cmd_audit,
        "Vis revisionssporet (hvem har set og ændret hvad), filtreret, eller eksportér det til CSV.",
    )
    add_login_options(command)
    command.add_argument("--person", metavar="INITIALER", help="kun hvad denne medarbejder har gjort")
    command.add_argument("--citizen", metavar="ID|CPR", help="kun hændelser om denne borger")
    command.add_argument("--from", dest="since", type=date_type, metavar="DATO", help="fra og med denne dag")
    command.add_argument("--to", dest="until", type=date_type, metavar="DATO", help="til og med denne dag")
    command.add_argument(
        "--kind",
        type=kind_type,
        action="append",
        metavar="ART",
        help="kun denne art (kan gentages): " + ", ".join(kind.value for kind in AuditKind),
    )
    command.add_argument(
        "--limit", type=positive, default=200, help="højst så mange hændelser (standard 200)"
    )
    command.add_argument("--json", action="store_true", help="udskriv som JSON")
    command.add_argument("--csv", metavar="FIL.csv", help="skriv alle hændelser der passer til en CSV-fil")
    command.add_argument("--force", action="store_true", help="erstat en eksisterende CSV-fil")
