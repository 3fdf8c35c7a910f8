"""Opfølgning: the follow-up meeting, its decision, and the per-goal assessments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, Citizen, FollowUp, FollowUpAssessment, InterventionGoal
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import AssessmentRole, FollowUpForm
from fko_desktop.models.scores import parse_score
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse, withdraw, withdraw_record
from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class AssessmentInput:
    goal_id: int
    role: AssessmentRole | str
    score: object = None
    note: str | None = None
    source_code: str | None = None
    agrees_with_status: bool | None = None


FOLLOW_UP_FIELDS = {
    "form",
    "invitation_date",
    "report_sent_date",
    "caseworker_name",
    "support_need_code",
    "intervention_status_code",
    "agreements",
    "agenda_points",
    "held",
    "order_id",
}


def _clean(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - FOLLOW_UP_FIELDS
    if unknown:
        raise ValueError(f"unknown follow-up fields: {sorted(unknown)}")
    clean = {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}
    if clean.get("form") is not None:
        try:
            clean["form"] = FollowUpForm(str(clean["form"]))
        except ValueError:
            raise ValidationError(
                "Opfølgningsformen skal være møde, telefonisk eller skriftlig.", field="form"
            ) from None
    ffb = load_catalog("ffb")
    for key, set_name, label in (
        ("support_need_code", "support_need", "støttebehov"),
        ("intervention_status_code", "intervention_status", "status på indsats"),
    ):
        code = clean.get(key)
        if code is not None and code not in ffb.set(set_name):
            raise ValidationError(f"»{code}« er ikke et gyldigt {label}.", field=key)
    return clean


def _assessment(goal: InterventionGoal, item: AssessmentInput) -> FollowUpAssessment:
    try:
        role = AssessmentRole(item.role)
    except ValueError:
        raise ValidationError(f"Ukendt vurderingsrolle »{item.role}«.", field="role") from None
    if item.source_code is not None and item.source_code not in load_catalog("care_social").set(
        "assessment_sources"
    ):
        raise ValidationError(f"»{item.source_code}« er ikke en gyldig kilde.", field="source_code")
    return FollowUpAssessment(
        goal_id=goal.id,
        citizen_id=goal.citizen_id,
        role=role,
        score=parse_score(item.score),
        note=clean_text(item.note),
        source_code=item.source_code,
        agrees_with_status=item.agrees_with_status,
    )


EMPTY_HELD = "En afholdt opfølgning skal have mindst én vurdering, en status på indsats eller aftaler."
PLANNED_IN_PAST = "Et planlagt møde kan ikke ligge før i dag; markér det som afholdt, eller ret datoen."
HELD_IN_FUTURE = "Et møde kan ikke være afholdt på en dato, der ikke er kommet endnu."


def _has_content(follow_up: FollowUp) -> bool:
    """Did the meeting leave anything on record: a voice, a decision or an agreement?"""
    voices = any(a.withdrawn_at is None and (a.score is not None or a.note) for a in follow_up.assessments)
    return voices or bool(follow_up.intervention_status_code or follow_up.agreements)


def _check_meeting(follow_up: FollowUp, today: dt.date, *, date_changed: bool) -> None:
    """A held meeting has happened and left a record; a planned one lies ahead.

    A form saved by mistake used to become the citizen's "next follow-up" and move every
    deadline; these two rules are what make a follow-up mean something. A planned meeting
    whose date has since passed stays editable (it is marked held later), so the date rule
    applies only when the date is set or changed.
    """
    if follow_up.held:
        if follow_up.meeting_date > today:
            raise ValidationError(HELD_IN_FUTURE, field="meeting_date")
        if not _has_content(follow_up):
            raise ValidationError(EMPTY_HELD, field="held")
    elif date_changed and follow_up.meeting_date < today:
        raise ValidationError(PLANNED_IN_PAST, field="meeting_date")


def record_follow_up(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    meeting_date: dt.date,
    assessments: Sequence[AssessmentInput] = (),
    today: dt.date | None = None,
    **fields: object,
) -> Changed[FollowUp]:
    """Plan a follow-up (``held`` false: its date and form) or record one that was held (with
    the three voices per goal, the decision, the agreements). An empty held one is refused."""
    clean = _clean(fields)
    today = today or dt.date.today()
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        follow_up = FollowUp(citizen_id=citizen.id, meeting_date=meeting_date, **clean)
        session.add(follow_up)
        session.flush()
        _add_assessments(session, follow_up, citizen.id, assessments)
        session.flush()
        session.refresh(follow_up, ["assessments"])
        _check_meeting(follow_up, today, date_changed=True)
    return Changed.after(session, follow_up)


def _add_assessments(
    session: Session, follow_up: FollowUp, citizen_id: int, assessments: Sequence[AssessmentInput]
) -> None:
    seen: set[tuple[int, str]] = set()
    for item in assessments:
        goal = get_or_refuse(session, InterventionGoal, item.goal_id)
        if goal.citizen_id != citizen_id:
            raise ValidationError("Vurderingen gælder et mål for en anden borger.")
        key = (goal.id, str(item.role))
        if key in seen:
            raise ValidationError("Hver rolle kan kun vurdere et mål én gang pr. opfølgning.")
        seen.add(key)
        assessment = _assessment(goal, item)
        assessment.follow_up_id = follow_up.id
        session.add(assessment)


def update_follow_up(
    unit: UnitFile,
    actor: Actor,
    follow_up_id: int,
    *,
    assessments: Sequence[AssessmentInput] = (),
    meeting_date: dt.date | None = None,
    today: dt.date | None = None,
    **fields: object,
) -> Changed[FollowUp]:
    """Change the meeting's facts and add or correct assessments (corrections keep history).
    Holding a planned meeting is this edit with ``held=True`` and what was said."""
    clean = _clean(fields)
    today = today or dt.date.today()
    with unit.write(actor) as session:
        follow_up = get_or_refuse(session, FollowUp, follow_up_id)
        if follow_up.withdrawn_at is not None:
            raise ValidationError("Opfølgningen er trukket tilbage og kan ikke ændres.")
        date_changed = meeting_date is not None and meeting_date != follow_up.meeting_date
        if meeting_date is not None and date_changed:
            follow_up.meeting_date = meeting_date
        for key, value in clean.items():
            setattr(follow_up, key, value)
        live = {(a.goal_id, a.role.value): a for a in follow_up.assessments if a.withdrawn_at is None}
        new_items = []
        for item in assessments:
            existing = live.get((item.goal_id, str(AssessmentRole(item.role).value)))
            if existing is None:
                new_items.append(item)
                continue
            existing.score = parse_score(item.score)
            existing.note = clean_text(item.note)
            existing.source_code = item.source_code
            existing.agrees_with_status = item.agrees_with_status
        _add_assessments(session, follow_up, follow_up.citizen_id, new_items)
        session.flush()
        session.refresh(follow_up, ["assessments"])
        _check_meeting(follow_up, today, date_changed=date_changed)
    return Changed.after(session, follow_up)


def withdraw_follow_up(unit: UnitFile, actor: Actor, follow_up_id: int, *, reason: str) -> Changed[FollowUp]:
    """Withdraw a follow-up saved by mistake, and its assessments with it, in one transaction.
    It stays in the file with who, when and why; deadlines and reports no longer count it."""
    with unit.write(actor) as session:
        follow_up = get_or_refuse(session, FollowUp, follow_up_id)
        withdraw_record(session, follow_up, reason)
        for assessment in follow_up.assessments:
            if assessment.withdrawn_at is None:
                withdraw_record(session, assessment, reason)
    return Changed.after(session, follow_up)


def withdraw_assessment(
    unit: UnitFile, actor: Actor, assessment_id: int, *, reason: str
) -> Changed[FollowUpAssessment]:
    return withdraw(unit, actor, FollowUpAssessment, assessment_id, reason)


def follow_ups_for_citizen(
    unit: UnitFile, citizen_id: int, *, include_withdrawn: bool = False
) -> list[FollowUp]:
    """The citizen's follow-ups, latest meeting first; withdrawn ones only when asked."""
    with unit.read() as session:
        live = [] if include_withdrawn else [FollowUp.withdrawn_at.is_(None)]
        return list(
            session.scalars(
                select(FollowUp)
                .where(FollowUp.citizen_id == citizen_id, *live)
                .options(selectinload(FollowUp.assessments))
                .order_by(FollowUp.meeting_date.desc())
            )
        )
