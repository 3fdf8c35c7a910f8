"""What the ``fko`` command groups share: the parser, argument types, JSON output, the actor."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeAlias

from fko_desktop.errors import FkoError
from fko_desktop.models import Actor
from fko_desktop.models.formatting import parse_date
from fko_desktop.terminal import safe_json

EXIT_ERROR = 1
EXIT_USAGE = 2

#: What ``parser.add_subparsers()`` returns; each command module's ``register`` adds to it.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler: TypeAlias = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command line that does not parse; reported on one line with exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (se »{self.prog} --help«)")


def cli_actor() -> Actor:
    """The author of what the command line writes as a tool (a new demo unit): the OS user on
    this machine. Commands that change a unit's records log in instead (``open_logged_in``)."""
    return Actor(None, f"fko ({getpass.getuser()}@{socket.gethostname()})")


#: Scripts name a private file holding the password here instead of ``--adgangskode-fil``.
PASSWORD_FILE_ENV = "FKO_PASSWORD_FILE"
_PASSWORD_MAX_BYTES = 4096


def add_login_options(command: argparse.ArgumentParser, *, required: bool = True) -> None:
    """``--som INITIALER`` and ``--adgangskode-fil FIL``: who writes. Never the password itself
    as an argument: other users of the machine could read it in the process list."""
    command.add_argument(
        "--som", metavar="INITIALER", required=required, help="log ind som medarbejderen med disse initialer"
    )
    command.add_argument(
        "--adgangskode-fil",
        metavar="FIL",
        help=f"privat fil (0600) med adgangskoden på første linje; ellers ${PASSWORD_FILE_ENV} "
        "eller et spørgsmål i terminalen",
    )


def read_password_file(path: str | Path, what: str = "Adgangskodefilen") -> str:
    from fko_desktop.unit.places import FileRefused, read_regular_file, readable_by_others

    file = Path(path)
    try:
        # A regular file only: /dev/zero would be read without end, a FIFO waited on forever.
        data = read_regular_file(file, max_bytes=_PASSWORD_MAX_BYTES, what=what)
        text = data.decode("utf-8")
    except FileRefused as error:
        raise FkoError(error.message) from None
    except UnicodeDecodeError:
        raise FkoError(f"{what} {file.name} kan ikke læses (ugyldige tegn).") from None
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if not first:
        raise FkoError(f"{what} {file.name} er tom.")
    if readable_by_others(file):
        raise FkoError(f"{what} {file.name} kan læses af andre; ret rettighederne til 0600 (chmod 600).")
    return first


def prompt_password(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise FkoError(
            f"Adgangskoden kan ikke spørges om uden en terminal; brug --adgangskode-fil eller "
            f"${PASSWORD_FILE_ENV}."
        )
    return getpass.getpass(prompt)


def login_password(args: argparse.Namespace) -> str:
    """The acting person's password: the file given, the file in the environment, or a prompt."""
    path = getattr(args, "adgangskode_fil", None) or os.environ.get(PASSWORD_FILE_ENV)
    if path:
        return read_password_file(path)
    return prompt_password(f"Adgangskode for {args.som}: ")


def new_password(path: str | None, prompt: str) -> str:
    """A password being chosen: from a private file, or typed twice at a prompt."""
    if path:
        return read_password_file(path, "Filen med den nye adgangskode")
    first = prompt_password(prompt)
    if prompt_password("Gentag adgangskoden: ") != first:
        raise FkoError("De to adgangskoder er ikke ens.")
    return first


def open_logged_in(args: argparse.Namespace, *, for_use: bool = False) -> Any:
    """The unit file opened with ``--som`` logged in; refused in Danish if the login is.
    ``for_use``: read-only (with its reason) when another program holds the file."""
    from fko_desktop.errors import PasswordChangeRequired
    from fko_desktop.unit import Unit

    if not getattr(args, "som", None):
        raise FkoError("Angiv hvem du er med --som INITIALER.")
    password = login_password(args)
    try:
        if for_use:
            Unit.unlock(args.unitfile, args.som, password)  # an encrypted file: its key first
            unit = Unit.open_for_use(args.unitfile)
            try:
                unit.accounts.login(args.som, password)
            except BaseException:
                unit.close()
                raise
            return unit
        return Unit.open_as(args.unitfile, args.som, password)
    except PasswordChangeRequired as error:
        raise FkoError(f"{error.message} Brug »fko staff password {args.som} {args.unitfile}«.") from None


def date_type(text: str) -> dt.date:
    try:
        return parse_date(text)
    except FkoError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"»{text}« er ikke et helt tal") from None
    if value < 1:
        # 0 would build an empty demo or find nothing; a negative --limit removed the last hit.
        raise argparse.ArgumentTypeError(f"»{text}« skal være mindst 1")
    return value


def print_json(data: Any) -> None:
    # safe_json, not the stream's safe_text: its \x escapes would not be valid JSON.
    sys.stdout.write(safe_json(json.dumps(data, ensure_ascii=False, indent=2, default=str)))
    sys.stdout.write("\n")


def add_unit_command(
    sub: Subcommands, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    """A subcommand whose first argument is the unit file."""
    command = sub.add_parser(name, help=help_text, description=help_text)
    command.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    command.set_defaults(handler=handler)
    return command


def command_group(sub: Subcommands, name: str, help_text: str) -> Any:
    """``fko NAME HANDLING …``: a command whose actions are subcommands of their own."""
    group = sub.add_parser(name, allow_abbrev=False, help=help_text, description=help_text)
    actions = group.add_subparsers(dest=f"{name}_command", metavar="HANDLING", parser_class=Parser)
    actions.required = True
    return actions
