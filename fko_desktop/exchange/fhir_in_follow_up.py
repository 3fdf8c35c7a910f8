"""The follow-up in a FHIR bundle: each Encounter with its assessments and decisions (Observations).

Part of ``fhir_in._Reader``; its counterpart in ``fhir_out`` is ``_Writer.follow_up``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_in_common import (
    _catalog_code,
    _date,
    _enum,
    _ext,
    _instant,
    _legal,
    _note_text,
    _ReaderBase,
    _record_kind,
    _refuse,
    _score,
)
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import AssessmentRole, FollowUpForm


class _FollowUpIn(_ReaderBase):
    """Reads the follow-ups with their assessments, support need and intervention status."""

    def follow_ups(self, order_uids: set[str]) -> tuple[c.FollowUpData, ...]:
        sources = load_catalog("care_social").set("assessment_sources")
        by_encounter: dict[str, list[c.AssessmentData]] = {}
        decisions: dict[str, dict[str, str]] = {}
        for o in self.resources.of("Observation"):
            kind = _record_kind(o)
            if (
                kind not in (m.KIND_ASSESSMENT, m.KIND_SUPPORT_NEED, m.KIND_INTERVENTION_STATUS)
                or "encounter" not in o
            ):
                continue
            encounter = self.resources.target(o["encounter"], "Encounter")
            if kind == m.KIND_SUPPORT_NEED:
                decisions.setdefault(encounter, {})["support_need_code"] = _catalog_code(
                    o.get("valueCodeableConcept"), "ffb", "support_need", "opfølgningens støttebehov"
                )
                continue
            if kind == m.KIND_INTERVENTION_STATUS:
                decisions.setdefault(encounter, {})["intervention_status_code"] = _catalog_code(
                    o.get("valueCodeableConcept"), "ffb", "intervention_status", "status på indsats"
                )
                continue
            what = "en vurdering ved opfølgning"
            source = _ext(o, "assessment-source", "valueCoding")
            source_code = source.get("code") if source else None
            if source_code is not None and source_code not in sources:
                raise _refuse(f"{what}: »{str(source_code)[:40]}« er ikke en gyldig kilde.")
            by_encounter.setdefault(encounter, []).append(
                c.AssessmentData(
                    uid=o["id"],
                    goal_uid=self._focus(o, self.goal_uids, what, "indsatsmål"),
                    role=_enum(_ext(o, "assessment-role", "valueCode"), AssessmentRole, "vurderingens rolle"),
                    score=_score(o.get("valueCodeableConcept"), what),
                    note=_note_text(o),
                    source_code=source_code,
                    agrees_with_status=_ext(o, "agrees-with-status", "valueBoolean"),
                    legal=_legal(o, what),
                )
            )
        result = []
        for e in self.resources.of("Encounter"):
            what = "en opfølgning"
            meeting = _date((e.get("period") or {}).get("start"), "opfølgningens mødedato")
            if meeting is None:
                raise _refuse(f"{what} mangler sin mødedato.")
            order_ref = _ext(e, "order", "valueReference")
            order_uid = self.resources.target(order_ref, "CarePlan", required=False) if order_ref else None
            if order_uid and order_uid not in order_uids:
                raise _refuse(f"{what} henviser til en bestilling, der ikke er med i bundtet.")
            assessments = by_encounter.pop(e["id"], [])
            seen = set()
            for a in assessments:
                if a.legal.withdrawn_at is None:
                    if (a.goal_uid, a.role) in seen:
                        raise _refuse("Hver rolle kan kun vurdere et mål én gang pr. opfølgning.")
                    seen.add((a.goal_uid, a.role))
            result.append(
                c.FollowUpData(
                    uid=e["id"],
                    meeting_date=meeting,
                    form=_enum(
                        _ext(e, "follow-up-form", "valueCode"),
                        FollowUpForm,
                        "opfølgningsformen",
                        FollowUpForm.MEETING,
                    ),
                    order_uid=order_uid,
                    invitation_date=_date(_ext(e, "invitation-date", "valueDate"), "indkaldelsesdatoen"),
                    report_sent_date=_date(
                        _ext(e, "report-sent-date", "valueDate"), "datoen for statusrapporten"
                    ),
                    caseworker_name=_ext(e, "caseworker-name", "valueString"),
                    agreements=_ext(e, "agreements", "valueString"),
                    agenda_points=_ext(e, "agenda-points", "valueString"),
                    held=bool(_ext(e, "held", "valueBoolean")),
                    assessments=tuple(assessments),
                    created_at=_instant(_ext(e, "created-at", "valueDateTime"), "opfølgningens oprettelse"),
                    **decisions.pop(e["id"], {}),
                )
            )
        if by_encounter or decisions:
            raise _refuse("en vurdering hører til en opfølgning, der ikke er med i bundtet.")
        return tuple(result)
