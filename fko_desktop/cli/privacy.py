"""``fko indsigt`` (a data subject's access export) and ``fko slet`` (erasure after retention)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fko_desktop.cli.common import Subcommands, add_login_options, open_logged_in
from fko_desktop.errors import FkoError


def cmd_indsigt(args: argparse.Namespace) -> int:
    with open_logged_in(args) as unit:
        citizen = unit.citizens.find(args.citizen)
        made = unit.privacy.export_subject_access(citizen.id, Path(args.out), replace=args.force)
    print(made.pdf)
    print(made.json)
    return 0


def cmd_slet_liste(args: argparse.Namespace) -> int:
    with open_logged_in(args) as unit:
        candidates = unit.privacy.erasable()
        for c in candidates:
            # Names only when asked for: the list is often run where others can read along.
            name = c.name if args.vis_navne else f"borger {c.citizen_id}"
            print(
                f"{c.citizen_id:>5}  fraflyttet {c.end_date:%d.%m.%Y}  "
                f"kan slettes fra {c.retention_ends:%d.%m.%Y}  {name}"
            )
    if not candidates:
        print("Ingen borgere har passeret opbevaringsperioden.")
    return 0


def _confirmed(args: argparse.Namespace, citizen_id: int) -> bool:
    if args.ja:
        return True
    if not sys.stdin.isatty():
        raise FkoError("Sletning skal bekræftes: kør kommandoen i en terminal, eller tilføj --ja.")
    answer = input(
        f"Alt om borger {citizen_id} slettes for altid (notater, planer, historik). "
        "Skriv »slet« for at fortsætte: "
    )
    return answer.strip().lower() == "slet"


def cmd_slet(args: argparse.Namespace) -> int:
    with open_logged_in(args) as unit:
        citizen = unit.citizens.find(args.citizen)
        # Refused before the question, so nobody confirms an erasure that cannot happen.
        unit.privacy.check_erasure(citizen.id)
        if not _confirmed(args, citizen.id):
            print("Intet er slettet.")
            return 1
        result = unit.privacy.erase(citizen.id)
    total = sum(result.counts.values())
    print(f"Borger {result.citizen_id} er slettet ({total} registreringer); sletningen står i loggen.")
    return 0


def register(sub: Subcommands) -> None:
    """Add ``indsigt``, ``slet`` and ``slet-liste``."""
    text = "Udtræk til en borgers indsigt: alt om borgeren som PDF og JSON (leder eller administrator)."
    indsigt = sub.add_parser("indsigt", help=text, description=text)
    indsigt.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    indsigt.add_argument("--citizen", required=True, metavar="ID", help="borgerens id eller CPR-nummer")
    indsigt.add_argument(
        "--out", required=True, metavar="FILE.pdf", help="PDF-filen; JSON-filen lægges ved siden af"
    )
    indsigt.add_argument(
        "--force", action="store_true", help="erstat eksisterende filer (aldrig en enhedsfil)"
    )
    add_login_options(indsigt)
    indsigt.set_defaults(handler=cmd_indsigt)

    text = "Slet alt om en fraflyttet borger efter opbevaringsperioden (administrator; logges)."
    slet = sub.add_parser("slet", help=text, description=text)
    slet.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    slet.add_argument("--citizen", required=True, metavar="ID", help="borgerens id eller CPR-nummer")
    slet.add_argument("--ja", action="store_true", help="spørg ikke om bekræftelse (til scripts)")
    add_login_options(slet)
    slet.set_defaults(handler=cmd_slet)

    text = "Vis de fraflyttede borgere, hvis opbevaringsperiode er udløbet."
    liste = sub.add_parser("slet-liste", help=text, description=text)
    liste.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    liste.add_argument(
        "--vis-navne", action="store_true", help="vis navnene (standard: kun borgerens nummer)"
    )
    add_login_options(liste)
    liste.set_defaults(handler=cmd_slet_liste)
