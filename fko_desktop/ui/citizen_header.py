"""The line above every page of a citizen: whose record this is (name, CPR, area, department).

The CPR number is masked (``DDMMÅÅ-XXXX``) when the user chose "Skjul CPR-numre på skærmen"
(a per-user setting): enough to tell two citizens apart, not enough to identify one over a
shoulder in the living room.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.settings import MASK_CPR_ON_SCREEN_SETTING, bool_setting
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
        cpr = mask_cpr(citizen.cpr) if bool_setting(MASK_CPR_ON_SCREEN_SETTING) else citizen.cpr
        parts = [citizen.name, cpr, tr(citizen.area.label)]
        if citizen.department:
            parts.append(citizen.department)
        if citizen.end_date is not None:
            # A planned move-out is news for the staff still working with the citizen.
            moved_out = not citizen.lives_here_on(dt.date.today())
            words = tr("fraflyttet {date}") if moved_out else tr("fraflytter {date}")
            parts.append(words.format(date=format_date(citizen.end_date)))
        self.setText(" · ".join(parts))
        self.show()
