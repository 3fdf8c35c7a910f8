"""A small unit built through the facade from empty, as a user would, for the overview's tests.

Everything the tests expect is computed from ``GOALS``, ``NOTES`` and ``FOLLOW_UPS`` below in
plain Python (the expected outcome of every målstatus is written beside it by hand), never by
the overview's own code.

Two departments (Nord, Syd) of three citizens each, both areas, ICS and FFB goals in five
domain groups, all six outcome categories, "Ikke vurderet", a target worse than the baseline,
goals without målstatus (one owing, one too new to owe), one ended goal, a plan's responsible
standing in for goals without one. "Today" is 30 June 2026.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from fko_desktop.models.outcome import Outcome
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.unit import Unit
from fko_desktop.unit.records import GoalInput

TODAY = dt.date(2026, 6, 30)
CET = dt.timezone(dt.timedelta(hours=2))
START = dt.date(2025, 7, 1)
LATE_START = dt.date(2026, 1, 15)

PGM = Outcome.PROGRESSION_GOAL_MET
PRO = Outcome.PROGRESSION
NOP = Outcome.NO_PROGRESSION
NEG = Outcome.NEGATIVE_PROGRESSION
MGM = Outcome.MAINTENANCE_GOAL_MET
UNP = Outcome.UNPROBLEMATIC

ICS_DEV, ICS_KEEP = "udvikling", "fastholdelse"
FFB_DEV, FFB_KEEP, FFB_LIMIT = (
    "d41c8072-52f8-42b5-9375-ddbea454d27f",
    "10752a63-00b4-4958-b7f4-9f3a18f74266",
    "e47c22bd-d88d-48ab-882b-419923e1f44e",
)
WASH = "885400cc-dd71-479e-8993-3fc48fdd6710"  # Vaske sig, under Egenomsorg
SHOP = "01770afa-cd17-41fe-a966-b8895e4d55d8"  # Købe ind, under Praktiske opgaver
WALK = "4977ce08-df4d-4c09-8e03-c2a563862e68"  # Gå og bevæge sig, under Mobilitet
THEME = {WASH: "Egenomsorg", SHOP: "Praktiske opgaver", WALK: "Mobilitet"}
ICS = {
    "sundhed": "Sundhed",
    "skole_og_laering": "Skole og læring",
    "fritid_og_venskaber": "Fritidsforhold og venskaber",
    "familieforhold": "Familieforhold",
}

# name, cpr, area, department
CITIZENS = {
    "c1": ("Alma Nord", "010212-4001", "children", "Nord"),
    "c2": ("Bent Nord", "020212-4002", "children", "Nord"),
    "c3": ("Carl Nord", "030390-1003", "adults", "Nord"),
    "c4": ("Dora Syd", "040212-4004", "children", "Syd"),
    "c5": ("Emil Syd", "050390-1005", "adults", "Syd"),
    "c6": ("Frida Syd", "060390-1006", "adults", "Syd"),
}


@dataclasses.dataclass(frozen=True)
class Spec:
    name: str
    citizen: str
    domain: str
    goal_type: str
    baseline: object
    target: object
    start: dt.date
    #: (assessed on, score, period, the outcome that score gives: written by hand)
    statuses: tuple[tuple[dt.date, object, int, Outcome | None], ...] = ()
    responsible: str | None = None  # "mia" / "lis"; None: none on the goal
    end: dt.date | None = None


D = dt.date
GOALS = (
    Spec("g1", "c1", "sundhed", ICS_DEV, 3, 1, START,
         ((D(2025, 10, 1), 2, 1, PRO), (D(2026, 1, 5), 1, 2, PGM)), "mia"),
    Spec("g2", "c1", "skole_og_laering", ICS_KEEP, 2, 2, START,
         ((D(2025, 9, 25), 2, 1, MGM), (D(2025, 12, 20), 2, 2, MGM), (D(2026, 3, 28), 3, 3, NEG)), "mia"),
    Spec("g3", "c2", "sundhed", ICS_DEV, 2, 1, START,
         ((D(2025, 10, 1), 2, 1, NOP), (D(2026, 1, 1), 2, 2, NOP), (D(2026, 4, 1), 2, 3, NOP)), "lis"),
    Spec("g4", "c2", "familieforhold", ICS_KEEP, 0, 0, START, ((D(2026, 4, 1), 0, 3, UNP),), "lis"),
    Spec("g5", "c3", WASH, FFB_DEV, 3, 1, START, ((D(2025, 10, 1), NOT_ASSESSED, 1, None),)),
    Spec("g6", "c3", SHOP, FFB_KEEP, 2, 2, D(2026, 5, 1)),  # too new to owe a målstatus
    Spec("g7", "c4", "skole_og_laering", ICS_DEV, 3, 1, START,
         ((D(2025, 10, 1), 3, 1, NOP), (D(2026, 1, 1), 2, 2, PRO)), "mia", end=D(2026, 2, 15)),
    Spec("g8", "c4", "fritid_og_venskaber", ICS_DEV, 2, 1, START, (), "mia"),  # owes, has none
    Spec("g9", "c5", WASH, FFB_DEV, 4, 2, START,
         ((D(2025, 10, 1), 3, 1, PRO), (D(2026, 1, 1), 2, 2, PGM), (D(2026, 4, 1), 2, 3, PGM)), "lis"),
    Spec("g10", "c5", SHOP, FFB_KEEP, 1, 1, START, ((D(2026, 4, 1), 1, 3, MGM),), "lis"),
    Spec("g11", "c6", WALK, FFB_DEV, 3, 2, LATE_START, ((D(2026, 4, 10), 2, 1, PGM),)),
    Spec("g12", "c6", WALK, FFB_LIMIT, 1, 2, LATE_START, ((D(2026, 4, 20), 2, 1, None),)),
)  # fmt: skip

#: Plans: citizen → responsible of the plan (c6's goals name nobody: the plan's Mia answers).
PLANS = {"c6": "mia"}

# sub-goal name → (goal, start)
SUB_GOALS = {
    "s1": ("g1", START),
    "s3": ("g3", START),
    "s8": ("g8", START),
    "s9": ("g9", START),
    "s10": ("g10", D(2026, 6, 25)),  # too new to be "without a note"
}
# (sub-goal, day, score, withdrawn)
NOTES = (
    ("s1", D(2026, 4, 10), 2, False),
    ("s1", D(2026, 6, 25), None, False),
    ("s1", D(2026, 6, 28), NOT_ASSESSED, False),
    ("s3", D(2026, 5, 1), 1, False),
    ("s9", D(2026, 3, 15), 2, False),  # before the practice period
    ("s9", D(2026, 6, 20), 3, False),
    ("s9", D(2026, 6, 21), 1, True),  # withdrawn: does not count
)
# (citizen, meeting, held, today when it was registered)
FOLLOW_UPS = (
    ("c1", D(2026, 5, 15), True, D(2026, 5, 16)),
    ("c2", D(2026, 7, 10), False, TODAY),  # status report due 26.6, not sent: overdue
    ("c4", D(2026, 6, 1), False, D(2026, 5, 20)),  # planned, never registered as held
)

PRACTICE_FROM, PRACTICE_TO = D(2026, 4, 1), TODAY


@dataclasses.dataclass
class Built:
    path: Path
    citizen_ids: dict[str, int]
    goal_ids: dict[str, int]
    staff_ids: dict[str, int]

    def key(self, citizen: str) -> str:
        return str(self.citizen_ids[citizen])


def _build(path: Path) -> Built:
    unit = Unit.create(path, "Bostedet Prøven")
    try:
        unit.set_settings(departments=["Nord", "Syd"])
        admin = unit.add_first_staff(name="Ada Admin", initials="AA")
        unit.act_as(admin)
        staff = {
            "mia": unit.staff.add(name="Mia Madsen", initials="MM", department="Nord").value,
            "lis": unit.staff.add(name="Lis Leder", initials="LL", department="Syd", role="leder").value,
            "bo": unit.staff.add(name="Bo Berg", initials="BB").value,
        }
        intake = D(2025, 6, 1)
        citizen_ids = {
            key: unit.citizens.create(
                name=name, cpr=cpr, area=area, department=dept, intake_date=intake
            ).value
            for key, (name, cpr, area, dept) in CITIZENS.items()
        }
        goal_ids: dict[str, int] = {}
        for citizen in CITIZENS:
            specs = [spec for spec in GOALS if spec.citizen == citizen]
            order_id = unit.orders.create(
                citizen_ids[citizen],
                received_date=D(2025, 6, 20),
                intervention_purpose="Trivsel.",
                goals=[
                    GoalInput(
                        f"Mål {spec.name}",
                        spec.domain,
                        spec.start,
                        baseline=spec.baseline,
                        target=spec.target,
                        goal_type_code=spec.goal_type,
                        responsible_id=staff[spec.responsible] if spec.responsible else None,
                        end_date=spec.end,
                        end_reason="Målet blev nået før tid." if spec.end else None,
                    )
                    for spec in specs
                ],
            ).value
            rows = sorted(unit.orders.get(order_id).goals, key=lambda goal: goal.position)
            goal_ids.update({spec.name: row.id for spec, row in zip(specs, rows, strict=True)})
            if citizen in PLANS:
                unit.plans.save_form(
                    None,
                    citizen_id=citizen_ids[citizen],
                    order_id=order_id,
                    responsible_id=staff[PLANS[citizen]],
                )
        for spec in GOALS:
            for on, score, period, _outcome in spec.statuses:
                unit.goal_status.record(
                    goal_ids[spec.name], score=score, summary="Opsummering.", assessed_on=on, period=period
                )
        sub_goal_ids = {
            name: unit.plans.add_sub_goal(goal_ids[goal], text=f"Delmål {name}", start_date=start).value
            for name, (goal, start) in SUB_GOALS.items()
        }
        for sub_goal, day, score, withdrawn in NOTES:
            note = unit.journal.add(
                sub_goal_ids[sub_goal],
                text="Observation.",
                score=score,
                observed_at=dt.datetime.combine(day, dt.time(12, 0), tzinfo=CET),
            ).value
            if withdrawn:
                unit.journal.withdraw(note, reason="Skrevet på den forkerte borger.")
        for citizen, meeting, held, registered in FOLLOW_UPS:
            unit.follow_ups.record(
                citizen_ids[citizen],
                meeting_date=meeting,
                held=held,
                agreements="Aftaler." if held else None,
                today=registered,
            )
        staff_ids = {**staff, "ada": admin.id}
    finally:
        unit.close()
    return Built(path, citizen_ids, goal_ids, staff_ids)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("overview") / "proeven.fko")


@pytest.fixture(scope="module")
def overview_unit(built: Built) -> Iterator[Unit]:
    """The unit opened read-only, as its administrator (the tests only read)."""
    unit = Unit.open(built.path, readonly=True)
    unit.act_as(unit.staff.get(built.staff_ids["ada"]))
    yield unit
    unit.close()
