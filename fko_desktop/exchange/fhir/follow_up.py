"""The follow-up in FHIR, both ways: each Encounter with its assessments and decisions
(Observations).

``FollowUpOut.follow_up`` writes them and ``FollowUpIn.follow_ups`` reads them back; the two sit
side by side so that a change to how the follow-up maps is made in both directions at once. Each
is a part of the writer or the reader that ``bundle`` composes.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.common import (
    Json,
    ReaderBase,
    WriterBase,
    care_social,
    catalog_code,
    catalog_concept,
    coding,
    concept,
    enum_value,
    ext_value,
    exts,
    legal_exts,
    legal_meta,
    level,
    note_text,
    read_date,
    read_legal,
    read_score,
    record_kind_concept,
    record_kind_of,
    refuse,
)
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import AssessmentRole, FollowUpForm

# FHIR R4 Encounter.status for a follow-up withdrawn as saved by mistake: to any FHIR reader it
# is no meeting at all, planned or held (an FKO reader also has the withdrawal extensions).
WITHDRAWN_STATUS = "entered-in-error"


def encounter_status(follow_up: c.FollowUpData) -> str:
    if follow_up.legal.withdrawn_at is not None:
        return WITHDRAWN_STATUS
    return "finished" if follow_up.held else "planned"


# == writing ======================================================================================


class FollowUpOut(WriterBase):
    """Writes the follow-ups with their assessments, support need and intervention status."""

    def follow_up(self, follow_up: c.FollowUpData) -> list[str]:
        encounter: Json = {
            "resourceType": "Encounter",
            "id": follow_up.uid,
            "meta": legal_meta(follow_up.legal),
            "status": encounter_status(follow_up),
            # Meeting in person: ambulatory; by phone or in writing: virtual.
            "class": coding(m.ACT_CODE_SYSTEM, "AMB" if follow_up.form == "meeting" else "VR"),
            "subject": self.patient_ref,
            "period": {"start": follow_up.meeting_date.isoformat()},
            "extension": exts(
                ("follow-up-form", "valueCode", follow_up.form),
                ("held", "valueBoolean", follow_up.held),
                ("invitation-date", "valueDate", follow_up.invitation_date),
                ("report-sent-date", "valueDate", follow_up.report_sent_date),
                ("caseworker-name", "valueString", follow_up.caseworker_name),
                ("agreements", "valueString", follow_up.agreements),
                ("agenda-points", "valueString", follow_up.agenda_points),
            )
            # Version, times (``created-at`` as before), withdrawal and earlier versions.
            + legal_exts(follow_up.legal)
            + (
                [{"url": m.ext_url("order"), "valueReference": m.ref(follow_up.order_uid)}]
                if follow_up.order_uid
                else []
            ),
        }
        self.add(encounter)
        ids = [follow_up.uid]
        if follow_up.support_need_code:
            need_id = m.derived_id(follow_up.uid, "support-need")
            self.add(self._support_need(need_id, follow_up.support_need_code, follow_up.uid))
        if follow_up.intervention_status_code:
            status_id = m.derived_id(follow_up.uid, "intervention-status")
            self.add(
                {
                    "resourceType": "Observation",
                    "id": status_id,
                    "status": "final",
                    "category": [record_kind_concept(m.KIND_INTERVENTION_STATUS)],
                    "code": concept(m.FFB_SYSTEM, *m.INTERVENTION_STATUS),
                    "subject": self.patient_ref,
                    "encounter": m.ref(follow_up.uid),
                    "valueCodeableConcept": catalog_concept("ffb", follow_up.intervention_status_code),
                }
            )
        for assessment in follow_up.assessments:
            extensions = exts(
                ("assessment-role", "valueCode", assessment.role),
                ("agrees-with-status", "valueBoolean", assessment.agrees_with_status),
            )
            if assessment.source_code:
                extensions.append(
                    {
                        "url": m.ext_url("assessment-source"),
                        "valueCoding": coding(m.CARE_SOCIAL_SYSTEM, assessment.source_code),
                    }
                )
            resource = self._observation(
                assessment.uid,
                m.KIND_ASSESSMENT,
                assessment.legal,
                {**care_social(m.MEASURE_FUNCTION_LEVEL), "text": "Vurdering ved opfølgning"},
                extensions,
            )
            resource["focus"] = [m.ref(assessment.goal_uid)]
            resource["encounter"] = m.ref(follow_up.uid)
            resource["effectiveDateTime"] = follow_up.meeting_date.isoformat()
            score = level(assessment.score)
            if score:
                resource["valueCodeableConcept"] = score
            if assessment.note:
                resource["note"] = [{"text": assessment.note}]
            self.add(resource)
        return ids


# == reading ======================================================================================


class FollowUpIn(ReaderBase):
    """Reads the follow-ups with their assessments, support need and intervention status."""

    def follow_ups(self, order_uids: set[str]) -> tuple[c.FollowUpData, ...]:
        sources = load_catalog("care_social").set("assessment_sources")
        by_encounter: dict[str, list[c.AssessmentData]] = {}
        decisions: dict[str, dict[str, str]] = {}
        for o in self.resources.of("Observation"):
            kind = record_kind_of(o)
            if (
                kind not in (m.KIND_ASSESSMENT, m.KIND_SUPPORT_NEED, m.KIND_INTERVENTION_STATUS)
                or "encounter" not in o
            ):
                continue
            encounter = self.resources.target(o["encounter"], "Encounter")
            if kind == m.KIND_SUPPORT_NEED:
                decisions.setdefault(encounter, {})["support_need_code"] = catalog_code(
                    o.get("valueCodeableConcept"), "ffb", "support_need", "opfølgningens støttebehov"
                )
                continue
            if kind == m.KIND_INTERVENTION_STATUS:
                decisions.setdefault(encounter, {})["intervention_status_code"] = catalog_code(
                    o.get("valueCodeableConcept"), "ffb", "intervention_status", "status på indsats"
                )
                continue
            what = "en vurdering ved opfølgning"
            source = ext_value(o, "assessment-source", "valueCoding")
            source_code = source.get("code") if source else None
            if source_code is not None and source_code not in sources:
                raise refuse(f"{what}: »{str(source_code)[:40]}« er ikke en gyldig kilde.")
            by_encounter.setdefault(encounter, []).append(
                c.AssessmentData(
                    uid=o["id"],
                    goal_uid=self._focus(o, self.goal_uids, what, "indsatsmål"),
                    role=enum_value(
                        ext_value(o, "assessment-role", "valueCode"), AssessmentRole, "vurderingens rolle"
                    ),
                    score=read_score(o.get("valueCodeableConcept"), what),
                    note=note_text(o),
                    source_code=source_code,
                    agrees_with_status=ext_value(o, "agrees-with-status", "valueBoolean"),
                    legal=read_legal(o, what),
                )
            )
        result = []
        for e in self.resources.of("Encounter"):
            what = "en opfølgning"
            meeting = read_date((e.get("period") or {}).get("start"), "opfølgningens mødedato")
            if meeting is None:
                raise refuse(f"{what} mangler sin mødedato.")
            order_ref = ext_value(e, "order", "valueReference")
            order_uid = self.resources.target(order_ref, "CarePlan", required=False) if order_ref else None
            if order_uid and order_uid not in order_uids:
                raise refuse(f"{what} henviser til en bestilling, der ikke er med i bundtet.")
            # A bundle from before follow-ups were legal records has none of these: version 1,
            # live, its ``created-at`` read as before.
            legal = read_legal(e, what)
            if e.get("status") == WITHDRAWN_STATUS and legal.withdrawn_at is None:
                # Imported live, a meeting the sender marks as an error would count as real.
                raise refuse(
                    f"{what} er markeret som fejlregistreret, men uden tilbagetrækning og begrundelse."
                )
            assessments = by_encounter.pop(e["id"], [])
            seen = set()
            for a in assessments:
                if a.legal.withdrawn_at is None:
                    if (a.goal_uid, a.role) in seen:
                        raise refuse("Hver rolle kan kun vurdere et mål én gang pr. opfølgning.")
                    seen.add((a.goal_uid, a.role))
            result.append(
                c.FollowUpData(
                    uid=e["id"],
                    meeting_date=meeting,
                    form=enum_value(
                        ext_value(e, "follow-up-form", "valueCode"),
                        FollowUpForm,
                        "opfølgningsformen",
                        FollowUpForm.MEETING,
                    ),
                    order_uid=order_uid,
                    invitation_date=read_date(
                        ext_value(e, "invitation-date", "valueDate"), "indkaldelsesdatoen"
                    ),
                    report_sent_date=read_date(
                        ext_value(e, "report-sent-date", "valueDate"), "datoen for statusrapporten"
                    ),
                    caseworker_name=ext_value(e, "caseworker-name", "valueString"),
                    agreements=ext_value(e, "agreements", "valueString"),
                    agenda_points=ext_value(e, "agenda-points", "valueString"),
                    held=bool(ext_value(e, "held", "valueBoolean")),
                    assessments=tuple(assessments),
                    legal=legal,
                    **decisions.pop(e["id"], {}),
                )
            )
        if by_encounter or decisions:
            raise refuse("en vurdering hører til en opfølgning, der ikke er med i bundtet.")
        return tuple(result)
