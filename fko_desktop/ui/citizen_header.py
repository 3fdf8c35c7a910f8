"""The line above every page of a citizen: whose record this is (name, CPR, area, department).

The CPR number is masked (``DDMMÅÅ-XXXX``) unless the logged-in person chose "Vis fulde
CPR-numre" (stored on their staff record): enough to tell two citizens apart, not enough to
identify one over a shoulder in the living room. In "Skjul navne" the name shows as initials.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from fko_desktop.models.formatting import format_date
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit


class CitizenHeader(QLabel):
    def __init__(self, unit: Unit) -> None:
        super().__init__()
        self._unit = unit
        self.setAccessibleName(tr("Borger"))
        self.setStyleSheet(
            "background: #e8eef6; color: #1f3a5f; font-size: 12pt; font-weight: 600; padding: 6px 12px;"
        )
        self.hide()

    def show_citizen(self, citizen_id: int) -> None:
        citizen = self._unit.citizens.get(citizen_id)
        privacy = self._unit.privacy
        parts = [
            privacy.citizen_name(citizen.id, citizen.name),
            privacy.cpr(citizen.cpr),
            tr(citizen.area.label),
        ]
        if citizen.department:
            parts.append(citizen.department)
        if citizen.end_date is not None:
            # A planned move-out is news for the staff still working with the citizen.
            moved_out = not citizen.lives_here_on(dt.date.today())
            words = tr("fraflyttet {date}") if moved_out else tr("fraflytter {date}")
            parts.append(words.format(date=format_date(citizen.end_date)))
        self.setText(" · ".join(parts))
        self.show()
