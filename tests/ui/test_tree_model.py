import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from fko_desktop.models import Actor
from fko_desktop.models.enums import Area
from fko_desktop.ops import citizens, goal_status, orders, plans, staff
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.tree_model import BadgeRole, IdRole, KindRole, PlanTreeModel, TreeFilter
from fko_desktop.unit import Unit

START = dt.date(2025, 1, 15)


@pytest.fixture
def tree_unit(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    unit = UnitFile.create(tmp_path / "enhed.fko", "Egely")
    actor = staff.actor_for(staff.add_staff(unit, Actor(None, "t"), name="Anna", initials="ah").value)
    child = citizens.create_citizen(
        unit, actor, name="Mads Testesen", cpr="010215-4321", area="children"
    ).value
    adult = citizens.create_citizen(unit, actor, name="Åse Ærø", cpr="050570-1234", area="adults").value
    order = orders.create_order(
        unit,
        actor,
        child.id,
        received_date=dt.date(2025, 1, 10),
        goals=[
            orders.GoalInput("Går i skole", "skole_og_laering", START, baseline=3, target=1),
            orders.GoalInput("Har en ven", "fritid_og_venskaber", START, baseline=2, target=2),
        ],
    ).value
    plans.create_plan(unit, actor, child.id, order_id=order.id)
    plans.add_sub_goal(unit, actor, order.goals[0].id, text="Står op kl. 7", start_date=START)
    goal_status.record_goal_status(
        unit, actor, order.goals[1].id, score=2, summary="ok", assessed_on=dt.date(2025, 4, 15)
    )
    # Moved out before the day the tests look from (a later move-out date would keep her current).
    citizens.update_citizen(unit, actor, adult.id, end_date=dt.date(2025, 4, 1))
    yield unit, child, adult, order
    unit.close()


def labels(model, parent=QModelIndex()):
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_tree_shows_citizens_then_plan_orders_goals_and_sub_goals(qtmodeltester, tree_unit):
    unit, child, adult, order = tree_unit
    model = PlanTreeModel(Unit(unit), today=dt.date(2025, 5, 1))
    qtmodeltester.check(model)
    (citizen_index,) = [model.index(r, 0) for r in range(model.rowCount())]  # active only by default
    assert citizen_index.data(KindRole) == "citizen" and citizen_index.data(IdRole) == child.id
    kinds = [model.index(r, 0, citizen_index).data(KindRole) for r in range(model.rowCount(citizen_index))]
    assert kinds == ["plan", "order", "follow_ups", "diary", "use_of_force", "aarhus"]  # a child: Århus too
    order_index = model.index(1, 0, citizen_index)
    assert "10.01.2025" in order_index.data()
    goal_labels = labels(model, order_index)
    assert goal_labels[0].startswith("Går i skole") and goal_labels[1].startswith("Har en ven")
    assert labels(model, model.index(0, 0, order_index)) == ["Står op kl. 7"]


def test_badges_mark_overdue_goal_status_on_goal_and_citizen(tree_unit):
    unit, child, _adult, order = tree_unit
    model = PlanTreeModel(Unit(unit), today=dt.date(2025, 5, 1))  # M1 (15.04) missing for goal 1 only
    citizen_index = model.find("citizen", child.id, child.id)
    # M1 and the first follow-up (owed three months after the start, 15.04) on the citizen.
    assert citizen_index.data(BadgeRole) == (2, 0)
    assert "2 overskredet" in citizen_index.data()
    goal1 = model.find("goal", order.goals[0].id, child.id)
    goal2 = model.find("goal", order.goals[1].id, child.id)
    assert goal1.data(BadgeRole) == (1, 0) and goal2.data(BadgeRole) == (0, 0)
    assert goal1.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_filter_by_text_area_and_ended(qtmodeltester, tree_unit):
    unit, child, adult, _ = tree_unit
    model = PlanTreeModel(Unit(unit), today=dt.date(2025, 5, 1))
    model.set_filter(TreeFilter(active=None))
    qtmodeltester.check(model)
    assert [i.split("  ")[0] for i in labels(model)] == ["Mads Testesen", "Åse Ærø"]
    model.set_filter(TreeFilter(text="ærø", active=None))
    assert labels(model) == ["Åse Ærø"]
    model.set_filter(TreeFilter(text="0102", active=None))
    assert [i.split("  ")[0] for i in labels(model)] == ["Mads Testesen"]
    model.set_filter(TreeFilter(area=Area.ADULTS, active=False))
    assert labels(model) == ["Åse Ærø"]


def test_a_planned_move_out_keeps_the_citizen_current_until_that_day(tree_unit):
    unit, child, adult, _ = tree_unit  # Åse moves out 01.04.2025
    before = PlanTreeModel(Unit(unit), today=dt.date(2025, 3, 31))
    assert [i.split("  ")[0] for i in labels(before)] == ["Mads Testesen", "Åse Ærø"]
    index = before.find("citizen", adult.id, adult.id)
    assert "fraflyttet" not in index.data(Qt.ItemDataRole.ToolTipRole)
    on_the_day = PlanTreeModel(Unit(unit), today=dt.date(2025, 4, 1))
    assert [i.split("  ")[0] for i in labels(on_the_day)] == ["Mads Testesen"]
    on_the_day.set_filter(TreeFilter(active=None))
    index = on_the_day.find("citizen", adult.id, adult.id)
    assert "fraflyttet" in index.data(Qt.ItemDataRole.ToolTipRole)
