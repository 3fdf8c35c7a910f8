"""What the resource modules share: the element helpers of both directions and the two bases.

Each resource module (``citizen``, ``order``, ``status``, ``journal``, ``follow_up``) holds a
part of the writer on ``WriterBase`` and a part of the reader on ``ReaderBase``; ``bundle``
composes the parts. The writer builds elements with the helpers of the first half here and adds
resources with ``WriterBase.add``; the reader reads elements with the helpers of the second half
and refuses with ``refuse``. The two halves share a namespace, so where both directions had a
helper for the same element the names say which way they go: ``ext`` builds an extension and
``ext_value`` reads one, ``legal_exts``/``read_legal``, ``author_ext``/``read_author``,
``record_kind_concept``/``record_kind_of``. These are the mapping's own helpers, shared by its
modules, not an API of the exchange package (``fhir/__init__`` exports that).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from fko_desktop.errors import BundleError, FkoError
from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.format import MAX_FHIR_BYTES, BundleKind, load_json, printable
from fko_desktop.models.catalogs import function_level_code, load_catalog
from fko_desktop.models.scores import NOT_ASSESSED, Score

Json = dict[str, Any]


# == writing: FKO content → FHIR elements ==========================================================


ORDER_STATUS = {
    "received": "active",
    "accepted": "active",
    "returned": "active",
    "replaced": "revoked",
    "ended": "completed",
}
PLAN_STATUS = {"draft": "draft", "active": "active", "ended": "completed"}
SUB_GOAL_STATUS = {"active": "active", "achieved": "completed", "paused": "on-hold", "ended": "cancelled"}


def instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def coding(system: str, code: str, display: str | None = None) -> Json:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def concept(system: str, code: str, display: str | None = None) -> Json:
    return {"coding": [coding(system, code, display)]}


def care_social(pair: tuple[str, str]) -> Json:
    return concept(m.CARE_SOCIAL_SYSTEM, *pair)


def catalog_concept(catalog_id: str, code: str) -> Json:
    display = load_catalog(catalog_id).display(code)
    return concept(m.catalog_system(catalog_id), code, display)


def record_kind_concept(kind: str) -> Json:
    return concept(m.RECORD_KIND_SYSTEM, kind, m.RECORD_KIND_DISPLAY[kind])


def level(score: Any) -> Json | None:
    """A score as the FFB funktionsevneniveau code (``NOT_ASSESSED`` → "Ikke vurderet")."""
    if score is None:
        return None
    return catalog_concept("ffb", function_level_code(score))


def ext(name: str, kind: str, value: Any) -> list[Json]:
    """One extension, or none when the value is empty (FHIR allows no empty elements)."""
    if value is None or value == "":
        return []
    if kind == "valueDate":
        value = value.isoformat()
    elif kind == "valueTime":
        value = value.isoformat(timespec="seconds")  # FHIR's time is hh:mm:ss
    elif kind == "valueDateTime":
        value = instant(value)
    return [{"url": m.ext_url(name), kind: value}]


def exts(*items: tuple[str, str, Any]) -> list[Json]:
    return [e for item in items for e in ext(*item)]


def legal_exts(legal: c.Legal) -> list[Json]:
    result = exts(
        ("record-version", "valueInteger", legal.version),
        ("created-at", "valueDateTime", legal.created_at),
        ("updated-at", "valueDateTime", legal.updated_at),
        ("withdrawn-at", "valueDateTime", legal.withdrawn_at),
        ("withdrawal-reason", "valueString", legal.withdrawal_reason),
    )
    for earlier in legal.earlier:
        result.append(
            {
                "url": m.ext_url("earlier-version"),
                "extension": [
                    {"url": "version", "valueInteger": earlier.version},
                    {"url": "saved-at", "valueDateTime": instant(earlier.saved_at)},
                    {
                        "url": "content",
                        "valueString": json.dumps(earlier.data, ensure_ascii=False, sort_keys=True),
                    },
                ],
            }
        )
    return result


def legal_meta(legal: c.Legal) -> Json:
    stamp = legal.updated_at or legal.created_at
    meta: Json = {"versionId": str(legal.version)}
    if stamp:
        meta["lastUpdated"] = instant(stamp)
    return meta


def _observation_status(legal: c.Legal) -> str:
    if legal.withdrawn_at is not None:
        return "entered-in-error"
    return "amended" if legal.version > 1 else "final"


def author_ext(author: c.Author) -> list[Json]:
    return [
        {
            "url": m.ext_url("author"),
            "extension": [
                {"url": "name", "valueString": author.name},
                {"url": "initials", "valueString": author.initials},
            ],
        }
    ]


class WriterBase:
    """The state the parts of the writer share: the content, the patient reference and the
    entries written so far, with the resources more than one part writes (the support need of
    an order or a follow-up, and the frame of every FKO record Observation)."""

    def __init__(self, content: c.BundleContent) -> None:
        self.content = content
        self.patient_ref = m.ref(content.citizen.uid)
        self.entries: list[Json] = []

    def add(self, resource: Json) -> None:
        self.entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})

    def _support_need(self, resource_id: str, code: str, encounter: str | None = None) -> Json:
        observation: Json = {
            "resourceType": "Observation",
            "id": resource_id,
            "status": "final",
            "category": [record_kind_concept(m.KIND_SUPPORT_NEED)],
            "code": care_social(m.EVALUATION_SUPPORT_NEED),
            "subject": self.patient_ref,
            "valueCodeableConcept": catalog_concept("ffb", code),
        }
        if encounter:
            observation["encounter"] = m.ref(encounter)
        return observation

    def _observation(self, uid: str, kind: str, legal: c.Legal, code: Json, extensions: list[Json]) -> Json:
        return {
            "resourceType": "Observation",
            "id": uid,
            "meta": legal_meta(legal),
            "status": _observation_status(legal),
            "category": [record_kind_concept(kind)],
            "code": code,
            "subject": self.patient_ref,
            "extension": extensions + legal_exts(legal),
        }


# == reading: FHIR elements → FKO content ==========================================================

_MAX_EARLIER_VERSION_CHARS = 200_000


def refuse(detail: str) -> BundleError:
    return BundleError(f"Bundtet kan ikke indlæses: {printable(detail)}")


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


class _Resources:
    """The bundle's resources by id and by type, with the reference rules checked."""

    def __init__(self, message: Json) -> None:
        self.by_id: dict[str, Json] = {}
        self.by_type: dict[str, list[Json]] = {}
        for entry in message.get("entry") or []:
            resource = entry.get("resource")
            if not isinstance(resource, dict) or "id" not in resource:
                raise refuse("en post i bundtet mangler sit id.")
            resource_id = resource["id"]
            if entry.get("fullUrl") != f"urn:uuid:{resource_id}":
                raise refuse(f"posten {resource_id[:40]} har en fullUrl, der ikke passer til dens id.")
            if resource_id in self.by_id:
                raise refuse(f"id'et {resource_id[:40]} står to gange i bundtet.")
            self.by_id[resource_id] = resource
            self.by_type.setdefault(resource["resourceType"], []).append(resource)

    def of(self, resource_type: str) -> list[Json]:
        return self.by_type.get(resource_type, [])

    def target(self, reference: Any, resource_type: str | None = None, *, required: bool = True) -> str:
        """The id a ``urn:uuid:`` reference points at, checked to be in the bundle (unless not
        ``required``: then it may point outside, at a record the receiver already has)."""
        value = reference.get("reference") if isinstance(reference, dict) else None
        if not isinstance(value, str) or not value.startswith("urn:uuid:"):
            raise refuse("en henvisning i bundtet er ikke på formen urn:uuid:….")
        resource_id = value.removeprefix("urn:uuid:")
        resource = self.by_id.get(resource_id)
        if resource is None:
            if required:
                raise refuse(f"en henvisning peger på {resource_id[:40]}, som ikke er i bundtet.")
            return resource_id
        if resource_type and resource["resourceType"] != resource_type:
            raise refuse(
                f"en henvisning peger på en {resource['resourceType']}, hvor der skulle stå {resource_type}."
            )
        return resource_id


# -- element helpers --------------------------------------------------------------------------------


def find_extensions(resource: Json, name: str) -> list[Json]:
    url = m.ext_url(name)
    return [e for e in resource.get("extension") or [] if e.get("url") == url]


def ext_value(resource: Json, name: str, kind: str) -> Any:
    found = find_extensions(resource, name)
    if not found:
        return None
    if len(found) > 1:
        raise refuse(f"udvidelsen »{name}« står mere end én gang.")
    if kind not in found[0]:
        raise refuse(f"udvidelsen »{name}« har en forkert værditype.")
    return found[0][kind]


def read_date(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        # FHIR allows "2025" or "2025-03"; an FKO date is always a whole day.
        raise refuse(f"{what} er ikke en hel dato (fik »{str(value)[:20]}«).") from None


def read_time(value: Any, what: str) -> dt.time | None:
    if value is None:
        return None
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise refuse(f"{what} er ikke et klokkeslæt (fik »{str(value)[:20]}«).") from None


def read_instant(value: Any, what: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise refuse(f"{what} er ikke et tidspunkt (fik »{str(value)[:30]}«).") from None
    if parsed.tzinfo is None or "T" not in str(value):
        raise refuse(f"{what} skal være et tidspunkt med tidszone (fik »{str(value)[:30]}«).")
    return parsed


def codings_of(concept: Any) -> list[Json]:
    return list(concept.get("coding") or []) if isinstance(concept, dict) else []


def code_in(concept: Any, system: str) -> str | None:
    codes = [x.get("code") for x in codings_of(concept) if x.get("system") == system]
    if len(codes) > 1:
        raise refuse(f"et felt har flere koder fra {system}.")
    return codes[0] if codes else None


def has_code(concept: Any, system: str, code: str) -> bool:
    return any(x.get("system") == system and x.get("code") == code for x in codings_of(concept))


def record_kind_of(resource: Json) -> str | None:
    for category in resource.get("category") or []:
        code = code_in(category, m.RECORD_KIND_SYSTEM)
        if code:
            return code
    return None


def read_score(concept: Any, what: str) -> Score | None:
    """An FFB funktionsevneniveau code back to a score 0–4 or NOT_ASSESSED."""
    if concept is None:
        return None
    code = code_in(concept, m.FFB_SYSTEM)
    entry = load_catalog("ffb").set("function_levels").get(code) if code else None
    if entry is None:
        shown = code or ", ".join(str(x.get("code"))[:20] for x in codings_of(concept)) or "ingen kode"
        raise refuse(f"{what}: »{shown[:40]}« er ikke en gyldig score (0–4 eller Ikke vurderet).")
    return NOT_ASSESSED if entry.score is None else entry.score


def catalog_code(concept: Any, catalog_id: str, set_name: str, what: str, *, selectable: bool = True) -> str:
    code = code_in(concept, m.catalog_system(catalog_id))
    entry = load_catalog(catalog_id).set(set_name).get(code) if code else None
    if code is None or entry is None or (selectable and not entry.selectable):
        raise refuse(f"{what}: koden »{str(code)[:40]}« findes ikke i kataloget.")
    return code


def enum_value(value: Any, enum_cls: Any, what: str, default: Any = None) -> str:
    if value is None:
        if default is None:
            raise refuse(f"{what} mangler.")
        return default.value
    try:
        return enum_cls(value).value
    except ValueError:
        raise refuse(f"{what} »{str(value)[:20]}« er ukendt.") from None


def note_text(resource: Json) -> str | None:
    notes = resource.get("note") or []
    if len(notes) > 1:
        raise refuse("en post har mere end én tekst.")
    return notes[0].get("text") if notes else None


def rule(what: str, check: Callable[..., Any], *args: Any) -> Any:
    """Run one of the product's own checks and report a refusal with the record it concerns."""
    try:
        return check(*args)
    except BundleError:
        raise
    except FkoError as error:
        raise refuse(f"{what}: {error.message}") from None


# -- records ----------------------------------------------------------------------------------------


def read_legal(resource: Json, what: str) -> c.Legal:
    version = ext_value(resource, "record-version", "valueInteger") or 1
    if version < 1 or version > 10_000:
        raise refuse(f"{what}: ugyldigt versionsnummer.")
    earlier = []
    for item in find_extensions(resource, "earlier-version"):
        parts = {p.get("url"): p for p in item.get("extension") or []}
        try:
            number = parts["version"]["valueInteger"]
            saved_at = read_instant(parts["saved-at"]["valueDateTime"], f"{what}, tidligere version")
            text = parts["content"]["valueString"]
        except (KeyError, TypeError):
            raise refuse(f"{what}: en tidligere version er ufuldstændig.") from None
        if len(text) > _MAX_EARLIER_VERSION_CHARS:
            raise refuse(f"{what}: en tidligere version er for stor.")
        try:
            # The same caps as the bundle's own JSON: this text is parsed again here.
            data = load_json(text.encode("utf-8"), what="En tidligere version", max_bytes=MAX_FHIR_BYTES)
        except BundleError:
            data = None
        if (
            not isinstance(data, dict)
            or not isinstance(number, int)
            or not 1 <= number < version
            or saved_at is None
        ):
            raise refuse(f"{what}: en tidligere version er ugyldig.")
        earlier.append(c.EarlierVersion(number, saved_at, data))
    withdrawn_at = read_instant(
        ext_value(resource, "withdrawn-at", "valueDateTime"), f"{what}, tilbagetrukket"
    )
    reason = ext_value(resource, "withdrawal-reason", "valueString")
    if withdrawn_at is not None and not (reason or "").strip():
        raise refuse(f"{what}: en tilbagetrækning mangler sin begrundelse.")
    return c.Legal(
        version=version,
        created_at=read_instant(ext_value(resource, "created-at", "valueDateTime"), f"{what}, oprettet"),
        updated_at=read_instant(ext_value(resource, "updated-at", "valueDateTime"), f"{what}, rettet"),
        withdrawn_at=withdrawn_at,
        withdrawal_reason=reason if withdrawn_at else None,
        earlier=tuple(sorted(earlier, key=lambda v: v.version)),
    )


def read_author(resource: Json, what: str) -> c.Author:
    found = find_extensions(resource, "author")
    parts = (
        {p.get("url"): p.get("valueString") for p in (found[0].get("extension") or [])}
        if len(found) == 1
        else {}
    )
    name, initials = parts.get("name"), parts.get("initials")
    if not (isinstance(name, str) and name.strip() and isinstance(initials, str) and initials.strip()):
        raise refuse(f"{what}: forfatteren mangler.")
    return c.Author(name.strip(), initials.strip()[:12])


class ReaderBase:
    """The state the parts of the reader share: the resources, and the goals and sub-goals
    read so far (what later records may point at)."""

    def __init__(self, message: Json, kind: BundleKind) -> None:
        self.kind = kind
        self.resources = _Resources(message)
        self.goal_uids: set[str] = set()
        self.sub_goal_uids: set[str] = set()

    def _observations(self, kind: str) -> Iterable[Json]:
        return (o for o in self.resources.of("Observation") if record_kind_of(o) == kind)

    def _focus(self, observation: Json, known: set[str], what: str, label: str) -> str:
        focus = observation.get("focus") or []
        if len(focus) != 1:
            raise refuse(f"{what} skal handle om præcis ét {label}.")
        uid = self.resources.target(focus[0], "Goal")
        if uid not in known:
            raise refuse(f"{what} handler om et {label}, der ikke er med i bundtet.")
        return uid
