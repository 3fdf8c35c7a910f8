"""Turning the story into rows: the bulk tables' buffers and their large statements.

The small entities go through the ORM (so the session hooks audit them); journal and diary notes
go straight to the driver with pre-converted values, and goal statuses, follow-up assessments,
Århus assessments, kept versions and audit events go in as bulk ``insert`` statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from fko_desktop.models import (
    AarhusAssessment,
    AarhusFactorScore,
    AuditEvent,
    DiaryNote,
    FollowUpAssessment,
    GoalStatus,
    JournalNote,
    RecordVersion,
)
from fko_desktop.storage.sql import insert_stored_values

#: Rows buffered before a bulk write.
CHUNK = 40_000

_JOURNAL_COLUMNS = (
    "id",
    "sub_goal_id",
    "citizen_id",
    "observed_at",
    "author_id",
    "text",
    "score",
    "created_at",
    "created_by_id",
    "version",
    "updated_at",
    "updated_by_id",
    "withdrawn_at",
    "withdrawn_by_id",
    "withdrawal_reason",
)
_DIARY_COLUMNS = (
    "id",
    "citizen_id",
    "observed_at",
    "author_id",
    "text",
    "created_at",
    "created_by_id",
    "version",
    "updated_at",
    "updated_by_id",
    "withdrawn_at",
    "withdrawn_by_id",
    "withdrawal_reason",
)
_TAG_COLUMNS = ("note_id", "catalog", "code")


@dataclass
class _Stats:
    citizens: int = 0
    children: int = 0
    adults: int = 0
    ended: int = 0
    staff: int = 0
    orders: int = 0
    goals: int = 0
    sub_goals: int = 0
    journal_notes: int = 0
    diary_notes: int = 0
    goal_statuses: int = 0
    follow_ups: int = 0
    follow_up_assessments: int = 0
    use_of_force: int = 0
    edited: int = 0
    withdrawn: int = 0
    aarhus_assessments: int = 0
    aarhus_factor_scores: int = 0


class _Writer:
    """Buffers bulk rows and writes them in a few large statements."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.journal: list[tuple[Any, ...]] = []
        self.diary: list[tuple[Any, ...]] = []
        self.tags: list[tuple[Any, ...]] = []
        self.statuses: list[dict[str, Any]] = []
        self.assessments: list[dict[str, Any]] = []
        # Århus assessments carry their ids (given here), so their factor rows can point at them.
        self.aarhus: list[dict[str, Any]] = []
        self.aarhus_factors: list[dict[str, Any]] = []
        self.versions: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.next_journal_id = self._next_id(JournalNote)
        self.next_diary_id = self._next_id(DiaryNote)
        self.next_aarhus_id = self._next_id(AarhusAssessment)

    def _next_id(self, entity: type[JournalNote | DiaryNote | AarhusAssessment]) -> int:
        return (self.session.scalar(select(func.max(entity.id))) or 0) + 1

    def _raw(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        insert_stored_values(self.session, table, columns, rows)
        rows.clear()

    def flush(self, *, force: bool = False) -> None:
        if force or len(self.journal) + len(self.diary) >= CHUNK:
            self._raw("journal_note", _JOURNAL_COLUMNS, self.journal)
            self._raw("diary_note", _DIARY_COLUMNS, self.diary)
            self._raw("diary_tag", _TAG_COLUMNS, self.tags)
        if force or len(self.statuses) + len(self.assessments) + len(self.aarhus_factors) >= CHUNK // 4:
            for entity, rows in (
                (GoalStatus, self.statuses),
                (FollowUpAssessment, self.assessments),
                # The assessments before their factor rows, which refer to them.
                (AarhusAssessment, self.aarhus),
                (AarhusFactorScore, self.aarhus_factors),
                (RecordVersion, self.versions),
                (AuditEvent, self.events),
            ):
                if rows:
                    self.session.execute(insert(entity), rows)
                    rows.clear()
