"""The follow-up as FHIR: each Encounter with its assessments and decisions (Observations).

Part of ``fhir_out._Writer``; its counterpart in ``fhir_in`` is ``_Reader.follow_ups``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_out_common import (
    Json,
    _care_social,
    _catalog_concept,
    _coding,
    _concept,
    _exts,
    _record_kind,
    _WriterBase,
    level,
)


class _FollowUpOut(_WriterBase):
    """Writes the follow-ups with their assessments, support need and intervention status."""

    def follow_up(self, follow_up: c.FollowUpData) -> list[str]:
        encounter: Json = {
            "resourceType": "Encounter",
            "id": follow_up.uid,
            "status": "finished" if follow_up.held else "planned",
            # Meeting in person: ambulatory; by phone or in writing: virtual.
            "class": _coding(m.ACT_CODE_SYSTEM, "AMB" if follow_up.form == "meeting" else "VR"),
            "subject": self.patient_ref,
            "period": {"start": follow_up.meeting_date.isoformat()},
            "extension": _exts(
                ("follow-up-form", "valueCode", follow_up.form),
                ("held", "valueBoolean", follow_up.held),
                ("invitation-date", "valueDate", follow_up.invitation_date),
                ("report-sent-date", "valueDate", follow_up.report_sent_date),
                ("caseworker-name", "valueString", follow_up.caseworker_name),
                ("agreements", "valueString", follow_up.agreements),
                ("agenda-points", "valueString", follow_up.agenda_points),
                ("created-at", "valueDateTime", follow_up.created_at),
            )
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
                    "category": [_record_kind(m.KIND_INTERVENTION_STATUS)],
                    "code": _concept(m.FFB_SYSTEM, *m.INTERVENTION_STATUS),
                    "subject": self.patient_ref,
                    "encounter": m.ref(follow_up.uid),
                    "valueCodeableConcept": _catalog_concept("ffb", follow_up.intervention_status_code),
                }
            )
        for assessment in follow_up.assessments:
            extensions = _exts(
                ("assessment-role", "valueCode", assessment.role),
                ("agrees-with-status", "valueBoolean", assessment.agrees_with_status),
            )
            if assessment.source_code:
                extensions.append(
                    {
                        "url": m.ext_url("assessment-source"),
                        "valueCoding": _coding(m.CARE_SOCIAL_SYSTEM, assessment.source_code),
                    }
                )
            resource = self._observation(
                assessment.uid,
                m.KIND_ASSESSMENT,
                assessment.legal,
                {**_care_social(m.MEASURE_FUNCTION_LEVEL), "text": "Vurdering ved opfølgning"},
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
