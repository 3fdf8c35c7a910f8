"""``fko recover UNITFILE``: a new administrator password for an encrypted unit, by its recovery key."""

from __future__ import annotations

import argparse

from fko_desktop.cli.common import (
    Subcommands,
    add_login_options,
    login_password,
    new_password,
    prompt_password,
)
from fko_desktop.unit import Unit


def cmd_recover(args: argparse.Namespace) -> int:
    # Asked at a prompt only: as an argument the key would stand in the process list and the
    # shell's history.
    key = prompt_password("Gendannelsesnøgle (grupperne fra det udskrevne ark): ")
    password = new_password(args.adgangskode_fil, f"Ny adgangskode for {args.som.upper()}: ")
    member = Unit.recover(args.unitfile, key, args.som, password)
    print(f"{args.unitfile}: {member.name} ({member.initials}) har fået en ny adgangskode.")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    page, others = Unit.encrypt_file(args.unitfile, args.som, login_password(args))
    print(f"{args.unitfile}: er nu krypteret (den ukrypterede fil er gemt blandt enhedens sikkerhedskopier).")
    if others:
        names = ", ".join(f"{member.name} ({member.initials})" for member in others)
        print(f"Giv disse medarbejdere en engangskode (fko staff password), før de kan logge ind: {names}.")
    print()
    print(page)
    return 0


def register(sub: Subcommands) -> None:
    """Add ``recover`` and ``encrypt``."""
    encrypt_help = "Kryptér en ukrypteret enhedsfil (administrator); viser gendannelsesnøglen én gang."
    encrypt = sub.add_parser("encrypt", help=encrypt_help, description=encrypt_help)
    encrypt.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko), der krypteres")
    add_login_options(encrypt)
    encrypt.set_defaults(handler=cmd_encrypt)
    help_text = (
        "Giv en administrator en ny adgangskode til en krypteret enhed med gendannelsesnøglen "
        "(når adgangskoden er glemt, eller nøglefilen er væk)."
    )
    command = sub.add_parser("recover", help=help_text, description=help_text)
    command.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko), den krypterede")
    command.add_argument("--som", metavar="INITIALER", required=True, help="administratorens initialer")
    command.add_argument(
        "--adgangskode-fil",
        metavar="FIL",
        help="privat fil (0600) med den nye adgangskode på første linje; ellers spørges to gange",
    )
    command.set_defaults(handler=cmd_recover)
