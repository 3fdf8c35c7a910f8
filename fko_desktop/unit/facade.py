"""``Unit``: the one way into an open unit file, for the window and the ``fko`` command.

Modelled on Anki's ``Collection``: one object over one SQLite file, opened with the person who
acts bound to it, grouping the operations by area (``unit.citizens``, ``unit.journal``, …).
Reads return plain rows (``fko_desktop.unit.rows``); writes run as the bound actor, each one
transaction, and return ``Changed`` — the record's id, the ``OpChanges`` the core computed in
its session hook, and any warnings. Nothing above this facade opens a session, imports
SQLAlchemy or knows that the file is SQLite.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fko_desktop.errors import (
    FkoError,
    LoginRefused,
    PasswordChangeRequired,
    PermissionDenied,
    UnitFileLocked,
    ValidationError,
)
from fko_desktop.models import authorization
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.history import Actor
from fko_desktop.models.permissions import REFUSALS, Permission
from fko_desktop.ops import info, unit_settings
from fko_desktop.ops import staff as staff_ops
from fko_desktop.ops.base import Changed
from fko_desktop.progress import NO_PROGRESS, Progress
from fko_desktop.storage import cipher, keyfile, paths
from fko_desktop.storage.access import Placement
from fko_desktop.storage.backups import AutomaticBackup, unit_backups
from fko_desktop.storage.drafts import DraftStore
from fko_desktop.storage.integrity import FileInspection, check_unit_file, inspect_unit_file
from fko_desktop.storage.restore import RestoreResult, locked_refusal, restore_backup
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit.aarhus import AarhusAssessments
from fko_desktop.unit.accounts import Accounts
from fko_desktop.unit.audit import Audit
from fko_desktop.unit.documentation import (
    Deadlines,
    Diary,
    FollowUps,
    GoalStatuses,
    Journal,
    Search,
    StatusAssessments,
    UsesOfForce,
)
from fko_desktop.unit.overview import OverviewArea
from fko_desktop.unit.privacy import Privacy
from fko_desktop.unit.records import Citizens, Orders, Plans, Staff
from fko_desktop.unit.rows import StaffRow, UnitRow, to_row

if TYPE_CHECKING:
    from fko_desktop.unit.output import Bundles, Reports
    from fko_desktop.unit.stats import Statistics


def actor_for(member: StaffRow) -> Actor:
    """The author a staff member writes as."""
    return Actor(member.id, f"{member.name} ({member.initials})")


class Unit:
    """An open unit file with the acting person bound. Close it (or use ``with``) when done."""

    def __init__(self, file: UnitFile, actor: Actor | None = None) -> None:
        self._file = file
        self.actor = actor
        bound = lambda: self.actor  # noqa: E731 - areas always see the current actor
        self.citizens = Citizens(file, bound)
        self.staff = Staff(file, bound)
        self.orders = Orders(file, bound)
        self.plans = Plans(file, bound)
        self.journal = Journal(file, bound)
        self.diary = Diary(file, bound)
        self.goal_status = GoalStatuses(file, bound)
        self.follow_ups = FollowUps(file, bound)
        self.use_of_force = UsesOfForce(file, bound)
        self.status_assessments = StatusAssessments(file, bound)
        self.aarhus = AarhusAssessments(file, bound)
        self.deadlines = Deadlines(file, bound)
        self.search = Search(file, bound)
        self.audit = Audit(file, bound)
        self.accounts = Accounts(file, bound, self.act_as)
        self.privacy = Privacy(file, bound)
        self.overview = OverviewArea(file, bound)
        self._bound = bound
        self._record = to_row(UnitRow, file.unit())

    # The prints and the bundles bring reportlab, the FHIR mapping and age with them; the window
    # needs neither to show its first page, so they are loaded when first used.

    @functools.cached_property
    def reports(self) -> Reports:
        from fko_desktop.unit.output import Reports

        return Reports(self._file, self._bound)

    @functools.cached_property
    def bundles(self) -> Bundles:
        from fko_desktop.unit.output import Bundles

        return Bundles(self._file, self._bound)

    @functools.cached_property
    def stats(self) -> Statistics:
        from fko_desktop.unit.stats import Statistics

        return Statistics(self._file, self._bound)

    # -- opening and closing -------------------------------------------------------------------

    @staticmethod
    def inspect(path: Path | str) -> FileInspection:
        """Check a file read-only before opening it (the window does this while it starts)."""
        return inspect_unit_file(Path(path))

    @classmethod
    def open(
        cls,
        path: Path | str,
        actor: Actor | None = None,
        *,
        readonly: bool = False,
        checked: FileInspection | None = None,
        key: bytes | None = None,
    ) -> Unit:
        """Open for writing (with the lock) or read-only; refused with a Danish message if the
        file is missing, foreign, damaged or locked by another program. An encrypted file
        needs its ``key`` (``open_as`` gets it from the password) or one unlocked before."""
        return cls(UnitFile.open(path, readonly=readonly, checked=checked, key=key), actor)

    @classmethod
    def open_as(
        cls,
        path: Path | str,
        initials: str,
        password: str,
        *,
        new_password: str | None = None,
        readonly: bool = False,
        checked: FileInspection | None = None,
    ) -> Unit:
        """Open and log in (the one place a login opens a file); a refused login closes the
        file again and raises ``LoginRefused`` or ``PasswordChangeRequired`` (then call again
        with ``new_password``, see ``Accounts.login``).

        An encrypted file is first unlocked with the password through its key file (nothing
        of it can be read before): a wrong one gets the same refusal and is counted there."""
        key = None
        encrypted = checked.encrypted if checked is not None else cipher.is_encrypted(Path(path))
        if encrypted:
            key = keyfile.unlock(Path(path), initials, password)
            if key is None:
                raise LoginRefused(keyfile.WRONG)
        unit = cls.open(path, readonly=readonly, checked=checked, key=key)
        try:
            unit.accounts.login(initials, password, new_password=new_password)
        except BaseException:
            unit.close()
            raise
        return unit

    @staticmethod
    def is_encrypted_file(path: Path | str) -> bool:
        """Whether ``path`` is an encrypted unit file or backup (judged by its bytes and key file)."""
        return cipher.is_encrypted(Path(path))

    @staticmethod
    def unlock(path: Path | str, initials: str, password: str) -> bool:
        """Unlock an encrypted unit file (or backup) with a staff password, for this process;
        False for a plain file. A wrong password raises ``LoginRefused`` (and is counted)."""
        path = Path(path)
        if not cipher.is_encrypted(path):
            return False
        if keyfile.unlock(path, initials, password) is None:
            raise LoginRefused(keyfile.WRONG)
        return True

    @staticmethod
    def recover(path: Path | str, recovery_key: str, initials: str, new_password: str) -> StaffRow:
        """``fko recover``: a new password for an administrator of an encrypted unit, by the
        recovery key (also where the key file is lost)."""
        from fko_desktop.unit.recovery import recover

        return recover(path, recovery_key, initials, new_password)

    @staticmethod
    def encrypt_file(path: Path | str, initials: str, password: str) -> tuple[str, list[StaffRow]]:
        """``fko encrypt``: encrypt a plain unit as its administrator; the recovery page to show
        once, and the staff who now need a one-time password from a leder (only the
        administrator's own password can be wrapped: nobody else's is known here)."""
        from fko_desktop.storage.encrypt import encrypt_unit_file

        path = Path(path).resolve()
        with Unit.open_as(path, initials, password) as unit:
            me = unit.staff_member(unit.actor.staff_id) if unit.actor and unit.actor.staff_id else None
            if me is None or me.role != StaffRole.ADMINISTRATOR:
                raise ValidationError("Kun en administrator kan kryptere enheden.")
            name, uid = unit.name, unit.uid
            others = [member for member in unit.staff.list() if member.id != me.id]
        secret = encrypt_unit_file(path, name, uid)
        keyfile.set_slot(path, secret, me.id, me.initials, password)
        return keyfile.recovery_text(name, path, keyfile.recovery_key(secret)), others

    @classmethod
    def open_for_use(cls, path: Path | str, *, checked: FileInspection | None = None) -> Unit:
        """For writing if possible, else read-only with the reason (another program has it)."""
        return cls(UnitFile.open_for_use(path, checked=checked))

    @classmethod
    def create(
        cls, path: Path | str, unit_name: str, *, organisation: str | None = None, encrypted: bool = False
    ) -> Unit:
        """A new, empty unit file; plain unless ``encrypted`` (the demo stays plain: its data
        is invented; ``create_with_first_staff``, the way a real unit starts, encrypts)."""
        return cls(UnitFile.create(path, unit_name, organisation=organisation, encrypted=encrypted))

    @classmethod
    def create_with_first_staff(
        cls,
        path: Path | str,
        unit_name: str,
        *,
        staff_name: str,
        staff_initials: str,
        staff_password: str,
        staff_title: str | None = None,
        departments: Sequence[str] = (),
        areas: Sequence[str] = ("children", "adults"),
        encrypted: bool = True,
    ) -> Unit:
        """A new unit as it starts (``fko init``, the guided start): its settings and its first
        staff member, the administrator, bound as the actor. All or nothing: a refusal after
        the file was made removes it again, so no half-made unit is left under that name."""
        cls.check_first_staff(staff_name, staff_initials)
        Accounts.check_policy(staff_password, initials=staff_initials, name=staff_name)
        path = Path(path)
        unit = cls.create(path, unit_name, encrypted=encrypted)
        try:
            unit.set_settings(departments=departments, areas=areas)
            member = unit.add_first_staff(name=staff_name, initials=staff_initials, title=staff_title)
            unit.accounts.set_first_password(member.id, staff_password)
        except BaseException:
            unit.close()
            for leftover in (path, path.with_name(path.name + ".lock"), cipher.key_path_for(path)):
                leftover.unlink(missing_ok=True)
            raise
        unit.act_as(member)
        return unit

    def close(self) -> None:
        self._file.close()

    # -- this PC's data folder -------------------------------------------------------------------

    @staticmethod
    def prepare_private_data() -> None:
        """Make the user's data folder private and tidy before anything is written to it."""
        paths.prepare_private_data()

    @staticmethod
    def demo_path() -> Path:
        """Where the demo unit lives in the user's data folder."""
        return paths.demo_unit_path()

    @classmethod
    def create_demo(
        cls, path: Path | str, *, citizens: int = 12, years: int = 2, seed: int = 1, today: Any = None
    ) -> Any:
        """A new unit file at ``path`` filled with the demo unit's invented citizens; returns
        the summary of what was made. The file is closed again."""
        with cls.create(path, "Bostedet Solbakken (demo)") as unit:
            return unit.build_demo(citizens=citizens, years=years, seed=seed, today=today)

    def build_demo(self, *, citizens: int = 12, years: int = 2, seed: int = 1, today: Any = None) -> Any:
        """Fill this unit (which must hold no citizens yet) with invented demo citizens, in one
        transaction; returns the summary of what was made."""
        from fko_desktop.demo import build_demo  # the demo's text tables load only when used

        return build_demo(self._file, citizens=citizens, years=years, seed=seed, today=today)

    def __enter__(self) -> Unit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- who acts ------------------------------------------------------------------------------

    def act_as(self, member: StaffRow | None) -> None:
        """Bind the person at the keyboard; every later write is theirs."""
        self.actor = actor_for(member) if member is not None else None
        if member is not None:
            self._file.set_lock_holder(member.name)

    def act_as_tool(self, name: str) -> None:
        """Bind a named tool (the command line, an import) as the author."""
        self.actor = Actor(None, name)

    def staff_member(self, staff_id: int) -> StaffRow | None:
        return next((m for m in self.staff.list(include_inactive=True) if m.id == staff_id), None)

    def may(self, permission: Permission) -> bool:
        """Whether the person at the keyboard may do this, for the window to hide or grey out
        what they cannot use; the core refuses it anyway (models/authorization.py)."""
        with self._file.read() as session:
            return authorization.actor_may(session, self.actor, permission)

    @property
    def role(self) -> StaffRole | None:
        """The bound person's role; None for nobody or the program itself."""
        with self._file.read() as session:
            try:
                member = authorization.member_of(session, self.actor)
            except PermissionDenied:
                return None
        return member.role if member is not None else None

    # -- the file --------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def name(self) -> str:
        return self._record.name

    @property
    def uid(self) -> str:
        return self._record.uid

    @property
    def record(self) -> UnitRow:
        return self._record

    @property
    def readonly(self) -> bool:
        return self._file.readonly

    @property
    def readonly_reason(self) -> str | None:
        """Why the file is read-only, in Danish, for the banner (None: it is not, or no reason)."""
        return self._file.readonly_reason

    @readonly_reason.setter
    def readonly_reason(self, reason: str | None) -> None:
        self._file.readonly_reason = reason

    @property
    def history_problem(self) -> str | None:
        """The first break in the tamper-evident history (Danish), or None: a red banner."""
        return self._file.history_problem

    @property
    def is_encrypted(self) -> bool:
        """Whether the unit file (and so its WAL and backups) is encrypted at rest."""
        return self._file.is_encrypted

    @property
    def recovery_key(self) -> str | None:
        """A new encrypted unit's recovery key, to show once (None once the unit was reopened)."""
        return self._file.recovery_key

    def recovery_text(self) -> str:
        """The recovery key as a page of text (``fko init`` prints it)."""
        if self._file.recovery_key is None:
            raise ValidationError("Gendannelsesnøglen vises kun én gang, når enheden oprettes.")
        return keyfile.recovery_text(self.name, self.path, self._file.recovery_key)

    def write_recovery_sheet(self, target: Path | str) -> Path:
        """The recovery key as a printable PDF »Gendannelsesnøgle« (never over an existing file)."""
        if self._file.recovery_key is None:
            raise ValidationError("Gendannelsesnøglen vises kun én gang, når enheden oprettes.")
        return keyfile.write_recovery_pdf(Path(target), self.name, self.path, self._file.recovery_key)

    @property
    def placement(self) -> Placement:
        """Where the file lies: ``placement.writable`` is False on shares, read-only media, …."""
        return self._file.placement

    def schema_version(self) -> str:
        return self._file.schema_version()

    def drafts(self) -> DraftStore:
        """Where unsaved form content for this unit is kept on this PC (encrypted for an
        encrypted unit)."""
        return self._file.drafts(self.uid)

    def info(self) -> dict[str, Any]:
        """Counts and facts about the file (``fko info``)."""
        return info.unit_info(self._file)

    @staticmethod
    def check_file(path: Path | str) -> str:
        """Verify a unit file read-only (``fko check``): its schema revision, or a refusal
        naming what is wrong. Nothing is written, not even a lock."""
        return check_unit_file(Path(path), full=True)

    def backup(self, out_dir: Path | str | None = None, progress: Progress = NO_PROGRESS) -> Path:
        """A consistent, audited copy while the file stays open; returns the copy's path."""
        return self._file.backup(out_dir, progress)

    def automatic_backups(self) -> list[AutomaticBackup]:
        """This unit's automatic backups on this PC, newest first (time, reason, size)."""
        return unit_backups(self.uid)

    @staticmethod
    def restore_backup(
        backup: Path | str, unit_path: Path | str, *, initials: str, password: str
    ) -> RestoreResult:
        """Put ``backup`` in place of the (closed) unit file, after backing the file up, as an
        administrator who logs in here; refused in Danish for a wrong login, another role, a
        damaged backup, another unit's backup or a file a program has open.

        The login is checked against the unit file; a file that cannot be opened (damaged,
        missing, the reason for restoring) is replaced by an administrator of the backup."""
        Unit._unlock_for_restore(Path(unit_path), Path(backup), initials, password)
        return restore_backup(
            Path(backup),
            Path(unit_path),
            authorize=lambda: Unit._require_restorer(Path(unit_path), Path(backup), initials, password),
        )

    @staticmethod
    def _unlock_for_restore(unit_path: Path, backup: Path, initials: str, password: str) -> None:
        """An encrypted backup is read with its key: unlocked by a password in the unit file's
        key file (today's passwords), else in the backup's own (the passwords of its day)."""
        encrypted = [path for path in (unit_path, backup) if path.exists() and cipher.is_encrypted(path)]
        for number, path in enumerate(encrypted):
            try:
                Unit.unlock(path, initials, password)
                return
            except LoginRefused:
                if number == len(encrypted) - 1:
                    raise

    @staticmethod
    def _require_restorer(unit_path: Path, backup: Path, initials: str, password: str) -> None:
        # The unit file is opened for writing, so a wrong password counts towards the lock as
        # any login does; a backup is only ever read.
        for readonly, path in ((False, unit_path), (True, backup)):
            try:
                checking = Unit.open_as(path, initials, password, readonly=readonly)
            except UnitFileLocked as locked:
                raise locked_refusal(locked) from None
            except (LoginRefused, PasswordChangeRequired, PermissionDenied):
                raise
            except FkoError:
                if readonly:
                    raise
                continue  # the unit file itself cannot be read: the backup's staff decide
            with checking:
                if not checking.may(Permission.RESTORE):
                    raise PermissionDenied(REFUSALS[Permission.RESTORE])
            return

    def restore_when_closed(self, backup: Path | str) -> Callable[[], RestoreResult]:
        """The window's restore: the logged-in person's role is checked now, while the unit is
        open; the returned step restores once the window has closed the unit (and its lock)."""
        if not self.may(Permission.RESTORE):
            raise PermissionDenied(REFUSALS[Permission.RESTORE])
        unit_path, chosen = self.path, Path(backup)
        return lambda: restore_backup(chosen, unit_path)

    def copy_to_this_pc(self, progress: Progress = NO_PROGRESS) -> Path:
        """A consistent copy in this PC's data folder (for a file on a share or read-only medium)."""
        return self._file.copy_to_this_pc(progress)

    @staticmethod
    def check_first_staff(name: str | None, initials: str | None) -> None:
        """Refuse a first member's name or initials before the unit file is even created."""
        staff_ops.check_person(name, initials)

    def add_first_staff(
        self, *, name: str, initials: str, title: str | None = None, department: str | None = None
    ) -> StaffRow:
        """The unit's first staff member, written by the program itself (``fko init``, the
        guided start): the person who creates the unit is its administrator."""
        if self.staff.list(include_inactive=True):
            raise ValidationError("Enheden har allerede medarbejdere; tilføj flere under Medarbejdere.")
        member = staff_ops.add_staff(
            self._file,
            Actor(None, "FKO Desktop", system=True),
            name=name,
            initials=initials,
            title=title,
            department=department,
            role=StaffRole.ADMINISTRATOR,
        )
        return to_row(StaffRow, member.value)

    def set_settings(
        self,
        *,
        departments: Sequence[str] | None = None,
        areas: Sequence[str] | None = None,
        backup_keep_days: int | None = None,
        retention_years: int | None = None,
        suppress_small_groups: bool | None = None,
    ) -> Changed[int]:
        """The unit's departments, the areas it serves, the days backups are kept, the years
        of retention and the overview's "< 5" rule (only those given change)."""
        # Before the first staff member exists (a unit being set up) the program itself writes.
        actor = self.actor or Actor(None, "FKO Desktop", system=True)
        changed = unit_settings.set_unit_settings(
            self._file,
            actor,
            departments=departments,
            areas=areas,
            backup_keep_days=backup_keep_days,
            retention_years=retention_years,
            suppress_small_groups=suppress_small_groups,
        )
        self._record = to_row(UnitRow, self._file.unit())
        return Changed(changed.value.id, changed.changes, changed.warnings)
