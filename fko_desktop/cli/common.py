"""What the ``fko`` command groups share: the parser, argument types, JSON output, the actor."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import socket
import sys
from collections.abc import Callable
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
    """The author of what the command line writes: the OS user on this machine."""
    return Actor(None, f"fko ({getpass.getuser()}@{socket.gethostname()})")


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
