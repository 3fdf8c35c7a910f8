"""``fko overview UNITFILE``: the unit's Ledelsesinformation on the command line, or as a file.

Without an output option it prints one table (``--by``, by domain unless told) with the "< 5"
rule applied, as in every print; ``--json`` prints all figures, ``--csv``/``--xlsx``/``--pdf``
write them to the file named (refused before any work if it exists, unless ``--force``). It
logs in like ``fko audit``: a leder or an administrator sees the whole unit, a medarbejder
their own department.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from fko_desktop.cli.common import (
    Subcommands,
    add_login_options,
    add_unit_command,
    date_type,
    open_logged_in,
    print_json,
)
from fko_desktop.errors import ValidationError
from fko_desktop.models.outcome import Outcome
from fko_desktop.overview.model import OUTCOME_ORDER, Dimension, GoalState, Overview, OverviewFilter
from fko_desktop.unit import places

HELP = (
    "Vis ledelsesinformation (målopfyldelse og dokumentationspraksis), eller skriv den som CSV, "
    "XLSX eller PDF."
)

#: What ``--by`` accepts: every grouping of one unit (``unit`` is for merged statistics).
GROUPINGS = {d.value: d for d in Dimension if d is not Dimension.UNIT}

#: Short column names for a terminal's width; the line under the table spells them out.
SHORT = {
    Outcome.PROGRESSION_GOAL_MET: "Opfyldt",
    Outcome.MAINTENANCE_GOAL_MET: "Fastholdt",
    Outcome.UNPROBLEMATIC: "Uproblem.",
    Outcome.PROGRESSION: "Progression",
    Outcome.NO_PROGRESSION: "Ingen progr.",
    Outcome.NEGATIVE_PROGRESSION: "Negativ progr.",
}


def grouping_type(text: str) -> Dimension:
    try:
        return GROUPINGS[text.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"ukendt gruppering »{text[:30]}«; vælg blandt {', '.join(GROUPINGS)}"
        ) from None


def _filter(args: argparse.Namespace, default: OverviewFilter) -> OverviewFilter:
    if args.date_from and args.date_to and args.date_to < args.date_from:
        raise ValidationError("Til-dato ligger før fra-dato.", field="date_to")
    return OverviewFilter(
        date_from=args.date_from,
        date_to=args.date_to,
        departments=frozenset(args.department or ()),
        areas=frozenset(args.area or ()),
        catalogs=frozenset(args.catalog or ()),
        goal_state=GoalState(args.goals),
        suppress_small_groups=default.suppress_small_groups,
    )


def table_lines(overview: Overview, by: Dimension) -> list[str]:
    """The grouping as aligned text: count and share per category, "< 5" for small groups."""
    from fko_desktop.overview.tables import about_rows, outcome_figure, outcome_title, percent_text

    table = overview.outcomes[by]
    figure = outcome_figure(table, key=by.label, title=outcome_title(by))
    header = [by.label, "Borgere", "Mål", *(SHORT[o] for o in OUTCOME_ORDER), "Ikke opgjort"]
    rows = []
    for cells in figure.rows:
        line = [str(cells[0]), _text(cells[1]), _text(cells[2])]
        for index in range(len(OUTCOME_ORDER)):
            count, share = cells[4 + 2 * index], cells[5 + 2 * index]
            line.append(f"{count} ({percent_text(share)})" if isinstance(share, float) else _text(count))
        rows.append([*line, _text(cells[-1])])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def aligned(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))]).rstrip()

    about = dict(about_rows(overview))
    lines = [f"{overview.unit_name} · {figure.title} · {about['Periode']}", aligned(header)]
    lines.append("  ".join("-" * w for w in widths))
    lines += [aligned(r) for r in rows[:-1]]
    lines += ["  ".join("-" * w for w in widths), aligned(rows[-1]), ""]
    lines.append(
        "Opfyldt = progressionsmål opfyldt, Fastholdt = fastholdelsesmål opfyldt; "
        "andele er af de opgjorte mål."
    )
    lines.append(about["Små grupper"])
    return lines


def _text(value: object) -> str:
    return "" if value is None else str(value)


def cmd_overview(args: argparse.Namespace) -> int:
    outputs = [name for name in ("csv", "xlsx", "pdf") if getattr(args, name)]
    target = Path(getattr(args, outputs[0])) if outputs else None
    if target is not None:
        # Refused before the figures are made: the unit file, its companions, or an existing file.
        places.check_target(target, replace=args.force)
    groupings = [args.by] if args.by else None
    with open_logged_in(args, for_use=True) as unit:
        filt = _filter(args, unit.overview.default_filter())
        overview = unit.overview.build(filt, today=args.today)
        printed_by = unit.actor.name if unit.actor else None
        if target is not None:
            from fko_desktop.overview import export
            from fko_desktop.reports.management import render_management_report

            if args.csv:
                export.write_csv(overview, target, replace=args.force, groupings=groupings)
            elif args.xlsx:
                export.write_xlsx(overview, target, replace=args.force, groupings=groupings)
            else:
                render_management_report(overview, target, replace=args.force, groupings=groupings,
                                         printed_by=printed_by)  # fmt: skip
            # In the audit trail like the window's exports (written once the file is there).
            unit.overview.record_output(
                outputs[0], overview.filter, groupings=groupings or tuple(overview.outcomes), file=target
            )
    if target is not None:
        print(target)
        return 0
    if args.json:
        from fko_desktop.overview.export import overview_json

        print_json(overview_json(overview))
        return 0
    for line in table_lines(overview, args.by or Dimension.DOMAIN):
        print(line)
    return 0


def register(sub: Subcommands) -> None:
    """Add ``overview``."""
    command = add_unit_command(
        sub,
        "overview",
        cmd_overview,
        HELP,
    )
    add_login_options(command)
    command.add_argument(
        "--from",
        dest="date_from",
        type=date_type,
        metavar="DATO",
        help="seneste målstatus fra og med denne dag",
    )
    command.add_argument(
        "--to", dest="date_to", type=date_type, metavar="DATO", help="seneste målstatus til og med denne dag"
    )
    command.add_argument("--by", type=grouping_type, metavar="GRUPPERING",
                         help="gruppér efter " + ", ".join(GROUPINGS) + " (standard domain i terminalen; "
                         "alle i filerne)")  # fmt: skip
    command.add_argument(
        "--department", action="append", metavar="AFDELING", help="kun denne afdeling (kan gentages)"
    )
    command.add_argument(
        "--area", action="append", choices=["children", "adults"], help="kun børn og unge eller voksne"
    )
    command.add_argument(
        "--catalog",
        action="append",
        choices=["ics", "ffb", "aarhus"],
        help="kun dette katalog (kan gentages)",
    )
    command.add_argument("--goals", choices=[s.value for s in GoalState], default=GoalState.ALL.value,
                         help="aktive, afsluttede eller alle mål (standard all)")  # fmt: skip
    command.add_argument("--today", type=date_type, default=None, help="opgørelsesdato (standard i dag)")
    output = command.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="udskriv alle tal som JSON")
    output.add_argument("--csv", metavar="FIL.csv", help="skriv tallene til en CSV-fil (til dansk Excel)")
    output.add_argument("--xlsx", metavar="FIL.xlsx", help="skriv tallene til et regneark, ét ark pr. figur")
    output.add_argument("--pdf", metavar="FIL.pdf", help="skriv ledelsesrapporten som PDF")
    command.add_argument(
        "--force", action="store_true", help="erstat en eksisterende fil (aldrig en enhedsfil)"
    )
