"""Opening an encrypted unit with its recovery key when the administrator's password is lost.

The recovery key is the unit secret itself (see ``storage.keyfile``), so it opens the file
even where its key file is gone (a file copied without it): then a new key file is written
first, naming the unit as the file does. The administrator named gets a new password — their
own, not a one-time one, since nobody else could hand it over — and with it a new slot in the
key file; the change is audited as the administrator's own, as "password-recovered" (the
core lets only staff write, and the one holding the key and the new password is them).
"""

from __future__ import annotations

from pathlib import Path

from fko_desktop.errors import ValidationError
from fko_desktop.models.base import utc_now
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import accounts
from fko_desktop.storage import keyfile
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit.rows import StaffRow, to_row


def recover(path: Path | str, recovery_key: str, initials: str, new_password: str) -> StaffRow:
    """Give the administrator with ``initials`` the password ``new_password`` by the recovery
    key; refused in Danish for a plain file, a wrong key, or initials of no active administrator."""
    path = Path(path).resolve()
    secret = keyfile.unlock_with_recovery_key(path, recovery_key)
    with UnitFile.open(path, key=secret) as file:
        wanted = initials.strip().casefold()
        administrators = [
            member
            for member in file.staff()
            if member.role == StaffRole.ADMINISTRATOR and member.initials.casefold() == wanted
        ]
        if not administrators:
            raise ValidationError(
                f"{initials} er ikke en aktiv administrator i enheden; gendannelsesnøglen giver kun "
                "en administrator en ny adgangskode.",
                field="initials",
            )
        changed = accounts._change(  # noqa: SLF001 - the one password change no logged-in person makes
            file,
            administrators[0].id,
            new_password,
            utc_now(),
            action="password-recovered",
            one_time=False,
        )
        return to_row(StaffRow, changed)
