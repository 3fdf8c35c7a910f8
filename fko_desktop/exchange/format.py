"""The bundle format: version, kinds, member names and the manifest (see docs/bundle-format.md).

A bundle is an age-encrypted ZIP archive. ``manifest.json`` at its root names the format
version, the kind, who sent it to whom, about which citizen, and the SHA-256 and media type of
every other member. This module only knows the manifest's shape; reading the archive safely is
``archive``'s job and checking the hashes is ``reader``'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
from typing import Any

from fko_desktop.errors import BundleError, ValidationError
from fko_desktop.models.limits import MAX_LINE_CHARS, check_date

FILE_SUFFIX = ".fkob"
FORMAT_NAME = "fko-bundle"
#: The version this program writes. It reads every version from 1 up to this one.
FORMAT_VERSION = 1
OLDEST_READABLE_VERSION = 1

MANIFEST_NAME = "manifest.json"
FHIR_MEMBER = "fhir/message.json"
FHIR_MEDIA_TYPE = "application/fhir+json; fhirVersion=4.0"
PDF_MEDIA_TYPE = "application/pdf"

# Every member other than the manifest lives in one of two folders, with a plain lower-case
# name; anything else in an archive is refused before it is read (see ``archive``).
MEMBER_NAME = re.compile(r"^(?:fhir/[a-z0-9][a-z0-9-]{0,62}\.json|pdf/[a-z0-9][a-z0-9-]{0,62}\.pdf)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_MEDIA_TYPES = {"fhir": FHIR_MEDIA_TYPE, "pdf": PDF_MEDIA_TYPE}

#: FKO's own FHIR nests about a dozen levels and its manifest three. Deeper JSON is not a
#: bundle, and a parser or any code that walks the result recursively can be made to
#: exhaust the stack with a few kilobytes of brackets.
MAX_JSON_DEPTH = 64
#: A manifest lists at most 64 members: a few kilobytes.
MAX_MANIFEST_BYTES = 1024 * 1024
#: The whole history of one citizen; the same cap as one archive member.
MAX_FHIR_BYTES = 64 * 1024 * 1024


class BundleKind(enum.StrEnum):
    ORDER = "order"  # authority → unit: a bestilling
    STATUS = "status"  # unit → authority: status report, goal statuses, graphs
    FOLLOWUP = "followup"  # authority → unit: the follow-up's result
    TRANSFER = "transfer"  # unit → unit: a citizen's whole history

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    BundleKind.ORDER: "Bestilling",
    BundleKind.STATUS: "Status til myndighed",
    BundleKind.FOLLOWUP: "Resultat af opfølgning",
    BundleKind.TRANSFER: "Overflytning af borger",
}


@dataclasses.dataclass(frozen=True)
class Party:
    """A sender or recipient: a unit file's identity (uid) and the organisation's name."""

    name: str
    uid: str | None = None
    organisation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"uid": self.uid, "name": self.name, "organisation": self.organisation}

    def describe(self) -> str:
        if self.organisation and self.organisation != self.name:
            return f"{self.name} ({self.organisation})"
        return self.name


@dataclasses.dataclass(frozen=True)
class CitizenRef:
    uid: str
    cpr: str
    name: str


@dataclasses.dataclass(frozen=True)
class Member:
    name: str
    sha256: str
    size: int
    media_type: str


@dataclasses.dataclass(frozen=True)
class Manifest:
    bundle_id: str
    kind: BundleKind
    created_at: dt.datetime
    app_version: str
    sender: Party
    recipient: Party
    citizen: CitizenRef
    members: tuple[Member, ...]
    format_version: int = FORMAT_VERSION

    def to_json_bytes(self) -> bytes:
        data = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "bundle_id": self.bundle_id,
            "kind": self.kind.value,
            "created_at": self.created_at.isoformat(),
            "app_version": self.app_version,
            "sender": self.sender.to_json(),
            "recipient": self.recipient.to_json(),
            "citizen": dataclasses.asdict(self.citizen),
            "members": [dataclasses.asdict(m) for m in self.members],
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")

    def member(self, name: str) -> Member | None:
        return next((m for m in self.members if m.name == name), None)


# -- JSON that comes in ------------------------------------------------------------------------


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def printable(text: str) -> str:
    """``text`` fit for a one-line message: line breaks as spaces, other control characters as "�".

    Messages quote values from the bundle, and a value can hold anything.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " if ch.isspace() else "\ufffd" for ch in text)


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON; Python's parser accepts them unless told otherwise.
    raise ValueError(name)


def load_json(raw: bytes, *, what: str, max_bytes: int, allow_null: bool = True) -> Any:
    """Parse JSON from a bundle with caps on size and depth; ``what`` begins each message.

    The size is checked before parsing; the depth is checked twice: the parser gives up
    with RecursionError on very deep input, and the parsed result is measured without
    recursion, so nothing later that walks it can be the one to run out of stack.
    ``allow_null=False`` refuses ``null`` anywhere (FHIR allows none where FKO writes).
    """
    if len(raw) > max_bytes:
        raise BundleError(
            f"{what} fylder {_thousands(len(raw))} byte; højst {_thousands(max_bytes)} er tilladt."
        )
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise BundleError(f"{what} er indlejret dybere end {MAX_JSON_DEPTH} niveauer og afvises.") from None
    except (UnicodeDecodeError, ValueError):  # JSONDecodeError, NaN, an integer of 5,000 digits
        raise BundleError(f"{what} er ikke gyldig JSON.") from None
    problem = _shape_problem(data, allow_null)
    if problem:
        raise BundleError(f"{what} {problem}.")
    return data


def _shape_problem(data: Any, allow_null: bool) -> str | None:
    """Why parsed JSON is refused (too deep, text that is not Unicode, null), or None; no recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if value is None and not allow_null:
            # fhir.resources reads null as "absent", but code reading the dict sees None.
            return "indeholder en tom værdi (null) og afvises"
        if isinstance(value, str):
            if _broken_text(value):
                return "indeholder tekst med ugyldige tegn (enlige surrogattegn) og afvises"
            continue
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return f"er indlejret dybere end {MAX_JSON_DEPTH} niveauer og afvises"
        stack.extend((child, depth + 1) for child in children if not isinstance(child, (int, float)))
    return None


def _broken_text(text: str) -> bool:
    # A "\ud800" escape parses to a lone surrogate, which no file, database or terminal can
    # encode: it would fail far from here, as an unexpected error.
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- parsing -------------------------------------------------------------------------------------

_DAMAGED = "Bundtets indholdsfortegnelse (manifest.json) er ugyldig"


def _fail(detail: str) -> BundleError:
    return BundleError(f"{_DAMAGED}: {printable(detail)}.")


def _text(data: dict[str, Any], key: str, *, limit: int = MAX_LINE_CHARS) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise _fail(f"feltet »{key}« mangler eller er ikke en tekst")
    return value


def _optional_text(data: dict[str, Any], key: str, *, limit: int = MAX_LINE_CHARS) -> str | None:
    return None if data.get(key) is None else _text(data, key, limit=limit)


def _uid(data: dict[str, Any], key: str) -> str:
    value = _text(data, key, limit=36)
    if not _UUID.match(value):
        raise _fail(f"feltet »{key}« er ikke et gyldigt id")
    return value


def _optional_uid(data: dict[str, Any], key: str) -> str | None:
    return None if data.get(key) is None else _uid(data, key)


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _fail(f"feltet »{key}« mangler")
    return value


def _party(data: dict[str, Any]) -> Party:
    return Party(
        name=_text(data, "name"),
        uid=_optional_uid(data, "uid"),
        organisation=_optional_text(data, "organisation"),
    )


def check_format_version(data: object) -> int:
    """The manifest's format version, refused when this program cannot read it.

    Checked before anything else in the manifest: a newer format may have changed the rest.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BundleError("Filen er ikke et FKO-bundt (manifest.json mangler formatangivelsen).")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail("formatversionen er ikke et positivt heltal")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"Bundtet er lavet med en nyere version af FKO Desktop (format {version}); opdatér programmet."
        )
    if version < OLDEST_READABLE_VERSION:
        raise BundleError(f"Bundtet har et forældet format ({version}), som ikke længere kan læses.")
    return version


def parse_manifest(raw: bytes) -> Manifest:
    data = load_json(raw, what="Bundtets indholdsfortegnelse (manifest.json)", max_bytes=MAX_MANIFEST_BYTES)
    version = check_format_version(data)
    try:
        kind = BundleKind(data.get("kind"))
    except ValueError:
        raise _fail(f"ukendt slags bundt »{str(data.get('kind'))[:20]}«") from None
    created_text = _text(data, "created_at", limit=40)
    try:
        created_at = dt.datetime.fromisoformat(created_text)
    except ValueError:
        raise _fail("oprettelsestidspunktet er ugyldigt") from None
    if created_at.tzinfo is None:
        raise _fail("oprettelsestidspunktet mangler tidszone")
    try:
        check_date(created_at, "created_at")
    except ValidationError:
        # Year 1 or 9999 breaks the conversion to local time the preview makes.
        raise _fail(f"oprettelsestidspunktet {created_text} ligger uden for 1900–2100") from None
    citizen = _object(data, "citizen")
    raw_members = data.get("members")
    if not isinstance(raw_members, list) or not raw_members or len(raw_members) > 64:
        raise _fail("listen over indhold mangler")
    members = []
    for item in raw_members:
        if not isinstance(item, dict):
            raise _fail("listen over indhold er ugyldig")
        name = _text(item, "name", limit=80)
        if not MEMBER_NAME.match(name):
            raise _fail(f"ugyldigt navn på indhold »{name[:40]}«")
        sha = _text(item, "sha256", limit=64)
        if not _SHA256.match(sha):
            raise _fail(f"ugyldig SHA-256 for {name}")
        size = item.get("size")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise _fail(f"ugyldig størrelse for {name}")
        media_type = _text(item, "media_type", limit=80)
        if media_type != _MEDIA_TYPES[name.split("/", 1)[0]]:
            raise _fail(f"forkert medietype for {name}")
        members.append(Member(name, sha, size, media_type))
    if len({m.name for m in members}) != len(members):
        raise _fail("det samme indhold står der to gange")
    if not any(m.name == FHIR_MEMBER for m in members):
        raise _fail(f"{FHIR_MEMBER} mangler")
    return Manifest(
        bundle_id=_uid(data, "bundle_id"),
        kind=kind,
        created_at=created_at,
        app_version=_text(data, "app_version", limit=40),
        sender=_party(_object(data, "sender")),
        recipient=_party(_object(data, "recipient")),
        citizen=CitizenRef(
            uid=_uid(citizen, "uid"),
            cpr=_text(citizen, "cpr", limit=11),
            name=_text(citizen, "name"),
        ),
        members=tuple(members),
        format_version=version,
    )


def media_type_for(name: str) -> str:
    return _MEDIA_TYPES[name.split("/", 1)[0]]
