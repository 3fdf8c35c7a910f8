"""Open a bundle file and check everything about it before any unit file is touched.

Order of the checks: a regular file and its size, age decryption (authenticates every byte),
the archive's safety rules, the manifest's size and depth, its format version (before
anything else in it), the manifest, every member's SHA-256 and the member list, the FHIR
JSON's size and depth, FHIR structure, FKO rules with the core's limits on every text and
date, and finally that manifest and FHIR content tell the same story (bundle id, kind,
sender, citizen).
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from fko_desktop.errors import BundleError
from fko_desktop.exchange import archive, crypto
from fko_desktop.exchange.content import BundleContent
from fko_desktop.exchange.fhir import from_fhir
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.format import (
    FHIR_MEMBER,
    MANIFEST_NAME,
    MAX_FHIR_BYTES,
    Manifest,
    load_json,
    parse_manifest,
)
from fko_desktop.exchange.validate import validate_fhir
from fko_desktop.storage.files import FileRefused, read_regular_file


@dataclasses.dataclass(frozen=True)
class ReceivedBundle:
    """A bundle that passed every check: what the preview shows and the import writes."""

    manifest: Manifest
    content: BundleContent
    fhir: dict
    pdfs: dict[str, bytes]
    file_sha256: str

    @property
    def bundle_id(self) -> str:
        return self.manifest.bundle_id


def read_bundle_file(path: Path | str, secret: crypto.DecryptWith) -> ReceivedBundle:
    try:
        # A regular file only: /dev/zero would be read until memory ran out, a FIFO waited on.
        data = read_regular_file(path, max_bytes=crypto.MAX_BUNDLE_BYTES, what="Bundtfilen")
    except FileRefused as error:
        raise BundleError(error.message) from None
    return read_bundle(data, secret)


def read_bundle(data: bytes, secret: crypto.DecryptWith) -> ReceivedBundle:
    """Decrypt and verify a bundle held in memory; raises ``BundleError`` with one Danish line."""
    plain = crypto.decrypt(data, secret)
    members = archive.unpack(plain)
    if MANIFEST_NAME not in members:
        raise BundleError("Bundtet mangler sin indholdsfortegnelse (manifest.json).")
    manifest = parse_manifest(members.pop(MANIFEST_NAME))
    listed = {member.name for member in manifest.members}
    if set(members) != listed:
        missing = sorted(listed - set(members))
        extra = sorted(set(members) - listed)
        detail = f"mangler {', '.join(missing)}" if missing else f"uanmeldt indhold {', '.join(extra)}"
        raise BundleError(f"Bundtets indhold passer ikke med indholdsfortegnelsen ({detail}).")
    for member in manifest.members:
        body = members[member.name]
        if len(body) != member.size or hashlib.sha256(body).hexdigest() != member.sha256:
            raise BundleError(
                f"Kontrolsummen for {member.name} passer ikke; bundtet er ændret eller beskadiget."
            )
    message = load_json(
        members[FHIR_MEMBER], what="Bundtets FHIR-indhold", max_bytes=MAX_FHIR_BYTES, allow_null=False
    )
    validate_fhir(message)
    content = from_fhir(message, manifest.kind)
    _cross_check(manifest, message, content)
    pdfs = {name: body for name, body in members.items() if name.startswith("pdf/")}
    for name, body in pdfs.items():
        if not body.startswith(b"%PDF-"):
            raise BundleError(f"{name} i bundtet er ikke en PDF-fil.")
    return ReceivedBundle(manifest, content, message, pdfs, hashlib.sha256(data).hexdigest())


def _cross_check(manifest: Manifest, message: dict, content: BundleContent) -> None:
    def differs(what: str) -> BundleError:
        return BundleError(f"Indholdsfortegnelsen og bundtets indhold er uenige om {what}; bundtet afvises.")

    if (
        message.get("id") != manifest.bundle_id
        or (message.get("identifier") or {}).get("value") != f"urn:uuid:{manifest.bundle_id}"
    ):
        raise differs("bundtets id")
    citizen = content.citizen
    if (citizen.uid, citizen.cpr, citizen.name) != (
        manifest.citizen.uid,
        manifest.citizen.cpr,
        manifest.citizen.name,
    ):
        raise differs("borgeren")
    header = message["entry"][0]["resource"]
    sender = _organization(message, header.get("sender"))
    sender_uids = [i.get("value") for i in sender.get("identifier") or [] if i.get("system") == m.UNIT_SYSTEM]
    if sender.get("name") != manifest.sender.name or sender_uids != (
        [manifest.sender.uid] if manifest.sender.uid else []
    ):
        raise differs("afsenderen")
    destinations = header.get("destination") or []
    receiver = _organization(message, destinations[0].get("receiver")) if len(destinations) == 1 else {}
    receiver_uids = [
        i.get("value") for i in receiver.get("identifier") or [] if i.get("system") == m.UNIT_SYSTEM
    ]
    if receiver.get("name") != manifest.recipient.name or receiver_uids != (
        [manifest.recipient.uid] if manifest.recipient.uid else []
    ):
        raise differs("modtageren")


def _organization(message: dict, reference: object) -> dict:
    target = reference.get("reference") if isinstance(reference, dict) else None
    for entry in message.get("entry") or []:
        if entry.get("fullUrl") == target and entry["resource"].get("resourceType") == "Organization":
            return entry["resource"]
    raise BundleError("Bundtets afsender eller modtager mangler i FHIR-indholdet.")
