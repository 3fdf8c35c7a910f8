"""The journal in a FHIR bundle: delmålsnotater, dagbogsnotater and magtanvendelser (Observations).

Part of ``fhir_in._Reader``; its counterparts in ``fhir_out`` are ``_Writer.journal_note``,
``_Writer.diary_note`` and ``_Writer.use_of_force``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_in_common import (
    _author,
    _date,
    _enum,
    _ext,
    _extensions,
    _instant,
    _legal,
    _note_text,
    _ReaderBase,
    _refuse,
    _rule,
    _score,
)
from fko_desktop.models.enums import UseOfForceKind
from fko_desktop.models.validation import check_observation, require_text


class _JournalIn(_ReaderBase):
    """Reads the notes and the uses of force."""

    def journal_notes(self) -> tuple[c.JournalNoteData, ...]:
        result = []
        for o in self._observations(m.KIND_JOURNAL_NOTE):
            what = "et delmålsnotat"
            sub_goal_uid = self._focus(o, self.sub_goal_uids, what, "delmål")
            score = _score(o.get("valueCodeableConcept"), what)
            text = _rule(what, check_observation, _note_text(o), score)
            observed_at = _instant(o.get("effectiveDateTime"), f"{what}s tidspunkt")
            if observed_at is None:
                raise _refuse(f"{what} mangler sit tidspunkt.")
            result.append(
                c.JournalNoteData(
                    o["id"], sub_goal_uid, observed_at, _author(o, what), text, score, _legal(o, what)
                )
            )
        return tuple(result)

    def diary_notes(self) -> tuple[c.DiaryNoteData, ...]:
        from fko_desktop.ops.journal import is_diary_tag

        result = []
        for o in self._observations(m.KIND_DIARY_NOTE):
            what = "et dagbogsnotat"
            text = _rule(what, check_observation, _note_text(o), None)
            observed_at = _instant(o.get("effectiveDateTime"), f"{what}s tidspunkt")
            if observed_at is None:
                raise _refuse(f"{what} mangler sit tidspunkt.")
            tags = []
            for tag in _extensions(o, "diary-tag"):
                coding = tag.get("valueCoding") or {}
                catalog_id = m.catalog_for_system(coding.get("system"))
                # The same rule as the diary editor's, so an imported note is one this unit
                # could have written itself.
                if catalog_id is None or not is_diary_tag(catalog_id, coding.get("code")):
                    raise _refuse(
                        f"{what}: »{str(coding.get('code'))[:40]}« er ikke et gyldigt emne for dagbogen."
                    )
                tags.append((catalog_id, coding["code"]))
            result.append(
                c.DiaryNoteData(o["id"], observed_at, _author(o, what), text, tuple(tags), _legal(o, what))
            )
        return tuple(result)

    def uses_of_force(self) -> tuple[c.UseOfForceData, ...]:
        result = []
        for o in self._observations(m.KIND_USE_OF_FORCE):
            what = "en magtanvendelse"
            description = _rule(what, require_text, _note_text(o), "description", "Beskrivelse")
            result.append(
                c.UseOfForceData(
                    uid=o["id"],
                    kind=_enum(
                        _ext(o, "use-of-force-kind", "valueCode"), UseOfForceKind, "magtanvendelsens type"
                    ),
                    description=description,
                    occurred_on=_date(_ext(o, "occurred-on", "valueDate"), "datoen for magtanvendelsen"),
                    period_start=_date(_ext(o, "period-start", "valueDate"), "periodens start"),
                    period_end=_date(_ext(o, "period-end", "valueDate"), "periodens slutning"),
                    review_date=_date(_ext(o, "review-date", "valueDate"), "revurderingsdatoen"),
                    reported_to=_ext(o, "reported-to", "valueString"),
                    legal=_legal(o, what),
                )
            )
        return tuple(result)
