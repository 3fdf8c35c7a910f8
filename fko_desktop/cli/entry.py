"""``fko``'s parser, built from the command modules, and its error handling.

Every error a user can cause ends as one line on stderr and exit code 1 (2 for a usage error);
no traceback reaches the terminal. Unexpected failures are logged with their traceback to the
log folder (scrubbed of SQL, parameters and CPR numbers, see logs.py) and reported on one line
with only the error's type and the log's path. Everything written to the terminal shows control
and bidirectional characters as visible escapes (terminal.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from fko_desktop import __version__
from fko_desktop.cli import (
    audit,
    bundle,
    casework,
    overview,
    privacy,
    recover,
    report,
    restore,
    staff,
    stats,
    unit,
)
from fko_desktop.cli.common import EXIT_ERROR, EXIT_USAGE, Parser, UsageError
from fko_desktop.errors import FkoError
from fko_desktop.logs import configure_logging, log_unexpected
from fko_desktop.terminal import safe_output
from fko_desktop.unit import places

CLI_LOG = "fko-cli.log"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="fko",
        description="FKO Desktop på kommandolinjen: enhedsfiler, demodata, tjek, backup, frister og søgning.",
    )
    parser.add_argument("--version", action="version", version=f"fko {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)
    sub.required = True
    # In this order: it is the order of the commands in ``fko --help``.
    for group in (unit, restore, recover, staff, casework, report, bundle, audit, overview, privacy, stats):
        group.register(sub)
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
        places.prepare_private_data()
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
