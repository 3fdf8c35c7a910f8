"""The data subject access print ("Indsigt", GDPR art. 15): everything about one citizen.

Written for the citizen to read, so it prints Danish headings and field names, staff by name
rather than by id, and leaves out only the program's own keys (uids, parent ids). What it
prints is ``ops.privacy.citizen_records`` as a whole; the JSON beside it carries the same rows
unabridged for a machine. CPR is printed in full: the export is the citizen's own data, handed
to them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from fko_desktop.models.audit_vocabulary import describe, field_name, record_name
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    NONE_TEXT,
    PageInfo,
    build_pdf,
    date_text,
    datetime_text,
    facts_table,
    grid_table,
    heading,
    markup,
    para,
    styles,
    title_block,
)

if TYPE_CHECKING:
    from fko_desktop.ops.privacy import CitizenRecords

TITLE = "Indsigt i egne oplysninger"

#: How each kind of record is headed in the print.
SECTION_TITLES: Mapping[str, str] = {
    "citizen_contact": "Kontaktpersoner og pårørende",
    "order": "Bestillinger",
    "order_service": "Ydelser i bestillingerne",
    "plan": "Pædagogiske planer",
    "plan_context": "Planernes livsområder",
    "intervention_goal": "Indsatsmål",
    "sub_goal": "Delmål",
    "sub_goal_evaluation": "Evalueringer af delmål",
    "journal_note": "Journalnotater",
    "diary_note": "Dagbog",
    "diary_tag": "Emner i dagbogen",
    "goal_status": "Målstatus",
    "follow_up": "Opfølgninger",
    "follow_up_assessment": "Vurderinger ved opfølgning",
    "status_assessment": "Bostedets vurderinger",
    "aarhus_assessment": "Århus-vurderinger",
    "aarhus_factor_score": "Faktorer i Århus-vurderinger",
    "use_of_force": "Magtanvendelser",
    "bundle_receipt": "Oplysninger sendt til eller modtaget fra andre",
}

#: Field names beyond the audit vocabulary's, in the words of the forms.
LABELS: Mapping[str, str] = {
    "name": "navn",
    "cpr": "CPR-nummer",
    "area": "område",
    "department": "afdeling",
    "intake_date": "indflytning",
    "end_date": "slutdato",
    "caseworker_name": "sagsbehandler",
    "caseworker_contact": "sagsbehandlers kontakt",
    "acting_municipality": "handlekommune",
    "paying_municipality": "betalingskommune",
    "diagnoses": "diagnoser",
    "wishes": "ønsker",
    "target_groups": "målgrupper",
    "outcome_schema": "resultatskema",
    "created_at": "oprettet",
    "created_by_id": "oprettet af",
    "updated_at": "senest rettet",
    "updated_by_id": "rettet af",
    "withdrawn_at": "trukket tilbage",
    "withdrawn_by_id": "trukket tilbage af",
    "withdrawal_reason": "begrundelse for tilbagetrækning",
    "responsible_id": "ansvarlig",
    "staff_id": "medarbejder",
    "factor_code": "faktor",
    "assessment_id": "Århus-vurdering nr.",
    "id": "nr.",
}

#: The program's own keys and bookkeeping: no information for the citizen.
_HIDDEN = {
    "uid",
    "citizen_id",
    "citizen_uid",
    "file_sha256",
    "format_version",
    "bundle_id",
    "sender_uid",
    "recipient_uid",
}
_STAFF_FIELDS = {
    "author_id",
    "created_by_id",
    "updated_by_id",
    "withdrawn_by_id",
    "responsible_id",
    "staff_id",
    "saved_by_id",
    "replaced_by_id",
    "actor_id",
}


def label(field: str) -> str:
    text = LABELS.get(field) or field_name(field)
    return text[:1].upper() + text[1:]


def value_text(field: str, value: Any, staff: Mapping[int, str]) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return NONE_TEXT
    if field in _STAFF_FIELDS and isinstance(value, int):
        return staff.get(value, f"medarbejder nr. {value}")
    if field == "factor_code" and isinstance(value, str):
        return load_catalog("aarhus").display(value)  # the factor's name, not the program's key
    if isinstance(value, dt.datetime):
        return datetime_text(value)
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{label(str(k))}: {v}" for k, v in value.items())
    return str(value)


def _facts(row: Mapping[str, Any], staff: Mapping[int, str]) -> list[tuple[str, object]]:
    return [(label(k), value_text(k, v, staff)) for k, v in row.items() if k not in _HIDDEN]


def _records(records: CitizenRecords, staff: Mapping[int, str]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = []
    for name, rows in records.tables.items():
        if not rows:
            continue
        story += heading(f"{SECTION_TITLES.get(name, name)} ({len(rows)})")
        for row in rows:
            story.append(para(f"{record_name(name).capitalize()} nr. {row['id']}", s.h3))
            story.append(facts_table(_facts(row, staff)))
    return story


def _versions(records: CitizenRecords, staff: Mapping[int, str]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = heading(f"Tidligere versioner ({len(records.versions)})")
    story.append(
        para("Når et notat eller en vurdering rettes, gemmes den tidligere udgave. Her er de alle.", s.note)
    )
    for version in records.versions:
        kind = record_name(version["record_type"]).capitalize()
        title = f"{kind} nr. {version['record_id']}, version {version['version']}"
        story.append(para(title, s.h3))
        facts: list[tuple[str, object]] = [
            ("Skrevet", value_text("saved_at", version["saved_at"], staff)),
            ("Skrevet af", value_text("saved_by_id", version["saved_by_id"], staff)),
            ("Erstattet", value_text("replaced_at", version["replaced_at"], staff)),
            ("Erstattet af", value_text("replaced_by_id", version["replaced_by_id"], staff)),
        ]
        data = version["data"] if isinstance(version["data"], dict) else {}
        facts += _facts(data, staff)
        story.append(facts_table(facts))
    return story


def _audit(records: CitizenRecords, staff: Mapping[int, str]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = heading(f"Hvem har læst eller ændret dine oplysninger ({len(records.audit)})")
    story.append(para("Alle registreringer i enhedens log, der handler om dig, ældste først.", s.note))
    rows = [
        (
            datetime_text(event["at"]),
            staff.get(event["actor_id"], event["actor_name"]) if event["actor_id"] else event["actor_name"],
            describe(event["action"], event["record_type"], event["record_id"], event["details"]),
        )
        for event in records.audit
    ]
    if rows:
        story.append(
            grid_table(("Tidspunkt", "Hvem", "Hvad"), rows, (40 * mm, 48 * mm, CONTENT_WIDTH - 88 * mm))
        )
    return story


def render_subject_access(
    records: CitizenRecords, staff: Mapping[int, str], unit_name: str, made_at: dt.datetime, made_by: str
) -> bytes:
    """The PDF; laid out from plain rows, so it needs no session."""
    s = styles()
    citizen = records.citizen
    subtitle = (
        f"Alt hvad {unit_name} har registreret om dig pr. {datetime_text(made_at)} "
        "(databeskyttelsesforordningens artikel 15). De samme oplysninger følger med i en "
        "maskinlæsbar fil (JSON)."
    )
    story: list[Flowable] = [*title_block(TITLE, subtitle)]
    story += heading("Personoplysninger")
    story.append(facts_table(_facts(citizen, staff)))
    counts = records.counts()
    summary = ", ".join(f"{SECTION_TITLES[n].lower()}: {c}" for n, c in counts.items() if n in SECTION_TITLES)
    story.append(markup(f"Oversigt: {summary or 'ingen registreringer'}.", s.small))
    story += _records(records, staff)
    story += _versions(records, staff)
    story += _audit(records, staff)
    info = PageInfo(
        title=TITLE,
        citizen_name=str(citizen["name"]),
        cpr=str(citizen["cpr"]),
        unit_name=unit_name,
        printed_on=made_at.date(),
        printed_by=made_by,
        subject="Indsigt efter databeskyttelsesforordningens artikel 15",
    )
    return build_pdf(story, info, author=unit_name)
