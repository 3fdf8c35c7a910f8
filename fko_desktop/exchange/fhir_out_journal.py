"""The journal as FHIR: delmålsnotater, dagbogsnotater and magtanvendelser (Observations).

Part of ``fhir_out._Writer``; its counterparts in ``fhir_in`` are ``_Reader.journal_notes``,
``_Reader.diary_notes`` and ``_Reader.uses_of_force``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_out_common import (
    _author,
    _catalog_concept,
    _coding,
    _exts,
    _record_kind,
    _WriterBase,
    instant,
    level,
)


class _JournalOut(_WriterBase):
    """Writes the notes and the uses of force."""

    def journal_note(self, note: c.JournalNoteData) -> None:
        resource = self._observation(
            note.uid, m.KIND_JOURNAL_NOTE, note.legal, _record_kind(m.KIND_JOURNAL_NOTE), _author(note.author)
        )
        resource["focus"] = [m.ref(note.sub_goal_uid)]
        resource["effectiveDateTime"] = instant(note.observed_at)
        score = level(note.score)
        if score:
            resource["valueCodeableConcept"] = score
        resource["note"] = [{"text": note.text}]
        self.add(resource)

    def diary_note(self, note: c.DiaryNoteData) -> None:
        tags = [
            {"url": m.ext_url("diary-tag"), "valueCoding": _coding(m.catalog_system(cat), code)}
            for cat, code in note.tags
        ]
        resource = self._observation(
            note.uid,
            m.KIND_DIARY_NOTE,
            note.legal,
            _record_kind(m.KIND_DIARY_NOTE),
            _author(note.author) + tags,
        )
        resource["effectiveDateTime"] = instant(note.observed_at)
        resource["note"] = [{"text": note.text}]
        self.add(resource)

    def use_of_force(self, record: c.UseOfForceData) -> None:
        resource = self._observation(
            record.uid,
            m.KIND_USE_OF_FORCE,
            record.legal,
            _catalog_concept("specialsektoren", record.kind),
            _exts(
                ("use-of-force-kind", "valueCode", record.kind),
                ("occurred-on", "valueDate", record.occurred_on),
                ("period-start", "valueDate", record.period_start),
                ("period-end", "valueDate", record.period_end),
                ("review-date", "valueDate", record.review_date),
                ("reported-to", "valueString", record.reported_to),
            ),
        )
        resource["note"] = [{"text": record.description}]
        self.add(resource)
