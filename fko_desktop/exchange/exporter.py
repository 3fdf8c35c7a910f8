"""Write a bundle: read the citizen's records, map them to FHIR, add the PDFs, pack, encrypt.

One write transaction: missing uids are filled in, the export is audited and entered in the
bundle ledger, and the sync state remembers what was sent. The file appears under its final
name only after that transaction has committed, so a failed export leaves neither a file nor
a trace.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from fko_desktop import __version__
from fko_desktop.errors import BundleError
from fko_desktop.exchange import archive, crypto
from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir_out import to_fhir
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
from fko_desktop.exchange.snapshot import ensure_uids, snapshot
from fko_desktop.models import Actor, BundleReceipt, Citizen, Order, SyncState, Unit
from fko_desktop.models.base import utc_now
from fko_desktop.models.history import record_event
from fko_desktop.storage.files import FileRefused, atomic_path, write_durably
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


def _pdfs(
    session: Session, kind: BundleKind, citizen_id: int, today: dt.date, order_id: int | None = None
) -> dict[str, bytes]:
    """The human-readable part, from the reports core (see docs/bundle-format.md).

    ``order_id`` is the order an order bundle carries, so its PDF shows that very order and
    not whichever one the report would pick as the citizen's current order.
    """
    from fko_desktop.reports import ReportKind, ReportOptions, render_report

    options = ReportOptions(today=today)
    if kind is BundleKind.STATUS:
        # The status report carries the målstatus graph of every goal.
        return {"pdf/status.pdf": render_report(session, ReportKind.STATUS, citizen_id, options)}
    if kind is BundleKind.ORDER:
        # The order document: what the caseworker ordered, without the sender's own plan.
        order_options = ReportOptions(today=today, order_id=order_id)
        return {"pdf/bestilling.pdf": render_report(session, ReportKind.ORDER, citizen_id, order_options)}
    if kind is BundleKind.TRANSFER:
        return {"pdf/plan.pdf": render_report(session, ReportKind.PLAN, citizen_id, options)}
    return {}


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
    return records


def remember_sync(session: Session, content: c.BundleContent, bundle_id: str) -> None:
    """Store each record's content hash as the common ancestor for the next exchange.

    Core statements, not the ORM: these rows are bookkeeping, and auditing thousands of them
    would bury the one audit event that says what happened.
    """
    now = utc_now()
    rows = [
        {
            "uid": record.uid,
            "record_type": record_type,
            "content_sha256": c.content_hash(record),
            "bundle_id": bundle_id,
            "at": now,
        }
        for record_type, record in _records(content)
    ]
    for start in range(0, len(rows), 500):
        statement = sqlite_insert(SyncState).values(rows[start : start + 500])
        statement = statement.on_conflict_do_update(
            index_elements=["uid"],
            set_={k: statement.excluded[k] for k in ("record_type", "content_sha256", "bundle_id", "at")},
        )
        session.execute(statement)


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
    """The encrypted bundle bytes (inside the caller's write session; nothing is recorded)."""
    ensure_uids(session, citizen_id)
    content = snapshot(session, kind, citizen_id, order_id=order_id)
    citizen = session.get(Citizen, citizen_id)
    now = now or utc_now()
    sender = unit_party(session)
    recipient = recipient or default_recipient(session, kind, citizen)  # type: ignore[arg-type]
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
    members = {
        FHIR_MEMBER: json.dumps(to_fhir(content, manifest), ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8"
        )
    }
    if include_pdfs:
        members.update(
            _pdfs(session, kind, citizen_id, now.astimezone().date(), _exported_order_id(session, content))
        )
    manifest = dataclasses.replace(
        manifest,
        members=tuple(
            Member(name, hashlib.sha256(body).hexdigest(), len(body), media_type_for(name))
            for name, body in members.items()
        ),
    )
    packed = archive.pack({MANIFEST_NAME: manifest.to_json_bytes(), **members})
    return manifest, crypto.encrypt(packed, to), content


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
    the bytes are only returned. ``recipient`` defaults to ``default_recipient``.
    """
    kind = bundle_kind(kind)
    target = Path(out) if out is not None else None
    # The target is checked here, before the PDFs are rendered for nothing.
    with _bundle_file(target, replace) as temporary:
        with unit.write(actor) as session:
            manifest, data, content = build_bundle(
                session,
                kind=kind,
                citizen_id=citizen_id,
                to=to,
                recipient=recipient,
                order_id=order_id,
                include_pdfs=include_pdfs,
            )
            file_sha = hashlib.sha256(data).hexdigest()
            session.add(
                BundleReceipt(
                    bundle_id=manifest.bundle_id,
                    direction="export",
                    kind=kind.value,
                    format_version=manifest.format_version,
                    file_sha256=file_sha,
                    sender_uid=manifest.sender.uid,
                    sender_name=manifest.sender.name,
                    recipient_uid=manifest.recipient.uid,
                    recipient_name=manifest.recipient.name,
                    citizen_id=citizen_id,
                    citizen_uid=content.citizen.uid,
                    bundle_created_at=manifest.created_at,
                    actor_name=actor.name,
                    summary=content.counts(),
                )
            )
            remember_sync(session, content, manifest.bundle_id)
            record_event(
                session,
                "bundle_export",
                citizen_id=citizen_id,
                details={
                    "bundle_id": manifest.bundle_id,
                    "kind": kind.value,
                    "recipient": manifest.recipient.to_json(),
                    "encryption": "passphrase" if isinstance(to, crypto.Passphrase) else "key",
                    "file_sha256": file_sha,
                    "file": target.name if target else None,
                    "counts": content.counts(),
                },
            )
            if temporary is not None:
                # Inside the transaction: a bundle that cannot be written leaves no ledger entry.
                write_durably(temporary, data, final=target)
    return ExportResult(manifest, data, target, content.counts())


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

