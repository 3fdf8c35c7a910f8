"""``fko stats export|merge``: statistics files across units (issue 14, docs/statistics.md).

``export`` reads a unit, so it logs in (a leder or an administrator, like ``fko audit``) and
works while the window has the file open. ``merge`` reads statistics files only, no unit
file and no login: it is what the municipality runs on the files its units sent.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fko_desktop.cli.common import (
    Subcommands,
    add_login_options,
    command_group,
    date_type,
    open_logged_in,
    print_json,
)
from fko_desktop.errors import FkoError
from fko_desktop.unit import places


def cmd_export(args: argparse.Namespace) -> int:
    _check_period(args)
    out = Path(args.out)
    # Refused before the login and the work: the unit file itself, a companion, a backup, or
    # (without --force) any existing file.
    places.check_target(out, replace=args.force)
    with open_logged_in(args, for_use=True) as unit:
        made = unit.stats.export(out, date_from=args.date_from, date_to=args.date_to, replace=args.force)
    what = f"{made.goals - made.aarhus_factors} mål"
    if made.aarhus_factors:
        what += f" og {made.aarhus_factors} Århus-faktorvurderinger"
    print(
        f"Statistik for {what} hos {made.citizens} borgere skrevet til {made.path} "
        "(uden navne, CPR-numre og fritekst)."
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from fko_desktop.overview.model import OverviewFilter
    from fko_desktop.stats.merge import compare, comparison_json

    _check_period(args)
    out = Path(args.pdf or args.xlsx) if (args.pdf or args.xlsx) else None
    if out is not None:
        places.check_target(out, replace=args.force)
    comparison = compare(args.files, OverviewFilter(date_from=args.date_from, date_to=args.date_to))
    if args.json:
        print_json(comparison_json(comparison))
        return 0
    assert out is not None
    if args.pdf:
        from fko_desktop.reports.management import render_comparison

        render_comparison(comparison, out, replace=args.force)
    else:
        from fko_desktop.overview.export import write_comparison_xlsx

        write_comparison_xlsx(comparison, out, replace=args.force)
    print(out)
    return 0


def _check_period(args: argparse.Namespace) -> None:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise FkoError("Periodens start (--from) ligger efter dens slutning (--to).")


def _period_options(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--from", dest="date_from", type=date_type, metavar="DATO", help=f"{what} fra og med denne dag"
    )
    command.add_argument(
        "--to", dest="date_to", type=date_type, metavar="DATO", help=f"{what} til og med denne dag"
    )


def register(sub: Subcommands) -> None:
    """Add ``stats export`` and ``stats merge``."""
    actions = command_group(
        sub,
        "stats",
        "Statistik på tværs af enheder: eksportér en enheds statistikfil, eller sammenlign flere.",
    )

    text = (
        "Skriv enhedens statistikfil (JSON) uden navne, CPR-numre og fritekst, til kommunens "
        "sammenligning af enheder (leder eller administrator)."
    )
    export = actions.add_parser("export", help=text, description=text)
    export.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    export.add_argument("--out", required=True, metavar="FIL.json", help="statistikfilen der skrives")
    _period_options(export, "kun mål og målstatus")
    export.add_argument(
        "--force", action="store_true", help="erstat en eksisterende fil (aldrig en enhedsfil)"
    )
    add_login_options(export)
    export.set_defaults(handler=cmd_export)

    text = (
        "Sammenlign enheders statistikfiler: målopfyldelse pr. enhed og pr. år, for alle områder og "
        "for hvert område; grupper under fem borgere vises som »< 5«."
    )
    merge = actions.add_parser("merge", help=text, description=text)
    merge.add_argument("files", nargs="+", metavar="FIL", help="statistikfiler fra »fko stats export«")
    output = merge.add_mutually_exclusive_group(required=True)
    output.add_argument("--pdf", metavar="UD.pdf", help="skriv sammenligningen som PDF-rapport")
    output.add_argument("--xlsx", metavar="UD.xlsx", help="skriv tabellerne til et regneark")
    output.add_argument("--json", action="store_true", help="udskriv tallene som JSON")
    _period_options(merge, "tæl målstatus")
    merge.add_argument(
        "--force", action="store_true", help="erstat en eksisterende fil (aldrig en enhedsfil)"
    )
    merge.set_defaults(handler=cmd_merge)
