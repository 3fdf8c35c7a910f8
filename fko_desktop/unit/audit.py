"""The facade's area for the audit trail: ``unit.audit``.

The trail shows who read and changed whose records, so only a leder or an administrator sees
it (issue 13), in the window and on the command line alike (``fko audit`` logs in). Reads of
a citizen's record are logged here as well (``citizen_opened``, ``read``), each one small
transaction of its own, so the window's and the reports' reads are audited the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from fko_desktop.errors import PermissionDenied
from fko_desktop.models import StaffMember
from fko_desktop.models.audit_vocabulary import AuditKind
from fko_desktop.models.history import Actor, record_event
from fko_desktop.models.permissions import REFUSALS, Permission, allows
from fko_desktop.ops import audit
from fko_desktop.ops.audit import AuditFilter, AuditPage, AuditRow
from fko_desktop.ops.audit_history import RecordHistory, record_history, versioned_types
from fko_desktop.storage import csv_text, files
from fko_desktop.unit.area import Area

if TYPE_CHECKING:
    from fko_desktop.storage.unitfile import UnitFile

__all__ = ["AuditFilter", "AuditKind", "AuditPage", "AuditRow", "RecordHistory"]

#: The columns of the CSV export, as Danish Excel shows them.
CSV_COLUMNS = ("Tid", "Hvem", "Handling", "Hvad", "Borger", "Borger-id", "Posttype", "Post-id")

#: No filter: the whole trail.
ALL_EVENTS = AuditFilter()


def csv_bytes(rows: Iterable[AuditRow]) -> bytes:
    """The rows as CSV for Danish Excel (``storage.csv_text``), with the header row first."""
    return csv_text.csv_bytes(
        [
            CSV_COLUMNS,
            *(
                (
                    row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    row.actor_name,
                    row.kind_label,
                    row.description,
                    row.citizen_name,
                    row.citizen_id,
                    row.record_label,
                    row.record_id,
                )
                for row in rows
            ),
        ]
    )


class Audit(Area):
    def may_view(self) -> bool:
        """Whether the bound person may see the trail (the window offers the view only then)."""
        actor = self._actor()
        if actor is None:
            return False
        if actor.staff_id is None:
            # The program itself may (its own checks); a named tool or anyone else may not:
            # ``fko audit`` logs in as a leder like the window does.
            return bool(getattr(actor, "system", False))
        with self._file.read() as session:
            member = session.get(StaffMember, actor.staff_id)
            return member is not None and member.active and allows(member.role, Permission.AUDIT_VIEW)

    def _check(self) -> None:
        if not self.may_view():
            raise PermissionDenied(REFUSALS[Permission.AUDIT_VIEW])

    def events(
        self,
        where: AuditFilter = ALL_EVENTS,
        *,
        limit: int = audit.DEFAULT_LIMIT,
        after: AuditRow | None = None,
    ) -> AuditPage:
        """The newest ``limit`` events matching ``where``; the next page with ``after`` (the
        last row of this one)."""
        self._check()
        return audit.list_events(self._file, where, limit=limit, after=after)

    def readers_of(self, citizen_id: int) -> list[AuditRow]:
        """Who has read the citizen's record and when, newest first (a data subject may ask)."""
        self._check()
        return audit.readers_of(self._file, citizen_id)

    def record_history(self, record_type: str, record_id: int) -> RecordHistory:
        """Every version of a record, what each edit changed, its events and its withdrawal."""
        self._check()
        return record_history(self._file, record_type, record_id)

    @staticmethod
    def keeps_versions(record_type: str | None) -> bool:
        return record_type in versioned_types()

    def export_csv(self, path: Path | str, where: AuditFilter = ALL_EVENTS, *, replace: bool = False) -> int:
        """Write the matching events to a CSV file the user chose (private, never over an
        existing file unless ``replace``); the export itself is audited. Returns the rows."""
        self._check()
        target = Path(path)
        files.check_target(target, replace=replace)
        rows = audit.all_events(self._file, where)
        files.write_file(target, csv_bytes(rows), replace=replace)
        if not self._file.readonly:
            with self._file.write(self.actor) as session:
                record_event(
                    session,
                    "audit-export",
                    citizen_id=where.citizen_id,
                    details={"rows": len(rows), "file": target.name},
                )
        return len(rows)

    # -- logging reads -------------------------------------------------------------------------

    def read(self, citizen_id: int, what: str, *, now: dt.datetime | None = None) -> bool:
        """Log that the bound person read ``what`` about the citizen (see ``ops.audit``);
        False: nothing written (the same read within 15 minutes, a read-only file, nobody bound)."""
        actor = self._actor()
        if actor is None:
            return False
        return audit.record_read(self._file, actor, citizen_id, what, now=now)

    def citizen_opened(self, citizen_id: int, *, now: dt.datetime | None = None) -> bool:
        """The window shows this citizen's record to the bound person."""
        return self.read(citizen_id, "citizen-opened", now=now)


def log_read(file: UnitFile, actor: Actor | None, citizen_id: int, what: str) -> bool:
    """Log a read for the areas that print and export (``Reports``, ``Bundles``)."""
    if actor is None:
        return False  # nobody is bound: nothing can be attributed, and nothing is written
    return audit.record_read(file, actor, citizen_id, what)
