"""``unit.accounts``: logging in and passwords, for the window's login and the ``fko`` command.

A login binds the person as the unit's actor; nothing is bound while a one-time password (or a
migrated unit's missing first password) still has to be replaced, so nothing can be written
before the person has chosen their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from fko_desktop.demo.logins import DEMO_PASSWORD
from fko_desktop.errors import PasswordChangeRequired
from fko_desktop.models import StaffMember, passwords
from fko_desktop.ops import accounts
from fko_desktop.unit.area import Area
from fko_desktop.unit.rows import StaffRow, to_row

if TYPE_CHECKING:
    from fko_desktop.models.history import Actor
    from fko_desktop.storage.unitfile import UnitFile

MUST_CHANGE = "Du er logget ind med en engangskode: vælg din egen adgangskode, før du fortsætter."


class Accounts(Area):
    def __init__(
        self,
        file: UnitFile,
        actor: Callable[[], Actor | None],
        bind: Callable[[StaffRow | None], None],
    ) -> None:
        super().__init__(file, actor)
        self._bind = bind
        #: The last login replaced a one-time (or missing first) password with ``new_password``.
        self.changed_at_login = False

    def login(
        self,
        initials: str,
        password: str,
        *,
        new_password: str | None = None,
        now: dt.datetime | None = None,
    ) -> StaffRow:
        """Check the password and bind the person as the actor.

        Refused with ``LoginRefused`` (wrong, locked, inactive) or ``PasswordChangeRequired``
        (a one-time password, or a migrated unit's first leder): then call again with
        ``new_password`` (for the first leder, ``new_password`` alone is used)."""
        self._bind(None)
        self.changed_at_login = False
        try:
            member = accounts.verify_login(self._file, initials, password, now)
        except PasswordChangeRequired:
            if new_password is None:
                raise
            member = accounts.claim_first_password(self._file, initials, new_password, now)
            self.changed_at_login = True
        else:
            if member.must_change_password:
                if new_password is None:
                    raise PasswordChangeRequired(MUST_CHANGE)
                member = accounts.set_own_password(self._file, initials, password, new_password, now)
                self.changed_at_login = True
        row = to_row(StaffRow, member)
        self._bind(row)
        return row

    def check_password(self, password: str, *, now: dt.datetime | None = None) -> StaffRow:
        """The bound person proves they are still at the keyboard (the idle lock); a wrong
        password counts like a failed login."""
        me = self._me()
        member = accounts.verify_login(self._file, me.initials, password, now)
        return to_row(StaffRow, member)

    def set_own_password(self, old_password: str, new_password: str) -> None:
        me = self._me()
        accounts.set_own_password(self._file, me.initials, old_password, new_password)

    def reset_password(self, member_id: int, one_time_password: str) -> None:
        """As a leder or administrator: give a colleague a one-time password (audited)."""
        accounts.reset_password(self._file, self.actor, member_id, one_time_password)

    def set_first_password(self, member_id: int, password: str) -> None:
        """A new unit's first member (its administrator): only while nobody has a password."""
        accounts.set_first_password(self._file, member_id, password)

    def has_password(self, member_id: int) -> bool:
        return accounts.has_password(self._file, member_id)

    def needs_first_password(self) -> bool:
        """A migrated unit: no leder or administrator has a password yet."""
        return accounts.needs_first_password(self._file)

    @staticmethod
    def check_policy(password: str, *, initials: str | None = None, name: str | None = None) -> None:
        """Refuse a weak password before anything is written (the guided start asks early)."""
        passwords.check_policy(password, initials=initials, name=name)

    def demo_logins(self) -> list[tuple[str, str]]:
        """A demo unit's logins, (initials, name), for its login screen; empty for a real unit."""
        return accounts.demo_logins(self._file, DEMO_PASSWORD)

    @staticmethod
    def demo_password() -> str:
        return DEMO_PASSWORD

    def logout(self) -> None:
        self._bind(None)

    def _me(self) -> StaffRow:
        actor = self.actor
        if actor.staff_id is None:
            raise PasswordChangeRequired("Log ind som en medarbejder først.")
        with self._file.read() as session:
            return to_row(StaffRow, session.get_one(StaffMember, actor.staff_id))
