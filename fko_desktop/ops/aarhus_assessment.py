"""The Århus schema assessment: record, correct and withdraw one, and when the next is due.

Seed 003's cadence: the first at intake, the next three months later as a quick check that the
picture is right, then one every half year. Every factor of the child's schema is scored (a
factor that could not be judged is "Ikke vurderet", never left out), and each numeric score
gets a target for the next assessment, on the same 0–4 scale. Who may write is decided by the
core's flush check (``models/authorization.py``) as for every record about a citizen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import PermissionDenied, ValidationError
from fko_desktop.models import Actor, Citizen
from fko_desktop.models import permissions as p
from fko_desktop.models.aarhus_assessment import AarhusAssessment, AarhusFactorScore, AarhusKind
from fko_desktop.models.authorization import acting_member, give_edit_reason
from fko_desktop.models.catalogs import Entry, load_catalog
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.enums import Area
from fko_desktop.models.formatting import format_date
from fko_desktop.models.limits import check_date
from fko_desktop.models.schedule import add_months
from fko_desktop.models.scores import NotAssessed, Score, is_numeric, parse_score
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse, withdraw_record
from fko_desktop.storage.unitfile import UnitFile

#: The cadence (seed 003 Figure 6): a quick check after the intake, then every half year.
THREE_MONTHS = 3
HALF_YEAR = 6

NOT_A_CHILD = "Århus-vurderingen er for børn og unge med et Århus-skema; borgeren har intet skema."


@dataclasses.dataclass(frozen=True)
class FactorInput:
    """What the form holds for one factor; scores as typed or chosen (``parse_score``)."""

    factor_code: str
    score: object
    target: object = None
    note: str | None = None
    child_score: object = None
    child_note: str | None = None
    parent_score: object = None
    parent_note: str | None = None


@dataclasses.dataclass(frozen=True)
class NextDue:
    """The next assessment a child is owed: when, and which kind it is."""

    due_on: dt.date
    kind: AarhusKind


def schema_factors(schema: OutcomeSchema | str) -> tuple[Entry, ...]:
    """The factors a schema scores, in the catalog's order (Familieforhold as its three parts:
    the heading itself is not selectable and gets no score)."""
    return load_catalog("aarhus").set(OutcomeSchema(schema).value).selectable()


def _schema_of(citizen: Citizen) -> OutcomeSchema:
    if Area(citizen.area) is not Area.CHILDREN or citizen.outcome_schema is None:
        raise ValidationError(NOT_A_CHILD, field="citizen")
    return OutcomeSchema(citizen.outcome_schema)


def _check_day(assessed_on: dt.date, today: dt.date) -> dt.date:
    check_date(assessed_on, "assessed_on", label="Vurderingens dato")
    if assessed_on > today:
        raise ValidationError("Vurderingens dato kan ikke ligge i fremtiden.", field="assessed_on")
    return assessed_on


def _score(value: object, label: str, field: str) -> Score | None:
    try:
        return parse_score(value)
    except ValidationError as error:
        raise ValidationError(f"{label}: {error}", field=field) from None


def _target(value: object, score: Score | None, label: str) -> int | None:
    target = _score(value, f"Målet for »{label}«", "target")
    if isinstance(target, NotAssessed):
        raise ValidationError(f"Målet for »{label}« skal være et tal fra 0 til 4.", field="target")
    if target is None and is_numeric(score):
        raise ValidationError(
            f"Sæt et mål (0–4) for »{label}« til næste vurdering; vil I fastholde, så sæt målet "
            "lig med scoren.",
            field="target",
        )
    return target


@dataclasses.dataclass(frozen=True)
class _Checked:
    code: str
    values: dict[str, object]


def _check_factors(schema: OutcomeSchema, factors: Sequence[FactorInput]) -> list[_Checked]:
    """Every factor of the schema once, each with a score; the values ready to store."""
    entries = {entry.code: entry for entry in schema_factors(schema)}
    given: dict[str, FactorInput] = {}
    for factor in factors:
        code = factor.factor_code
        if code not in entries:
            raise ValidationError(
                f"»{str(factor.factor_code)[:40]}« er ikke en faktor i skemaet {schema.label}.",
                field="factor",
            )
        if factor.factor_code in given:
            raise ValidationError(
                f"»{entries[factor.factor_code].display}« er scoret to gange.", field="factor"
            )
        given[factor.factor_code] = factor
    checked = []
    for code, entry in entries.items():
        found = given.get(code)
        score = _score(found.score, f"»{entry.display}«", "score") if found is not None else None
        if found is None or score is None:
            raise ValidationError(
                f"Giv »{entry.display}« en score fra 0 til 4 eller »Ikke vurderet«: hver faktor i "
                "skemaet skal scores.",
                field="score",
            )
        factor = found
        checked.append(
            _Checked(
                code,
                {
                    "score": score,
                    "target": _target(factor.target, score, entry.display),
                    "note": clean_text(factor.note),
                    "child_score": _score(factor.child_score, "Barnets egen score", "child_score"),
                    "child_note": clean_text(factor.child_note),
                    "parent_score": _score(factor.parent_score, "Forældrenes egen score", "parent_score"),
                    "parent_note": clean_text(factor.parent_note),
                },
            )
        )
    return checked


def _live(session: Session, citizen_id: int) -> list[AarhusAssessment]:
    return list(
        session.scalars(
            select(AarhusAssessment)
            .where(AarhusAssessment.citizen_id == citizen_id, AarhusAssessment.withdrawn_at.is_(None))
            .order_by(AarhusAssessment.assessed_on, AarhusAssessment.id)
        )
    )


def _check_free_day(live: Sequence[AarhusAssessment], assessed_on: dt.date, own_id: int | None) -> None:
    # Two assessments on one day would make "the one before" ambiguous for the comparison.
    if any(a.assessed_on == assessed_on and a.id != own_id for a in live):
        raise ValidationError(
            f"Der er allerede en Århus-vurdering den {format_date(assessed_on)}; ret den i stedet.",
            field="assessed_on",
        )


def kind_for(earlier: int) -> AarhusKind:
    """The kind an assessment is when ``earlier`` assessments stand before it."""
    if earlier == 0:
        return AarhusKind.INTAKE
    return AarhusKind.THREE_MONTHS if earlier == 1 else AarhusKind.FOLLOW_UP


def record_aarhus_assessment(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    assessed_on: dt.date,
    factors: Sequence[FactorInput],
    kind: AarhusKind | str | None = None,
    participants: str | None = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> Changed[AarhusAssessment]:
    """Record an assessment in the citizen's current schema; the kind defaults to the one the
    cadence says (intake, then the three-month check, then follow-ups)."""
    _check_day(assessed_on, today or dt.date.today())
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        schema = _schema_of(citizen)
        checked = _check_factors(schema, factors)
        live = _live(session, citizen.id)
        _check_free_day(live, assessed_on, None)
        chosen = AarhusKind(kind) if kind else kind_for(sum(a.assessed_on < assessed_on for a in live))
        assessment = AarhusAssessment(
            citizen_id=citizen.id,
            assessed_on=assessed_on,
            kind=chosen,
            outcome_schema=schema,
            participants=clean_text(participants),
            note=clean_text(note),
        )
        session.add(assessment)
        session.flush()
        for item in checked:
            session.add(
                AarhusFactorScore(
                    assessment_id=assessment.id, citizen_id=citizen.id, factor_code=item.code, **item.values
                )
            )
        session.flush()
    return Changed.after(session, assessment)


def _needs_reason(session: Session, record: AarhusAssessment, reason: str | None) -> None:
    # Correcting a colleague's assessment is a leder's act and is explained (as for notes); the
    # reason goes into the audit trail beside the edit.
    member = acting_member(session)
    others = member is not None and record.created_by_id not in (None, member.id)
    # Someone who may not correct a colleague's at all is refused by the flush check instead.
    if others and member is not None and member.may(p.Permission.EDIT_OTHERS) and not (reason or "").strip():
        raise PermissionDenied(p.REASON)
    give_edit_reason(session, record, reason)


def correct_aarhus_assessment(
    unit: UnitFile,
    actor: Actor,
    assessment_id: int,
    *,
    assessed_on: dt.date,
    factors: Sequence[FactorInput],
    kind: AarhusKind | str | None = None,
    participants: str | None = None,
    note: str | None = None,
    reason: str | None = None,
    today: dt.date | None = None,
) -> Changed[AarhusAssessment]:
    """Correct an assessment: each changed factor gets a new version, the earlier one is kept.
    The schema stays the one it was scored in."""
    _check_day(assessed_on, today or dt.date.today())
    with unit.write(actor) as session:
        assessment = get_or_refuse(session, AarhusAssessment, assessment_id, load=(AarhusAssessment.factors,))
        if assessment.withdrawn_at is not None:
            raise ValidationError("En tilbagetrukket Århus-vurdering kan ikke rettes.")
        checked = _check_factors(OutcomeSchema(assessment.outcome_schema), factors)
        _check_free_day(_live(session, assessment.citizen_id), assessed_on, assessment.id)
        _needs_reason(session, assessment, reason)
        assessment.assessed_on = assessed_on
        if kind:
            assessment.kind = AarhusKind(kind)
        assessment.participants = clean_text(participants)
        assessment.note = clean_text(note)
        rows = {row.factor_code: row for row in assessment.factors if row.withdrawn_at is None}
        for item in checked:
            row = rows.get(item.code)
            if row is None:  # a factor the catalog gained since: scored now for the first time
                session.add(
                    AarhusFactorScore(
                        assessment_id=assessment.id,
                        citizen_id=assessment.citizen_id,
                        factor_code=item.code,
                        **item.values,
                    )
                )
                continue
            for key, value in item.values.items():
                if getattr(row, key) != value:  # an unchanged factor keeps its version
                    setattr(row, key, value)
        session.flush()
    return Changed.after(session, assessment)


def withdraw_aarhus_assessment(
    unit: UnitFile, actor: Actor, assessment_id: int, *, reason: str
) -> Changed[AarhusAssessment]:
    """Withdraw the assessment and its factor scores with one reason; all stay in the file."""
    with unit.write(actor) as session:
        assessment = get_or_refuse(session, AarhusAssessment, assessment_id, load=(AarhusAssessment.factors,))
        withdraw_record(session, assessment, reason)
        for row in assessment.factors:
            if row.withdrawn_at is None:
                withdraw_record(session, row, reason)
    return Changed.after(session, assessment)


def assessments_for(
    session: Session, citizen_id: int, *, include_withdrawn: bool = False
) -> list[AarhusAssessment]:
    """The citizen's assessments, oldest first, with their factor scores loaded."""
    query = (
        select(AarhusAssessment)
        .where(AarhusAssessment.citizen_id == citizen_id)
        .options(selectinload(AarhusAssessment.factors))
        .order_by(AarhusAssessment.assessed_on, AarhusAssessment.id)
    )
    if not include_withdrawn:
        query = query.where(AarhusAssessment.withdrawn_at.is_(None))
    return list(session.scalars(query))


def next_due(days: Sequence[dt.date], intake_date: dt.date | None, *, fallback: dt.date) -> NextDue:
    """When the next assessment is owed, from the days of the standing assessments: at intake
    (the intake date, else ``fallback``) when there is none, three months after the first,
    then half a year after the latest."""
    if not days:
        return NextDue(intake_date or fallback, AarhusKind.INTAKE)
    ordered = sorted(days)
    if len(ordered) == 1:
        return NextDue(add_months(ordered[0], THREE_MONTHS), AarhusKind.THREE_MONTHS)
    return NextDue(add_months(ordered[-1], HALF_YEAR), AarhusKind.FOLLOW_UP)
