"""Bostedets vurdering in FHIR: an Observation per goal (``focus``) or for the whole (no focus),
with the period it covers (``effectivePeriod``) and the three answers as extensions.

``AssessmentOut.status_assessment`` writes one; ``AssessmentIn.status_assessments`` reads them
back, refusing an assessment without a period, with its period reversed, or about a goal the
bundle does not carry.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.common import (
    ReaderBase,
    WriterBase,
    ext_value,
    exts,
    read_date,
    read_legal,
    record_kind_concept,
    refuse,
)

_ANSWERS = (("done", "assessment-done"), ("effect", "assessment-effect"), ("purpose", "assessment-purpose"))


class AssessmentOut(WriterBase):
    def status_assessment(self, record: c.StatusAssessmentData) -> None:
        resource = self._observation(
            record.uid,
            m.KIND_UNIT_ASSESSMENT,
            record.legal,
            record_kind_concept(m.KIND_UNIT_ASSESSMENT),
            exts(*((name, "valueString", getattr(record, field)) for field, name in _ANSWERS)),
        )
        if record.goal_uid is not None:
            resource["focus"] = [m.ref(record.goal_uid)]
        resource["effectivePeriod"] = {
            "start": record.period_from.isoformat(),
            "end": record.period_to.isoformat(),
        }
        self.add(resource)


class AssessmentIn(ReaderBase):
    def status_assessments(self) -> tuple[c.StatusAssessmentData, ...]:
        result = []
        for o in self._observations(m.KIND_UNIT_ASSESSMENT):
            what = "bostedets vurdering"
            goal_uid = self._focus(o, self.goal_uids, what, "indsatsmål") if o.get("focus") else None
            period = o.get("effectivePeriod") or {}
            start = read_date(period.get("start"), f"{what}, periodens start")
            end = read_date(period.get("end"), f"{what}, periodens slutning")
            if start is None or end is None:
                raise refuse(f"{what} mangler sin periode.")
            if start > end:
                raise refuse(f"{what}: perioden slutter, før den begynder.")
            answers = {field: ext_value(o, name, "valueString") for field, name in _ANSWERS}
            result.append(
                c.StatusAssessmentData(
                    uid=o["id"],
                    goal_uid=goal_uid,
                    period_from=start,
                    period_to=end,
                    legal=read_legal(o, what),
                    **answers,
                )
            )
        return tuple(result)
