"""The user's settings (QSettings): where they are kept and the keys the window uses.

Its own module, below every window and dialog, so each of them can read and write settings
without importing the start-up code (which imports the window).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "FKO"
APPLICATION = "FKO Desktop"

#: The unit file opened last; opened again when no file is given.
LAST_UNIT_FILE_SETTING = "last_unit_file"
#: The staff member who logged in last on this PC: their initials are filled in at the login.
STAFF_ID_SETTING = "staff_id"
#: The window's size and place, and where its splitter sits.
GEOMETRY_SETTING = "window/geometry"
SPLITTER_SETTING = "window/splitter"
#: The 1–5 display preference (DOMAIN.md, "Scales").
ONE_BASED_SETTING = "display/one_based"
#: Minutes without use after which the window locks and asks for the password again
#: (default ``models.passwords.IDLE_LOCK_MINUTES_DEFAULT``).
IDLE_LOCK_MINUTES_SETTING = "security/idle_lock_minutes"
# CPR masking is no longer a setting of this PC: it is the person's own choice, stored on
# their staff record (``unit.privacy``), so it follows them to any PC and defaults to masked.


def settings() -> QSettings:
    # The format argument makes QSettings.setDefaultFormat count (the two-argument constructor
    # ignores it): native (registry, .conf) for users, a private INI folder for tests.
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


# QSettings.value() is typed `object`: the INI and registry back-ends hand back strings, so each
# read names the type it converts to, here, once.


def bool_setting(key: str, default: bool = False) -> bool:
    return bool(settings().value(key, default, bool))


def int_setting(key: str, default: int = 0) -> int:
    value = settings().value(key, default, int)
    return value if isinstance(value, int) else default


def str_setting(key: str, default: str = "") -> str:
    value = settings().value(key, default, str)
    return value if isinstance(value, str) else default
