"""Who may do what: the three roles of issue 13 and the rule for correcting one's own note.

Pure rules, no session: ``fko_desktop.models.authorization`` applies them to every write, the
facade's ``may`` lets the window grey out what a role cannot use. The core check is the one
that counts; the window only spares the user a refusal.
"""

from __future__ import annotations

import datetime as dt
import enum

from fko_desktop.errors import PermissionDenied
from fko_desktop.models.enums import StaffRole


class Permission(enum.Enum):
    #: Write documentation for a citizen: notes, diary, målstatus, use of force, follow-ups …
    DOCUMENT = "document"
    #: Correct or withdraw anyone's record, at any time, with a reason.
    EDIT_OTHERS = "edit_others"
    #: Approve (activate/end) a plan and send a status report to the authority.
    APPROVE = "approve"
    #: Add, edit, deactivate staff and give them one-time passwords.
    MANAGE_STAFF = "manage_staff"
    #: The unit's own settings: departments, areas, backup days, retention, encryption.
    SETTINGS = "settings"
    CATALOGS = "catalogs"
    #: Exchange keys: create, import, replace the unit's key pair and the recipients' keys.
    KEYS = "keys"
    RESTORE = "restore"
    #: Erasure after the retention period.
    ERASE = "erase"
    AUDIT_VIEW = "audit_view"
    OVERVIEW = "overview"


_EMPLOYEE = frozenset({Permission.DOCUMENT})
_LEADER = _EMPLOYEE | {
    Permission.EDIT_OTHERS,
    Permission.APPROVE,
    Permission.MANAGE_STAFF,
    Permission.AUDIT_VIEW,
    Permission.OVERVIEW,
}
_ADMINISTRATOR = _LEADER | {
    Permission.SETTINGS,
    Permission.CATALOGS,
    Permission.KEYS,
    Permission.RESTORE,
    Permission.ERASE,
}

ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.EMPLOYEE: _EMPLOYEE,
    StaffRole.LEADER: _LEADER,
    StaffRole.ADMINISTRATOR: _ADMINISTRATOR,
}

#: The refusal shown when a role lacks a permission; it names who may, so the user knows whom
#: to ask.
REFUSALS: dict[Permission, str] = {
    Permission.DOCUMENT: "Du har ikke adgang til at dokumentere i denne enhed.",
    Permission.EDIT_OTHERS: "Kun en leder kan rette eller trække en kollegas dokumentation tilbage.",
    Permission.APPROVE: "Kun en leder kan godkende en plan eller en statusrapport.",
    Permission.MANAGE_STAFF: "Kun en leder kan tilføje, rette eller deaktivere medarbejdere.",
    Permission.SETTINGS: "Kun en administrator kan ændre enhedens indstillinger.",
    Permission.CATALOGS: "Kun en administrator kan ændre kataloger.",
    Permission.KEYS: "Kun en administrator kan administrere udvekslingsnøgler.",
    Permission.RESTORE: "Kun en administrator kan gendanne en sikkerhedskopi.",
    Permission.ERASE: "Kun en administrator kan slette oplysninger efter opbevaringsperioden.",
    Permission.AUDIT_VIEW: "Kun en leder kan se loggen over hvem der har gjort hvad.",
    Permission.OVERVIEW: "Kun en leder kan se overblikket.",
}

#: A medarbejder corrects or withdraws their own note within this time of writing it; after
#: that, a correction is a leder's decision, so a record cannot be quietly rewritten later.
OWN_EDIT_WINDOW = dt.timedelta(hours=24)

ANONYMOUS = "Log ind som en medarbejder i enheden, før du skriver."
INACTIVE = "Medarbejderen er deaktiveret og kan ikke skrive i enheden."
LOCKED = "Kontoen er låst; log ind igen, når låsen er udløbet, eller bed en leder om hjælp."
OTHERS_NOTE = "Du kan kun rette eller trække dine egne notater tilbage; bed en leder om at gøre det."
TOO_LATE = (
    "Et notat kan kun rettes eller trækkes tilbage af den, der skrev det, det første døgn; "
    "bed en leder om at gøre det."
)
AUTHOR = "Du kan kun skrive i dit eget navn; kun en leder kan angive en anden medarbejder."
DEPARTMENT = "Du har kun adgang til borgere i din egen afdeling."
#: The overview: nobody logged in, and a medarbejder whose own department is not set.
OVERVIEW_LOGIN = "Log ind som en medarbejder i enheden for at se overblikket."
OVERVIEW_NO_DEPARTMENT = (
    "Du er ikke knyttet til en afdeling, så der er intet overblik at vise dig; "
    "bed en leder om at sætte din afdeling."
)
REASON = "Skriv en begrundelse, når du retter eller trækker en kollegas dokumentation tilbage."


def allows(role: StaffRole, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def require_role(role: StaffRole, permission: Permission) -> None:
    if not allows(role, permission):
        raise PermissionDenied(REFUSALS[permission])


def own_edit_refusal(
    *,
    role: StaffRole,
    actor_id: int,
    author_id: int | None,
    written_at: dt.datetime | None,
    now: dt.datetime,
) -> str | None:
    """Why this person may not correct or withdraw this record, or None when they may.

    A leder or administrator may always (the caller asks them for a reason); anyone else only
    their own record, within ``OWN_EDIT_WINDOW`` of writing it."""
    if allows(role, Permission.EDIT_OTHERS):
        return None
    if author_id != actor_id:
        return OTHERS_NOTE
    if written_at is None or now - aware(written_at) > OWN_EDIT_WINDOW:
        return TOO_LATE
    return None


def aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back what was stored; a naive value was written as UTC (models/base.py).
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
