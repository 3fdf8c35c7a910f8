"""The length of every text and the range of every date a bundle brings, before anything is stored.

The limits are the core's own (``models.limits``), taken from the very column each value is
stored in, so a bundle the reader accepts cannot fail later at the core's flush-time check
with a message about a field the user never saw. One pass over the finished
``BundleContent``: every text and every date arrives there, whichever FHIR element it came
from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Any

from sqlalchemy import String, inspect

from fko_desktop.errors import BundleError, ValidationError
from fko_desktop.exchange import content as c
from fko_desktop.models import (
    Citizen,
    CitizenContact,
    DiaryNote,
    FollowUp,
    FollowUpAssessment,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    OrderService,
    Plan,
    PlanContext,
    StaffMember,
    StatusAssessment,
    SubGoal,
    SubGoalEvaluation,
    UseOfForce,
)
from fko_desktop.models.limits import MAX_DATE, MIN_DATE, check_date, max_chars

# The table each kind of record is stored in. Parts without a table of their own (Legal,
# EarlierVersion) are stored in their owner's columns and checked against those.
_MODELS: dict[type, Any] = {
    c.CitizenData: Citizen,
    c.ContactData: CitizenContact,
    c.ServiceData: OrderService,
    c.GoalData: InterventionGoal,
    c.OrderData: Order,
    c.PlanContextData: PlanContext,
    c.PlanData: Plan,
    c.EvaluationData: SubGoalEvaluation,
    c.SubGoalData: SubGoal,
    c.JournalNoteData: JournalNote,
    c.DiaryNoteData: DiaryNote,
    c.GoalStatusData: GoalStatus,
    c.AssessmentData: FollowUpAssessment,
    c.FollowUpData: FollowUp,
    c.UseOfForceData: UseOfForce,
    c.StatusAssessmentData: StatusAssessment,
    c.Author: StaffMember,
}

_RECORDS = {
    c.CitizenData: "borgeren",
    c.ContactData: "en kontaktperson",
    c.ServiceData: "en ydelse",
    c.GoalData: "et indsatsmål",
    c.OrderData: "bestillingen",
    c.PlanContextData: "en kontekst i handleplanen",
    c.PlanData: "handleplanen",
    c.EvaluationData: "en evaluering af et delmål",
    c.SubGoalData: "et delmål",
    c.JournalNoteData: "et delmålsnotat",
    c.DiaryNoteData: "et dagbogsnotat",
    c.GoalStatusData: "en målstatus",
    c.AssessmentData: "en vurdering ved opfølgning",
    c.FollowUpData: "en opfølgning",
    c.UseOfForceData: "en magtanvendelse",
    c.StatusAssessmentData: "bostedets vurdering",
}

_FIELDS = {
    "uid": "id'et", "cpr": "CPR-nummeret", "name": "navnet", "area": "området", "department": "afdelingen",
    "caseworker_name": "sagsbehandlerens navn", "caseworker_contact": "sagsbehandlerens kontaktoplysninger",
    "acting_municipality": "handlekommunen", "paying_municipality": "betalingskommunen",
    "diagnoses": "diagnoserne", "wishes": "ønskerne", "target_groups": "målgrupperne", "kind": "typen",
    "relation": "relationen", "phone": "telefonnummeret", "email": "e-mailadressen", "code": "koden",
    "legal_basis": "lovgrundlaget", "text": "teksten", "domain_catalog": "målområdets katalog",
    "domain_code": "målområdet", "goal_type_code": "måltypen", "related_themes": "de relaterede temaer",
    "justification": "begrundelsen", "end_reason": "årsagen til afslutningen",
    "intervention_purpose": "indsatsformålet", "meeting_kind": "mødetypen",
    "sender_name": "afsenderens navn", "sender_organisation": "afsenderens organisation",
    "agreements": "aftalerne", "other_needs": "andre behov", "support_need_code": "støttebehovet",
    "state": "tilstanden", "return_reason": "begrundelsen for returneringen",
    "replaces_uid": "henvisningen til en tidligere bestilling", "context_code": "konteksten",
    "resources_and_challenges": "ressourcer og udfordringer", "support_need": "støttebehovet",
    "goals_and_sub_goals": "mål og delmål", "evaluation": "evalueringen", "background": "baggrunden",
    "purpose_unit_addition": "enhedens tilføjelse til formålet",
    "purpose_citizen_addition": "borgerens tilføjelse til formålet", "presentation": "præsentationen",
    "earlier_interventions": "tidligere indsatser",
    "use_of_force_prevention": "forebyggelsen af magtanvendelse",
    "order_uid": "henvisningen til bestillingen", "goal_uid": "henvisningen til indsatsmålet",
    "sub_goal_uid": "henvisningen til delmålet", "method": "metoden",
    "withdrawal_reason": "begrundelsen for tilbagetrækningen", "initials": "initialerne",
    "tags": "emnerne", "summary": "opsummeringen", "source_code": "kilden",
    "citizen_note": "borgerens bemærkning", "role": "rollen", "note": "bemærkningen",
    "form": "opfølgningsformen", "intervention_status_code": "status på indsatsen",
    "agenda_points": "dagsordenen", "description": "beskrivelsen", "reported_to": "myndigheden",
    "measure_code": "indgrebet", "participants": "de deltagende", "prevention_tried": "forebyggelsen",
    "occurred_time": "klokkeslættet", "duration_minutes": "varigheden",
    # dates
    "intake_date": "indflytningsdatoen", "end_date": "slutdatoen", "start_date": "startdatoen",
    "follow_up_date": "opfølgningsdatoen", "created_at": "oprettelsestidspunktet",
    "updated_at": "rettelsestidspunktet", "withdrawn_at": "tilbagetrækningen", "meeting_date": "mødedatoen",
    "received_date": "modtagelsesdatoen", "returned_date": "returdatoen", "evaluated_on": "evalueringsdatoen",
    "observed_at": "tidspunktet", "saved_at": "tidspunktet for en tidligere version",
    "assessed_on": "vurderingsdatoen", "invitation_date": "indkaldelsesdatoen",
    "report_sent_date": "datoen for statusrapporten", "occurred_on": "datoen",
    "reported_on": "indberetningsdatoen",
    "done": "hvad bostedet har gjort", "effect": "virkningen", "purpose": "sammenhængen med formålet",
    "period_start": "periodens start",
    "period_end": "periodens slutning", "review_date": "revurderingsdatoen", "position": "nummeret",
}  # fmt: skip


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _refuse(detail: str) -> BundleError:
    return BundleError(f"Bundtet kan ikke indlæses: {detail}")


@functools.cache
def _limit(model: Any, field: str) -> int:
    """What the core allows in ``model.field``: its column's length, else the text limits."""
    attribute = inspect(model).column_attrs.get(field) if model is not None else None
    column_type = attribute.columns[0].type if attribute is not None else None
    return max_chars(field, column_type.length if isinstance(column_type, String) else None)


def check_content(content: c.BundleContent) -> None:
    """Refuse the first text longer than its field allows and the first date outside 1900–2100."""
    _check(content.citizen, _RECORDS[c.CitizenData], Citizen)
    for group in (
        content.orders, content.plans, content.sub_goals, content.journal_notes, content.diary_notes,
        content.goal_statuses, content.follow_ups, content.uses_of_force,
    ):  # fmt: skip
        for record in group:
            _check(record, _RECORDS[type(record)], _MODELS[type(record)])


def _check(record: Any, what: str, model: Any) -> None:
    for field in dataclasses.fields(record):
        _value(getattr(record, field.name), field.name, what, model)


def _value(value: Any, field: str, what: str, model: Any) -> None:
    if field == "position" and isinstance(value, int) and value < 1:
        # Goals and sub-goals are numbered from 1 ("Mål 1"); a 0 or -1 would reorder them.
        raise _refuse(f"nummeret på {what} er {value}; det skal være mindst 1.")
    if isinstance(value, str):
        limit = _limit(model, field)
        if len(value) > limit:
            raise _refuse(
                f"{_FIELDS.get(field, f'feltet »{field}«')} i {what} fylder {_thousands(len(value))} tegn; "
                f"højst {_thousands(limit)} er tilladt."
            )
    elif isinstance(value, dt.date):  # datetimes too
        try:
            check_date(value, field)
        except ValidationError:
            day = value.date() if isinstance(value, dt.datetime) else value
            raise _refuse(
                f"{_FIELDS.get(field, f'datoen »{field}«')} i {what} er {day.isoformat()}, uden for det "
                f"tilladte interval ({MIN_DATE.year}–{MAX_DATE.year})."
            ) from None
    elif isinstance(value, (tuple, list)):
        for item in value:
            _value(item, field, what, model)
    elif isinstance(value, c.Author):
        _check(value, f"forfatteren til {what}", StaffMember)
    elif isinstance(value, c.EarlierVersion):
        # Its content is kept as JSON, not in text columns, except its author: the importer
        # finds or creates a staff entry by that name.
        _value(value.saved_at, "saved_at", what, model)
        author = value.data.get("author")
        if isinstance(author, dict):
            owner = f"forfatteren til en tidligere version af {what}"
            for key in ("name", "initials"):
                if author.get(key) is not None:
                    _value(str(author[key]), key, owner, StaffMember)
    elif dataclasses.is_dataclass(value):
        own = type(value) in _RECORDS
        _check(value, _RECORDS[type(value)] if own else what, _MODELS[type(value)] if own else model)
