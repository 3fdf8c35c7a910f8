"""The sub-goal journal (delmålsdagbog) and the resident diary (beboerdagbog).

Listing functions page through notes newest first with ``offset``/``limit`` so the window can
load a journal of tens of thousands of notes lazily.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import ColumnElement, Integer, String, func, select, type_coerce
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, DiaryNote, DiaryTag, JournalNote, StaffMember, SubGoal
from fko_desktop.models.authorization import give_edit_reason
from fko_desktop.models.base import utc_now
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.scores import Score, from_storage, parse_score
from fko_desktop.models.validation import check_new_observation
from fko_desktop.ops.base import Changed, get_or_refuse, note_period_filter, record_history, withdraw
from fko_desktop.storage.unitfile import UnitFile

# A note dated in the future is almost always a typo in the date field.
FUTURE_TOLERANCE = dt.timedelta(minutes=10)


class NoteRow(NamedTuple):
    """What a journal list shows of one note (no ORM object, so views can cache rows).

    A NamedTuple rather than a dataclass: a citizen's journal builds thousands of these and
    tuple construction is several times cheaper.
    """

    id: int
    sub_goal_id: int
    observed_at: dt.datetime
    author: str
    text: str
    score: Score | None
    version: int
    withdrawn: bool
    withdrawal_reason: str | None
    #: The sub-goal's text, so every card and row can say what the note is about.
    sub_goal: str = ""
    #: When it was written down (``observed_at`` is when it happened; the night shift's note
    #: of the evening is written after midnight, or the next morning).
    written_at: dt.datetime | None = None


class ScorePoint(NamedTuple):
    """One scored, standing note as a graph draws it: when, the score, who (no text)."""

    observed_at: dt.datetime
    score: Score
    author: str


def _check_time(observed_at: dt.datetime | None) -> dt.datetime:
    now = utc_now()
    if observed_at is None:
        return now
    if observed_at.tzinfo is None:
        observed_at = observed_at.astimezone()  # local wall-clock time as typed
    if observed_at > now + FUTURE_TOLERANCE:
        raise ValidationError("Tidspunktet for observationen ligger i fremtiden.", field="observed_at")
    return observed_at


def add_note(
    unit: UnitFile,
    actor: Actor,
    sub_goal_id: int,
    *,
    text: str,
    score: object = None,
    observed_at: dt.datetime | None = None,
    author_id: int | None = None,
) -> Changed[JournalNote]:
    """Write a journal note; a score needs a written observation, and must be 0–4 or Ikke vurderet."""
    parsed = parse_score(score)
    text = check_new_observation(text, parsed)
    when = _check_time(observed_at)
    author = author_id if author_id is not None else actor.staff_id
    if author is None:
        raise ValidationError("Vælg hvem der har skrevet notatet.", field="author")
    with unit.write(actor) as session:
        sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
        note = JournalNote(
            sub_goal_id=sub_goal.id,
            citizen_id=sub_goal.citizen_id,
            observed_at=when,
            author_id=author,
            text=text,
            score=parsed,
        )
        session.add(note)
        session.flush()
    return Changed.after(session, note)


def edit_note(
    unit: UnitFile,
    actor: Actor,
    note_id: int,
    *,
    text: str,
    score: object = None,
    observed_at: dt.datetime | None = None,
    reason: str | None = None,
) -> Changed[JournalNote]:
    """Correct a note: the earlier version is kept, with who wrote it and when. A leder
    correcting a colleague's note gives a ``reason``."""
    parsed = parse_score(score)
    text = check_new_observation(text, parsed)
    with unit.write(actor) as session:
        note = get_or_refuse(session, JournalNote, note_id)
        give_edit_reason(session, note, reason)
        note.text = text
        note.score = parsed
        if observed_at is not None:
            note.observed_at = _check_time(observed_at)
    return Changed.after(session, note)


def withdraw_note(unit: UnitFile, actor: Actor, note_id: int, *, reason: str) -> Changed[JournalNote]:
    return withdraw(unit, actor, JournalNote, note_id, reason)


def note_history(unit: UnitFile, note_id: int) -> list[dict[str, object]]:
    with unit.read() as session:
        return record_history(session, get_or_refuse(session, JournalNote, note_id))


def _note_rows(
    session: Session, where: Sequence[ColumnElement[bool]], offset: int, limit: int | None
) -> list[NoteRow]:
    query = (
        select(
            JournalNote.id,
            JournalNote.sub_goal_id,
            # Raw stored values: converting 5,000 rows through the column types costs more
            # than the query itself, so the two conversions are done once below.
            type_coerce(JournalNote.observed_at, String),
            StaffMember.initials,
            JournalNote.text,
            type_coerce(JournalNote.score, Integer),
            JournalNote.version,
            type_coerce(JournalNote.withdrawn_at, String),
            JournalNote.withdrawal_reason,
            SubGoal.text,
            type_coerce(JournalNote.created_at, String),
        )
        .join(StaffMember, StaffMember.id == JournalNote.author_id)
        .join(SubGoal, SubGoal.id == JournalNote.sub_goal_id)
        .where(*where)
        .order_by(JournalNote.observed_at.desc(), JournalNote.id.desc())
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    parse_time = dt.datetime.fromisoformat
    return [
        NoteRow(
            r[0],
            r[1],
            parse_time(r[2]),
            r[3],
            r[4],
            from_storage(r[5]),
            r[6],
            r[7] is not None,
            r[8],
            r[9],
            parse_time(r[10]) if r[10] else None,
        )
        for r in session.execute(query)
    ]


def _journal_filter(
    *,
    sub_goal_ids: Sequence[int] | None = None,
    citizen_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    include_withdrawn: bool = True,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if sub_goal_ids is not None:
        where.append(JournalNote.sub_goal_id.in_(list(sub_goal_ids)))
    if citizen_id is not None:
        where.append(JournalNote.citizen_id == citizen_id)
    return where + note_period_filter(JournalNote, since, until, include_withdrawn)


def journal(
    unit: UnitFile,
    *,
    sub_goal_ids: Sequence[int] | None = None,
    citizen_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    include_withdrawn: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[NoteRow]:
    """Notes newest first for some sub-goals, or a citizen's whole journal, optionally paged."""
    where = _journal_filter(
        sub_goal_ids=sub_goal_ids,
        citizen_id=citizen_id,
        since=since,
        until=until,
        include_withdrawn=include_withdrawn,
    )
    with unit.read() as session:
        return _note_rows(session, where, offset, limit)


def score_points(unit: UnitFile, sub_goal_id: int) -> list[ScorePoint]:
    """Every scored note of a sub-goal that stands (not withdrawn), oldest first: the graph's
    data, all of it, read without the texts so it stays cheap to redraw after each note."""
    query = (
        select(
            type_coerce(JournalNote.observed_at, String),
            type_coerce(JournalNote.score, Integer),
            StaffMember.initials,
        )
        .join(StaffMember, StaffMember.id == JournalNote.author_id)
        .where(
            JournalNote.sub_goal_id == sub_goal_id,
            JournalNote.score.is_not(None),
            JournalNote.withdrawn_at.is_(None),
        )
        .order_by(JournalNote.observed_at, JournalNote.id)
    )
    parse_time = dt.datetime.fromisoformat
    with unit.read() as session:
        rows = [(parse_time(r[0]), from_storage(r[1]), r[2]) for r in session.execute(query)]
    return [ScorePoint(at, score, author) for at, score, author in rows if score is not None]


def count_notes(
    unit: UnitFile,
    *,
    sub_goal_ids: Sequence[int] | None = None,
    citizen_id: int | None = None,
    include_withdrawn: bool = True,
) -> int:
    where = _journal_filter(
        sub_goal_ids=sub_goal_ids, citizen_id=citizen_id, include_withdrawn=include_withdrawn
    )
    with unit.read() as session:
        return session.scalar(select(func.count(JournalNote.id)).select_from(JournalNote).where(*where)) or 0


def sub_goal_ids_of_goal(unit: UnitFile, goal_id: int) -> list[int]:
    with unit.read() as session:
        return list(session.scalars(select(SubGoal.id).where(SubGoal.goal_id == goal_id)))


# -- resident diary ----------------------------------------------------------------------------

#: Which code set of which catalog a diary note may be tagged with (DOMAIN.md: "the plan's
#: contexts / FFB sub-themes"). For FFB that is the whole theme tree (``related_themes``):
#: a resident diary records sleep, diet, family or money as much as the Aktivitet og
#: deltagelse themes a goal can attach to, and that set holds those too (``goal_domains`` is
#: its Aktivitet og deltagelse branch).
TAG_CATALOGS = {"specialsektoren": "contexts", "ffb": "related_themes"}


def is_diary_tag(catalog_id: str | None, code: str | None) -> bool:
    """Whether (catalog, code) is a valid resident diary tag; the importer asks the same."""
    if catalog_id is None or code is None or catalog_id not in TAG_CATALOGS:
        return False
    return code in load_catalog(catalog_id).set(TAG_CATALOGS[catalog_id])


def add_diary_note(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    text: str,
    tags: Sequence[tuple[str, str]] = (),
    observed_at: dt.datetime | None = None,
    author_id: int | None = None,
) -> Changed[DiaryNote]:
    """A resident diary note, tagged with plan contexts or FFB sub-themes as (catalog, code)."""
    text = check_new_observation(text, None)
    when = _check_time(observed_at)
    for catalog_id, code in tags:
        if not is_diary_tag(catalog_id, code):
            raise ValidationError(f"»{code}« er ikke et gyldigt emne for dagbogen.", field="tags")
    author = author_id if author_id is not None else actor.staff_id
    if author is None:
        raise ValidationError("Vælg hvem der har skrevet notatet.", field="author")
    with unit.write(actor) as session:
        note = DiaryNote(citizen_id=citizen_id, observed_at=when, author_id=author, text=text)
        note.tags = [DiaryTag(catalog=c, code=code) for c, code in tags]
        session.add(note)
        session.flush()
    return Changed.after(session, note)
