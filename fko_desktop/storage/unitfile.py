"""One unit's file: create, open (check, lock, migrate), sessions, backup, close.

``UnitFile`` is the single entry point the window and the ``fko`` command share (the role
Anki's ``Collection`` plays): everything that reads or writes a unit goes through its
``read()`` and ``write(actor)`` sessions, each one transaction, committed or rolled back whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from fko_desktop.errors import FkoError, ReadOnlyError, UnitFileError
from fko_desktop.models import Actor, StaffMember, Unit
from fko_desktop.models.history import record_event
from fko_desktop.progress import NO_PROGRESS, Progress
from fko_desktop.storage import chain_seal as _chain_seal  # noqa: F401 - seals every write
from fko_desktop.storage import cipher, files, keyfile, paths, schema
from fko_desktop.storage.access import Placement, ReadSource, assess
from fko_desktop.storage.backup import local_copy_path, write_backup
from fko_desktop.storage.drafts import DraftStore
from fko_desktop.storage.integrity import FileInspection, describe_problems, inspect_unit_file, verify_header
from fko_desktop.storage.lock import UnitLock, lock_path_for

BUSY_TIMEOUT_MS = 5000

logger = logging.getLogger(__name__)


def _configure_connection(dbapi_connection: Any, readonly: bool) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not readonly:
        # FULL: a note the pædagog saw saved survives a power cut, not only an app crash.
        cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _keyed_engine(path: Path, key: bytes, **kwargs: Any) -> Engine:
    """An engine on an encrypted file: every connection SQLCipher's, keyed before anything
    else; ``module`` makes SQLAlchemy wrap sqlcipher3's errors as it wraps sqlite3's."""
    return create_engine(
        "sqlite://",
        module=cipher.SQLCIPHER_MODULE,
        creator=lambda: cipher.connect(path, key=key, check_same_thread=False),
        hide_parameters=True,
        **kwargs,
    )


def _make_engine(path: Path, *, source: ReadSource | None, key: bytes | None = None) -> Engine:
    # hide_parameters: an error's text (which may reach a log) never carries a CPR number or
    # a note's text from the statement's parameters.
    if source is not None:
        module = {"module": cipher.SQLCIPHER_MODULE} if key is not None else {}
        engine = create_engine(
            "sqlite://", creator=source.connect, pool_pre_ping=False, hide_parameters=True, **module
        )
    elif key is not None:
        engine = _keyed_engine(path, key)
    else:
        engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
    readonly = source is not None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        _configure_connection(dbapi_connection, readonly)

    return engine


def _transactional_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine whose transactions include DDL (a migration commits whole or not at all).

    Python's sqlite3 driver only begins a transaction before INSERT/UPDATE/DELETE, so a
    migration's CREATE TABLE/TRIGGER would commit one by one, and a kill half-way left a
    file marked with the old revision holding the new revision's triggers. SQLAlchemy's
    documented remedy: let the driver do nothing and emit BEGIN ourselves.
    """
    engine = _keyed_engine(path, key) if key else create_engine(f"sqlite:///{path}", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _recover_hot_journal(path: Path, key: bytes | None) -> None:
    """Roll back what a killed writer left in ``-journal`` (a file in rollback-journal mode,
    such as a backup being migrated). SQLite does it on the first read by a writable
    connection; the read-only check cannot, and would call the file damaged."""
    connection = cipher.connect(path, key=key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


class UnitFile:
    """An open unit file. Use ``UnitFile.open`` / ``UnitFile.create``; close when done."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        readonly: bool,
        lock: UnitLock | None,
        readonly_reason: str | None = None,
        source: ReadSource | None = None,
        placement: Placement | None = None,
        key: bytes | None = None,
    ) -> None:
        self.path = path
        # An encrypted file's key, in memory only: password_changed wraps it for a new password.
        self._key = key
        #: Set by ``create`` for a new encrypted unit: shown once to the administrator, never stored.
        self.recovery_key: str | None = None
        self.engine = engine
        self.readonly = readonly
        #: Why the file is read-only, in Danish, for the banner and for refused writes.
        self.readonly_reason = readonly_reason
        #: The first break in the tamper-evident history (Danish; the window's red banner), or None.
        self.history_problem: str | None = None
        #: Where the file lies: ``placement.writable`` is False on shares, read-only media, ….
        self.placement = placement or Placement(True)
        self._lock = lock
        self._source = source
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: Whether anything was committed since opening: only a changed unit is backed up on close.
        self._changed = False
        #: The day (UTC) the daily backup was last looked for; see ``_daily_backup``.
        self._daily_checked: dt.date | None = None
        files.register_open_unit(path)

    # -- life cycle -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, unit_name: str, *, organisation: str | None = None, encrypted: bool = False
    ) -> UnitFile:
        """Create a new, empty unit file and open it for writing.

        The file is built under a temporary name and renamed only when complete, so an
        interrupted creation never leaves something that looks like a unit file. ``encrypted``
        (the product's default for new units; tests mostly use plain files) makes it an
        SQLCipher file keyed with a new random unit secret, with a key file beside it holding
        no slot yet (each password set adds one) and ``recovery_key`` set for the one showing.
        """
        path = Path(path)
        unit_name = unit_name.strip()
        if not unit_name:
            raise FkoError("Enheden skal have et navn.", field="unit_name")
        if path.exists():
            raise UnitFileError(f"Filen {path} findes allerede; vælg et andet navn.")
        files.private_dir(path.parent)
        secret = keyfile.new_secret() if encrypted else None
        try:
            with files.atomic_path(path) as partial:
                connection = cipher.connect_new(partial, secret)
                connection.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
                connection.commit()
                connection.close()
                engine = (
                    _keyed_engine(partial, secret)
                    if secret
                    else create_engine(f"sqlite:///{partial}", hide_parameters=True)
                )
                try:
                    with engine.begin() as sa_connection:
                        schema.upgrade(sa_connection)
                    with Session(engine) as session:
                        session.info["actor"] = Actor(None, "FKO Desktop", system=True)
                        session.add(Unit(name=unit_name, uid=str(uuid.uuid4()), organisation=organisation))
                        record_event(session, "create_unit_file", details={"unit_name": unit_name})
                        session.commit()
                finally:
                    engine.dispose()
                if secret is not None:
                    # Before the rename: the unit file never exists without its key file.
                    keyfile.save(path, keyfile.new_key_file(unit_name, secret))
        except (sqlite3.Error, cipher.SqlcipherError, DBAPIError) as error:
            if secret is not None:
                keyfile.remove_key_file(path)
            raise UnitFileError(
                f"Enhedsfilen {path.name} kunne ikke oprettes: {_sqlite_reason(error)}."
            ) from error
        except BaseException:
            if secret is not None and not path.exists():
                keyfile.remove_key_file(path)
            raise
        if secret is None:
            return cls.open(path)
        cipher.remember(secret)
        unit_file = cls.open(path, key=secret)
        unit_file.recovery_key = keyfile.recovery_key(secret)
        return unit_file

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        backup_dir: Path | None = None,
        checked: FileInspection | None = None,
        key: bytes | None = None,
    ) -> UnitFile:
        """Open a unit file after checking it, read-only or with the write lock.

        Order matters: the file is verified read-only first, so a damaged or foreign file is
        refused with nothing written to it; only then is the lock taken and, if the schema is
        older than this program, a backup made before migrating. ``checked`` is what
        ``inspect_unit_file`` returned for this path moments ago (the window runs the check
        while Python is still importing, to start sooner).

        A file asked for writing still opens read-only, with ``readonly_reason`` saying why,
        where writing is unsafe: a read-only place, a network share, a second name, or a schema
        with objects FKO Desktop did not make (a trigger there would run on the next write).

        An encrypted file opens with ``key`` (``keyfile.unlock`` gives it for a password) or
        the key this process unlocked it with; without either it is refused in Danish.
        """
        path = Path(path).resolve()
        if checked is None:
            verify_header(path)  # a missing, foreign or random file is refused before anything
        if key is not None:
            cipher.remember(key)
        elif checked is None or checked.encrypted:
            key = cipher.key_for(path)  # None for a plain file; refused if not unlocked
        if checked is not None and checked.needs_key:
            checked = None  # looked at before the login: checked in full now, with the key
        placement = assess(path)
        lock = None
        if not readonly and placement.writable and Path(f"{path}-journal").exists():
            # A hot journal: only the writer may roll it back, and only under the lock.
            lock = UnitLock(path)
            lock.acquire()
            try:
                _recover_hot_journal(path, key)
            except cipher.Error as error:
                lock.release()
                raise UnitFileError(
                    f"{path.name} kunne ikke gendannes efter et afbrudt skriv: {error}."
                ) from error
            checked = None
        try:
            inspection = checked or inspect_unit_file(path, key=key)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        reason = None
        if not readonly and not placement.writable:
            readonly, reason = True, placement.reason
        if not readonly and inspection.problems:
            readonly = True
            reason = (
                f"{path.name} indeholder noget, FKO Desktop ikke selv har lavet "
                f"({describe_problems(inspection.problems)}); en fremmed trigger ville køre ved næste "
                "ændring. Kør »fko check«, eller åbn en sikkerhedskopi."
            )
        if inspection.history_problem:
            # A broken history is never written onto: a new row would be chained to a forgery.
            readonly = True
            reason = (
                f"{inspection.history_problem} Filen er åbnet skrivebeskyttet; kør »fko check«, "
                "eller åbn en sikkerhedskopi."
            )
        if readonly and lock is not None:
            lock.release()
            lock = None
        if not readonly and lock is None:
            lock = UnitLock(path)
            lock.acquire()
        source = None
        try:
            if inspection.revision != schema.head_revision():
                if readonly:
                    raise UnitFileError(
                        f"{path.name} er lavet med en ældre version af FKO Desktop og skal "
                        "opdateres; åbn den med skriveadgang først."
                    )
                cls._migrate(path, backup_dir, inspection.revision, key)
            if readonly:
                source = ReadSource(path, placement, key=key)
            engine = _make_engine(path, source=source, key=key)
            if not readonly:
                files.tighten(path, files.PRIVATE_FILE)
                with engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA journal_mode=WAL")
                files.clean_leftovers(path.parent)
        except BaseException:
            if lock is not None:
                lock.release()
            if source is not None:
                source.close()
            raise
        opened = cls(
            path,
            engine,
            readonly=readonly,
            lock=lock,
            readonly_reason=reason,
            source=source,
            placement=placement,
            key=key,
        )
        opened.history_problem = inspection.history_problem
        return opened

    @classmethod
    def open_for_use(cls, path: Path | str, *, checked: FileInspection | None = None) -> UnitFile:
        """For writing if possible, else read-only with the reason (another program has it)."""
        from fko_desktop.errors import UnitFileLocked

        try:
            return cls.open(path, checked=checked)
        except UnitFileLocked as locked:
            unit = cls.open(path, readonly=True, checked=checked)
            unit.readonly_reason = locked.message
            return unit

    @staticmethod
    def _migrate(path: Path, backup_dir: Path | None, revision: str, key: bytes | None = None) -> None:
        backup = UnitFile._backup_before_migration(path, backup_dir, revision)
        backup_dir = backup.parent
        engine = _transactional_engine(path, key)
        try:
            with engine.begin() as connection:
                schema.upgrade(connection)
        except DBAPIError as error:
            raise UnitFileError(
                f"{path.name} kunne ikke opdateres ({error.orig}); filen er uændret, og en "
                f"sikkerhedskopi ligger i {backup_dir}."
            ) from error
        finally:
            engine.dispose()

    @staticmethod
    def _backup_before_migration(path: Path, backup_dir: Path | None, revision: str) -> Path:
        """The copy a migration starts from: into the unit's automatic backups (so the restore
        dialog lists it), or into ``backup_dir`` when the caller chose a folder."""
        if backup_dir is None:
            from fko_desktop.storage.backups import REASON_MIGRATION, write_automatic_backup
            from fko_desktop.storage.restore import unit_identity

            return write_automatic_backup(path, unit_identity(path)[0], REASON_MIGRATION)
        return write_backup(path, backup_dir, label=f"før-opdatering-{revision}")

    def close(self) -> None:
        if self._changed and not self.readonly and self._lock is not None:
            self._backup_on_close()
        self.engine.dispose()
        files.unregister_open_unit(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._source is not None:
            self._source.close()
            self._source = None

    def _daily_backup(self) -> None:
        """The first save of a day backs the unit up when the day has no backup yet: a window
        left open for a week still leaves a copy a day. A failure never undoes the save."""
        today = dt.datetime.now(dt.UTC).date()
        if self._daily_checked == today or self._lock is None:
            return
        self._daily_checked = today
        from fko_desktop.storage.backups import REASON_DAILY, automatic_backup, has_backup_on

        try:
            if not has_backup_on(self.unit().uid, today):
                automatic_backup(self, REASON_DAILY)
        except Exception as error:  # noqa: BLE001 - the save is committed; the next day tries again
            logger.warning("daily automatic backup failed (%s)", type(error).__name__)

    def _backup_on_close(self) -> None:
        """The automatic backup of a changed unit; a failure never stops the file closing."""
        from fko_desktop.storage.backups import REASON_CLOSE, automatic_backup

        try:
            automatic_backup(self, REASON_CLOSE)
        except Exception as error:  # noqa: BLE001 - closing must go on; the next close tries again
            # The type only: a message may name the file's folder or quote SQLite's text.
            logger.warning("automatic backup on close failed (%s)", type(error).__name__)

    def __enter__(self) -> UnitFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; anything it would flush is refused."""
        session = self._sessions()
        session.info["unit_readonly"] = True
        try:
            yield session
        finally:
            # close(), not rollback(): loaded objects stay readable after the block.
            session.close()

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A ``read()`` session whose queries all see the file as it was at its first query.

        Python's sqlite3 driver runs a SELECT outside any transaction, so each query of a
        plain ``read()`` session sees the latest commit: a note saved half-way through an
        export's reading could be in the bundle without its earlier versions. An explicit
        BEGIN makes the session's reads one transaction; in WAL mode a reader never holds up a
        writer. ``read()`` ends it (closing the session rolls it back) when the block ends.
        """
        with self.read() as session:
            session.connection().exec_driver_sql("BEGIN")
            yield session

    @contextmanager
    def write(self, actor: Actor) -> Iterator[Session]:
        """One transaction as ``actor``: committed when the block ends, rolled back on error."""
        if self.readonly:
            raise ReadOnlyError(
                f"{self.readonly_reason or 'Filen er åbnet skrivebeskyttet.'} Ændringer kan ikke gemmes."
            )
        if self._lock is not None and not self._lock.still_ours():
            raise UnitFileError(
                f"Låsefilen {lock_path_for(self.path).name} er fjernet eller erstattet, mens "
                f"{self.path.name} var åben; luk programmet og åbn filen igen, før der gemmes mere."
            )
        session = self._sessions()
        session.info["actor"] = actor
        try:
            yield session
            session.commit()
            self._changed = True
            self._checkpoint()
            self._daily_backup()
        except DBAPIError as error:
            session.rollback()
            raise _database_error(error) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _checkpoint(self) -> None:
        """Fold what was just committed into the unit file itself.

        In WAL mode a commit first lands in ``-wal``; a plain file copy of an open unit (by
        Explorer, a USB backup tool, a mail attachment) would miss it. A passive checkpoint
        after each user action keeps the main file whole at the cost of one more fsync; if a
        reader holds it back, the next commit catches up.
        """
        # A failed checkpoint leaves the commit standing; the next one folds the WAL in.
        with contextlib.suppress(DBAPIError), self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    # -- facts and services -----------------------------------------------------------------

    def schema_version(self) -> str:
        with self.engine.connect() as connection:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()

    def unit(self) -> Unit:
        with self.read() as session:
            return session.scalars(select(Unit).limit(1)).one()

    def staff(self, *, include_inactive: bool = False) -> list[StaffMember]:
        with self.read() as session:
            query = select(StaffMember).order_by(StaffMember.name)
            if not include_inactive:
                query = query.where(StaffMember.active.is_(True))
            return list(session.scalars(query))

    def backup(self, out_dir: Path | str | None = None, progress: Progress = NO_PROGRESS) -> Path:
        """Write a consistent copy while the file stays open; returns the copy's path.

        Safe to call off the GUI thread: the copy uses its own connection, the audit event its
        own session.
        """
        target = write_backup(
            self.path,
            Path(out_dir) if out_dir else paths.backup_dir(),
            progress=progress,
            placement=self.placement,
        )
        if not self.readonly:
            with self.write(Actor(None, "FKO Desktop", system=True)) as session:
                record_event(session, "backup", details={"file": target.name})
        return target

    def copy_to_this_pc(self, progress: Progress = NO_PROGRESS) -> Path:
        """A consistent copy in this PC's data folder, to work in when the file lies where it
        cannot safely be written (a network share, a read-only medium, a second name)."""
        folder = paths.data_dir()
        files.private_dir(folder)
        target = local_copy_path(self.path, folder)
        return write_backup(self.path, folder, progress=progress, placement=self.placement, target=target)

    def password_changed(self, staff_id: int, initials: str, password: str) -> None:
        """A staff member's password was set or reset: an encrypted file re-wraps its key for it.

        A plain file has no key to wrap, so there is nothing to do.
        """
        if self._key is not None:
            keyfile.set_slot(self.path, self._key, staff_id, initials, password)

    def staff_removed(self, staff_id: int) -> None:
        """A staff member left (made inactive): their password no longer opens the file."""
        if self._key is not None:
            keyfile.remove_slot(self.path, staff_id)

    @property
    def is_encrypted(self) -> bool:
        return self._key is not None

    def drafts(self, unit_uid: str) -> DraftStore:
        """The unit's drafts on this PC, encrypted with the unit when the unit file is (the key
        never leaves the storage layer)."""
        return DraftStore(unit_uid, key=self._key)

    def set_lock_holder(self, name: str) -> None:
        if self._lock is not None:
            self._lock.set_staff(name)


def _sqlite_reason(error: BaseException) -> str:
    """A short reason for a failed write, without SQL: "disken er fuld", not the statement."""
    text = str(getattr(error, "orig", None) or error).lower()
    if "full" in text:
        return "der er ikke plads på disken"
    if "readonly" in text or "read-only" in text:
        return "der er ikke skriveadgang"
    if "locked" in text or "busy" in text:
        return "filen er optaget af et andet program"
    return " ".join(str(getattr(error, "orig", None) or error).split("[SQL")[0].split())


def _database_error(error: DBAPIError) -> FkoError:
    """Turn a refusal by the database into a message a user can act on."""
    text = str(error.orig)
    if "locked" in text or "busy" in text:
        return UnitFileError("Enhedsfilen er optaget af et andet program; prøv igen om lidt.")
    if "never deleted" in text or "never changed" in text:
        return FkoError("Dokumentation med juridisk vægt kan ikke slettes eller ændres uden historik.")
    if "CHECK constraint" in text:
        return FkoError(f"Værdien overholder ikke reglerne for FKO-data ({text}).")
    if "UNIQUE constraint" in text:
        return FkoError(f"Der findes allerede en sådan registrering ({text}).")
    if "readonly" in text:
        return ReadOnlyError("Filen er skrivebeskyttet; ændringer kan ikke gemmes.")
    if "full" in text:
        return UnitFileError("Der er ikke plads på disken; ændringen er ikke gemt.")
    return UnitFileError(f"Enhedsfilen kunne ikke skrives: {_sqlite_reason(error)}.")
