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
#: The staff member chosen last on this PC, offered first next time.
STAFF_ID_SETTING = "staff_id"
#: The window's size and place, and where its splitter sits.
GEOMETRY_SETTING = "window/geometry"
SPLITTER_SETTING = "window/splitter"
#: The 1–5 display preference (DOMAIN.md, "Scales").
ONE_BASED_SETTING = "display/one_based"
#: "Skjul CPR-numre på skærmen": the citizen header shows DDMMÅÅ-XXXX.
MASK_CPR_ON_SCREEN_SETTING = "display/mask_cpr"
#: "Skjul CPR-nummerets sidste fire cifre" on prints.
MASK_CPR_SETTING = "reports/mask_cpr"


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
