"""Write a bundle: read the citizen's records, map them to FHIR, add the PDFs, pack, encrypt.

An export runs in three steps, so that it never holds the unit file's write lock while it does
the slow part (a transfer's PDFs take seconds, a passphrase's key derivation about two):

1. *Read* (``_read_bundle``, one read transaction): the snapshot of the records, the unit and
   citizen identities, the addressee and the data each PDF prints, all as plain data. Records
   a bulk writer left without a uid get one first, in a write of their own, only if any exist.
2. *Make* (``_make_bundle``, no transaction at all): the PDFs, the FHIR message, the ZIP, the
   encryption, each record's content hash for the sync state, and the bundle's bytes written
   to a temporary file beside its final name.
3. *Record* (``_record_export``, one short write transaction): the ledger's receipt, the sync
   state and the audit event.

The file takes its final name only after that transaction has committed, so a failed export
leaves neither a file nor a trace, and a bundle on disk always has its ledger entry. A record
saved while the bundle is made is not in it (the bundle is a snapshot), and the sync state says
what the bundle carried, not what the file holds by the time the ledger is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop import __version__
from fko_desktop.errors import BundleError
from fko_desktop.exchange import archive, crypto
from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import to_fhir
from fko_desktop.exchange.format import (
    FHIR_MEMBER,
    MANIFEST_NAME,
    BundleKind,
    CitizenRef,
    Manifest,
    Member,
    Party,
    media_type_for,
)
from fko_desktop.exchange.snapshot import ensure_uids, missing_uids, snapshot
from fko_desktop.models import Actor, BundleReceipt, Citizen, Order, SyncState, Unit
from fko_desktop.models.authorization import require
from fko_desktop.models.base import utc_now
from fko_desktop.models.history import record_event
from fko_desktop.models.permissions import Permission
from fko_desktop.storage.files import FileRefused, atomic_path, check_target, write_durably
from fko_desktop.storage.sql import upsert
from fko_desktop.storage.unitfile import UnitFile

UNKNOWN_RECIPIENT = "Modtager ikke angivet"


@dataclasses.dataclass(frozen=True)
class ExportResult:
    manifest: Manifest
    data: bytes
    path: Path | None
    counts: dict[str, int]

    @property
    def bundle_id(self) -> str:
        return self.manifest.bundle_id


#: Who may send what. The status report to the authority goes out only when a leder approves it
#: (sending it is the approval); a transfer hands a citizen's whole file to another unit, a
#: leder's decision too. The authority's own kinds are documentation like any other.
EXPORT_PERMISSION = {
    BundleKind.STATUS: Permission.APPROVE,
    BundleKind.TRANSFER: Permission.APPROVE,
    BundleKind.ORDER: Permission.DOCUMENT,
    BundleKind.FOLLOWUP: Permission.DOCUMENT,
}


def bundle_kind(kind: BundleKind | str) -> BundleKind:
    try:
        return BundleKind(str(kind).strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in BundleKind)
        raise BundleError(f"Ukendt slags bundt »{kind}«; vælg en af: {choices}.") from None


def unit_party(session: Session) -> Party:
    unit = session.scalars(select(Unit).limit(1)).one()
    return Party(name=unit.name, uid=unit.uid, organisation=unit.organisation)


def default_recipient(session: Session, kind: BundleKind, citizen: Citizen) -> Party:
    """Whom a bundle about ``citizen`` goes to, when the user has not said.

    A status goes back to whoever sent the order (the ledger remembers the sender's
    identity); an order or follow-up goes to the unit that last sent a status. Without such
    history the bundle is addressed by name only, and the receiver's preview says so.
    """
    answer_to = {
        BundleKind.STATUS: (BundleKind.ORDER, BundleKind.FOLLOWUP),
        BundleKind.ORDER: (BundleKind.STATUS, BundleKind.TRANSFER),
        BundleKind.FOLLOWUP: (BundleKind.STATUS, BundleKind.TRANSFER),
    }.get(kind, ())
    if answer_to:
        receipt = session.scalars(
            select(BundleReceipt)
            .where(
                BundleReceipt.citizen_id == citizen.id,
                BundleReceipt.direction == "import",
                BundleReceipt.kind.in_([k.value for k in answer_to]),
            )
            .order_by(BundleReceipt.at.desc(), BundleReceipt.id.desc())
            .limit(1)
        ).first()
        if receipt is not None:
            return Party(name=receipt.sender_name, uid=receipt.sender_uid)
    if kind is BundleKind.STATUS:
        order = session.scalars(
            select(Order).where(Order.citizen_id == citizen.id).order_by(Order.id.desc()).limit(1)
        ).first()
        name = (order.sender_organisation if order else None) or citizen.acting_municipality
        return Party(name=name or "Myndigheden")
    return Party(name=UNKNOWN_RECIPIENT)


#: A PDF still to be rendered: its member name and its renderer, bound to the plain data it prints.
PendingPdf = tuple[str, Callable[[], bytes]]


def _pdf_makers(
    session: Session, kind: BundleKind, citizen_id: int, today: dt.date, order_id: int | None = None
) -> tuple[PendingPdf, ...]:
    """The human-readable part, from the reports core (see docs/bundle-format.md).

    What each PDF shows is gathered here, in the read session; it is rendered later, with no
    transaction open (the reports' own split: ``*_data.gather_*`` reads, ``*.render`` lays out).
    This is ``render_report`` in two halves, for the options built here (a print date that is
    today, ``order_id`` only for the order). ``order_id`` is the order an order bundle carries,
    so its PDF shows that very order and not whichever one the report would pick as the
    citizen's current order.
    """
    from fko_desktop.reports import ReportOptions, order_data, plan_data, status_data
    from fko_desktop.reports import order as order_pdf
    from fko_desktop.reports import plan as plan_pdf
    from fko_desktop.reports import status as status_pdf

    options = ReportOptions(today=today)
    if kind is BundleKind.STATUS:
        # The status report carries the målstatus graph of every goal.
        report: Any = status_data.gather_status(session, citizen_id, options)
        return (("pdf/status.pdf", functools.partial(status_pdf.render, report)),)
    if kind is BundleKind.ORDER:
        # The order document: what the caseworker ordered, without the sender's own plan.
        report = order_data.gather_order(session, citizen_id, ReportOptions(today=today, order_id=order_id))
        return (("pdf/bestilling.pdf", functools.partial(order_pdf.render, report)),)
    if kind is BundleKind.TRANSFER:
        report = plan_data.gather_plan(session, citizen_id, options)
        return (("pdf/plan.pdf", functools.partial(plan_pdf.render, report)),)
    return ()


def _exported_order_id(session: Session, content: c.BundleContent) -> int | None:
    """The id of the order an order bundle carries (the snapshot chose it by its own rule)."""
    if content.kind is not BundleKind.ORDER or not content.orders:
        return None
    return session.scalars(select(Order.id).where(Order.uid == content.orders[0].uid)).first()


def _records(content: c.BundleContent) -> list[tuple[str, Any]]:
    """Every record with its own uid, and its record type, for the sync state."""
    records: list[tuple[str, Any]] = [("citizen", content.citizen)]
    records += [("order", o) for o in content.orders]
    records += [("intervention_goal", g) for g in content.goals]
    records += [("plan", p) for p in content.plans]
    records += [("sub_goal", s) for s in content.sub_goals]
    records += [("journal_note", n) for n in content.journal_notes]
    records += [("diary_note", n) for n in content.diary_notes]
    records += [("goal_status", s) for s in content.goal_statuses]
    records += [("follow_up", f) for f in content.follow_ups]
    records += [("follow_up_assessment", a) for f in content.follow_ups for a in f.assessments]
    records += [("use_of_force", u) for u in content.uses_of_force]
    records += [("status_assessment", a) for a in content.status_assessments]
    return records


class SyncEntry(NamedTuple):
    """One record's state as a bundle carried it: the common ancestor for the next exchange."""

    uid: str
    record_type: str
    content_sha256: str


def sync_entries(content: c.BundleContent) -> tuple[SyncEntry, ...]:
    """The content hash of every record in ``content`` (plain data: needs no session)."""
    return tuple(
        SyncEntry(record.uid, record_type, c.content_hash(record))
        for record_type, record in _records(content)
    )


def store_sync(session: Session, entries: tuple[SyncEntry, ...], bundle_id: str) -> None:
    """Store ``entries`` as the sync state, each record's row replacing the one before.

    Core statements, not the ORM: these rows are bookkeeping, and auditing thousands of them
    would bury the one audit event that says what happened.
    """
    now = utc_now()
    rows = [
        {
            "uid": entry.uid,
            "record_type": entry.record_type,
            "content_sha256": entry.content_sha256,
            "bundle_id": bundle_id,
            "at": now,
        }
        for entry in entries
    ]
    upsert(session, SyncState, rows, ["uid"], ["record_type", "content_sha256", "bundle_id", "at"])


def remember_sync(session: Session, content: c.BundleContent, bundle_id: str) -> None:
    """Store each record's content hash as the common ancestor for the next exchange."""
    store_sync(session, sync_entries(content), bundle_id)


# -- the three steps of an export ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _ReadBundle:
    """Step 1 → 2: everything the bundle is made of, read in one transaction, as plain data."""

    content: c.BundleContent
    #: Complete but for its members: id, kind, time, sender, recipient, citizen.
    manifest: Manifest
    pdfs: tuple[PendingPdf, ...]


@dataclasses.dataclass(frozen=True)
class _MadeBundle:
    """Step 2 → 3: the finished bundle and everything the ledger records about it."""

    manifest: Manifest
    data: bytes
    file_sha256: str
    citizen_uid: str
    counts: dict[str, int]
    #: What the bundle carried (hashed from the snapshot), never what the file holds later.
    sync: tuple[SyncEntry, ...]


def _read_bundle(
    session: Session,
    *,
    kind: BundleKind,
    citizen_id: int,
    recipient: Party | None,
    order_id: int | None,
    include_pdfs: bool,
    now: dt.datetime,
) -> _ReadBundle:
    """Step 1: read what a bundle carries (only reads; run ``ensure_uids`` first)."""
    content = snapshot(session, kind, citizen_id, order_id=order_id)
    citizen = session.get_one(Citizen, citizen_id)  # the snapshot has refused a missing one
    sender = unit_party(session)
    recipient = recipient or default_recipient(session, kind, citizen)
    if recipient.uid is not None and recipient.uid == sender.uid:
        raise BundleError("Et bundt kan ikke sendes til den enhed, det kommer fra.")
    manifest = Manifest(
        bundle_id=str(uuid.uuid4()),
        kind=kind,
        created_at=now,
        app_version=__version__,
        sender=sender,
        recipient=recipient,
        citizen=CitizenRef(content.citizen.uid, content.citizen.cpr, content.citizen.name),
        members=(),
    )
    pdfs: tuple[PendingPdf, ...] = ()
    if include_pdfs:
        pdfs = _pdf_makers(
            session, kind, citizen_id, now.astimezone().date(), _exported_order_id(session, content)
        )
    return _ReadBundle(content, manifest, pdfs)


def _make_bundle(read: _ReadBundle, to: crypto.EncryptTo) -> _MadeBundle:
    """Step 2: the encrypted bundle, from plain data alone (no session, no transaction)."""
    content = read.content
    members = {
        FHIR_MEMBER: json.dumps(
            to_fhir(content, read.manifest), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
    }
    members.update((name, render()) for name, render in read.pdfs)
    manifest = dataclasses.replace(
        read.manifest,
        members=tuple(
            Member(name, hashlib.sha256(body).hexdigest(), len(body), media_type_for(name))
            for name, body in members.items()
        ),
    )
    packed = archive.pack({MANIFEST_NAME: manifest.to_json_bytes(), **members})
    data = crypto.encrypt(packed, to)
    return _MadeBundle(
        manifest=manifest,
        data=data,
        file_sha256=hashlib.sha256(data).hexdigest(),
        citizen_uid=content.citizen.uid,
        counts=content.counts(),
        sync=sync_entries(content),
    )


def _record_export(
    session: Session,
    made: _MadeBundle,
    *,
    actor: Actor,
    citizen_id: int,
    encryption: str,
    file_name: str | None,
) -> None:
    """Step 3: the ledger's receipt, the sync state and the audit event (one write session)."""
    manifest = made.manifest
    session.add(
        BundleReceipt.of_bundle(
            manifest,
            direction="export",
            file_sha256=made.file_sha256,
            citizen_id=citizen_id,
            citizen_uid=made.citizen_uid,
            actor_name=actor.name,
            summary=made.counts,
        )
    )
    store_sync(session, made.sync, manifest.bundle_id)
    record_event(
        session,
        "bundle_export",
        citizen_id=citizen_id,
        details={
            "bundle_id": manifest.bundle_id,
            "kind": manifest.kind.value,
            "recipient": manifest.recipient.to_json(),
            "encryption": encryption,
            "file_sha256": made.file_sha256,
            "file": file_name,
            "counts": made.counts,
        },
    )


#: How often an export gives records a uid and reads again before it gives up (a bulk writer
#: adding records without uid at that very moment, again and again).
_UID_ATTEMPTS = 3


def _read_with_uids(unit: UnitFile, actor: Actor, citizen_id: int, **options: Any) -> _ReadBundle:
    """Step 1 with its one possible write: uids for records that have none, then the reading."""
    for _attempt in range(_UID_ATTEMPTS):
        with unit.snapshot() as session:
            if not missing_uids(session, citizen_id):
                return _read_bundle(session, citizen_id=citizen_id, **options)
        with unit.write(actor) as session:
            ensure_uids(session, citizen_id)
    raise BundleError("Borgerens oplysninger ændres netop nu af et andet program; prøv igen om lidt.")


def build_bundle(
    session: Session,
    *,
    kind: BundleKind,
    citizen_id: int,
    to: crypto.EncryptTo,
    recipient: Party | None = None,
    order_id: int | None = None,
    include_pdfs: bool = True,
    now: dt.datetime | None = None,
) -> tuple[Manifest, bytes, c.BundleContent]:
    """The encrypted bundle bytes, all inside the caller's write session; nothing is recorded.

    ``export_bundle`` does not use this: it reads, makes and records in separate steps so that
    the write lock is not held while the bundle is made.
    """
    ensure_uids(session, citizen_id)
    read = _read_bundle(
        session, kind=kind, citizen_id=citizen_id, recipient=recipient, order_id=order_id,
        include_pdfs=include_pdfs, now=now or utc_now(),
    )  # fmt: skip
    made = _make_bundle(read, to)
    return made.manifest, made.data, read.content


def export_bundle(
    unit: UnitFile,
    actor: Actor,
    *,
    kind: BundleKind | str,
    citizen_id: int,
    to: crypto.EncryptTo,
    out: Path | str | None = None,
    recipient: Party | None = None,
    order_id: int | None = None,
    include_pdfs: bool = True,
    replace: bool = False,
) -> ExportResult:
    """Write a ``kind`` bundle about the citizen encrypted to ``to``; audited and ledgered.

    ``out`` is the file to write: never a unit file, a backup or one of their companions, and
    an existing file only when ``replace`` says the user chose to replace it. Without ``out``
    the bytes are only returned. ``recipient`` defaults to ``default_recipient``. See the
    module text for the three steps and what the unit file's write lock covers.
    """
    target = Path(out) if out is not None else None
    check_export_target(target, replace)  # before the PDFs are rendered for nothing
    prepared = prepare_export(
        unit, actor, kind=kind, citizen_id=citizen_id, recipient=recipient, order_id=order_id,
        include_pdfs=include_pdfs,
    )  # fmt: skip
    made = make_export(prepared, to)
    return record_export(unit, actor, made, out=target, replace=replace)


@dataclasses.dataclass(frozen=True)
class PreparedExport:
    """Step 1's result: what the bundle will carry, as plain data (no session, no lock)."""

    read: _ReadBundle
    citizen_id: int


@dataclasses.dataclass(frozen=True)
class MadeExport:
    """Step 2's result: the encrypted bundle and what the ledger will record about it."""

    made: _MadeBundle
    citizen_id: int
    encryption: str


def check_export_target(target: Path | None, replace: bool) -> None:
    """Refuse a target the bundle may not be written to, before any work is done for it."""
    if target is None:
        return
    try:
        check_target(target, replace=replace)
    except FileRefused as error:
        raise BundleError(error.message) from None


def prepare_export(
    unit: UnitFile,
    actor: Actor,
    *,
    kind: BundleKind | str,
    citizen_id: int,
    recipient: Party | None = None,
    order_id: int | None = None,
    include_pdfs: bool = True,
) -> PreparedExport:
    """Step 1: read the citizen's records in one snapshot (giving uids where a bulk writer
    left none, in a short write of its own). Refused at once on a read-only file."""
    if unit.readonly:
        with unit.write(actor):  # refuses at once, with the file's own reason
            pass
    with unit.write(actor) as session:  # a refused role before any rendering is done for it
        require(session, EXPORT_PERMISSION[bundle_kind(kind)])
    read = _read_with_uids(
        unit, actor, citizen_id, kind=bundle_kind(kind), recipient=recipient, order_id=order_id,
        include_pdfs=include_pdfs, now=utc_now(),
    )  # fmt: skip
    return PreparedExport(read, citizen_id)


def make_export(prepared: PreparedExport, to: crypto.EncryptTo) -> MadeExport:
    """Step 2: the PDFs, the FHIR message, the ZIP and the encryption — no unit access at all,
    so the window runs it where it never holds up a note being saved."""
    encryption = "passphrase" if isinstance(to, crypto.Passphrase) else "key"
    return MadeExport(_make_bundle(prepared.read, to), prepared.citizen_id, encryption)


def record_export(
    unit: UnitFile, actor: Actor, made: MadeExport, *, out: Path | str | None = None, replace: bool = False
) -> ExportResult:
    """Step 3: the bundle durably under a temporary name, then the ledger, sync state and audit
    in one short transaction, and only then the bundle's final name."""
    target = Path(out) if out is not None else None
    bundle = made.made
    with _bundle_file(target, replace) as temporary:
        if temporary is not None and target is not None:  # both or neither
            # Before the ledger is written: a bundle that cannot be written leaves no entry.
            write_durably(temporary, bundle.data, final=target)
        with unit.write(actor) as session:
            require(session, EXPORT_PERMISSION[bundle.manifest.kind])
            _record_export(
                session,
                bundle,
                actor=actor,
                citizen_id=made.citizen_id,
                encryption=made.encryption,
                file_name=target.name if target else None,
            )
        # Leaving ``_bundle_file`` gives the bundle its name: only now that the ledger has it.
    return ExportResult(bundle.manifest, bundle.data, target, bundle.counts)


@contextmanager
def _bundle_file(target: Path | None, replace: bool) -> Iterator[Path | None]:
    """A temporary file beside ``target`` that takes its name only when the block succeeds.

    The block commits the export's transaction, so the bundle appears under its name only
    after the ledger has it; on any failure the temporary file is removed.
    """
    if target is None:
        yield None
        return
    try:
        with atomic_path(target, replace=replace) as temporary:
            yield temporary
    except FileRefused as error:
        raise BundleError(error.message) from None
