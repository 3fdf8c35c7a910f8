"""The audit trail in the users' words: kinds of events, records and fields in Danish.

Pure tables and small functions, so the window, the CSV export and ``fko audit`` describe an
event the same way. The stored events keep the program's own action names (``create``,
``login-failed`` …); only what is shown is translated here, so a new action shows as itself
under "Andet" until it gets words of its own.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

#: What a read of a citizen's record is stored as (``details["what"]`` says what was read).
READ_ACTION = "read"
#: The overview's figures leaving the screen (``unit.overview.record_output``); details
#: ``kind`` is one of OVERVIEW_OUTPUT_KINDS.
OVERVIEW_OUTPUT = "overview-export"
OVERVIEW_OUTPUT_KINDS: Mapping[str, str] = {
    "pdf": "gemte ledelsesrapporten som PDF",
    "print": "udskrev ledelsesrapporten",
    "csv": "eksporterede ledelsesinformationens tal som CSV",
    "xlsx": "eksporterede ledelsesinformationens tal som Excel",
}


class AuditKind(enum.StrEnum):
    """Groups of actions a user filters the trail by (the keys ``fko audit --kind`` takes)."""

    CREATED = "created"
    EDITED = "edited"
    WITHDRAWN = "withdrawn"
    READ = "read"
    LOGIN = "login"
    PASSWORD = "password"
    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: Mapping[AuditKind, str] = {
    AuditKind.CREATED: "Oprettet",
    AuditKind.EDITED: "Rettet",
    AuditKind.WITHDRAWN: "Tilbagetrukket",
    AuditKind.READ: "Læst",
    AuditKind.LOGIN: "Login",
    AuditKind.PASSWORD: "Adgangskode",
    AuditKind.EXPORT: "Udlevering",
    AuditKind.IMPORT: "Import",
    AuditKind.BACKUP: "Sikkerhedskopi",
    AuditKind.OTHER: "Andet",
}

#: Actions by exact name, then by prefix (the account actions grow with engineer A's work).
KIND_ACTIONS: Mapping[AuditKind, tuple[str, ...]] = {
    AuditKind.CREATED: ("create", "create_unit_file", "demo"),
    AuditKind.EDITED: ("edit",),
    AuditKind.WITHDRAWN: ("withdraw", "delete", "erase"),
    AuditKind.READ: (READ_ACTION,),
    AuditKind.LOGIN: ("login", "logout", "login-failed", "locked", "unlocked", "idle-locked"),
    AuditKind.PASSWORD: ("password-changed", "password-reset", "first-password"),
    AuditKind.EXPORT: (
        "bundle_export",
        "export",
        "data-subject-export",
        "audit-export",
        "stats-export",
        OVERVIEW_OUTPUT,
    ),
    AuditKind.IMPORT: ("bundle_import", "import"),
    AuditKind.BACKUP: ("backup", "restore"),
}
KIND_PREFIXES: Mapping[AuditKind, tuple[str, ...]] = {
    AuditKind.LOGIN: ("login", "logout"),
    AuditKind.PASSWORD: ("password",),
    AuditKind.BACKUP: ("backup", "restore"),
    AuditKind.WITHDRAWN: ("erase",),
}


def kind_of(action: str) -> AuditKind:
    for kind, actions in KIND_ACTIONS.items():
        if action in actions:
            return kind
    for kind, prefixes in KIND_PREFIXES.items():
        if action.startswith(prefixes):
            return kind
    return AuditKind.OTHER


def parse_kind(text: str) -> AuditKind:
    """A kind by its key (``read``) or its Danish label (``Læst``), case-insensitively."""
    wanted = text.strip().casefold()
    for kind in AuditKind:
        if wanted in (kind.value, kind.label.casefold()):
            return kind
    raise ValueError(text)


#: Every kind of record by its table, in the vocabulary of DOMAIN.md.
RECORD_NAMES: Mapping[str, str] = {
    "unit": "enhedens indstillinger",
    "staff_member": "medarbejder",
    "citizen": "borger",
    "citizen_contact": "kontaktoplysning",
    "order": "bestilling",
    "order_service": "ydelse i bestilling",
    "intervention_goal": "indsatsmål",
    "plan": "plan",
    "plan_context": "planens sammenhæng",
    "sub_goal": "delmål",
    "sub_goal_evaluation": "evaluering af delmål",
    "journal_note": "notat",
    "diary_note": "beboerdagbogsnotat",
    "diary_tag": "emne på beboerdagbogsnotat",
    "goal_status": "målstatus",
    "follow_up": "opfølgning",
    "follow_up_assessment": "vurdering ved opfølgning",
    "use_of_force": "magtanvendelse",
    "status_assessment": "bostedets vurdering",
    "aarhus_assessment": "Århus-vurdering",
    "aarhus_factor_score": "score på faktor i Århus-vurdering",
    "bundle_receipt": "bundtkvittering",
    "sync_state": "udvekslingsstatus",
}


def record_name(record_type: str | None) -> str:
    if record_type is None:
        return ""
    return RECORD_NAMES.get(record_type, record_type)


#: The fields of the records with legal weight, as the forms name them.
FIELD_NAMES: Mapping[str, str] = {
    "observed_at": "observeret",
    "author_id": "forfatter",
    "text": "tekst",
    "score": "score",
    "period": "periode",
    "assessed_on": "vurderet den",
    "summary": "opsummering",
    "source_code": "kilde",
    "citizen_score": "borgerens egen score",
    "citizen_note": "borgerens bemærkning",
    "meeting_date": "mødedato",
    "form": "form",
    "invitation_date": "indkaldt den",
    "report_sent_date": "status sendt den",
    "caseworker_name": "sagsbehandler",
    "support_need_code": "støttebehov",
    "intervention_status_code": "status på indsats",
    "agreements": "aftaler",
    "agenda_points": "punkter til dagsordenen",
    "held": "afholdt",
    "note": "bemærkning",
    "agrees_with_status": "enig i målstatus",
    "period_from": "periode fra",
    "period_to": "periode til",
    "done": "hvad er gjort",
    "effect": "hvilken effekt",
    "purpose": "sammenhæng med formålet",
    "kind": "art",
    "occurred_on": "dato",
    "occurred_time": "klokkeslæt",
    "measure_code": "foranstaltning",
    "duration_minutes": "varighed (minutter)",
    "participants": "deltagere",
    "prevention_tried": "forsøgt forebyggelse",
    "reported_on": "indberettet den",
    "reported_to": "indberettet til",
    "period_start": "gælder fra",
    "period_end": "gælder til",
    "review_date": "revurderes den",
    "description": "beskrivelse",
    "name": "navn",
    "cpr": "CPR-nummer",
    "department": "afdeling",
    "title": "titel",
    "role": "rolle",
    "active": "aktiv",
    "state": "tilstand",
    "goal_text": "måltekst",
    "baseline_score": "udgangsscore",
    "target_score": "målscore",
    "start_date": "startdato",
    "end_date": "slutdato",
    "intake_date": "indflytningsdato",
    "method": "metode",
    "justification": "begrundelse",
    "target": "mål",
    "child_score": "barnets egen score",
    "child_note": "barnets bemærkning",
    "parent_score": "forældrenes egen score",
    "parent_note": "forældrenes bemærkning",
    "outcome_schema": "Århus-skema",
}

#: Bookkeeping every edit touches; a list of what changed leaves them out.
BOOKKEEPING_FIELDS = frozenset(
    {
        "version",
        "updated_at",
        "updated_by_id",
        "created_at",
        "created_by_id",
        "withdrawn_by_id",
        "content_hash",
    }
)


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


#: What was read, by the ``what`` a read event stores.
READ_NAMES: Mapping[str, str] = {
    "citizen-opened": "åbnede borgerens sag",
    "data-subject-export": "udtræk til borgerens indsigt",
}
_REPORT_NAMES: Mapping[str, str] = {
    "order": "bestillingen",
    "plan": "planen",
    "status": "status til myndighed",
    "citizen": "borgerens udgave",
    "journal": "journaludtræk",
}


_BUNDLE_NAMES: Mapping[str, str] = {
    "order": "bestilling",
    "status": "status til myndighed",
    "followup": "opfølgning",
    "transfer": "flytning til andet tilbud",
}


def bundle_name(kind: str) -> str:
    return _BUNDLE_NAMES.get(kind, kind)


def read_description(what: str) -> str:
    if what in READ_NAMES:
        return READ_NAMES[what]
    prefix, _, rest = what.partition(":")
    if prefix == "report":
        return f"udskrev {_REPORT_NAMES.get(rest, rest)}"
    if prefix == "bundle":
        return f"sendte bundt ({bundle_name(rest)})"
    return what


_ACTION_VERBS: Mapping[str, str] = {
    "create": "oprettede",
    "edit": "rettede",
    "withdraw": "trak {record} tilbage",
    "delete": "slettede",
    "bundle_export": "sendte bundt",
    "bundle_import": "indlæste bundt",
    "backup": "tog sikkerhedskopi",
    "restore": "gendannede fra sikkerhedskopi",
    "create_unit_file": "oprettede enhedsfilen",
    "demo": "byggede demodata",
    "login": "loggede ind",
    "logout": "loggede ud",
    "login-failed": "forkert adgangskode eller initialer",
    "locked": "kontoen blev låst efter for mange forsøg",
    "password-changed": "skiftede adgangskode",
    "password-reset": "nulstillede en adgangskode",
    "first-password": "fik sin første adgangskode",
    "audit-export": "eksporterede revisionssporet til CSV",
    "stats-export": "eksporterede enhedens statistikfil (uden navne og CPR-numre)",
}


def describe(
    action: str, record_type: str | None, record_id: int | None, details: Mapping[str, Any] | None
) -> str:
    """One line saying what happened, in Danish, with no content of the record itself."""
    details = details or {}
    if action == READ_ACTION:
        return read_description(str(details.get("what", ""))).capitalize()
    if action == OVERVIEW_OUTPUT:
        return overview_output_description(details)
    verb = _ACTION_VERBS.get(action, action)
    record = ""
    if record_type is not None:
        record = record_name(record_type) + (f" #{record_id}" if record_id is not None else "")
    text = verb.format(record=record) if "{record}" in verb else f"{verb} {record}".strip()
    if action == "edit":
        fields = [field_name(f) for f in details.get("fields", ()) if f not in BOOKKEEPING_FIELDS]
        if fields:
            text += f" ({', '.join(fields)})"
    elif action == "withdraw" and details.get("reason"):
        # The reason is the writer's justification for the withdrawal, which the trail must show.
        text += f" – begrundelse: {details['reason']}"
    elif action in ("bundle_export", "bundle_import") and details.get("kind"):
        text += f" ({bundle_name(str(details['kind']))})"
    elif action == "audit-export" and details.get("rows") is not None:
        text += f" ({details['rows']} hændelser)"
    elif action == "backup" and details.get("file"):
        text += f" ({details['file']})"
    return text[:1].upper() + text[1:]


_GROUPING_NAMES: Mapping[str, str] = {
    "domain": "område",
    "department": "afdeling",
    "area": "målgruppe",
    "goal_type": "måltype",
    "responsible": "ansvarlig",
    "quarter": "kvartal",
    "year": "år",
    "unit": "enhed",
}
_AREA_NAMES: Mapping[str, str] = {"children": "børn og unge", "adults": "voksne"}
_CATALOG_NAMES: Mapping[str, str] = {"ics": "ICS", "ffb": "FFB", "aarhus": "Århus-skemaerne"}
_GOAL_STATES: Mapping[str, str] = {"active": "kun aktive mål", "ended": "kun afsluttede mål"}


def overview_output_description(details: Mapping[str, Any]) -> str:
    """E.g. "Udskrev ledelsesrapporten (pr. område, afdeling; 01.01.2025–31.05.2025; Huset;
    små grupper som »< 5«)": enough to see what left the unit and whether a single citizen
    could be recognised in it (the filter's words, never a figure or a name)."""
    kind = str(details.get("kind", ""))
    text = OVERVIEW_OUTPUT_KINDS.get(kind, f"eksporterede ledelsesinformation ({kind})")
    groupings = [_GROUPING_NAMES.get(str(g), str(g)) for g in details.get("groupings") or ()]
    start, end = _day(details.get("from")), _day(details.get("to"))
    parts = [
        "pr. " + ", ".join(groupings) if groupings else "",
        f"{start or '…'}–{end or '…'}" if start or end else "hele perioden",
        ", ".join(str(d) for d in details.get("departments") or ()),
        ", ".join(_AREA_NAMES.get(str(a), str(a)) for a in details.get("areas") or ()),
        ", ".join(_CATALOG_NAMES.get(str(c), str(c)) for c in details.get("catalogs") or ()),
        f"{len(details['responsible'])} ansvarlige" if details.get("responsible") else "",
        _GOAL_STATES.get(str(details.get("goals")), ""),
        "små grupper som »< 5«" if details.get("suppressed", True) else "alle grupper med tal, også små",
    ]
    text += " (" + "; ".join(part for part in parts if part) + ")"
    if details.get("file"):
        text += f" – {details['file']}"
    return text[:1].upper() + text[1:]


def _day(value: object) -> str:
    """An ISO date as the window writes dates (dd.mm.åååå); "" for none."""
    year, _, rest = str(value or "").partition("-")
    month, _, day = rest.partition("-")
    return f"{day}.{month}.{year}" if day else str(value or "")
