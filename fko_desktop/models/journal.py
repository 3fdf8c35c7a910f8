"""Daily documentation: sub-goal journal notes and resident diary notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship
from sqlalchemy.orm.attributes import set_committed_value

from fko_desktop.models.base import Base, IdMixin, ScoreType, Versioned, score_check
from fko_desktop.models.exchange import ExchangeUid

#: A note written this long after what it tells of says when it was written, on its card, in
#: its history and in the print (the night shift's notes of the evening, the next morning's).
LATE_WRITING = dt.timedelta(minutes=30)


def written_later(observed_at: dt.datetime, written_at: dt.datetime | None) -> bool:
    """Was the note written down noticeably later than what it tells of happened?"""
    return written_at is not None and written_at - observed_at >= LATE_WRITING


class JournalNote(IdMixin, ExchangeUid, Versioned, Base):
    """A delmålsdagbogsnotat: a written observation, optionally with a score 0–4.

    ``citizen_id`` repeats the sub-goal's citizen so a citizen's whole journal is one
    indexed range scan, not a three-table join.
    """

    __tablename__ = "journal_note"
    __versioned_fields__ = ("observed_at", "author_id", "text", "score")
    __table_args__ = (
        CheckConstraint(score_check("score"), name="score"),
        # A score may never lack a written observation (DOMAIN.md, daily documentation).
        CheckConstraint("length(trim(text)) > 0", name="text_required"),
        Index("ix_journal_note_sub_goal_time", "sub_goal_id", "observed_at"),
        Index("ix_journal_note_citizen_time", "citizen_id", "observed_at"),
    )

    sub_goal_id: Mapped[int] = mapped_column(ForeignKey("sub_goal.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    observed_at: Mapped[dt.datetime]
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"))
    text: Mapped[str]
    score: Mapped[Any] = mapped_column(ScoreType, nullable=True)

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id


class DiaryNote(IdMixin, ExchangeUid, Versioned, Base):
    """A beboerdagbogsnotat: an observation outside the sub-goals, tagged by context/theme."""

    __tablename__ = "diary_note"
    __versioned_fields__ = ("observed_at", "author_id", "text")
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_required"),
        Index("ix_diary_note_citizen_time", "citizen_id", "observed_at"),
    )

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    observed_at: Mapped[dt.datetime]
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"))
    text: Mapped[str]

    # The note's current tags: a tag it lost stays in the file, marked (see ``set_tags``).
    tags: Mapped[list[DiaryTag]] = relationship(
        back_populates="note",
        cascade="all, delete-orphan",
        order_by="DiaryTag.id",
        primaryjoin="and_(DiaryNote.id == DiaryTag.note_id, DiaryTag.removed_in_version.is_(None))",
    )

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id

    def set_tags(self, tags: Sequence[tuple[str, str]]) -> None:
        """Give the note exactly ``tags`` (catalog, code), in order.

        Tags are part of the note's content and the database refuses to delete them: the
        tags it had are marked removed with the note's version at the time, and the new set
        is written after them. Flushes, so the collection shows only the current tags.
        """
        wanted = [tuple(tag) for tag in tags]
        if [(tag.catalog, tag.code) for tag in self.tags] == wanted:
            return
        for tag in self.tags:
            tag.removed_in_version = self.version
        for catalog, code in wanted:
            self.tags.append(DiaryTag(catalog=catalog, code=code))
        session = object_session(self)
        if session is not None:
            session.flush()
            set_committed_value(self, "tags", [tag for tag in self.tags if tag.removed_in_version is None])


class DiaryTag(IdMixin, Base):
    """A diary note's tag: a plan context or an FFB sub-theme, stored as catalog + code."""

    __tablename__ = "diary_tag"

    note_id: Mapped[int] = mapped_column(ForeignKey("diary_note.id"), index=True)
    catalog: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(64))
    #: Set when the note lost this tag: the note's version then. NULL for a current tag.
    removed_in_version: Mapped[int | None]

    note: Mapped[DiaryNote] = relationship(
        back_populates="tags",
        primaryjoin="and_(DiaryNote.id == DiaryTag.note_id, DiaryTag.removed_in_version.is_(None))",
    )
