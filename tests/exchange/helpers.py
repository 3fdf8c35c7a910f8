"""Shared helpers for the exchange tests: key pairs, worlds on both sides, re-sealed bundles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pyrage
from sqlalchemy import select

from fko_desktop.exchange import (
    BundleKind,
    create_key_pair,
    export_bundle,
    load_identity,
    load_recipient,
    read_bundle,
)
from fko_desktop.exchange.content import plain
from fko_desktop.exchange.format import FHIR_MEMBER, MANIFEST_NAME
from fko_desktop.exchange.snapshot import snapshot
from fko_desktop.models import Actor, StaffMember
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import staff
from fko_desktop.storage.unitfile import UnitFile

CET = dt.timezone(dt.timedelta(hours=1))
#: Adds staff to a unit that has no leder yet (the guided start's bootstrap).
IMPORTER = Actor(None, "Import-test")


def importer(unit: UnitFile) -> Actor:
    """Who imports: an import runs as the logged-in person, here the unit's administrator
    (added first, as the guided start would, when the unit has none)."""
    with unit.read() as session:
        member = session.scalars(
            select(StaffMember).where(
                StaffMember.active.is_(True), StaffMember.role == StaffRole.ADMINISTRATOR
            )
        ).first()
    if member is None:
        member = staff.add_staff(
            unit, IMPORTER, name="Ida Indlæser", initials="IMP", role=StaffRole.ADMINISTRATOR
        ).value
    return staff.actor_for(member)


@dataclasses.dataclass
class Keys:
    identity_path: Path
    recipient_path: Path

    @property
    def identity(self):
        return load_identity(self.identity_path)

    @property
    def recipient(self):
        return load_recipient(self.recipient_path)


def make_keys(folder: Path, name: str = "enhed") -> Keys:
    # A Danish owner name in the comment line, as the window writes it; the age tool must cope.
    made = create_key_pair(folder / f"{name}.key", label=f"{name} – Bostedet Lærkereden")
    return Keys(made.identity_path, made.recipient_path)


def export(unit: UnitFile, actor: Actor, kind: str, citizen_id: int, keys: Keys, **options) -> bytes:
    options.setdefault("include_pdfs", False)
    return export_bundle(unit, actor, kind=kind, citizen_id=citizen_id, to=keys.recipient, **options).data


def transfer_view(unit: UnitFile, citizen_id: int) -> dict:
    """Everything a transfer bundle would carry about the citizen, as plain data."""
    with unit.read() as session:
        return plain(snapshot(session, BundleKind.TRANSFER, citizen_id))


def reseal(
    data: bytes,
    keys: Keys,
    *,
    manifest: Callable[[dict], None] | None = None,
    fhir: Callable[[dict], None] | None = None,
    extra: dict[str, bytes] | None = None,
    fix_hashes: bool = True,
) -> bytes:
    """Open a bundle, change it as an attacker with the recipient's public key could, close it again.

    ``fix_hashes`` keeps the manifest's hashes consistent with the changed members, so the
    change must be caught by a later check (FHIR structure, FKO rules, cross-checks).
    """
    archive = zipfile.ZipFile(io.BytesIO(pyrage.decrypt(data, [keys.identity.identity])))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    manifest_data = json.loads(members.pop(MANIFEST_NAME))
    if fhir is not None:
        message = json.loads(members[FHIR_MEMBER])
        fhir(message)
        members[FHIR_MEMBER] = json.dumps(message).encode()
    members.update(extra or {})
    if fix_hashes:
        for item in manifest_data["members"]:
            body = members[item["name"]]
            item["sha256"], item["size"] = hashlib.sha256(body).hexdigest(), len(body)
    if manifest is not None:
        manifest(manifest_data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(MANIFEST_NAME, json.dumps(manifest_data))
        for name, body in members.items():
            out.writestr(name, body)
    return pyrage.encrypt(buffer.getvalue(), [keys.recipient.recipient])


def resources(
    message: dict, resource_type: str, predicate: Callable[[dict], bool] = lambda r: True
) -> list[dict]:
    return [
        e["resource"]
        for e in message["entry"]
        if e["resource"]["resourceType"] == resource_type and predicate(e["resource"])
    ]


def reread(data: bytes, keys: Keys):
    return read_bundle(data, keys.identity)
