"""The facade's areas for the case file itself: citizens, staff, orders with their goals, and
plans with their sub-goals. Reads return rows; writes run as the bound actor, one user action
one transaction, and return the record's id with the changes the core computed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from fko_desktop.errors import PermissionDenied
from fko_desktop.models import Citizen, InterventionGoal, Order, Plan, StaffMember, SubGoal, permissions
from fko_desktop.models.authorization import department_scope
from fko_desktop.models.enums import Area
from fko_desktop.ops import citizens, orders, plans, staff
from fko_desktop.ops.base import Changed, get_or_refuse
from fko_desktop.ops.citizens import ContactInput
from fko_desktop.ops.orders import GoalInput, OrderFormGoal
from fko_desktop.ops.plans import EvaluationInput
from fko_desktop.unit.area import Area as FacadeArea
from fko_desktop.unit.rows import (
    CitizenRow,
    GoalRow,
    OrderRow,
    PlanRow,
    StaffRow,
    SubGoalDetail,
    to_row,
    to_rows,
)

__all__ = ["ContactInput", "EvaluationInput", "GoalInput", "OrderFormGoal"]


class Citizens(FacadeArea):
    def list(
        self,
        *,
        text: str | None = None,
        area: Area | str | None = None,
        active: bool | None = None,
        today: dt.date | None = None,
    ) -> list[CitizenRow]:
        """Citizens by name; ``text`` matches name or CPR number; ``active`` those living here on
        ``today`` (a planned move-out included) or, False, those who have moved out."""
        found = citizens.list_citizens(self._file, text=text, area=area, active=active, today=today)
        restricted, department = self._department_scope()
        if restricted:
            found = [c for c in found if c.department is not None and c.department == department]
        return to_rows(CitizenRow, found)

    def _department_scope(self) -> tuple[bool, str | None]:
        # A medarbejder limited to their department sees only its citizens (issue 13).
        with self._file.read() as session:
            return department_scope(session, self._actor())

    def _visible(self, citizen: Citizen) -> Citizen:
        restricted, department = self._department_scope()
        if restricted and (citizen.department is None or citizen.department != department):
            raise PermissionDenied(permissions.DEPARTMENT)
        return citizen

    def get(self, citizen_id: int) -> CitizenRow:
        return to_row(CitizenRow, self._visible(citizens.get_citizen(self._file, citizen_id)))

    def find(self, reference: str | int) -> CitizenRow:
        """The citizen a user means by an id ("12") or a CPR number ("010203-1234")."""
        return to_row(CitizenRow, self._visible(citizens.find_citizen(self._file, reference)))

    def create(self, *, name: str, cpr: str, area: Area | str, **fields: Any) -> Changed[int]:
        return self._write(citizens.create_citizen, name=name, cpr=cpr, area=area, **fields)

    def update(self, citizen_id: int, **fields: Any) -> Changed[int]:
        return self._write(citizens.update_citizen, citizen_id, **fields)

    def set_contacts(self, citizen_id: int, contacts: Iterable[ContactInput]) -> Changed[int]:
        return self._write(citizens.set_contacts, citizen_id, contacts)


class Staff(FacadeArea):
    def list(self, *, include_inactive: bool = False) -> list[StaffRow]:
        return to_rows(StaffRow, self._file.staff(include_inactive=include_inactive))

    def names(self) -> dict[int, str]:
        """Every staff member ever (active or not), id → "initials (name)", for histories."""
        with self._file.read() as session:
            return {
                member.id: to_row(StaffRow, member).label for member in session.scalars(select(StaffMember))
            }

    def get(self, member_id: int) -> StaffRow:
        with self._file.read() as session:
            return to_row(StaffRow, get_or_refuse(session, StaffMember, member_id))

    def add(
        self,
        *,
        name: str,
        initials: str,
        title: str | None = None,
        department: str | None = None,
        role: str = "medarbejder",
    ) -> Changed[int]:
        return self._write(
            staff.add_staff, name=name, initials=initials, title=title, department=department, role=role
        )

    def edit(self, member_id: int, **fields: Any) -> Changed[int]:
        """Change name, initials, title, department or role (only the fields given)."""
        return self._write(staff.edit_staff, member_id, **fields)

    def deactivate(self, member_id: int) -> Changed[int]:
        return self._write(staff.deactivate_staff, member_id)

    def reactivate(self, member_id: int) -> Changed[int]:
        return self._write(staff.reactivate_staff, member_id)


class Orders(FacadeArea):
    def for_citizen(self, citizen_id: int) -> list[OrderRow]:
        """The citizen's orders, newest first, with their goals (and sub-goals) and services."""
        return to_rows(OrderRow, orders.orders_for_citizen(self._file, citizen_id))

    def get(self, order_id: int) -> OrderRow:
        with self._file.read() as session:
            return to_row(OrderRow, get_or_refuse(session, Order, order_id))

    def goal(self, goal_id: int) -> GoalRow:
        with self._file.read() as session:
            return to_row(GoalRow, get_or_refuse(session, InterventionGoal, goal_id))

    def current_goals(self, citizen_id: int) -> list[GoalRow]:
        """The goals of the citizen's live orders (not replaced, not ended), in order."""
        with self._file.read() as session:
            return to_rows(GoalRow, orders.current_goals(session, citizen_id))

    def goals(self, goal_ids: Iterable[int]) -> list[GoalRow]:
        with self._file.read() as session:
            return [
                to_row(GoalRow, get_or_refuse(session, InterventionGoal, goal_id)) for goal_id in goal_ids
            ]

    def citizen_area(self, citizen_id: int) -> Area:
        with self._file.read() as session:
            return get_or_refuse(session, Citizen, citizen_id).area

    def save_form(
        self,
        order_id: int | None,
        *,
        citizen_id: int | None = None,
        goals: Sequence[OrderFormGoal] = (),
        **fields: Any,
    ) -> Changed[int]:
        """An order with its goals, as the form shows them: one transaction, whole or not at all."""
        return self._write(orders.save_order_form, order_id, citizen_id=citizen_id, goals=goals, **fields)

    def create(self, citizen_id: int, **fields: Any) -> Changed[int]:
        return self._write(orders.create_order, citizen_id, **fields)

    def add_goal(self, order_id: int, goal: GoalInput) -> Changed[int]:
        return self._write(orders.add_goal, order_id, goal)

    def update_goal(self, goal_id: int, goal: GoalInput) -> Changed[int]:
        return self._write(orders.update_goal, goal_id, goal)

    def accept(self, order_id: int) -> Changed[int]:
        return self._write(orders.accept_order, order_id)

    def return_for_reformulation(self, order_id: int, **fields: Any) -> Changed[int]:
        return self._write(orders.return_for_reformulation, order_id, **fields)


class Plans(FacadeArea):
    def for_citizen(self, citizen_id: int) -> list[PlanRow]:
        """The citizen's plans, newest first, with their contexts."""
        return to_rows(PlanRow, plans.plans_for_citizen(self._file, citizen_id))

    def get(self, plan_id: int) -> PlanRow:
        with self._file.read() as session:
            return to_row(PlanRow, get_or_refuse(session, Plan, plan_id))

    def no_plan_reason(self, citizen_id: int) -> str | None:
        """Why no plan may be made for the citizen today (over 65: an order only), or None."""
        with self._file.read() as session:
            return plans.no_plan_reason(get_or_refuse(session, Citizen, citizen_id), dt.date.today())

    def order_purpose(self, order_id: int) -> str:
        with self._file.read() as session:
            return get_or_refuse(session, Order, order_id).intervention_purpose or ""

    def save_form(self, plan_id: int | None, **fields: Any) -> Changed[int]:
        """A plan with its contexts: one transaction, whole or not at all."""
        return self._write(plans.save_plan_form, plan_id, **fields)

    def activate(self, plan_id: int) -> Changed[int]:
        return self._write(plans.activate_plan, plan_id)

    def sub_goal(self, sub_goal_id: int) -> SubGoalDetail:
        """A sub-goal with its evaluations and the goal it serves."""
        with self._file.read() as session:
            found = get_or_refuse(session, SubGoal, sub_goal_id)
            return to_row(SubGoalDetail, found, goal_text=found.goal.text, order_id=found.goal.order_id)

    def add_sub_goal(self, goal_id: int, **fields: Any) -> Changed[int]:
        return self._write(plans.add_sub_goal, goal_id, **fields)

    def save_sub_goal_form(self, sub_goal_id: int | None, **fields: Any) -> Changed[int]:
        """A sub-goal with its evaluation: one transaction, whole or not at all."""
        return self._write(plans.save_sub_goal_form, sub_goal_id, **fields)

    def add_evaluation(self, sub_goal_id: int, *, evaluated_on: dt.date, text: str) -> Changed[int]:
        return self._write(plans.add_sub_goal_evaluation, sub_goal_id, evaluated_on=evaluated_on, text=text)
