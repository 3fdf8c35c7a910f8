"""What the unit file remembers about exchange bundles: which bundles came and went, and the
content of every record as it was last exchanged.

Records that travel in bundles carry a ``uid`` (a UUID, see ``ExchangeUid``): the same record
keeps the same uid in every unit file it reaches, so a re-import finds it again instead of
creating a copy, and a status sent back to the authority lands on the authority's own goals.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from fko_desktop.models.base import Base, IdMixin, utc_now


def new_uid() -> str:
    return str(uuid.uuid4())


class ExchangeUid:
    """A stable identity across unit files.

    Nullable because bulk writers (the demo builder's raw inserts, files migrated from 0002
    before their backfill) may leave it empty; the exporter gives such rows a uid the first
    time they are sent.
    """

    @declared_attr
    def uid(cls) -> Mapped[str | None]:
        return mapped_column(String(36), default=new_uid, nullable=True, unique=True, index=True)


class BundleReceipt(IdMixin, Base):
    """One bundle this unit has imported or exported: the ledger that makes a second import of
    the same bundle a no-op and lets the status go back to whoever sent the order."""

    __tablename__ = "bundle_receipt"
    __table_args__ = (Index("uq_bundle_receipt_bundle_direction", "bundle_id", "direction", unique=True),)

    bundle_id: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(8))  # "import" or "export"
    kind: Mapped[str] = mapped_column(String(16))
    format_version: Mapped[int]
    # SHA-256 of the encrypted file, so "this exact file" can be recognised in a support case.
    file_sha256: Mapped[str] = mapped_column(String(64))
    sender_uid: Mapped[str | None] = mapped_column(String(36))
    sender_name: Mapped[str]
    recipient_uid: Mapped[str | None] = mapped_column(String(36))
    recipient_name: Mapped[str | None]
    citizen_id: Mapped[int | None] = mapped_column(index=True)
    citizen_uid: Mapped[str | None] = mapped_column(String(36))
    bundle_created_at: Mapped[dt.datetime]
    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    actor_name: Mapped[str]
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The unit's hash-chain heads as the bundle's transaction left them (set when it commits,
    #: ``storage/chain_seal.py``): a later file with shorter chains was cut.
    chain_head: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    @classmethod
    def of_bundle(
        cls,
        manifest: Any,
        *,
        direction: str,
        file_sha256: str,
        citizen_id: int | None,
        citizen_uid: str | None,
        actor_name: str,
        summary: dict[str, Any],
    ) -> BundleReceipt:
        """The ledger row for a bundle, its facts taken from the bundle's manifest (any object
        with the manifest's fields: the models do not import the exchange package)."""
        return cls(
            bundle_id=manifest.bundle_id,
            direction=direction,
            kind=manifest.kind.value,
            format_version=manifest.format_version,
            file_sha256=file_sha256,
            sender_uid=manifest.sender.uid,
            sender_name=manifest.sender.name,
            recipient_uid=manifest.recipient.uid,
            recipient_name=manifest.recipient.name,
            citizen_id=citizen_id,
            citizen_uid=citizen_uid,
            bundle_created_at=manifest.created_at,
            actor_name=actor_name,
            summary=summary,
        )


class SyncState(Base):
    """The content hash of a record as it was last exchanged (sent or received).

    The common ancestor of a three-way comparison: when a bundle brings a record that differs
    from the local one, the record was changed here if the local hash differs from this one,
    and there if the incoming hash does. Changed on both sides is a conflict, never a silent
    overwrite.
    """

    __tablename__ = "sync_state"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_type: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    bundle_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
