"""What a unit file contributes to the overview: one ``GoalFact`` per indsatsmål, plus the Århus
schema factors, read with a handful of bulk queries (no per-goal loading).

Which goals count: every indsatsmål of every order, whatever the order's state. A replaced
order's goals ended when the newer order arrived (``ops.order_life.replace_earlier`` wrote the
end date), and what they reached until then is a real result of the unit's work, so they count
as ended goals; an ended order's goals likewise. Goals have no withdrawal of their own (a wrong
order is corrected, not withdrawn), so nothing else is left out here; the period and the
filters decide the rest (``figures``).

A goal's end, for the overview, is its own end date or the day its citizen moved out, whichever
comes first: a citizen who has moved out no longer works toward a goal nobody ended.

The responsible staff member of a goal is the goal's own, else the responsible of the citizen's
newest plan (the plan's kontaktperson answers for goals the order left without one).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fko_desktop.models import Citizen, GoalStatus, InterventionGoal, Plan, Unit

from .aarhus_facts import load_aarhus_facts
from .labels import CATALOG_ORDER, Labels, danish_key, domain_group
from .model import FactKind, GoalFact, StatusPoint
from .sources import effective_end, plan_responsible, staff_names

__all__ = [
    "OverviewOptions",
    "effective_end",
    "load_facts",
    "load_options",
    "plan_responsible",
    "staff_names",
]


def _statuses(session: Session) -> dict[int, tuple[StatusPoint, ...]]:
    series: dict[int, list[StatusPoint]] = defaultdict(list)
    rows = session.execute(
        select(GoalStatus.goal_id, GoalStatus.assessed_on, GoalStatus.score)
        .where(GoalStatus.withdrawn_at.is_(None))
        .order_by(GoalStatus.goal_id, GoalStatus.assessed_on, GoalStatus.period)
    )
    for goal_id, on, score in rows:
        series[goal_id].append(StatusPoint(on, score))
    return {goal_id: tuple(points) for goal_id, points in series.items()}


def load_goal_facts(session: Session, *, unit_name: str) -> list[GoalFact]:
    """One fact per indsatsmål (four queries in all)."""
    names = staff_names(session)
    plans = plan_responsible(session)
    statuses = _statuses(session)
    # The area once per citizen: an enum column costs a conversion per row read.
    areas = {cid: area.value for cid, area in session.execute(select(Citizen.id, Citizen.area))}
    rows = session.execute(
        select(
            InterventionGoal.id,
            InterventionGoal.citizen_id,
            InterventionGoal.domain_catalog,
            InterventionGoal.domain_code,
            InterventionGoal.goal_type_code,
            InterventionGoal.baseline,
            InterventionGoal.target,
            InterventionGoal.start_date,
            InterventionGoal.end_date,
            InterventionGoal.responsible_id,
            InterventionGoal.text,
            Citizen.name,
            Citizen.department,
            Citizen.end_date,
        )
        .join(Citizen, Citizen.id == InterventionGoal.citizen_id)
        .order_by(InterventionGoal.id)
    )
    facts = []
    for row in rows:
        responsible = row[9] if row[9] is not None else plans.get(row[1])
        facts.append(
            GoalFact(
                kind=FactKind.GOAL,
                unit_name=unit_name,
                citizen_key=str(row[1]),
                department=row[12],
                area=areas[row[1]],
                catalog=row[2],
                domain_code=row[3],
                domain_group=domain_group(row[2], row[3]),
                goal_type=row[4],
                baseline=row[5],
                target=row[6],
                statuses=statuses.get(row[0], ()),
                start_date=row[7],
                end_date=effective_end(row[8], row[13]),
                responsible_id=responsible,
                responsible_name=names.get(responsible) if responsible is not None else None,
                goal_id=row[0],
                citizen_id=row[1],
                citizen_name=row[11],
                text=row[10],
            )
        )
    return facts


def load_facts(session: Session, *, unit_name: str) -> list[GoalFact]:
    """The goals and the Århus schema factors of the unit (``aarhus_facts``)."""
    return load_goal_facts(session, unit_name=unit_name) + list(
        load_aarhus_facts(session, unit_name=unit_name)
    )


@dataclass(frozen=True)
class OverviewOptions:
    """What the overview's filters can be set to, from what the unit file holds."""

    departments: tuple[str, ...]
    areas: tuple[tuple[str, str], ...]  # (code, label)
    catalogs: tuple[tuple[str, str], ...]  # (id, label)
    staff: tuple[tuple[int, str], ...]  # (id, name): the staff responsible for a goal
    years: tuple[int, ...]  # the years with a målstatus
    first_date: dt.date | None  # the first and the last målstatus
    last_date: dt.date | None


def load_options(session: Session, *, department: str | None = None) -> OverviewOptions:
    """The filter choices; with ``department`` only what that department's citizens have."""
    where = [Citizen.department == department] if department is not None else []
    unit = session.scalars(select(Unit)).one()
    departments = [department] if department is not None else list(unit.departments or [])
    for (name,) in session.execute(
        select(Citizen.department).where(Citizen.department.is_not(None), *where).distinct()
    ):
        if name is not None and name not in departments:
            departments.append(name)
    areas = [str(a.value) for a in session.scalars(select(Citizen.area).where(*where).distinct())]
    catalogs = list(
        session.scalars(
            select(InterventionGoal.domain_catalog)
            .join(Citizen, Citizen.id == InterventionGoal.citizen_id)
            .where(*where)
            .distinct()
        )
    )
    goal_staff: set[int | None] = set(
        session.scalars(
            select(InterventionGoal.responsible_id)
            .join(Citizen, Citizen.id == InterventionGoal.citizen_id)
            .where(InterventionGoal.responsible_id.is_not(None), *where)
            .distinct()
        )
    )
    goal_staff |= set(
        session.scalars(
            select(Plan.responsible_id)
            .join(Citizen, Citizen.id == Plan.citizen_id)
            .where(Plan.responsible_id.is_not(None), *where)
            .distinct()
        )
    )
    first, last = session.execute(
        select(func.min(GoalStatus.assessed_on), func.max(GoalStatus.assessed_on))
        .join(Citizen, Citizen.id == GoalStatus.citizen_id)
        .where(GoalStatus.withdrawn_at.is_(None), *where)
    ).one()
    names = staff_names(session)
    labels = Labels()
    return OverviewOptions(
        departments=tuple(sorted(departments, key=danish_key)),
        areas=tuple((code, labels.area(code)) for code in sorted(areas, key=labels.area_sort)),
        catalogs=tuple((c, labels.catalog(c)) for c in sorted(catalogs, key=_catalog_rank)),
        staff=tuple(
            sorted(
                ((i, names.get(i, str(i))) for i in goal_staff if i is not None),
                key=lambda s: danish_key(s[1]),
            )
        ),
        years=tuple(range(first.year, last.year + 1)) if first and last else (),
        first_date=first,
        last_date=last,
    )


def _catalog_rank(catalog_id: str) -> tuple[int, str]:
    order = CATALOG_ORDER.index(catalog_id) if catalog_id in CATALOG_ORDER else len(CATALOG_ORDER)
    return order, catalog_id
