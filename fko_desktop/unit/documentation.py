"""The facade's areas for the daily documentation and what is due: journal notes, the resident
diary, målstatus, follow-ups, use of force, deadlines and free-text search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from fko_desktop.models import Citizen, FollowUp, JournalNote, StatusAssessment, UseOfForce
from fko_desktop.models.validation import check_new_observation, require_text
from fko_desktop.ops import deadlines, diary, follow_up, goal_status, journal, status_assessment, use_of_force
from fko_desktop.ops.base import Changed, get_or_refuse, record_history
from fko_desktop.ops.deadlines import Deadline
from fko_desktop.ops.diary import DiaryRow, TagChoice
from fko_desktop.ops.follow_up import AssessmentInput
from fko_desktop.ops.goal_status import PeriodEvidence
from fko_desktop.ops.journal import NoteRow, ScorePoint
from fko_desktop.reports.options import ReportOptions
from fko_desktop.reports.status_data import status_period
from fko_desktop.storage.search import SearchHit, search_notes
from fko_desktop.unit.area import Area
from fko_desktop.unit.rows import (
    FollowUpRow,
    GoalProgressRow,
    GoalStatusRow,
    StatusAssessmentRow,
    UseOfForceRow,
    VersionRow,
    WithdrawalRow,
    to_row,
    to_rows,
)

__all__ = ["AssessmentInput", "Deadline", "DiaryRow", "NoteRow", "PeriodEvidence", "SearchHit", "TagChoice"]


class Journal(Area):
    """Sub-goal journal notes (delmålsjournal), written as the bound actor."""

    def notes(
        self,
        *,
        sub_goal_ids: Sequence[int] | None = None,
        citizen_id: int | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        include_withdrawn: bool = True,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[NoteRow]:
        """Notes newest first (a page of them with ``offset``/``limit``)."""
        return journal.journal(
            self._file,
            sub_goal_ids=sub_goal_ids,
            citizen_id=citizen_id,
            since=since,
            until=until,
            include_withdrawn=include_withdrawn,
            offset=offset,
            limit=limit,
        )

    def scores(self, sub_goal_id: int) -> list[ScorePoint]:
        """The sub-goal's scored notes that stand, oldest first (what its graph shows)."""
        return journal.score_points(self._file, sub_goal_id)

    def count(
        self,
        *,
        sub_goal_ids: Sequence[int] | None = None,
        citizen_id: int | None = None,
        include_withdrawn: bool = True,
    ) -> int:
        return journal.count_notes(
            self._file, sub_goal_ids=sub_goal_ids, citizen_id=citizen_id, include_withdrawn=include_withdrawn
        )

    def sub_goal_ids_of_goal(self, goal_id: int) -> list[int]:
        return journal.sub_goal_ids_of_goal(self._file, goal_id)

    def add(
        self, sub_goal_id: int, *, text: str, score: object = None, observed_at: dt.datetime | None = None
    ) -> Changed[int]:
        """A note by the bound actor (the author is always who is at the keyboard)."""
        return self._write(journal.add_note, sub_goal_id, text=text, score=score, observed_at=observed_at)

    def edit(
        self,
        note_id: int,
        *,
        text: str,
        score: object = None,
        observed_at: dt.datetime | None = None,
        reason: str | None = None,
    ) -> Changed[int]:
        """``reason``: why a leder corrects a colleague's note (asked for by the core)."""
        return self._write(
            journal.edit_note, note_id, text=text, score=score, observed_at=observed_at, reason=reason
        )

    def withdraw(self, note_id: int, *, reason: str) -> Changed[int]:
        return self._write(journal.withdraw_note, note_id, reason=reason)

    def withdrawal(self, note_id: int) -> WithdrawalRow | None:
        """Who withdrew the note, when and why; None while it stands."""
        with self._file.read() as session:
            note = get_or_refuse(session, JournalNote, note_id)
            if note.withdrawn_at is None:
                return None
            return WithdrawalRow(note.withdrawn_at, note.withdrawn_by_id, note.withdrawal_reason)

    def history(self, note_id: int) -> list[VersionRow]:
        """Earlier versions of the note, oldest first."""
        return [VersionRow(**version) for version in journal.note_history(self._file, note_id)]  # type: ignore[arg-type]

    def check(self, *, text: str, score: object = None) -> None:
        """Refuse a note as ``add`` and ``edit`` would, without touching the file: a form can
        refuse at once with the core's own message, before it starts a write."""
        check_new_observation(text, score)

    def check_withdrawal(self, reason: str) -> None:
        """Refuse an empty withdrawal reason as ``withdraw`` would, before a write is started."""
        # The label ops.base.withdraw_record names the field with.
        require_text(reason, "reason", "Begrundelse for tilbagetrækning")


class Diary(Area):
    """The resident diary (beboerdagbog): notes about the day, not tied to a sub-goal."""

    def add(
        self,
        citizen_id: int,
        *,
        text: str,
        tags: Sequence[tuple[str, str]] = (),
        observed_at: dt.datetime | None = None,
    ) -> Changed[int]:
        return self._write(journal.add_diary_note, citizen_id, text=text, tags=tags, observed_at=observed_at)

    def notes(self, citizen_id: int, **filters: Any) -> list[DiaryRow]:
        """Newest first; filters ``tag=(catalog, code)``, ``author_id``, ``since``/``until``,
        ``include_withdrawn``, paged with ``offset``/``limit``."""
        return diary.diary(self._file, citizen_id, **filters)

    def count(self, citizen_id: int, **filters: Any) -> int:
        return diary.count_diary(self._file, citizen_id, **filters)

    def authors(self, citizen_id: int) -> list[tuple[int, str]]:
        return diary.diary_authors(self._file, citizen_id)

    def tag_choices(self, area: str) -> list[TagChoice]:
        """The plan's contexts (children) or the FFB themes (adults) a note may carry."""
        return diary.tag_choices(area)

    def edit(
        self,
        note_id: int,
        *,
        text: str,
        tags: Sequence[tuple[str, str]] | None = None,
        observed_at: dt.datetime | None = None,
        reason: str | None = None,
    ) -> Changed[int]:
        return self._write(
            diary.edit_diary_note, note_id, text=text, tags=tags, observed_at=observed_at, reason=reason
        )

    def withdraw(self, note_id: int, *, reason: str) -> Changed[int]:
        return self._write(diary.withdraw_diary_note, note_id, reason=reason)

    def history(self, note_id: int) -> list[VersionRow]:
        return [VersionRow(**v) for v in diary.diary_note_history(self._file, note_id)]  # type: ignore[arg-type]

    def check(self, text: str) -> None:
        """Refuse a note's text as ``add`` and ``edit`` would, before a write is started."""
        check_new_observation(text, None)


class GoalStatuses(Area):
    """Målstatus: the goal's score every three months."""

    def for_goal(self, goal_id: int, *, include_withdrawn: bool = False) -> list[GoalStatusRow]:
        return to_rows(
            GoalStatusRow,
            goal_status.statuses_for_goal(self._file, goal_id, include_withdrawn=include_withdrawn),
        )

    def progress(self, goal_id: int, *, today: dt.date | None = None) -> GoalProgressRow:
        """The målstatus series, outcome and each period's state (missing ones marked)."""
        found = goal_status.goal_progress(self._file, goal_id, today=today)
        return GoalProgressRow(
            found.goal_id,
            found.baseline,
            found.target,
            tuple(to_rows(GoalStatusRow, found.statuses)),
            found.outcome,
            found.start_date,
            tuple(found.periods),
        )

    def evidence(self, goal_id: int) -> list[NoteRow]:
        """The goal's journal notes since its latest målstatus (all if none yet)."""
        return goal_status.evidence_since_last_status(self._file, goal_id)

    def evidence_for_period(
        self, goal_id: int, period: int, *, today: dt.date | None = None
    ) -> PeriodEvidence:
        """M<period>'s notes by sub-goal, with how many gave each score (never an average)."""
        return goal_status.evidence_for_period(self._file, goal_id, period, today=today)

    def record(self, goal_id: int, **fields: Any) -> Changed[int]:
        return self._write(goal_status.record_goal_status, goal_id, **fields)

    def edit(self, status_id: int, **fields: Any) -> Changed[int]:
        return self._write(goal_status.edit_goal_status, status_id, **fields)

    def withdraw(self, status_id: int, *, reason: str) -> Changed[int]:
        return self._write(goal_status.withdraw_goal_status, status_id, reason=reason)


class FollowUps(Area):
    """Follow-ups (opfølgning) with the caseworker, with the three voices per goal."""

    def for_citizen(self, citizen_id: int, *, include_withdrawn: bool = False) -> list[FollowUpRow]:
        """Planned and held follow-ups, latest meeting first (withdrawn ones when asked)."""
        return to_rows(
            FollowUpRow,
            follow_up.follow_ups_for_citizen(self._file, citizen_id, include_withdrawn=include_withdrawn),
        )

    def get(self, follow_up_id: int) -> FollowUpRow:
        """One follow-up with its assessments (withdrawn ones too, marked)."""
        with self._file.read() as session:
            return to_row(FollowUpRow, get_or_refuse(session, FollowUp, follow_up_id))

    def record(
        self,
        citizen_id: int,
        *,
        meeting_date: dt.date,
        assessments: Sequence[AssessmentInput] = (),
        **fields: Any,
    ) -> Changed[int]:
        return self._write(
            follow_up.record_follow_up,
            citizen_id,
            meeting_date=meeting_date,
            assessments=assessments,
            **fields,
        )

    def update(self, follow_up_id: int, **fields: Any) -> Changed[int]:
        return self._write(follow_up.update_follow_up, follow_up_id, **fields)

    def withdraw_assessment(self, assessment_id: int, *, reason: str) -> Changed[int]:
        return self._write(follow_up.withdraw_assessment, assessment_id, reason=reason)

    def outlook(self, citizen_id: int, today: dt.date) -> deadlines.FollowUpOutlook:
        """When the next follow-up is owed, and the deadlines of the next planned meeting."""
        return deadlines.follow_up_outlook(self._file, citizen_id, today)

    def withdraw(self, follow_up_id: int, *, reason: str) -> Changed[int]:
        """Withdraw a mistaken follow-up with its assessments; it is kept, marked, with the reason."""
        return self._write(follow_up.withdraw_follow_up, follow_up_id, reason=reason)

    def history(self, follow_up_id: int) -> list[VersionRow]:
        with self._file.read() as session:
            record = get_or_refuse(session, FollowUp, follow_up_id)
            return [VersionRow(**version) for version in record_history(session, record)]  # type: ignore[arg-type]


class UsesOfForce(Area):
    """Magtanvendelse: incidents (indberetninger) and permissions (tilladelser), both legal records."""

    def for_citizen(self, citizen_id: int, *, include_withdrawn: bool = False) -> list[UseOfForceRow]:
        """Incidents newest first, then permissions, latest period first."""
        found = use_of_force.uses_of_force_for_citizen(
            self._file, citizen_id, include_withdrawn=include_withdrawn
        )
        return to_rows(UseOfForceRow, found)

    def get(self, record_id: int) -> UseOfForceRow:
        with self._file.read() as session:
            return to_row(UseOfForceRow, get_or_refuse(session, UseOfForce, record_id))

    def measures(self, citizen_id: int) -> list[tuple[str, str]]:
        """(code, display) of the measures that apply to the citizen's area."""
        with self._file.read() as session:
            area = get_or_refuse(session, Citizen, citizen_id).area
        return [(e.code, e.display) for e in use_of_force.measures(area).entries]

    def record(self, citizen_id: int, *, kind: str, **fields: Any) -> Changed[int]:
        return self._write(use_of_force.record_use_of_force, citizen_id, kind=kind, **fields)

    def update(self, record_id: int, **fields: Any) -> Changed[int]:
        return self._write(use_of_force.update_use_of_force, record_id, **fields)

    def withdraw(self, record_id: int, *, reason: str) -> Changed[int]:
        return self._write(use_of_force.withdraw_use_of_force, record_id, reason=reason)

    def history(self, record_id: int) -> list[VersionRow]:
        with self._file.read() as session:
            record = get_or_refuse(session, UseOfForce, record_id)
            return [VersionRow(**version) for version in record_history(session, record)]  # type: ignore[arg-type]


class StatusAssessments(Area):
    """Bostedets vurdering in the status report: per goal and for the whole, per period."""

    def period(
        self, citizen_id: int, *, period_from: dt.date | None = None, period_to: dt.date | None = None
    ) -> tuple[dt.date, dt.date]:
        """The period a status report with these choices covers (empty: the report's default,
        since the last follow-up up to today), which the assessment is written for."""
        options = ReportOptions(period_from=period_from, period_to=period_to)
        with self._file.read() as session:
            citizen = get_or_refuse(session, Citizen, citizen_id)
            return status_period(session, citizen, options, dt.date.today())

    def for_report(
        self, citizen_id: int, period_from: dt.date, period_to: dt.date
    ) -> list[StatusAssessmentRow]:
        """What a status report for the period prints (the whole has ``goal_id`` None)."""
        with self._file.read() as session:
            get_or_refuse(session, Citizen, citizen_id)
            found = status_assessment.for_report(session, citizen_id, period_from, period_to)
            return to_rows(StatusAssessmentRow, found.values())

    def save(
        self,
        citizen_id: int,
        *,
        period_from: dt.date,
        period_to: dt.date,
        entries: Sequence[status_assessment.StatusAssessmentInput],
    ) -> Changed[int]:
        """The whole form in one transaction: every goal's answers and the overall one. The
        result carries the citizen's id (the form is the citizen's, for the period)."""
        result = status_assessment.save_status_assessments(
            self._file, self.actor, citizen_id, period_from=period_from, period_to=period_to, entries=entries
        )
        return Changed(citizen_id, result.changes, result.warnings)

    def withdraw(self, assessment_id: int, *, reason: str) -> Changed[int]:
        return self._write(status_assessment.withdraw_status_assessment, assessment_id, reason=reason)

    def history(self, assessment_id: int) -> list[VersionRow]:
        with self._file.read() as session:
            record = get_or_refuse(session, StatusAssessment, assessment_id)
            return [VersionRow(**version) for version in record_history(session, record)]  # type: ignore[arg-type]


class Deadlines(Area):
    def due(self, today: dt.date, *, citizen_id: int | None = None) -> list[Deadline]:
        """Everything due within two weeks or overdue, for active citizens, most urgent first."""
        return deadlines.unit_deadlines(self._file, today, citizen_id=citizen_id)


class Search(Area):
    def notes(self, text: str, *, limit: int = 100, citizen_id: int | None = None) -> list[SearchHit]:
        """Journal and diary notes matching ``text``, newest first."""
        with self._file.read() as session:
            return search_notes(session, text, limit=limit, citizen_id=citizen_id)
