"""The plan's page on a unit built from empty: every section of the children's plan model with
its content or "Ikke udfyldt", an adult's FFB themes instead of the ten contexts, the goals with
their sub-goals, and "Gør planen aktiv" refused on the page until every goal has a sub-goal."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from fko_desktop.models import Actor
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.ops import citizens, orders, plans, staff
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.pages import PlanPage
from fko_desktop.ui.runner import Runner
from fko_desktop.unit import Unit
from tests.ui.conftest import finish

START = dt.date(2025, 3, 1)
CHILD_GOALS = [
    ("Mads møder i skole hver dag.", "skole_og_laering", 3, 1),
    ("Mads spiser morgenmad hver dag.", "sundhed", 2, 1),
]
SECTION_TITLES = [
    "Handleplan",
    "Baggrundsoplysninger",
    "Formål",
    "Kommunens formål med indsatsen",
    "Tilbuddets tilføjelser til formålet",
    "Præsentation af barnet/den unge",
    "Tidligere indsatser",
    "Kontekster",
    "Magtanvendelser",
    "Forebyggelse og håndtering af magtanvendelser",
    "Indsatsmål og delmål",
]


@dataclasses.dataclass
class Built:
    unit: UnitFile
    actor: Actor
    citizen_id: int
    goal_ids: list[int]
    plan_id: int


@pytest.fixture
def actor(ui_unit: UnitFile) -> Actor:
    # A leder: the page's "Gør planen aktiv" is the leder's approval (issue 13).
    member = staff.add_staff(
        ui_unit, Actor(None, "test"), name="Anna Hansen", initials="ah", role="leder"
    ).value
    return staff.actor_for(member)


@pytest.fixture
def page(ui_unit: UnitFile, actor: Actor, qtbot) -> Iterator[PlanPage]:  # type: ignore[no-untyped-def]
    runner = Runner(Unit(ui_unit, actor))
    shown = PlanPage(runner)
    qtbot.addWidget(shown)
    shown.resize(1366 - 330, 700)  # beside the tree on a 1366×768 laptop
    shown.show()
    yield shown
    runner.close()


def build(unit: UnitFile, actor: Actor, *, area: str, goals: list[tuple[str, str, int, int]]) -> Built:
    """A citizen, an order with ``goals`` (none with a sub-goal yet) and a draft plan with its
    background and the school context written, all through the core's operations."""
    cpr, name = ("010215-4321", "Mads Testesen") if area == "children" else ("050570-1234", "Bo Voksen")
    citizen = citizens.create_citizen(unit, actor, name=name, cpr=cpr, area=area).value
    order = orders.create_order(
        unit, actor, citizen.id, received_date=dt.date(2025, 2, 20),
        intervention_purpose="At borgeren får en stabil hverdag.",
        goals=[orders.GoalInput(text, domain, START, baseline=b, target=t) for text, domain, b, t in goals],
    ).value  # fmt: skip
    plan = plans.save_plan_form(
        unit, actor, None, citizen_id=citizen.id, order_id=order.id, responsible_id=actor.staff_id,
        background="Kom fra en plejefamilie i 2024.\nGår i 3. klasse.",
        contexts={"skoleforhold": {"resources_and_challenges": "Glad for matematik.", "support_need": None}},
    ).value  # fmt: skip
    goal_ids = [g.id for g in sorted(order.goals, key=lambda g: g.position)]
    return Built(unit, actor, citizen.id, goal_ids, plan.id)


def test_a_childs_plan_shows_every_section_with_its_content(page, ui_unit, actor):
    built = build(ui_unit, actor, area="children", goals=CHILD_GOALS)
    page.show_plan(built.plan_id)
    text = page.text()
    for title in SECTION_TITLES:
        assert title in text, title
    assert page.heading.text() == "Handleplan · Kladde"
    assert "Kom fra en plejefamilie i 2024.<br>Går i 3. klasse." in text  # its line break kept
    assert "At borgeren får en stabil hverdag." in text  # the order's purpose
    assert "Bestilling modtaget 20.02.2025" in text and "Anna Hansen" in text
    for context in load_catalog("specialsektoren").set("contexts"):
        assert context.display in text
    assert "Glad for matematik." in text
    assert "Ressourcer og udfordringer" in text and "Evaluering" in text
    assert "Ikke udfyldt" in text  # the sections nobody wrote yet
    assert "Mads møder i skole hver dag." in text and "3 – " in text and " → 1 – " in text
    assert page.edit_button.isVisible() and page.activate_button.isVisible()
    assert set(page.sub_goal_buttons) == set(built.goal_ids)
    assert page.horizontalScrollBar().maximum() == 0  # wraps beside the tree, no sideways scroll


def test_an_adults_plan_shows_the_goals_ffb_themes_not_the_childrens_contexts(page, ui_unit, actor):
    domains = [e for e in load_catalog("ffb").set("goal_domains") if e.selectable][:2]
    goals = [(f"Bo øver {e.display.lower()}.", e.code, 3, 2) for e in domains]
    built = build(ui_unit, actor, area="adults", goals=goals)
    page.show_plan(built.plan_id)
    text = page.text()
    assert "Temaer (FFB)" in text and "Voksenudredningsmetoden" in text
    for entry in domains:
        assert entry.display in text
    assert "Præsentation af borgeren" in text and "Borgerens tilføjelser til formålet" in text
    # Only the context the plan already holds stays; the other nine are not offered an adult.
    assert "Skoleforhold" in text and "Glad for matematik." in text
    assert "Familieforhold" not in text and ">Kontekster<" not in text  # no children's section

    plans.save_plan_form(ui_unit, actor, None, citizen_id=built.citizen_id, background="Uden kontekst.")
    (newest, *_) = plans.plans_for_citizen(ui_unit, built.citizen_id)
    page.show_plan(newest.id)
    assert "Skoleforhold" not in page.text() and "Temaer (FFB)" in page.text()


def test_activation_is_refused_on_the_page_until_every_goal_has_a_sub_goal(page, ui_unit, actor, qtbot):
    built = build(ui_unit, actor, area="children", goals=CHILD_GOALS)
    page.show_plan(built.plan_id)
    requested: list[int] = []
    page.sub_goal_requested.connect(requested.append)
    qtbot.mouseClick(page.sub_goal_buttons[built.goal_ids[1]], Qt.MouseButton.LeftButton)
    assert requested == [built.goal_ids[1]]
    edits: list[int] = []
    page.edit_requested.connect(edits.append)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert edits == [built.plan_id]

    finish(qtbot, page.activate())
    assert page.message.isVisible()
    assert "Hvert indsatsmål skal have mindst ét delmål" in page.message.text()
    assert "Mads møder i skole" in page.message.text()
    assert page.heading.text() == "Handleplan · Kladde"

    for goal_id in built.goal_ids:
        plans.add_sub_goal(ui_unit, actor, goal_id, text=f"Delmål {goal_id}: fast rutine.", start_date=START)
    page.show_plan(built.plan_id)
    assert (
        not page.sub_goal_buttons and "fast rutine." in page.text() and "Aktivt · 01.03.2025" in page.text()
    )
    qtbot.mouseClick(page.activate_button, Qt.MouseButton.LeftButton)
    # The page draws itself again once the plan is stored as active.
    qtbot.waitUntil(lambda: page.task is None and "Aktiv" in page.heading.text(), timeout=20_000)
    assert not page.message.isVisible()
    assert page.heading.text() == "Handleplan · Aktiv" and "Aktiv" in page.text()
    assert not page.activate_button.isVisible() and page.edit_button.isVisible()
