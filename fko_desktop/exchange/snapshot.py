"""Read what a bundle of a given kind carries about one citizen out of the unit file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Column, Table, bindparam, select, update
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import BundleError, NotFound
from fko_desktop.exchange import content as c
from fko_desktop.exchange.format import BundleKind
from fko_desktop.models import (
    Base,
    Citizen,
    DiaryNote,
    FollowUp,
    FollowUpAssessment,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    Plan,
    RecordVersion,
    StaffMember,
    StatusAssessment,
    SubGoal,
    UseOfForce,
)
from fko_desktop.models.enums import LIVE_ORDER_STATES
from fko_desktop.models.exchange import ExchangeUid, new_uid

#: The citizen's records that carry a uid, each by its ``citizen_id`` (the citizen by ``id``).
_UID_ENTITIES = (
    Order, InterventionGoal, Plan, SubGoal, JournalNote, DiaryNote, GoalStatus, FollowUp,
    FollowUpAssessment, UseOfForce, StatusAssessment,
)  # fmt: skip


def _uid_tables() -> Iterator[tuple[Table, Column[Any]]]:
    """Each table with a uid and the column that names the citizen a row belongs to."""
    tables = Base.metadata.tables
    citizen = tables[Citizen.__tablename__]
    yield citizen, citizen.c.id
    for entity in _UID_ENTITIES:
        table = tables[entity.__tablename__]
        yield table, table.c.citizen_id


def ensure_uids(session: Session, citizen_id: int) -> None:
    """Give the citizen's records a uid where a bulk writer left none.

    Core statements on the tables, not the ORM: a uid is identity, not content, so it must not
    count as an edit in the audit trail or a new version of a legal record. The uids are made
    here (``new_uid``, as for any new record), one UPDATE per row run as one executemany.
    """
    connection = session.connection()
    for table, owner in _uid_tables():
        ids = connection.scalars(select(table.c.id).where(owner == citizen_id, table.c.uid.is_(None))).all()
        if ids:
            connection.execute(
                update(table)
                .where(table.c.id == bindparam("row_id"), table.c.uid.is_(None))
                .values(uid=bindparam("new_uid")),
                [{"row_id": row_id, "new_uid": new_uid()} for row_id in ids],
            )
    session.expire_all()


def missing_uids(session: Session, citizen_id: int) -> bool:
    """Whether any of the citizen's records still lacks the uid ``ensure_uids`` would give it.

    Only reads, so an export can ask in its read session and take the write lock for
    ``ensure_uids`` only when a bulk writer really left a record without one.
    """
    connection = session.connection()
    return any(
        connection.execute(
            select(table.c.id).where(owner == citizen_id, table.c.uid.is_(None)).limit(1)
        ).first()
        is not None
        for table, owner in _uid_tables()
    )


def _uid(record: ExchangeUid) -> str:
    """The uid of a record being read: an export reads after ``ensure_uids`` (and
    ``missing_uids`` in its very snapshot), an import only records it found by their uid. A
    record without one here was written meanwhile by some other program, without a uid."""
    if record.uid is None:
        raise BundleError("Borgerens oplysninger ændres netop nu af et andet program; prøv igen om lidt.")
    return record.uid


class RecordReader:
    def __init__(self, session: Session, citizen: Citizen) -> None:
        self.session = session
        self.citizen = citizen
        self._authors: dict[int, c.Author] = {}
        self.goal_uids: dict[int, str] = {}
        self.order_uids: dict[int, str] = {}
        self.sub_goal_uids: dict[int, str] = {}

    def author(self, staff_id: int | None) -> c.Author:
        if staff_id is None:
            return c.Author("Ukendt", "?")
        if staff_id not in self._authors:
            member = self.session.get(StaffMember, staff_id)
            self._authors[staff_id] = (
                c.Author(member.name, member.initials) if member else c.Author("Ukendt", "?")
            )
        return self._authors[staff_id]

    # -- records -------------------------------------------------------------------------------

    def citizen_data(self) -> c.CitizenData:
        z = self.citizen
        return c.CitizenData(
            uid=_uid(z),
            cpr=z.cpr,
            name=z.name,
            area=z.area.value,
            department=z.department,
            intake_date=z.intake_date,
            end_date=z.end_date,
            caseworker_name=z.caseworker_name,
            caseworker_contact=z.caseworker_contact,
            acting_municipality=z.acting_municipality,
            paying_municipality=z.paying_municipality,
            diagnoses=z.diagnoses,
            wishes=z.wishes,
            target_groups=tuple(z.target_groups or ()),
            contacts=tuple(
                c.ContactData(k.kind.value, k.name, k.relation, k.phone, k.email) for k in z.contacts
            ),
            outcome_schema=z.outcome_schema.value if z.outcome_schema else None,
        )

    def orders(self, orders: Sequence[Order]) -> tuple[c.OrderData, ...]:
        uids = {
            o.id: o.uid
            for o in self.session.scalars(select(Order).where(Order.citizen_id == self.citizen.id))
        }
        result = []
        for order in orders:
            self.order_uids[order.id] = _uid(order)
            goals = [self.goal_data(goal) for goal in order.goals]
            result.append(
                c.OrderData(
                    uid=_uid(order),
                    intervention_purpose=order.intervention_purpose,
                    goals=tuple(goals),
                    services=tuple(
                        c.ServiceData(s.name, s.code, s.legal_basis, s.start_date, s.end_date)
                        for s in order.services
                    ),
                    meeting_date=order.meeting_date,
                    meeting_kind=order.meeting_kind.value if order.meeting_kind else None,
                    received_date=order.received_date,
                    sender_name=order.sender_name,
                    sender_organisation=order.sender_organisation,
                    agreements=order.agreements,
                    other_needs=order.other_needs,
                    support_need_code=order.support_need_code,
                    state=order.state.value,
                    returned_date=order.returned_date,
                    return_reason=order.return_reason,
                    replaces_uid=uids.get(order.replaces_order_id) if order.replaces_order_id else None,
                    created_at=order.created_at,
                )
            )
        return tuple(result)

    def goal_data(self, goal: InterventionGoal) -> c.GoalData:
        self.goal_uids[goal.id] = _uid(goal)
        return c.GoalData(
            uid=_uid(goal),
            position=goal.position,
            text=goal.text,
            domain_catalog=goal.domain_catalog,
            domain_code=goal.domain_code,
            start_date=goal.start_date,
            goal_type_code=goal.goal_type_code,
            baseline=goal.baseline,
            target=goal.target,
            follow_up_date=goal.follow_up_date,
            end_date=goal.end_date,
            related_themes=tuple(goal.related_themes or ()),
            justification=goal.justification,
            created_at=goal.created_at,
            end_reason=goal.end_reason,
        )

    def _known_goal_uid(self, goal_id: int) -> str:
        if goal_id not in self.goal_uids:
            goal = self.session.get_one(InterventionGoal, goal_id)
            self.goal_uids[goal_id] = _uid(goal)
        return self.goal_uids[goal_id]

    def plans(self, plans: Iterable[Plan]) -> tuple[c.PlanData, ...]:
        return tuple(
            c.PlanData(
                uid=_uid(p),
                order_uid=self._order_uid(p.order_id),
                state=p.state.value,
                background=p.background,
                purpose_unit_addition=p.purpose_unit_addition,
                purpose_citizen_addition=p.purpose_citizen_addition,
                presentation=p.presentation,
                earlier_interventions=p.earlier_interventions,
                use_of_force_prevention=p.use_of_force_prevention,
                contexts=tuple(
                    c.PlanContextData(
                        x.context_code,
                        x.resources_and_challenges,
                        x.support_need,
                        x.goals_and_sub_goals,
                        x.evaluation,
                    )
                    for x in p.contexts
                ),
                created_at=p.created_at,
                updated_at=p.updated_at,
            )
            for p in plans
        )

    def _order_uid(self, order_id: int | None) -> str | None:
        if order_id is None:
            return None
        if order_id not in self.order_uids:
            self.order_uids[order_id] = _uid(self.session.get_one(Order, order_id))
        return self.order_uids[order_id]

    def sub_goals(self, sub_goals: Iterable[SubGoal]) -> tuple[c.SubGoalData, ...]:
        return tuple(
            c.SubGoalData(
                uid=_uid(s),
                goal_uid=self._known_goal_uid(s.goal_id),
                position=s.position,
                text=s.text,
                start_date=s.start_date,
                justification=s.justification,
                method=s.method,
                end_date=s.end_date,
                state=s.state.value,
                evaluations=tuple(c.EvaluationData(e.evaluated_on, e.text) for e in s.evaluations),
                created_at=s.created_at,
            )
            for s in sub_goals
        )

    def legal(self, record: Any, versions: dict[int, list[RecordVersion]]) -> c.Legal:
        return c.Legal(
            version=record.version,
            created_at=record.created_at,
            updated_at=record.updated_at,
            withdrawn_at=record.withdrawn_at,
            withdrawal_reason=record.withdrawal_reason,
            earlier=tuple(
                c.EarlierVersion(v.version, v.saved_at, self._version_data(v.data))
                for v in versions.get(record.id, ())
            ),
        )

    def _version_data(self, data: dict[str, Any]) -> dict[str, Any]:
        # Staff ids in a kept version mean nothing elsewhere; carry the author by name.
        data = dict(data)
        if "author_id" in data:
            author = self.author(data.pop("author_id"))
            data["author"] = {"name": author.name, "initials": author.initials}
        return data

    def versions(self, record_type: str, ids: Sequence[int]) -> dict[int, list[RecordVersion]]:
        found: dict[int, list[RecordVersion]] = {}
        for start in range(0, len(ids), 500):
            rows = self.session.scalars(
                select(RecordVersion)
                .where(
                    RecordVersion.record_type == record_type,
                    RecordVersion.record_id.in_(ids[start : start + 500]),
                )
                .order_by(RecordVersion.record_id, RecordVersion.version)
            )
            for row in rows:
                found.setdefault(row.record_id, []).append(row)
        return found

    def goal_statuses(self, statuses: Sequence[GoalStatus]) -> tuple[c.GoalStatusData, ...]:
        versions = self.versions("goal_status", [s.id for s in statuses])
        return tuple(
            c.GoalStatusData(
                uid=_uid(s),
                goal_uid=self._known_goal_uid(s.goal_id),
                period=s.period,
                assessed_on=s.assessed_on,
                score=s.score,
                summary=s.summary,
                source_code=s.source_code,
                citizen_score=s.citizen_score,
                citizen_note=s.citizen_note,
                legal=self.legal(s, versions),
            )
            for s in statuses
        )

    def _sub_goal_uid(self, sub_goal_id: int) -> str:
        if sub_goal_id not in self.sub_goal_uids:
            self.sub_goal_uids[sub_goal_id] = _uid(self.session.get_one(SubGoal, sub_goal_id))
        return self.sub_goal_uids[sub_goal_id]

    def journal_note_data(
        self, n: JournalNote, versions: dict[int, list[RecordVersion]]
    ) -> c.JournalNoteData:
        return c.JournalNoteData(
            uid=_uid(n),
            sub_goal_uid=self._sub_goal_uid(n.sub_goal_id),
            observed_at=n.observed_at,
            author=self.author(n.author_id),
            text=n.text,
            score=n.score,
            legal=self.legal(n, versions),
        )

    def _citizens_legal_records(self, model: Any, convert: Any, *options: Any) -> tuple[Any, ...]:
        """Every ``model`` record of the citizen, oldest first, each with its earlier versions."""
        rows = list(
            self.session.scalars(
                select(model).where(model.citizen_id == self.citizen.id).options(*options).order_by(model.id)
            )
        )
        versions = self.versions(model.__tablename__, [r.id for r in rows])
        return tuple(convert(r, versions) for r in rows)

    def journal_notes(self) -> tuple[c.JournalNoteData, ...]:
        return self._citizens_legal_records(JournalNote, self.journal_note_data)

    def diary_notes(self) -> tuple[c.DiaryNoteData, ...]:
        return self._citizens_legal_records(DiaryNote, self.diary_note_data, selectinload(DiaryNote.tags))

    def diary_note_data(self, n: DiaryNote, versions: dict[int, list[RecordVersion]]) -> c.DiaryNoteData:
        return c.DiaryNoteData(
            uid=_uid(n),
            observed_at=n.observed_at,
            author=self.author(n.author_id),
            text=n.text,
            tags=tuple((t.catalog, t.code) for t in n.tags),
            legal=self.legal(n, versions),
        )

    def follow_ups(self, follow_ups: Sequence[FollowUp]) -> tuple[c.FollowUpData, ...]:
        ids = [a.id for f in follow_ups for a in f.assessments]
        versions = self.versions("follow_up_assessment", ids)
        own_versions = self.versions("follow_up", [f.id for f in follow_ups])
        return tuple(
            c.FollowUpData(
                uid=_uid(f),
                meeting_date=f.meeting_date,
                form=f.form.value,
                order_uid=self._order_uid(f.order_id),
                invitation_date=f.invitation_date,
                report_sent_date=f.report_sent_date,
                caseworker_name=f.caseworker_name,
                support_need_code=f.support_need_code,
                intervention_status_code=f.intervention_status_code,
                agreements=f.agreements,
                agenda_points=f.agenda_points,
                held=f.held,
                assessments=tuple(self.assessment_data(a, versions) for a in f.assessments),
                # Withdrawn ones travel too, marked so: the receiver may hold it live already.
                legal=self.legal(f, own_versions),
            )
            for f in follow_ups
        )

    def assessment_data(self, a: Any, versions: dict[int, list[RecordVersion]]) -> c.AssessmentData:
        return c.AssessmentData(
            uid=a.uid,
            goal_uid=self._known_goal_uid(a.goal_id),
            role=a.role.value,
            score=a.score,
            note=a.note,
            source_code=a.source_code,
            agrees_with_status=a.agrees_with_status,
            legal=self.legal(a, versions),
        )

    def status_assessments(self, goal_ids: Sequence[int] | None = None) -> tuple[c.StatusAssessmentData, ...]:
        """The citizen's assessments (those of ``goal_ids`` and the overall ones, when given)."""
        found = self._citizens_legal_records(StatusAssessment, self.status_assessment_data)
        if goal_ids is None:
            return found
        wanted = {self._known_goal_uid(goal_id) for goal_id in goal_ids}
        return tuple(a for a in found if a.goal_uid is None or a.goal_uid in wanted)

    def status_assessment_data(
        self, a: StatusAssessment, versions: dict[int, list[RecordVersion]]
    ) -> c.StatusAssessmentData:
        return c.StatusAssessmentData(
            uid=_uid(a),
            goal_uid=self._known_goal_uid(a.goal_id) if a.goal_id is not None else None,
            period_from=a.period_from,
            period_to=a.period_to,
            done=a.done,
            effect=a.effect,
            purpose=a.purpose,
            legal=self.legal(a, versions),
        )

    def uses_of_force(self) -> tuple[c.UseOfForceData, ...]:
        return self._citizens_legal_records(UseOfForce, self.use_of_force_data)

    def use_of_force_data(self, r: UseOfForce, versions: dict[int, list[RecordVersion]]) -> c.UseOfForceData:
        return c.UseOfForceData(
            uid=_uid(r),
            kind=r.kind.value,
            description=r.description,
            occurred_on=r.occurred_on,
            period_start=r.period_start,
            period_end=r.period_end,
            review_date=r.review_date,
            reported_to=r.reported_to,
            occurred_time=r.occurred_time,
            measure_code=r.measure_code,
            duration_minutes=r.duration_minutes,
            participants=r.participants,
            prevention_tried=r.prevention_tried,
            reported_on=r.reported_on,
            legal=self.legal(r, versions),
        )


def _orders(session: Session, citizen_id: int, *, live_only: bool) -> list[Order]:
    query = (
        select(Order)
        .where(Order.citizen_id == citizen_id)
        .options(selectinload(Order.goals), selectinload(Order.services))
        .order_by(Order.id)
    )
    if live_only:
        query = query.where(Order.state.in_(LIVE_ORDER_STATES))
    return list(session.scalars(query))


def _sub_goals(session: Session, goal_ids: Sequence[int] | None, citizen_id: int) -> list[SubGoal]:
    query = (
        select(SubGoal)
        .options(selectinload(SubGoal.evaluations))
        .order_by(SubGoal.goal_id, SubGoal.position, SubGoal.id)
    )
    query = query.where(SubGoal.citizen_id == citizen_id)
    if goal_ids is not None:
        query = query.where(SubGoal.goal_id.in_(goal_ids))
    return list(session.scalars(query))


def snapshot(
    session: Session, kind: BundleKind, citizen_id: int, *, order_id: int | None = None
) -> c.BundleContent:
    """The content of a ``kind`` bundle about the citizen (run ``ensure_uids`` first)."""
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise NotFound(f"Borgeren med id {citizen_id} findes ikke i enhedsfilen.")
    reader = RecordReader(session, citizen)
    citizen_data = reader.citizen_data()

    if kind is BundleKind.ORDER:
        if order_id is not None:
            order = session.get(Order, order_id)
            if order is None or order.citizen_id != citizen_id:
                raise NotFound(f"Bestillingen med id {order_id} findes ikke for {citizen.name}.")
            chosen = [order]
        else:
            live = _orders(session, citizen_id, live_only=True)
            if not live:
                raise BundleError(f"{citizen.name} har ingen aktuel bestilling at sende.")
            chosen = [live[-1]]
        if not chosen[0].goals:
            raise BundleError("Bestillingen har ingen indsatsmål; tilføj mindst ét, før den sendes.")
        return c.BundleContent(kind, citizen_data, orders=reader.orders(chosen))

    if kind is BundleKind.STATUS:
        live = _orders(session, citizen_id, live_only=True)
        if not live:
            raise BundleError(f"{citizen.name} har ingen aktuel bestilling at give status på.")
        order_data = reader.orders(live)
        goal_ids = [g.id for o in live for g in o.goals]
        statuses = list(
            session.scalars(
                select(GoalStatus)
                .where(GoalStatus.goal_id.in_(goal_ids), GoalStatus.withdrawn_at.is_(None))
                .order_by(GoalStatus.goal_id, GoalStatus.period)
            )
        )
        plans = session.scalars(
            select(Plan)
            .where(Plan.order_id.in_([o.id for o in live]))
            .options(selectinload(Plan.contexts))
            .order_by(Plan.id)
        )
        return c.BundleContent(
            kind,
            citizen_data,
            orders=order_data,
            plans=reader.plans(plans),
            sub_goals=reader.sub_goals(_sub_goals(session, goal_ids, citizen_id)),
            goal_statuses=reader.goal_statuses(statuses),
            status_assessments=reader.status_assessments(goal_ids),
        )

    if kind is BundleKind.FOLLOWUP:
        follow_ups = list(
            session.scalars(
                select(FollowUp)
                .where(FollowUp.citizen_id == citizen_id)
                .options(selectinload(FollowUp.assessments))
                .order_by(FollowUp.meeting_date, FollowUp.id)
            )
        )
        if not follow_ups:
            raise BundleError(f"{citizen.name} har ingen opfølgning at sende.")
        # The goals the assessments are about travel too, so the receiver can check them.
        wanted = {f.order_id for f in follow_ups if f.order_id}
        goal_orders = session.scalars(
            select(InterventionGoal.order_id).where(
                InterventionGoal.id.in_([a.goal_id for f in follow_ups for a in f.assessments])
            )
        )
        wanted |= set(goal_orders)
        orders = [
            o for o in _orders(session, citizen_id, live_only=False) if o.id in wanted or o.state.is_live
        ]
        return c.BundleContent(
            kind, citizen_data, orders=reader.orders(orders), follow_ups=reader.follow_ups(follow_ups)
        )

    # Transfer: the whole history.
    orders = _orders(session, citizen_id, live_only=False)
    sub_goals = _sub_goals(session, None, citizen_id)
    order_data = reader.orders(orders)
    sub_goal_data = reader.sub_goals(sub_goals)
    plans = session.scalars(
        select(Plan)
        .where(Plan.citizen_id == citizen_id)
        .options(selectinload(Plan.contexts))
        .order_by(Plan.id)
    )
    statuses = list(
        session.scalars(
            select(GoalStatus)
            .where(GoalStatus.citizen_id == citizen_id)
            .order_by(GoalStatus.goal_id, GoalStatus.period, GoalStatus.id)
        )
    )
    follow_ups = list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.citizen_id == citizen_id)
            .options(selectinload(FollowUp.assessments))
            .order_by(FollowUp.meeting_date, FollowUp.id)
        )
    )
    return c.BundleContent(
        kind,
        citizen_data,
        orders=order_data,
        plans=reader.plans(plans),
        sub_goals=sub_goal_data,
        journal_notes=reader.journal_notes(),
        diary_notes=reader.diary_notes(),
        goal_statuses=reader.goal_statuses(statuses),
        follow_ups=reader.follow_ups(follow_ups),
        uses_of_force=reader.uses_of_force(),
        status_assessments=reader.status_assessments(),
    )
