"""What every part of the FHIR reader shares: the bundle's resources and the element helpers.

The ``fhir_in_*`` modules each read one part of a bundle (the citizen, the order, the unit's
status, the journal, the follow-up) as a part of ``fhir_in._Reader``; they read elements with
the helpers here and refuse with ``_refuse``. The names keep their leading underscore: they are
the reader's own, shared by its modules, not an API of the exchange package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from fko_desktop.errors import BundleError, FkoError
from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.format import MAX_FHIR_BYTES, BundleKind, load_json, printable
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.scores import NOT_ASSESSED, Score

Json = dict[str, Any]
_MAX_EARLIER_VERSION_CHARS = 200_000


def _refuse(detail: str) -> BundleError:
    return BundleError(f"Bundtet kan ikke indlæses: {printable(detail)}")


def _short(text: str) -> str:
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
                raise _refuse("en post i bundtet mangler sit id.")
            resource_id = resource["id"]
            if entry.get("fullUrl") != f"urn:uuid:{resource_id}":
                raise _refuse(f"posten {resource_id[:40]} har en fullUrl, der ikke passer til dens id.")
            if resource_id in self.by_id:
                raise _refuse(f"id'et {resource_id[:40]} står to gange i bundtet.")
            self.by_id[resource_id] = resource
            self.by_type.setdefault(resource["resourceType"], []).append(resource)

    def of(self, resource_type: str) -> list[Json]:
        return self.by_type.get(resource_type, [])

    def target(self, reference: Any, resource_type: str | None = None, *, required: bool = True) -> str:
        """The id a ``urn:uuid:`` reference points at, checked to be in the bundle (unless not
        ``required``: then it may point outside, at a record the receiver already has)."""
        value = reference.get("reference") if isinstance(reference, dict) else None
        if not isinstance(value, str) or not value.startswith("urn:uuid:"):
            raise _refuse("en henvisning i bundtet er ikke på formen urn:uuid:….")
        resource_id = value.removeprefix("urn:uuid:")
        resource = self.by_id.get(resource_id)
        if resource is None:
            if required:
                raise _refuse(f"en henvisning peger på {resource_id[:40]}, som ikke er i bundtet.")
            return resource_id
        if resource_type and resource["resourceType"] != resource_type:
            raise _refuse(
                f"en henvisning peger på en {resource['resourceType']}, hvor der skulle stå {resource_type}."
            )
        return resource_id


# -- element helpers --------------------------------------------------------------------------------


def _extensions(resource: Json, name: str) -> list[Json]:
    url = m.ext_url(name)
    return [e for e in resource.get("extension") or [] if e.get("url") == url]


def _ext(resource: Json, name: str, kind: str) -> Any:
    found = _extensions(resource, name)
    if not found:
        return None
    if len(found) > 1:
        raise _refuse(f"udvidelsen »{name}« står mere end én gang.")
    if kind not in found[0]:
        raise _refuse(f"udvidelsen »{name}« har en forkert værditype.")
    return found[0][kind]


def _date(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        # FHIR allows "2025" or "2025-03"; an FKO date is always a whole day.
        raise _refuse(f"{what} er ikke en hel dato (fik »{str(value)[:20]}«).") from None


def _instant(value: Any, what: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise _refuse(f"{what} er ikke et tidspunkt (fik »{str(value)[:30]}«).") from None
    if parsed.tzinfo is None or "T" not in str(value):
        raise _refuse(f"{what} skal være et tidspunkt med tidszone (fik »{str(value)[:30]}«).")
    return parsed


def _codings(concept: Any) -> list[Json]:
    return list(concept.get("coding") or []) if isinstance(concept, dict) else []


def _code_in(concept: Any, system: str) -> str | None:
    codes = [x.get("code") for x in _codings(concept) if x.get("system") == system]
    if len(codes) > 1:
        raise _refuse(f"et felt har flere koder fra {system}.")
    return codes[0] if codes else None


def _has_code(concept: Any, system: str, code: str) -> bool:
    return any(x.get("system") == system and x.get("code") == code for x in _codings(concept))


def _record_kind(resource: Json) -> str | None:
    for category in resource.get("category") or []:
        code = _code_in(category, m.RECORD_KIND_SYSTEM)
        if code:
            return code
    return None


def _score(concept: Any, what: str) -> Score | None:
    """An FFB funktionsevneniveau code back to a score 0–4 or NOT_ASSESSED."""
    if concept is None:
        return None
    code = _code_in(concept, m.FFB_SYSTEM)
    entry = load_catalog("ffb").set("function_levels").get(code) if code else None
    if entry is None:
        shown = code or ", ".join(str(x.get("code"))[:20] for x in _codings(concept)) or "ingen kode"
        raise _refuse(f"{what}: »{shown[:40]}« er ikke en gyldig score (0–4 eller Ikke vurderet).")
    return NOT_ASSESSED if entry.score is None else entry.score


def _catalog_code(concept: Any, catalog_id: str, set_name: str, what: str, *, selectable: bool = True) -> str:
    code = _code_in(concept, m.catalog_system(catalog_id))
    entry = load_catalog(catalog_id).set(set_name).get(code) if code else None
    if code is None or entry is None or (selectable and not entry.selectable):
        raise _refuse(f"{what}: koden »{str(code)[:40]}« findes ikke i kataloget.")
    return code


def _optional_code(value: Any, catalog_id: str, set_name: str, what: str) -> str | None:
    if value is None:
        return None
    if load_catalog(catalog_id).set(set_name).get(value) is None:
        raise _refuse(f"{what}: koden »{str(value)[:40]}« findes ikke i kataloget.")
    return value


def _enum(value: Any, enum_cls: Any, what: str, default: Any = None) -> str:
    if value is None:
        if default is None:
            raise _refuse(f"{what} mangler.")
        return default.value
    try:
        return enum_cls(value).value
    except ValueError:
        raise _refuse(f"{what} »{str(value)[:20]}« er ukendt.") from None


def _note_text(resource: Json) -> str | None:
    notes = resource.get("note") or []
    if len(notes) > 1:
        raise _refuse("en post har mere end én tekst.")
    return notes[0].get("text") if notes else None


def _rule(what: str, check: Callable[..., Any], *args: Any) -> Any:
    """Run one of the product's own checks and report a refusal with the record it concerns."""
    try:
        return check(*args)
    except BundleError:
        raise
    except FkoError as error:
        raise _refuse(f"{what}: {error.message}") from None


# -- records ----------------------------------------------------------------------------------------


def _legal(resource: Json, what: str) -> c.Legal:
    version = _ext(resource, "record-version", "valueInteger") or 1
    if version < 1 or version > 10_000:
        raise _refuse(f"{what}: ugyldigt versionsnummer.")
    earlier = []
    for item in _extensions(resource, "earlier-version"):
        parts = {p.get("url"): p for p in item.get("extension") or []}
        try:
            number = parts["version"]["valueInteger"]
            saved_at = _instant(parts["saved-at"]["valueDateTime"], f"{what}, tidligere version")
            text = parts["content"]["valueString"]
        except (KeyError, TypeError):
            raise _refuse(f"{what}: en tidligere version er ufuldstændig.") from None
        if len(text) > _MAX_EARLIER_VERSION_CHARS:
            raise _refuse(f"{what}: en tidligere version er for stor.")
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
            raise _refuse(f"{what}: en tidligere version er ugyldig.")
        earlier.append(c.EarlierVersion(number, saved_at, data))
    withdrawn_at = _instant(_ext(resource, "withdrawn-at", "valueDateTime"), f"{what}, tilbagetrukket")
    reason = _ext(resource, "withdrawal-reason", "valueString")
    if withdrawn_at is not None and not (reason or "").strip():
        raise _refuse(f"{what}: en tilbagetrækning mangler sin begrundelse.")
    return c.Legal(
        version=version,
        created_at=_instant(_ext(resource, "created-at", "valueDateTime"), f"{what}, oprettet"),
        updated_at=_instant(_ext(resource, "updated-at", "valueDateTime"), f"{what}, rettet"),
        withdrawn_at=withdrawn_at,
        withdrawal_reason=reason if withdrawn_at else None,
        earlier=tuple(sorted(earlier, key=lambda v: v.version)),
    )


def _author(resource: Json, what: str) -> c.Author:
    found = _extensions(resource, "author")
    parts = (
        {p.get("url"): p.get("valueString") for p in (found[0].get("extension") or [])}
        if len(found) == 1
        else {}
    )
    name, initials = parts.get("name"), parts.get("initials")
    if not (isinstance(name, str) and name.strip() and isinstance(initials, str) and initials.strip()):
        raise _refuse(f"{what}: forfatteren mangler.")
    return c.Author(name.strip(), initials.strip()[:12])


class _ReaderBase:
    """The state the parts of the reader share: the resources, and the goals and sub-goals
    read so far (what later records may point at)."""

    def __init__(self, message: Json, kind: BundleKind) -> None:
        self.kind = kind
        self.resources = _Resources(message)
        self.goal_uids: set[str] = set()
        self.sub_goal_uids: set[str] = set()

    def _observations(self, kind: str) -> Iterable[Json]:
        return (o for o in self.resources.of("Observation") if _record_kind(o) == kind)

    def _focus(self, observation: Json, known: set[str], what: str, label: str) -> str:
        focus = observation.get("focus") or []
        if len(focus) != 1:
            raise _refuse(f"{what} skal handle om præcis ét {label}.")
        uid = self.resources.target(focus[0], "Goal")
        if uid not in known:
            raise _refuse(f"{what} handler om et {label}, der ikke er med i bundtet.")
        return uid
