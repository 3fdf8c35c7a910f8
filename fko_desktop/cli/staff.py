"""``fko staff list|add|edit|deactivate|reactivate``: the unit's staff on the command line."""

from __future__ import annotations

import argparse
from typing import Any

from fko_desktop.cli.common import Handler, Subcommands, cli_actor, command_group, print_json
from fko_desktop.errors import NotFound
from fko_desktop.models.enums import StaffRole
from fko_desktop.unit import Unit
from fko_desktop.unit.rows import StaffRow

ROLES = [role.value for role in StaffRole]


def _describe(member: StaffRow) -> str:
    parts = [member.initials, member.name, member.role.label]
    if member.title:
        parts.append(member.title)
    if member.department:
        parts.append(member.department)
    if not member.active:
        parts.append("deaktiveret")
    return "  ".join(parts)


def _member(unit: Unit, reference: str) -> StaffRow:
    """A staff member by id or by (active) initials."""
    members = unit.staff.list(include_inactive=True)
    if reference.isdigit():
        found = next((m for m in members if m.id == int(reference)), None)
    else:
        wanted = reference.strip().upper()
        found = next((m for m in members if m.initials == wanted and m.active), None)
    if found is None:
        raise NotFound(f"Ingen medarbejder med id eller initialer »{reference[:20]}«.")
    return found


def cmd_list(args: argparse.Namespace) -> int:
    with Unit.open(args.unitfile, readonly=True) as unit:
        members = unit.staff.list(include_inactive=args.all)
    if args.json:
        print_json(
            [
                {
                    "id": m.id,
                    "initials": m.initials,
                    "name": m.name,
                    "title": m.title,
                    "department": m.department,
                    "role": m.role.value,
                    "active": m.active,
                }
                for m in members
            ]
        )
    else:
        for member in members:
            print(f"{member.id:>4}  {_describe(member)}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with Unit.open(args.unitfile, cli_actor()) as unit:
        changed = unit.staff.add(
            name=args.name,
            initials=args.initials,
            title=args.title,
            department=args.department,
            role=args.role,
        )
        print(f"Tilføjet: {_describe(unit.staff.get(changed.value))}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    fields = {
        key: value
        for key, value in (
            ("name", args.name),
            ("initials", args.initials),
            ("title", args.title),
            ("department", args.department),
            ("role", args.role),
        )
        if value is not None
    }
    with Unit.open(args.unitfile, cli_actor()) as unit:
        member = _member(unit, args.member)
        if fields:
            unit.staff.edit(member.id, **fields)
        print(f"Gemt: {_describe(unit.staff.get(member.id))}")
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    """``deactivate`` (a member who has left) and ``reactivate`` (one who came back)."""
    leaving = args.staff_command == "deactivate"
    with Unit.open(args.unitfile, cli_actor()) as unit:
        member = _member(unit, args.member)
        (unit.staff.deactivate if leaving else unit.staff.reactivate)(member.id)
    if leaving:
        print(f"Deaktiveret: {member.name} ({member.initials}); notaterne beholder forfatteren.")
    else:
        print(f"Aktiv igen: {member.name} ({member.initials}).")
    return 0


def _action(actions: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    command = actions.add_parser(name, allow_abbrev=False, help=help_text, description=help_text)
    command.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    command.set_defaults(handler=handler)
    return command


def _person_options(command: argparse.ArgumentParser, *, required: bool) -> None:
    command.add_argument("--name", required=required, help="fulde navn")
    command.add_argument("--initials", required=required, help="initialer (unikke blandt de aktive)")
    command.add_argument("--title", help="stilling, fx »Pædagog«")
    command.add_argument("--department", help="afdeling (en af enhedens afdelinger)")
    command.add_argument(
        "--role",
        choices=ROLES,
        default="medarbejder" if required else None,
        help="rolle (standard medarbejder)",
    )


def register(sub: Subcommands) -> None:
    """Add ``staff`` with its actions."""
    actions = command_group(sub, "staff", "Enhedens medarbejdere: vis, tilføj, ret og deaktivér.")
    listing = _action(actions, "list", cmd_list, "Vis medarbejderne.")
    listing.add_argument("--all", action="store_true", help="også deaktiverede")
    listing.add_argument("--json", action="store_true", help="udskriv som JSON")
    _person_options(_action(actions, "add", cmd_add, "Tilføj en medarbejder."), required=True)
    edit = _action(actions, "edit", cmd_edit, "Ret en medarbejder (kun de felter, der angives).")
    edit.add_argument("member", metavar="MEDARBEJDER", help="id eller initialer")
    _person_options(edit, required=False)
    for name, handler, text in (
        ("deactivate", cmd_active, "Deaktivér en medarbejder, der er holdt op (slettes aldrig)."),
        ("reactivate", cmd_active, "Gør en deaktiveret medarbejder aktiv igen."),
    ):
        _action(actions, name, handler, text).add_argument(
            "member", metavar="MEDARBEJDER", help="id eller initialer"
        )
