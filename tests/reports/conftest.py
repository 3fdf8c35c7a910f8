"""Units to print from: the shared demo unit, and one small unit with the edge cases.

Both are built once per session and only read by the report tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from fko_desktop.models import UseOfForce
from fko_desktop.models.enums import UseOfForceKind
from fko_desktop.models.schedule import due_date
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import citizens, goal_status, journal, orders, plans
from fko_desktop.reports import ReportOptions, render_report
from fko_desktop.storage.unitfile import UnitFile
from tests.world import START, build_world

CET = dt.timezone(dt.timedelta(hours=1))
TODAY = dt.date(2025, 12, 1)

# Unique words at the very end of the long texts: if they are in the PDF, nothing was cut off.
LONG_END = "SLUTORD-ÆØÅ-langtekst"


def long_text(seed: str, words: int) -> str:
    body = " ".join(f"{seed}{i % 17}" for i in range(words))
    return f"{body}. {LONG_END}"


@dataclasses.dataclass(frozen=True)
class Edge:
    path: Path
    child_id: int  # Mads: plan with contexts, goal 1 with M1/M2 (Ikke vurderet)/M3, goal 2 no status
    goal_with_status: int
    goal_without_status: int
    sub_goal_ids: tuple[int, ...]
    nobody_id: int  # Åse: no order, no plan
    long_id: int  # Søren: one FFB goal with 40 statuses
    long_goal_id: int
    note_texts: tuple[str, ...]
    long_note: str
    long_summary: str
    long_background: str


def _build_edge(path: Path) -> Edge:
    unit = UnitFile.create(path, "Bostedet Æblehaven")
    try:
        world = build_world(unit)
        actor = world.actor
        child = world.citizen
        school, friends = world.goals
        long_background = long_text("baggrund", 900)
        plan = plans.create_plan(
            unit, actor, child.id, order_id=world.order_id, background=long_background,
            purpose_unit_addition="Bostedet lægger vægt på skolegang og søvn.",
            purpose_citizen_addition="Mads vil gerne spille fodbold på hold.",
            responsible_id=world.staff_id,
        ).value  # fmt: skip
        plans.set_plan_context(
            unit, actor, plan.id, "skoleforhold",
            resources_and_challenges="Mads er god til matematik, men går sjældent i skole.",
            support_need="Vækning og følgeskab om morgenen.",
        )  # fmt: skip
        plans.set_plan_context(unit, actor, plan.id, "fritidsforhold", resources_and_challenges="   ")
        plans.update_sub_goal(
            unit,
            actor,
            world.sub_goals[0].id,
            justification="Søvnrytmen er nøglen til skolegangen.",
            method="Fast vækning kl. 7 og morgenmad på værelset.",
        )
        notes = (
            "Mads stod selv op og spiste rugbrød med æg; glad og veloplagt.",
            "Mads ville ikke i skole; vi gik en tur ved søen først.",
        )
        journal.add_note(unit, actor, world.sub_goals[0].id, text=notes[0], score=2,
                         observed_at=dt.datetime(2025, 9, 10, 8, 5, tzinfo=CET))  # fmt: skip
        journal.add_note(unit, actor, world.sub_goals[0].id, text=notes[1], score=NOT_ASSESSED,
                         observed_at=dt.datetime(2025, 10, 2, 7, 45, tzinfo=CET))  # fmt: skip
        long_note = long_text("observation", 800)
        journal.add_note(unit, actor, world.sub_goals[1].id, text=long_note, score=3,
                         observed_at=dt.datetime(2025, 10, 20, 15, 0, tzinfo=CET))  # fmt: skip
        long_summary = long_text("opsummering", 450)
        for period, score, summary in (
            (1, 3, "Mads kom i skole to dage om ugen."),
            (2, NOT_ASSESSED, "Mads var syg det meste af perioden; ikke vurderet."),
            (3, 2, long_summary),
        ):
            goal_status.record_goal_status(
                unit, actor, school.id, score=score, summary=summary, period=period,
                assessed_on=due_date(START, period), citizen_score=1 if period == 3 else None,
                citizen_note="Jeg synes selv, det går godt." if period == 3 else None,
            )  # fmt: skip
        with unit.write(actor) as session:
            session.add(
                UseOfForce(
                    citizen_id=child.id,
                    kind=UseOfForceKind.REPORT,
                    occurred_on=dt.date(2025, 10, 5),
                    description="Fastholdelse i skolegården i to minutter.",
                    reported_to="Tilsynet",
                )
            )
            session.add(
                UseOfForce(
                    citizen_id=child.id,
                    kind=UseOfForceKind.PERMISSION,
                    period_start=dt.date(2025, 6, 1),
                    period_end=dt.date(2026, 5, 31),
                    review_date=dt.date(2026, 3, 1),
                    description="Tilladelse til alarm på yderdøren om natten.",
                )
            )

        nobody = citizens.create_citizen(
            unit, actor, name="Åse Ørnebjerg", cpr="120380-1234", area="adults"
        ).value

        long_citizen = citizens.create_citizen(
            unit,
            actor,
            name="Søren Ærøskøbing",
            cpr="050570-2345",
            area="adults",
            intake_date=dt.date(2015, 11, 1),
        ).value
        start = dt.date(2016, 1, 4)
        order = orders.create_order(
            unit,
            actor,
            long_citizen.id,
            intervention_purpose="At Søren klarer flest mulige gøremål selv.",
            goals=[
                orders.GoalInput(
                    "Søren handler selv ind to gange om ugen.",
                    "b947f321-7cdb-4b33-9653-f3ff800572b0",
                    start,
                    baseline=3,
                    target=1,
                    goal_type_code="d41c8072-52f8-42b5-9375-ddbea454d27f",
                )
            ],
        ).value
        long_goal = order.goals[0]
        plans.add_sub_goal(unit, actor, long_goal.id, text="Søren skriver indkøbsseddel.", start_date=start)
        for period in range(1, 41):
            score = NOT_ASSESSED if period in (7, 8, 23) else max(0, 3 - period // 12)
            goal_status.record_goal_status(
                unit, actor, long_goal.id, score=score, summary=f"Status nummer {period}.",
                period=period, assessed_on=due_date(start, period),
            )  # fmt: skip
        return Edge(
            path=path,
            child_id=child.id,
            goal_with_status=school.id,
            goal_without_status=friends.id,
            sub_goal_ids=tuple(s.id for s in world.sub_goals),
            nobody_id=nobody.id,
            long_id=long_citizen.id,
            long_goal_id=long_goal.id,
            note_texts=notes,
            long_note=long_note,
            long_summary=long_summary,
            long_background=long_background,
        )
    finally:
        unit.close()


@pytest.fixture(scope="session")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Edge:
    return _build_edge(tmp_path_factory.mktemp("reports") / "kanter.fko")


@pytest.fixture(scope="session")
def edge_unit(edge: Edge):
    with UnitFile.open(edge.path, readonly=True) as unit:
        yield unit


@pytest.fixture(scope="session")
def demo_unit(demo_path: Path):
    with UnitFile.open(demo_path, readonly=True) as unit:
        yield unit


@dataclasses.dataclass
class Pdf:
    data: bytes
    pages: list[str]  # each page's text, whitespace collapsed
    metadata: dict[str, str]

    @property
    def text(self) -> str:
        return " ".join(self.pages)


def read_pdf(data: bytes) -> Pdf:
    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    meta = {k: str(v) for k, v in (reader.metadata or {}).items()}
    return Pdf(data, pages, meta)


def render(unit: UnitFile, kind: str, citizen_id: int, **options: object) -> Pdf:
    options.setdefault("today", TODAY)
    with unit.read() as session:
        return read_pdf(render_report(session, kind, citizen_id, ReportOptions(**options)))  # type: ignore[arg-type]


def squash(text: str) -> str:
    """Collapse whitespace as the PDF text is collapsed, for comparing long texts."""
    return " ".join(text.split())
