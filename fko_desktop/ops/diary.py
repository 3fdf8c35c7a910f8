"""Reading and correcting the resident diary (beboerdagbog).

Writing a new note stays ``ops.journal.add_diary_note`` (the importer and the CLI use it);
this module lists a citizen's notes with filters, and edits and withdraws them like the
journal's notes: an edit keeps the earlier version, a withdrawal keeps the note with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import ColumnElement, String, exists, func, select, type_coerce
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, Citizen, DiaryNote, DiaryTag, StaffMember
from fko_desktop.models.authorization import give_edit_reason
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.validation import check_new_observation
from fko_desktop.ops.base import Changed, get_or_refuse, note_period_filter, record_history, withdraw
from fko_desktop.ops.journal import TAG_CATALOGS, _check_time, is_diary_tag
from fko_desktop.storage.unitfile import UnitFile

#: Which tag catalog a citizen's area uses: the children's plan model has its contexts, the
#: adults' VUM/FFB its themes (DOMAIN.md).
AREA_TAG_CATALOG = {"children": "specialsektoren", "adults": "ffb"}


class DiaryTagLabel(NamedTuple):
    catalog: str
    code: str
    label: str


class DiaryRow(NamedTuple):
    """What the diary list shows of one note (no ORM object, so views can cache rows)."""

    id: int
    observed_at: dt.datetime
    written_at: dt.datetime | None
    author: str
    author_id: int
    text: str
    tags: tuple[DiaryTagLabel, ...]
    version: int
    withdrawn: bool
    withdrawal_reason: str | None


class TagChoice(NamedTuple):
    """A tag a writer may choose, with its depth in the theme tree (for indentation)."""

    catalog: str
    code: str
    label: str
    depth: int


def tag_label(catalog_id: str, code: str, area: str | None = None) -> str:
    """A tag's display name; an unknown code stays readable ("Ukendt kode (…)")."""
    set_name = TAG_CATALOGS.get(catalog_id)
    if set_name is None:
        return f"Ukendt kode ({code})"
    code_set = load_catalog(catalog_id).set(set_name)
    entry = code_set.get(code)
    return entry.display_for(area) if entry is not None else code_set.display(code)


def tag_choices(area: str) -> list[TagChoice]:
    """The tags a citizen of ``area`` ("children"/"adults") is tagged with, in catalog order."""
    catalog_id = AREA_TAG_CATALOG[area]
    code_set = load_catalog(catalog_id).set(TAG_CATALOGS[catalog_id])
    depth: dict[str | None, int] = {None: -1}
    choices = []
    for entry in code_set:
        depth[entry.code] = depth.get(entry.parent, -1) + 1
        choices.append(TagChoice(catalog_id, entry.code, entry.display_for(area), depth[entry.code]))
    return choices


def _filter(
    citizen_id: int,
    tag: tuple[str, str] | None,
    author_id: int | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    include_withdrawn: bool,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [DiaryNote.citizen_id == citizen_id]
    if tag is not None:
        where.append(
            exists().where(
                DiaryTag.note_id == DiaryNote.id,
                DiaryTag.catalog == tag[0],
                DiaryTag.code == tag[1],
                DiaryTag.removed_in_version.is_(None),
            )
        )
    if author_id is not None:
        where.append(DiaryNote.author_id == author_id)
    return where + note_period_filter(DiaryNote, since, until, include_withdrawn)


def diary(
    unit: UnitFile,
    citizen_id: int,
    *,
    tag: tuple[str, str] | None = None,
    author_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    include_withdrawn: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[DiaryRow]:
    """A citizen's diary notes newest first, filtered, optionally paged (``offset``/``limit``)."""
    where = _filter(citizen_id, tag, author_id, since, until, include_withdrawn)
    query = (
        select(
            DiaryNote.id,
            # Raw stored times, parsed once below (as journal() does, for the same cost reason).
            type_coerce(DiaryNote.observed_at, String),
            type_coerce(DiaryNote.created_at, String),
            StaffMember.initials,
            DiaryNote.author_id,
            DiaryNote.text,
            DiaryNote.version,
            type_coerce(DiaryNote.withdrawn_at, String),
            DiaryNote.withdrawal_reason,
        )
        .join(StaffMember, StaffMember.id == DiaryNote.author_id)
        .where(*where)
        .order_by(DiaryNote.observed_at.desc(), DiaryNote.id.desc())
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    parse_time = dt.datetime.fromisoformat
    with unit.read() as session:
        rows = session.execute(query).all()
        area = _area(session, citizen_id)
        tags = _tags(session, [r[0] for r in rows], area)
    return [
        DiaryRow(
            r[0],
            parse_time(r[1]),
            parse_time(r[2]) if r[2] else None,
            r[3],
            r[4],
            r[5],
            tags.get(r[0], ()),
            r[6],
            r[7] is not None,
            r[8],
        )
        for r in rows
    ]


def count_diary(
    unit: UnitFile,
    citizen_id: int,
    *,
    tag: tuple[str, str] | None = None,
    author_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    include_withdrawn: bool = True,
) -> int:
    where = _filter(citizen_id, tag, author_id, since, until, include_withdrawn)
    with unit.read() as session:
        return session.scalar(select(func.count(DiaryNote.id)).where(*where)) or 0


def diary_authors(unit: UnitFile, citizen_id: int) -> list[tuple[int, str]]:
    """Who has written in the citizen's diary, (staff id, initials) by initials: the author filter."""
    query = (
        select(StaffMember.id, StaffMember.initials)
        .where(StaffMember.id.in_(select(DiaryNote.author_id).where(DiaryNote.citizen_id == citizen_id)))
        .order_by(StaffMember.initials)
    )
    with unit.read() as session:
        return [(r[0], r[1]) for r in session.execute(query)]


def _area(session: Session, citizen_id: int) -> str | None:
    area = session.scalar(select(Citizen.area).where(Citizen.id == citizen_id))
    return None if area is None else str(area.value)


def _tags(
    session: Session, note_ids: Sequence[int], area: str | None
) -> dict[int, tuple[DiaryTagLabel, ...]]:
    found: dict[int, list[DiaryTagLabel]] = defaultdict(list)
    if note_ids:
        query = (
            select(DiaryTag.note_id, DiaryTag.catalog, DiaryTag.code)
            .where(DiaryTag.note_id.in_(list(note_ids)), DiaryTag.removed_in_version.is_(None))
            .order_by(DiaryTag.id)
        )
        for note_id, catalog_id, code in session.execute(query):
            found[note_id].append(DiaryTagLabel(catalog_id, code, tag_label(catalog_id, code, area)))
    return {note_id: tuple(labels) for note_id, labels in found.items()}


def _check_tags(tags: Sequence[tuple[str, str]]) -> None:
    for catalog_id, code in tags:
        if not is_diary_tag(catalog_id, code):
            raise ValidationError(f"»{code}« er ikke et gyldigt emne for dagbogen.", field="tags")


def edit_diary_note(
    unit: UnitFile,
    actor: Actor,
    note_id: int,
    *,
    text: str,
    tags: Sequence[tuple[str, str]] | None = None,
    observed_at: dt.datetime | None = None,
    reason: str | None = None,
) -> Changed[DiaryNote]:
    """Correct a diary note: the earlier text and time are kept as a version (the model's
    history), with who wrote it and when. ``tags=None`` leaves the tags as they are; a leder
    correcting a colleague's note gives a ``reason``."""
    text = check_new_observation(text, None)
    if tags is not None:
        _check_tags(tags)
    with unit.write(actor) as session:
        note = get_or_refuse(session, DiaryNote, note_id)
        if note.withdrawn_at is not None:
            raise ValidationError("Et tilbagetrukket notat kan ikke rettes.")
        give_edit_reason(session, note, reason)
        note.text = text
        if observed_at is not None:
            note.observed_at = _check_time(observed_at)
        if tags is not None and sorted(tags) != sorted((t.catalog, t.code) for t in note.tags):
            # The old tags stay in the file, marked removed: they are part of the note's content.
            note.set_tags(tags)
    return Changed.after(session, note)


def withdraw_diary_note(unit: UnitFile, actor: Actor, note_id: int, *, reason: str) -> Changed[DiaryNote]:
    """Withdraw a diary note written by mistake: it stays in the file, marked, with the reason."""
    return withdraw(unit, actor, DiaryNote, note_id, reason)


def diary_note_history(unit: UnitFile, note_id: int) -> list[dict[str, object]]:
    with unit.read() as session:
        return record_history(session, get_or_refuse(session, DiaryNote, note_id))
