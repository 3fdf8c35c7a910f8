"""What every part of the FHIR writer shares: the element helpers and the writer's state.

The ``fhir_out_*`` modules each write one part of a bundle (the citizen, the order, the unit's
status, the journal, the follow-up) as a part of ``fhir_out._Writer``; they build elements with
the helpers here and add resources with ``_WriterBase.add``. The names with a leading underscore
keep it: they are the writer's own, shared by its modules, not an API of the exchange package.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.models.catalogs import function_level_code, load_catalog

Json = dict[str, Any]

_ORDER_STATUS = {
    "received": "active",
    "accepted": "active",
    "returned": "active",
    "replaced": "revoked",
    "ended": "completed",
}
_PLAN_STATUS = {"draft": "draft", "active": "active", "ended": "completed"}
_SUB_GOAL_STATUS = {"active": "active", "achieved": "completed", "paused": "on-hold", "ended": "cancelled"}


def instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _coding(system: str, code: str, display: str | None = None) -> Json:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def _concept(system: str, code: str, display: str | None = None) -> Json:
    return {"coding": [_coding(system, code, display)]}


def _care_social(pair: tuple[str, str]) -> Json:
    return _concept(m.CARE_SOCIAL_SYSTEM, *pair)


def _catalog_concept(catalog_id: str, code: str) -> Json:
    display = load_catalog(catalog_id).display(code)
    return _concept(m.catalog_system(catalog_id), code, display)


def _record_kind(kind: str) -> Json:
    return _concept(m.RECORD_KIND_SYSTEM, kind, m.RECORD_KIND_DISPLAY[kind])


def level(score: Any) -> Json | None:
    """A score as the FFB funktionsevneniveau code (``NOT_ASSESSED`` → "Ikke vurderet")."""
    if score is None:
        return None
    return _catalog_concept("ffb", function_level_code(score))


def _ext(name: str, kind: str, value: Any) -> list[Json]:
    """One extension, or none when the value is empty (FHIR allows no empty elements)."""
    if value is None or value == "":
        return []
    if kind == "valueDate":
        value = value.isoformat()
    elif kind == "valueDateTime":
        value = instant(value)
    return [{"url": m.ext_url(name), kind: value}]


def _exts(*items: tuple[str, str, Any]) -> list[Json]:
    return [e for item in items for e in _ext(*item)]


def _legal(legal: c.Legal) -> list[Json]:
    result = _exts(
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


def _meta(legal: c.Legal) -> Json:
    stamp = legal.updated_at or legal.created_at
    meta: Json = {"versionId": str(legal.version)}
    if stamp:
        meta["lastUpdated"] = instant(stamp)
    return meta


def _observation_status(legal: c.Legal) -> str:
    if legal.withdrawn_at is not None:
        return "entered-in-error"
    return "amended" if legal.version > 1 else "final"


def _author(author: c.Author) -> list[Json]:
    return [
        {
            "url": m.ext_url("author"),
            "extension": [
                {"url": "name", "valueString": author.name},
                {"url": "initials", "valueString": author.initials},
            ],
        }
    ]


class _WriterBase:
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
            "category": [_record_kind(m.KIND_SUPPORT_NEED)],
            "code": _care_social(m.EVALUATION_SUPPORT_NEED),
            "subject": self.patient_ref,
            "valueCodeableConcept": _catalog_concept("ffb", code),
        }
        if encounter:
            observation["encounter"] = m.ref(encounter)
        return observation

    def _observation(self, uid: str, kind: str, legal: c.Legal, code: Json, extensions: list[Json]) -> Json:
        return {
            "resourceType": "Observation",
            "id": uid,
            "meta": _meta(legal),
            "status": _observation_status(legal),
            "category": [_record_kind(kind)],
            "code": code,
            "subject": self.patient_ref,
            "extension": extensions + _legal(legal),
        }
