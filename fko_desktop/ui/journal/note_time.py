"""When an observation happened, as the writer gives it: date and time, never in the future.

The night shift writes the evening's notes after midnight and the morning shift notes the night;
so the time of the observation is the writer's to set, and defaults to "now". Left untouched the
field stands for "now at the moment of saving" (the core stamps it), so a box opened at 21:55 and
saved at 22:10 is not dated 21:55.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from fko_desktop.ui.i18n import tr

#: Shown and typed as Danes write it; the minutes are what a journal needs.
DISPLAY_FORMAT = "dd.MM.yyyy HH:mm"


class ObservedTimeEdit(QDateTimeEdit):
    """The time of an observation: ``value()`` is None while the writer has not changed it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setCalendarPopup(True)
        self.setAccessibleName(tr("Tidspunkt for observationen"))
        self.setToolTip(
            tr("Hvornår skete det? Som standard nu; sæt et tidligere tidspunkt for fx nattens notater.")
        )
        self._touched = False
        self.dateTimeChanged.connect(self._changed)
        # The untouched field follows the clock, so "now" on the screen is now.
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._follow_clock)
        self._clock.start()
        self.reset()

    @property
    def touched(self) -> bool:
        return self._touched

    def reset(self) -> None:
        """Back to "now" (after a note is stored, or for another journal)."""
        self._set_quietly(QDateTime.currentDateTime())
        self._touched = False

    def set_value(self, when: dt.datetime | None) -> None:
        """Show ``when`` as the writer's choice (None: back to now)."""
        if when is None:
            self.reset()
            return
        local = when.astimezone() if when.tzinfo else when
        self._set_quietly(
            QDateTime(local.year, local.month, local.day, local.hour, local.minute, local.second)
        )
        self._touched = True

    def value(self) -> dt.datetime | None:
        """The chosen time, timezone-aware in local time; None for "now"."""
        if not self._touched:
            return None
        chosen = self.dateTime().toPython()
        assert isinstance(chosen, dt.datetime)
        return chosen.replace(second=0, microsecond=0).astimezone()

    def _set_quietly(self, when: QDateTime) -> None:
        self.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.blockSignals(True)
        self.setDateTime(when)
        self.blockSignals(False)

    def _changed(self, _when: QDateTime) -> None:
        self._touched = True

    def _follow_clock(self) -> None:
        self.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        if not self._touched:
            self._set_quietly(QDateTime.currentDateTime())
