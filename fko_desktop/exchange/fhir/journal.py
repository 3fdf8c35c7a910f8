"""The journal in FHIR, both ways: delmålsnotater, dagbogsnotater and magtanvendelser
(Observations).

``JournalOut.journal_note``, ``JournalOut.diary_note`` and ``JournalOut.use_of_force`` write
them; ``JournalIn.journal_notes``, ``JournalIn.diary_notes`` and ``JournalIn.uses_of_force`` read
them back. The two sit side by side so that a change to how the journal maps is made in both
directions at once. Each is a part of the writer or the reader that ``bundle`` composes.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.common import (
    ReaderBase,
    WriterBase,
    author_ext,
    catalog_concept,
    coding,
    enum_value,
    ext_value,
    exts,
    find_extensions,
    instant,
    level,
    note_text,
    read_author,
    read_date,
    read_instant,
    read_legal,
    read_score,
    read_time,
    record_kind_concept,
    refuse,
    rule,
)
from fko_desktop.models.enums import UseOfForceKind
from fko_desktop.models.validation import check_observation, require_text

# == writing ======================================================================================


class JournalOut(WriterBase):
    """Writes the notes and the uses of force."""

    def journal_note(self, note: c.JournalNoteData) -> None:
        resource = self._observation(
            note.uid,
            m.KIND_JOURNAL_NOTE,
            note.legal,
            record_kind_concept(m.KIND_JOURNAL_NOTE),
            author_ext(note.author),
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
            {"url": m.ext_url("diary-tag"), "valueCoding": coding(m.catalog_system(cat), code)}
            for cat, code in note.tags
        ]
        resource = self._observation(
            note.uid,
            m.KIND_DIARY_NOTE,
            note.legal,
            record_kind_concept(m.KIND_DIARY_NOTE),
            author_ext(note.author) + tags,
        )
        resource["effectiveDateTime"] = instant(note.observed_at)
        resource["note"] = [{"text": note.text}]
        self.add(resource)

    def use_of_force(self, record: c.UseOfForceData) -> None:
        resource = self._observation(
            record.uid,
            m.KIND_USE_OF_FORCE,
            record.legal,
            catalog_concept("specialsektoren", record.kind),
            exts(
                ("use-of-force-kind", "valueCode", record.kind),
                ("occurred-on", "valueDate", record.occurred_on),
                ("period-start", "valueDate", record.period_start),
                ("period-end", "valueDate", record.period_end),
                ("review-date", "valueDate", record.review_date),
                ("reported-to", "valueString", record.reported_to),
                ("occurred-time", "valueTime", record.occurred_time),
                ("measure", "valueCode", record.measure_code),
                ("duration-minutes", "valueInteger", record.duration_minutes),
                ("participants", "valueString", record.participants),
                ("prevention-tried", "valueString", record.prevention_tried),
                ("reported-on", "valueDate", record.reported_on),
            ),
        )
        resource["note"] = [{"text": record.description}]
        self.add(resource)


def read_duration(value: object) -> int | None:
    """Minutes as an integer; a bundle that says otherwise is refused, not guessed at."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 24 * 60:
        raise refuse(f"varigheden af en magtanvendelse er ikke et antal minutter (fik »{str(value)[:20]}«).")
    return value


# == reading ======================================================================================


class JournalIn(ReaderBase):
    """Reads the notes and the uses of force."""

    def journal_notes(self) -> tuple[c.JournalNoteData, ...]:
        result = []
        for o in self._observations(m.KIND_JOURNAL_NOTE):
            what = "et delmålsnotat"
            sub_goal_uid = self._focus(o, self.sub_goal_uids, what, "delmål")
            score = read_score(o.get("valueCodeableConcept"), what)
            text = rule(what, check_observation, note_text(o), score)
            observed_at = read_instant(o.get("effectiveDateTime"), f"{what}s tidspunkt")
            if observed_at is None:
                raise refuse(f"{what} mangler sit tidspunkt.")
            result.append(
                c.JournalNoteData(
                    o["id"], sub_goal_uid, observed_at, read_author(o, what), text, score, read_legal(o, what)
                )
            )
        return tuple(result)

    def diary_notes(self) -> tuple[c.DiaryNoteData, ...]:
        from fko_desktop.ops.journal import is_diary_tag

        result = []
        for o in self._observations(m.KIND_DIARY_NOTE):
            what = "et dagbogsnotat"
            text = rule(what, check_observation, note_text(o), None)
            observed_at = read_instant(o.get("effectiveDateTime"), f"{what}s tidspunkt")
            if observed_at is None:
                raise refuse(f"{what} mangler sit tidspunkt.")
            tags = []
            for tag in find_extensions(o, "diary-tag"):
                topic = tag.get("valueCoding") or {}
                catalog_id = m.catalog_for_system(topic.get("system"))
                # The same rule as the diary editor's, so an imported note is one this unit
                # could have written itself.
                if catalog_id is None or not is_diary_tag(catalog_id, topic.get("code")):
                    raise refuse(
                        f"{what}: »{str(topic.get('code'))[:40]}« er ikke et gyldigt emne for dagbogen."
                    )
                tags.append((catalog_id, topic["code"]))
            result.append(
                c.DiaryNoteData(
                    o["id"], observed_at, read_author(o, what), text, tuple(tags), read_legal(o, what)
                )
            )
        return tuple(result)

    def uses_of_force(self) -> tuple[c.UseOfForceData, ...]:
        result = []
        for o in self._observations(m.KIND_USE_OF_FORCE):
            what = "en magtanvendelse"
            description = rule(what, require_text, note_text(o), "description", "Beskrivelse")
            result.append(
                c.UseOfForceData(
                    uid=o["id"],
                    kind=enum_value(
                        ext_value(o, "use-of-force-kind", "valueCode"),
                        UseOfForceKind,
                        "magtanvendelsens type",
                    ),
                    description=description,
                    occurred_on=read_date(
                        ext_value(o, "occurred-on", "valueDate"), "datoen for magtanvendelsen"
                    ),
                    period_start=read_date(ext_value(o, "period-start", "valueDate"), "periodens start"),
                    period_end=read_date(ext_value(o, "period-end", "valueDate"), "periodens slutning"),
                    review_date=read_date(ext_value(o, "review-date", "valueDate"), "revurderingsdatoen"),
                    reported_to=ext_value(o, "reported-to", "valueString"),
                    occurred_time=read_time(ext_value(o, "occurred-time", "valueTime"), "klokkeslættet"),
                    measure_code=ext_value(o, "measure", "valueCode"),
                    duration_minutes=read_duration(ext_value(o, "duration-minutes", "valueInteger")),
                    participants=ext_value(o, "participants", "valueString"),
                    prevention_tried=ext_value(o, "prevention-tried", "valueString"),
                    reported_on=read_date(ext_value(o, "reported-on", "valueDate"), "indberetningsdatoen"),
                    legal=read_legal(o, what),
                )
            )
        return tuple(result)
