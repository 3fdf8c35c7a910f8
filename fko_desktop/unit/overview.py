"""``unit.overview``: Ledelsesinformation for the open unit (issue 14).

Who sees what: a leder and an administrator the whole unit; a medarbejder the overview of
their own department only, whatever the filter asks for (a medarbejder with no department is
refused: there is nothing that is theirs to show); nobody logged in is refused. The program
itself (``Actor.system``) sees everything, as it does elsewhere.

The figures are aggregates and are not logged as reads of any citizen's record; the
drill-down names citizens, and the window logs opening one of them as any other read
(``unit.audit.citizen_opened``). What leaves the screen — the management report saved or
printed, the figures exported — is one audit event (``record_output``): who, when, which kind
of file, the filter and the groupings, and whether small groups were "< 5"; never a name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import PermissionDenied, ValidationError
from fko_desktop.models import Unit as UnitRecord
from fko_desktop.models import permissions
from fko_desktop.models.audit_vocabulary import OVERVIEW_OUTPUT, OVERVIEW_OUTPUT_KINDS
from fko_desktop.models.authorization import member_of
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.history import record_event
from fko_desktop.models.permissions import Permission
from fko_desktop.ops import unit_settings
from fko_desktop.ops.base import Changed
from fko_desktop.overview import figures
from fko_desktop.overview.facts import OverviewOptions, load_facts, load_options, staff_names
from fko_desktop.overview.labels import Labels
from fko_desktop.overview.model import Dimension, GoalFact, Overview, OverviewFilter
from fko_desktop.overview.practice import QUIET_DAYS, practice_tables
from fko_desktop.unit.area import Area

__all__ = ["Dimension", "GoalFact", "Overview", "OverviewFilter", "OverviewOptions"]


class OverviewArea(Area):
    def _scope(self) -> str | None:
        """The one department the bound person may see, or None for the whole unit."""
        actor = self._actor()
        if actor is None:
            raise PermissionDenied(permissions.OVERVIEW_LOGIN)
        with self._file.read() as session:
            try:
                member = member_of(session, actor)
            except PermissionDenied as refused:
                if refused.message == permissions.ANONYMOUS:
                    raise PermissionDenied(permissions.OVERVIEW_LOGIN) from None
                raise
        if member is None or member.may(Permission.OVERVIEW):
            return None
        if member.role is StaffRole.EMPLOYEE and member.department:
            return member.department
        if member.role is StaffRole.EMPLOYEE:
            raise PermissionDenied(permissions.OVERVIEW_NO_DEPARTMENT)
        raise PermissionDenied(permissions.REFUSALS[Permission.OVERVIEW])

    def may_view(self) -> bool:
        """Whether the bound person gets an overview at all (the window shows the page then)."""
        try:
            self._scope()
        except PermissionDenied:
            return False
        return True

    def department_only(self) -> str | None:
        """The department a medarbejder's overview is kept to (None: the whole unit)."""
        return self._scope()

    def _scoped(self, filt: OverviewFilter) -> OverviewFilter:
        department = self._scope()
        return figures.with_departments(filt, [department]) if department is not None else filt

    def default_filter(self) -> OverviewFilter:
        """No period, every group; "< 5" as the unit's setting says."""
        with self._file.read() as session:
            on = session.scalars(select(UnitRecord.suppress_small_groups)).one()
        return OverviewFilter(suppress_small_groups=bool(on))

    def options(self) -> OverviewOptions:
        """What the filters can choose from (a medarbejder: their department's)."""
        department = self._scope()
        with self._file.read() as session:
            return load_options(session, department=department)

    def facts(self, filt: OverviewFilter | None = None) -> list[GoalFact]:
        """The facts behind the figures, under the same scope (for drill-down and statistics);
        with ``filt`` only those ``figures.select`` lets through."""
        department = self._scope()
        with self._file.read() as session:
            found = load_facts(session, unit_name=self._unit_name(session))
        if department is not None:
            found = [fact for fact in found if fact.department == department]
        return figures.select(found, filt) if filt is not None else found

    def build(
        self,
        filt: OverviewFilter | None = None,
        *,
        today: dt.date | None = None,
        quiet_days: int = QUIET_DAYS,
    ) -> Overview:
        """Every figure for ``filt`` (default: ``default_filter``) as of ``today``."""
        today = today or dt.date.today()
        filt = self._scoped(filt if filt is not None else self.default_filter())
        with self._file.read() as session:
            name = self._unit_name(session)
            facts = load_facts(session, unit_name=name)
            labels = Labels.from_facts(facts, staff_names(session))
            practice = practice_tables(session, filt, today=today, quiet_days=quiet_days, labels=labels)
        return figures.build_overview(
            facts,
            filt,
            unit_name=name,
            made_on=today,
            labels=labels,
            practice_by_department=practice[Dimension.DEPARTMENT],
            practice_by_responsible=practice[Dimension.RESPONSIBLE],
        )

    def labels(self) -> Labels:
        """The display names the figures use (staff names included)."""
        with self._file.read() as session:
            return Labels(staff_names(session))

    def set_suppression(self, on: bool) -> Changed[int]:
        """The unit's setting for "< 5" in prints and exports (an administrator's; audited)."""
        changed = unit_settings.set_unit_settings(self._file, self.actor, suppress_small_groups=on)
        return Changed(changed.value.id, changed.changes, changed.warnings)

    @staticmethod
    def _unit_name(session: Session) -> str:
        return session.scalars(select(UnitRecord.name)).one()

    def scoped_filter(self, filt: OverviewFilter) -> OverviewFilter:
        """``filt`` as the bound person is held to it (a medarbejder: their department)."""
        return self._scoped(filt)

    def record_output(
        self,
        kind: str,
        filt: OverviewFilter,
        *,
        groupings: Iterable[Dimension] = (),
        file: Path | str | None = None,
    ) -> bool:
        """Audit that the overview left the screen: ``kind`` is "pdf" (the report saved),
        "print" (sent to a printer), "csv" or "xlsx"; ``filt`` as it was used, held to the
        bound person's scope. False: nothing written (a read-only file)."""
        if kind not in OVERVIEW_OUTPUT_KINDS:
            raise ValidationError(f"Ukendt slags udskrift eller eksport: »{kind[:20]}«.", field="kind")
        filt = self._scoped(filt)  # refuses whoever may not see the overview at all
        if self._file.readonly:
            return False
        with self._file.write(self.actor) as session:
            record_event(session, OVERVIEW_OUTPUT, details=output_details(kind, filt, groupings, file))
        return True


def output_details(
    kind: str, filt: OverviewFilter, groupings: Iterable[Dimension], file: Path | str | None
) -> dict[str, Any]:
    """What the audit event keeps of an output: the filter's choices (departments, areas and
    catalogs are the unit's own words, staff by id), never a citizen or a figure."""
    details: dict[str, Any] = {
        "kind": kind,
        "groupings": [dimension.value for dimension in groupings],
        "from": filt.date_from.isoformat() if filt.date_from else None,
        "to": filt.date_to.isoformat() if filt.date_to else None,
        "departments": sorted(filt.departments),
        "areas": sorted(filt.areas),
        "catalogs": sorted(filt.catalogs),
        "responsible": sorted(filt.responsible_ids),
        "goals": filt.goal_state.value,
        "suppressed": filt.suppress_small_groups,
    }
    if file is not None:
        details["file"] = Path(file).name
    return details
