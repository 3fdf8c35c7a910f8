"""Logins for tests that run writing ``fko`` commands: one private password file per password."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from fko_desktop.demo.logins import DEMO_PASSWORD

#: The password of the ``unit_path`` unit's Anna Hansen (AH) and of ``FIRST_STAFF``'s Lone Berg.
TEST_PASSWORD = "test-adgangskode-1"


@functools.cache
def password_file(password: str = TEST_PASSWORD) -> Path:
    """A 0600 file holding ``password`` on its first line, in a 0700 folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="fko-login-"))
    path = folder / "adgangskode.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(password + "\n")
    return path


def login_as(initials: str = "AH", password: str = TEST_PASSWORD) -> tuple[str, ...]:
    """The options a writing command logs in with."""
    return ("--som", initials, "--adgangskode-fil", str(password_file(password)))


def demo_login(initials: str) -> tuple[str, ...]:
    return login_as(initials, DEMO_PASSWORD)


def ensure_login(path: Path | str, initials: str = "AH") -> tuple[str, ...]:
    """Give the (closed) unit file at ``path`` a member ``initials`` with ``TEST_PASSWORD``
    (an administrator, added if the unit has none by these initials); the options to log in."""
    from sqlalchemy import select

    from fko_desktop.models import Actor, StaffMember
    from fko_desktop.ops import accounts, staff
    from fko_desktop.storage.unitfile import UnitFile

    with UnitFile.open(path) as unit:
        with unit.read() as session:
            member_id = session.scalars(
                select(StaffMember.id).where(StaffMember.initials == initials.upper(), StaffMember.active)
            ).first()
        if member_id is None:
            member_id = staff.add_staff(
                unit, Actor(None, "test"), name=f"Test {initials}", initials=initials, role="administrator"
            ).value.id
        if not accounts.has_password(unit, member_id):
            accounts.set_first_password(unit, member_id, TEST_PASSWORD)
    return login_as(initials)


def demo_login_of(path: Path | str) -> tuple[str, ...]:
    """The options to log in to the demo unit at ``path`` as its first demo login."""
    from fko_desktop.unit import Unit

    with Unit.open(path, readonly=True) as unit:
        return demo_login(unit.accounts.demo_logins()[0][0])
