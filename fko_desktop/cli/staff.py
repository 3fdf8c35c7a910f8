"""``fko staff list|add|edit|deactivate|reactivate|password``: the unit's staff on the command line.

Every action that writes logs in with ``--som`` (see ``common.open_logged_in``)."""

from __future__ import annotations

import argparse
from typing import Any

from fko_desktop.cli.common import (
    Handler,
    Subcommands,
    add_login_options,
    command_group,
    login_password,
    new_password,
    open_logged_in,
    print_json,
)
from fko_desktop.errors import FkoError, NotFound
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
    with open_logged_in(args) as unit:
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
    with open_logged_in(args) as unit:
        member = _member(unit, args.member)
        if fields:
            unit.staff.edit(member.id, **fields)
        print(f"Gemt: {_describe(unit.staff.get(member.id))}")
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    """``deactivate`` (a member who has left) and ``reactivate`` (one who came back)."""
    leaving = args.staff_command == "deactivate"
    with open_logged_in(args) as unit:
        member = _member(unit, args.member)
        (unit.staff.deactivate if leaving else unit.staff.reactivate)(member.id)
    if leaving:
        print(f"Deaktiveret: {member.name} ({member.initials}); notaterne beholder forfatteren.")
    else:
        print(f"Aktiv igen: {member.name} ({member.initials}).")
    return 0


def _needs_first_password(path: str) -> bool:
    """A migrated unit whose first leder has not chosen a password yet. A file that cannot be
    opened without a password (an encrypted one) always has passwords."""
    try:
        with Unit.open(path, readonly=True) as unit:
            return unit.accounts.needs_first_password()
    except FkoError:
        return False


def cmd_password(args: argparse.Namespace) -> int:
    """Choose one's own password (also after a one-time one, or a migrated unit's first), or
    as a leder give a colleague a one-time password."""
    target = args.member.strip().upper()
    acting = (args.som or target).strip().upper()
    args.som = acting
    if acting == target:
        first = _needs_first_password(args.unitfile)
        old = "" if first else login_password(args)
        chosen = new_password(args.ny_adgangskode_fil, f"Ny adgangskode for {target}: ")
        with Unit.open_as(args.unitfile, acting, old, new_password=chosen) as unit:
            if not first and not unit.accounts.changed_at_login:
                unit.accounts.set_own_password(old, chosen)
            who = unit.actor.name if unit.actor is not None else target
        print(f"Ny adgangskode gemt for {who}.")
        return 0
    with open_logged_in(args) as unit:
        member = _member(unit, target)
        one_time = new_password(args.ny_adgangskode_fil, f"Engangskode til {member.initials}: ")
        unit.accounts.reset_password(member.id, one_time)
    print(
        f"Engangskode givet til {member.name} ({member.initials}); "
        "vedkommende vælger sin egen ved næste login."
    )
    return 0


def _action(
    actions: Any, name: str, handler: Handler, help_text: str, *, login: bool = True
) -> argparse.ArgumentParser:
    command = actions.add_parser(name, allow_abbrev=False, help=help_text, description=help_text)
    command.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    command.set_defaults(handler=handler)
    if login:
        add_login_options(command)
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
    listing = _action(actions, "list", cmd_list, "Vis medarbejderne.", login=False)
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
    password = actions.add_parser(
        "password",
        allow_abbrev=False,
        help="Vælg din egen adgangskode, eller giv som leder en kollega en engangskode.",
        description="Vælg din egen adgangskode (også efter en engangskode, og som første leder i en "
        "enhed uden adgangskoder), eller giv som leder en kollega en engangskode.",
    )
    password.add_argument("member", metavar="INITIALER", help="hvis adgangskode")
    password.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    add_login_options(password, required=False)
    password.add_argument(
        "--ny-adgangskode-fil", metavar="FIL", help="privat fil med den nye adgangskode (ellers spørges der)"
    )
    password.set_defaults(handler=cmd_password)
