"""What a write changed, computed by the core from the rows it flushed (Anki's ``OpChanges``).

The session hook below sees every row a transaction inserts, updates or deletes through the ORM
— the same place the audit trail is written — and collects the record kinds and the citizens,
goals and sub-goals they belong to. A write hands the collected value back with its result, so
the window refreshes from facts the core computed, not from a kind string someone typed by hand
or from inspecting the objects it got back.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

_CHANGES_KEY = "fko_changes"


class RecordKind(enum.StrEnum):
    """Every kind of stored record, named by its table (one name, used everywhere)."""

    UNIT = "unit"
    STAFF = "staff_member"
    CITIZEN = "citizen"
    CONTACT = "citizen_contact"
    ORDER = "order"
    SERVICE = "order_service"
    GOAL = "intervention_goal"
    PLAN = "plan"
    PLAN_CONTEXT = "plan_context"
    SUB_GOAL = "sub_goal"
    EVALUATION = "sub_goal_evaluation"
    JOURNAL_NOTE = "journal_note"
    DIARY_NOTE = "diary_note"
    DIARY_TAG = "diary_tag"
    GOAL_STATUS = "goal_status"
    FOLLOW_UP = "follow_up"
    ASSESSMENT = "follow_up_assessment"
    USE_OF_FORCE = "use_of_force"
    STATUS_ASSESSMENT = "status_assessment"
    AARHUS_ASSESSMENT = "aarhus_assessment"
    AARHUS_FACTOR = "aarhus_factor_score"
    BUNDLE_RECEIPT = "bundle_receipt"
    SYNC_STATE = "sync_state"


#: Kinds whose change moves the plan tree or its deadline badges (a note moves neither).
TREE_KINDS = frozenset(
    {
        RecordKind.CITIZEN,
        RecordKind.STAFF,
        RecordKind.ORDER,
        RecordKind.GOAL,
        RecordKind.PLAN,
        RecordKind.SUB_GOAL,
        RecordKind.GOAL_STATUS,
        RecordKind.FOLLOW_UP,
        RecordKind.ASSESSMENT,
        # Rare, and each changes a count in the tree and a deadline in the today view.
        RecordKind.USE_OF_FORCE,
        # Rare as well; the count of a child's Århus assessments is in the tree.
        RecordKind.AARHUS_ASSESSMENT,
        RecordKind.AARHUS_FACTOR,
    }
)

#: Everything that belongs to one citizen's record (what a bundle import may touch).
CITIZEN_RECORD_KINDS = frozenset(RecordKind) - {RecordKind.UNIT, RecordKind.STAFF, RecordKind.SYNC_STATE}

#: Bookkeeping that follows every real change and never needs a view of its own.
_NOT_COLLECTED = frozenset({"audit_event", "record_version"})


@dataclasses.dataclass(frozen=True)
class OpChanges:
    """The record kinds one transaction changed, and whose records they were."""

    kinds: frozenset[RecordKind] = frozenset()
    citizen_ids: frozenset[int] = frozenset()
    goal_ids: frozenset[int] = frozenset()
    sub_goal_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, *kinds: RecordKind) -> bool:
        return not self.kinds.isdisjoint(kinds)

    @property
    def moves_tree(self) -> bool:
        return not self.kinds.isdisjoint(TREE_KINDS)

    def concerns_citizen(self, citizen_id: int | None) -> bool:
        return citizen_id is not None and citizen_id in self.citizen_ids

    def concerns_sub_goal(self, sub_goal_id: int | None) -> bool:
        return sub_goal_id is not None and sub_goal_id in self.sub_goal_ids

    def concerns_goal(self, goal_id: int | None) -> bool:
        return goal_id is not None and goal_id in self.goal_ids

    def merged(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            self.kinds | other.kinds,
            self.citizen_ids | other.citizen_ids,
            self.goal_ids | other.goal_ids,
            self.sub_goal_ids | other.sub_goal_ids,
        )

    @classmethod
    def of(
        cls,
        kinds: Iterable[RecordKind],
        *,
        citizen_ids: Iterable[int] = (),
        goal_ids: Iterable[int] = (),
        sub_goal_ids: Iterable[int] = (),
    ) -> OpChanges:
        """Changes a writer states itself: bulk Core statements (an import) pass no ORM hook."""
        return cls(frozenset(kinds), frozenset(citizen_ids), frozenset(goal_ids), frozenset(sub_goal_ids))


@dataclasses.dataclass
class _Collector:
    kinds: set[RecordKind] = dataclasses.field(default_factory=set)
    citizen_ids: set[int] = dataclasses.field(default_factory=set)
    goal_ids: set[int] = dataclasses.field(default_factory=set)
    sub_goal_ids: set[int] = dataclasses.field(default_factory=set)

    def add(self, obj: Any) -> None:
        table = getattr(obj, "__tablename__", None)
        if table is None or table in _NOT_COLLECTED:
            return
        kind = RecordKind(table)
        self.kinds.add(kind)
        citizen_id = getattr(obj, "audit_citizen_id", None) or getattr(obj, "citizen_id", None)
        if kind is RecordKind.CITIZEN:
            citizen_id = obj.id
        if citizen_id is not None:
            self.citizen_ids.add(citizen_id)
        goal_id = obj.id if kind is RecordKind.GOAL else getattr(obj, "goal_id", None)
        if goal_id is not None:
            self.goal_ids.add(goal_id)
        sub_goal_id = obj.id if kind is RecordKind.SUB_GOAL else getattr(obj, "sub_goal_id", None)
        if sub_goal_id is not None:
            self.sub_goal_ids.add(sub_goal_id)

    def frozen(self) -> OpChanges:
        return OpChanges(
            frozenset(self.kinds),
            frozenset(self.citizen_ids),
            frozenset(self.goal_ids),
            frozenset(self.sub_goal_ids),
        )


def _collector(session: Session) -> _Collector:
    found = session.info.get(_CHANGES_KEY)
    if found is None:
        found = session.info[_CHANGES_KEY] = _Collector()
    return found


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush_context: Any) -> None:
    collector = _collector(session)
    for obj in session.new:
        collector.add(obj)
    for obj in session.dirty:
        if session.is_modified(obj):
            collector.add(obj)
    for obj in session.deleted:
        collector.add(obj)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: Any) -> None:
    # What a rolled-back transaction flushed never happened; the next attempt starts clean.
    if previous_transaction.parent is None:
        session.info.pop(_CHANGES_KEY, None)


def collected_changes(session: Session) -> OpChanges:
    """What this session's transaction changed so far (after commit: what it committed)."""
    found = session.info.get(_CHANGES_KEY)
    return found.frozen() if found is not None else OpChanges()
