"""``fko restore BACKUP UNITFILE``: put a backup back in place of a unit file."""

from __future__ import annotations

import argparse

from fko_desktop.cli.common import Subcommands, add_login_options, login_password
from fko_desktop.unit import Unit


def cmd_restore(args: argparse.Namespace) -> int:
    # Restoring replaces the whole unit: an administrator's decision, checked in the core.
    password = login_password(args)
    result = Unit.restore_backup(args.backup, args.unitfile, initials=args.som, password=password)
    if result.previous_copy is not None:
        print(f"Den hidtidige enhedsfil er gemt som {result.previous_copy}.")
    print(f"{result.unit_path}: gendannet fra {result.backup_path} (enheden »{result.unit_name}«).")
    return 0


def register(sub: Subcommands) -> None:
    """Add ``restore``."""
    help_text = (
        "Gendan en enhedsfil fra en sikkerhedskopi; den nuværende fil gemmes først som sikkerhedskopi."
    )
    command = sub.add_parser("restore", help=help_text, description=help_text)
    command.add_argument("backup", metavar="BACKUP", help="sikkerhedskopien (*.fko) der skal gendannes")
    command.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko), der erstattes")
    add_login_options(command)
    command.set_defaults(handler=cmd_restore)
