"""``fko report order|plan|status|citizen|journal``: print a report to a PDF file without the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from fko_desktop.cli.common import Subcommands, date_type, positive
from fko_desktop.unit import places


def cmd_report(args: argparse.Namespace) -> int:
    from fko_desktop.reports import ReportOptions
    from fko_desktop.unit import Unit

    out = Path(args.out)
    # Refused before the report is made: the unit file itself, its companions, a backup, or
    # (without --force) any existing file.
    places.check_target(out, replace=args.force)
    options = ReportOptions(
        # Masked unless asked for in full: a PDF on a shared printer or in a mail is a list too.
        mask_cpr=not args.vis_cpr,
        period_from=args.period_from,
        period_to=args.period_to,
        goal_id=args.goal,
        sub_goal_id=args.sub_goal,
        printed_by=args.printed_by,
        today=args.today,
        extra_agenda=args.agenda,
        one_based=args.one_based,
        order_id=args.order,
    )
    with Unit.open(args.unitfile, readonly=True) as unit:
        citizen = unit.citizens.find(args.citizen)
        pdf = unit.reports.render(args.kind, citizen.id, options)
    # Atomic: an interrupted run never leaves a half-written PDF under the name a user will
    # mail to the authority.
    places.write_file(out, pdf, replace=args.force)
    print(out)
    return 0


def register(sub: Subcommands) -> None:
    """Add the ``report`` subcommand.

    Built on ``sub`` rather than common's ``add_unit_command`` because the report type comes
    before the unit file (``fko report status … UNITFILE``), and ``add_unit_command`` puts
    UNITFILE first.
    """
    from fko_desktop.reports import ReportKind

    help_text = (
        "Skriv en rapport som PDF: bestilling, plan, status til myndighed, borgerens visning "
        "eller journaludtræk."
    )
    report = sub.add_parser("report", help=help_text, description=help_text)
    report.set_defaults(handler=cmd_report)
    report.add_argument(
        "kind",
        metavar="TYPE",
        choices=[kind.value for kind in ReportKind],
        help="order (bestilling), plan, status (til myndighed), citizen (borgerens visning) "
        "eller journal (udtræk)",
    )
    report.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    report.add_argument("--citizen", required=True, help="borgerens id eller CPR-nummer")
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF-filen der skrives")
    report.add_argument(
        "--force", action="store_true", help="erstat en eksisterende fil (aldrig en enhedsfil)"
    )
    report.add_argument("--from", dest="period_from", type=date_type, default=None, metavar="DATO",
                        help="periodens start (status: seneste opfølgning; "
                             "journal: 3 måneder før til-datoen)")  # fmt: skip
    report.add_argument("--to", dest="period_to", type=date_type, default=None, metavar="DATO",
                        help="periodens slut (standard i dag)")  # fmt: skip
    report.add_argument("--order", type=positive, default=None, metavar="ID",
                        help="bestillingen der udskrives (order; standard borgerens aktuelle)")  # fmt: skip
    report.add_argument("--goal", type=positive, default=None, metavar="ID", help="kun dette indsatsmål")
    report.add_argument(
        "--sub-goal", type=positive, default=None, metavar="ID", help="journaludtræk for ét delmål"
    )
    cpr = report.add_mutually_exclusive_group()
    cpr.add_argument("--vis-cpr", action="store_true", help="vis CPR-nummeret fuldt (standard: DDMMÅÅ-XXXX)")
    # Kept for scripts written before masking became the default; it changes nothing now.
    cpr.add_argument("--mask-cpr", action="store_true", help=argparse.SUPPRESS)
    report.add_argument("--one-based", action="store_true", help="vis scorer som 1–5 i stedet for 0–4")
    report.add_argument(
        "--printed-by", default=None, metavar="NAVN", help="navnet i sidefoden og PDF'ens forfatter"
    )
    report.add_argument(
        "--agenda", default=None, metavar="TEKST", help="bostedets punkter til dagsordenen (status)"
    )
    report.add_argument("--today", type=date_type, default=None, help="udskriftsdato (standard i dag)")
