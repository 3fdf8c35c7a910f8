"""``unit.privacy``: how citizens are shown (CPR masked, names hidden), the data subject access
export and erasure after the retention period.

One place decides what a screen, a print or the command line shows of a citizen, so a new view
cannot forget the person's choice: views call ``cpr(...)`` and ``citizen_name(...)`` instead of
reading ``citizen.cpr`` and ``citizen.name``.

"Skjul navne" lives here, in memory, for as long as the file is open: it is about the room the
PC stands in right now, not about the person, so it is neither stored in the unit file nor
remembered across starts (a forgotten mode that hides names at the next start would make staff
distrust what they see; one that is never remembered costs one keystroke, Ctrl+Shift+N).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fko_desktop.models.cpr import shown_cpr
from fko_desktop.models.formatting import hidden_name
from fko_desktop.models.permissions import Permission
from fko_desktop.ops import erasure, privacy
from fko_desktop.ops.base import Changed
from fko_desktop.unit.area import Area

if TYPE_CHECKING:
    from fko_desktop.models.history import Actor
    from fko_desktop.storage.unitfile import UnitFile

SubjectAccessExport = privacy.SubjectAccessExport
ErasureCandidate = erasure.ErasureCandidate
ErasureResult = erasure.ErasureResult


class Privacy(Area):
    def __init__(self, file: UnitFile, actor: Callable[[], Actor | None]) -> None:
        super().__init__(file, actor)
        self.hide_names = False
        self._full_cpr: tuple[int | None, bool] | None = None

    # -- what is shown ---------------------------------------------------------------------

    @property
    def show_full_cpr(self) -> bool:
        """The logged-in person's choice (masked when nobody, or a tool, is bound)."""
        actor = self._actor()
        staff_id = actor.staff_id if actor is not None else None
        # Asked for every row of a list: read once per person, not once per row.
        if self._full_cpr is None or self._full_cpr[0] != staff_id:
            self._full_cpr = (staff_id, privacy.show_full_cpr(self._file, staff_id))
        return self._full_cpr[1]

    def set_show_full_cpr(self, on: bool) -> Changed[int]:
        """Store the person's choice in the unit file (one audited transaction)."""
        changed = self._write(privacy.set_show_full_cpr, on)
        self._full_cpr = None
        return changed

    def cpr(self, cpr: str) -> str:
        """A CPR number as this person sees it in lists, headers and prints."""
        return shown_cpr(cpr, full=self.show_full_cpr)

    def citizen_name(self, citizen_id: int, name: str) -> str:
        """A citizen's name on screen: initials and number while "Skjul navne" is on."""
        return hidden_name(name, citizen_id) if self.hide_names else name

    # -- the data subject access export ------------------------------------------------------

    def export_subject_access(
        self, citizen_id: int, out: Path | str, *, replace: bool = False, replace_json: bool | None = None
    ) -> SubjectAccessExport:
        """PDF and JSON of everything about the citizen (leder/administrator; logged as a read)."""
        return privacy.export_subject_access(
            self._file, self.actor, citizen_id, Path(out), replace=replace, replace_json=replace_json
        )

    def may_export(self) -> bool:
        """Whether the bound person may make the export (the window offers it only then)."""
        return self._may(Permission.AUDIT_VIEW)

    def may_erase(self) -> bool:
        return self._may(Permission.ERASE)

    def _may(self, permission: Permission) -> bool:
        actor = self._actor()
        return actor is not None and privacy.may(self._file, actor, permission)

    # -- erasure after the retention period --------------------------------------------------

    def erasable(self, today: dt.date | None = None) -> list[ErasureCandidate]:
        """Citizens who moved out and whose last record is older than the retention period."""
        return erasure.erasable_citizens(self._file, today or dt.date.today())

    def check_erasure(self, citizen_id: int, *, today: dt.date | None = None) -> None:
        """Raise what ``erase`` would refuse with (role, still living here, retention)."""
        erasure.check_erasure(self._file, self.actor, citizen_id, today=today or dt.date.today())

    def erase(self, citizen_id: int, *, today: dt.date | None = None) -> ErasureResult:
        """Delete everything about the citizen (administrator; refused before retention ends)."""
        return erasure.erase_citizen(self._file, self.actor, citizen_id, today=today or dt.date.today())
