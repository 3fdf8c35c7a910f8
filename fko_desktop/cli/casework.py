"""``fko deadlines|search``: what falls due in a unit, and what its notes say."""

from __future__ import annotations

import argparse
import datetime as dt

from fko_desktop.cli.common import Subcommands, add_unit_command, date_type, positive, print_json
from fko_desktop.models.formatting import format_date, format_datetime
from fko_desktop.models.scores import display_score
from fko_desktop.unit import Unit


def cmd_deadlines(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    with Unit.open(args.unitfile, readonly=True) as unit:
        items = unit.deadlines.due(today)
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
        print_json({"today": today.isoformat(), "deadlines": rows})
        return 0
    if not items:
        print(f"Intet forfalder pr. {format_date(today)}.")
    for d in items:
        goal = f" – {d.goal_text[:50]}" if d.goal_text else ""
        print(f"{d.state.label:<12} {format_date(d.due)}  {d.citizen_name}: {d.label}{goal}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with Unit.open(args.unitfile, readonly=True) as unit:
        hits = unit.search.notes(args.text, limit=args.limit)
    if args.json:
        print_json([hit.__dict__ | {"score": display_score(hit.score)} for hit in hits])
        return 0
    if not hits:
        print("Ingen notater matcher.")
    for hit in hits:
        kind = "delmål" if hit.kind == "journal" else "dagbog"
        withdrawn = " [tilbagetrukket]" if hit.withdrawn else ""
        print(
            f"{format_datetime(hit.observed_at)}  {hit.citizen_name} ({kind}, {hit.author}){withdrawn}: "
            f"{hit.snippet}"
        )
    return 0


def register(sub: Subcommands) -> None:
    """Add ``deadlines`` and ``search``."""
    deadlines = add_unit_command(
        sub,
        "deadlines",
        cmd_deadlines,
        "Vis målstatusser og statusrapporter der forfalder eller er overskredet.",
    )
    deadlines.add_argument(
        "--today", type=date_type, default=None, help="dato der regnes fra (standard i dag)"
    )
    deadlines.add_argument("--json", action="store_true", help="udskriv som JSON")

    search = add_unit_command(
        sub, "search", cmd_search, "Fritekstsøgning i delmåls- og dagbogsnotater, nyeste først."
    )
    search.add_argument("text", metavar="TEXT", help="ord der skal forekomme (ordstart er nok)")
    search.add_argument("--limit", type=positive, default=50, help="højst så mange fund (standard 50)")
    search.add_argument("--json", action="store_true", help="udskriv som JSON")
