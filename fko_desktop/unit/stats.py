"""The facade's area for statistics files: ``unit.stats``.

A statistics file leaves the unit (to the municipality), so only a leder or an administrator
makes one, and the export is audited; reading and comparing files needs no unit at all
(``fko_desktop.stats.read`` and ``merge``), the window and ``fko stats merge`` call those.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fko_desktop.models.permissions import Permission
from fko_desktop.stats.export import StatisticsExport, export_statistics
from fko_desktop.unit.area import Area

__all__ = ["StatisticsExport", "Statistics"]


class Statistics(Area):
    def export(
        self,
        out: Path | str,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        replace: bool = False,
        today: dt.date | None = None,
    ) -> StatisticsExport:
        """Write the unit's statistics file (no names, CPR numbers or text) to ``out``:
        private, never over an existing file unless ``replace``; refused for a medarbejder."""
        return export_statistics(
            self._file, self._actor(), out, date_from=date_from, date_to=date_to, replace=replace, today=today
        )

    def may_export(self) -> bool:
        """Whether the bound person may make the file (the window offers it only then)."""
        from fko_desktop.models.authorization import actor_may

        with self._file.read() as session:
            return actor_may(session, self._actor(), Permission.OVERVIEW)
