"""A målstatus owed is never skipped, in the window: the editor proposes the missing M1 (from the
today view's M2 row too), M1 stays "mangler" on the goal's graph after M2 is saved, the graph's
labels carry their dates and are never clipped at 1366×768, and the evidence beside the editor
shows the period's notes by sub-goal with how many of each score, never an average."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from fko_desktop.models.formatting import format_date
from fko_desktop.models.schedule import add_months, due_date
from fko_desktop.ops import citizens, goal_status, journal, orders, plans
from fko_desktop.ui.editors import GoalStatusEditor
from fko_desktop.ui.main_window import PAGE_GOAL, MainWindow
from fko_desktop.ui.pages.record import GoalPage
from fko_desktop.unit import Unit
from tests.ui.test_editors import click_save, make

TODAY = dt.date.today()
# M1 was due about three months ago and never recorded; M2 is due in five days.
START = add_months(TODAY + dt.timedelta(days=5), -6)
M1_DUE, M2_DUE = due_date(START, 1), due_date(START, 2)
LOCAL = dt.datetime.now().astimezone().tzinfo


def _goal_with_m1_missing(unit, actor, start: dt.date = START) -> tuple[int, list[int]]:  # type: ignore[no-untyped-def]
    """A child whose only goal started on ``start``, with two sub-goals."""
    child = citizens.create_citizen(
        unit, actor, name="Sofie Mangler", cpr="020316-4322", area="children", intake_date=start
    ).value
    order = orders.create_order(
        unit,
        actor,
        child.id,
        received_date=start,
        intervention_purpose="At Sofie trives.",
        goals=[orders.GoalInput("Sofie spiser morgenmad hver dag.", "sundhed", start, baseline=3, target=1)],
    ).value
    goal = order.goals[0]
    subs = [
        plans.add_sub_goal(unit, actor, goal.id, text=text, start_date=start).value.id
        for text in ("Sofie står op til vækning.", "Sofie smører selv sin mad.")
    ]
    return goal.id, subs


def _note(world, sub_goal_id: int, day: dt.date, score: object, text: str) -> None:  # type: ignore[no-untyped-def]
    journal.add_note(
        world.unit,
        world.actor,
        sub_goal_id,
        text=text,
        score=score,
        observed_at=dt.datetime.combine(day, dt.time(9, 0), tzinfo=LOCAL),
    )


def test_editor_proposes_m1_when_m1_is_owed_and_m2_is_due(world, qtbot):
    goal_id, _subs = _goal_with_m1_missing(world.unit, world.actor)
    editor = make(GoalStatusEditor, world, qtbot)
    # The today view opens the editor on the row's period; M2's row still gets M1 first.
    editor.load(None, goal_id=goal_id, period=2)
    assert editor.period.value() == 1
    assert editor.period_note.text() == (
        f"M1 ({format_date(M1_DUE)}) er ikke registreret endnu, så den foreslås før M2."
    )
    assert editor.missing_label.text() == f"Mangler: M1 ({format_date(M1_DUE)}) er ikke registreret."
    editor.load(None, goal_id=goal_id)
    assert editor.period.value() == 1 and editor.period_note.isHidden()

    # The user decides to give M2 now: allowed, and told that M1 stays missing.
    editor.period.setValue(2)
    assert "M1" in editor.period_note.text() and "vises som manglende" in editor.period_note.text()
    editor.score.setCurrentIndex(3)  # 2
    qtbot.keyClicks(editor.summary, "Sofie spiser oftere morgenmad.")
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    assert [s.period for s in goal_status.statuses_for_goal(world.unit, goal_id)] == [2]
    # Ready for the next: M1 is proposed again and still named as missing.
    assert editor.period.value() == 1
    assert not editor.missing_label.isHidden()
    assert f"M1 ({format_date(M1_DUE)})" in editor.missing_label.text()

    # On the goal's page M1 is marked "mangler" at its place, with dates under M1 … Mn.
    page = GoalPage(world.runner)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    page.show_goal(goal_id, one_based=False)
    graph = page.graph
    assert graph.missing_periods() == [1]
    assert graph.plotted_points() == [(2, 2)]
    labels = graph.period_labels()
    assert labels[1] == f"M1\n{format_date(M1_DUE)}"
    assert labels[2] == f"M2\n{format_date(TODAY)}"  # a recorded period shows its own date
    assert graph.missing_text() == f"Mangler: M1 ({format_date(M1_DUE)}) er ikke registreret."
    words = [w for w in graph._missing_lines.values() if w.isVisible()]  # noqa: SLF001
    assert [w.toPlainText() for w in words] == ["mangler"]
    assert graph.tooltip_for(1) == f"M1 · skulle være givet {format_date(M1_DUE)} · mangler"


def test_evidence_is_the_period_s_notes_by_sub_goal_with_the_count_of_each_score(world, qtbot):
    goal_id, (wake, food) = _goal_with_m1_missing(world.unit, world.actor)
    in_m1 = START + dt.timedelta(days=20)
    _note(world, wake, in_m1, 1, "Sofie stod op ved første vækning.")
    _note(world, wake, in_m1 + dt.timedelta(days=1), 1, "Sofie stod op efter ti minutter.")
    _note(world, wake, in_m1 + dt.timedelta(days=2), 0, "Sofie var oppe før vækning.")
    _note(world, food, in_m1, 2, "Sofie smurte en bolle med hjælp.")
    _note(world, food, in_m1 + dt.timedelta(days=3), None, "Sofie ville ikke spise.")
    _note(world, food, M1_DUE + dt.timedelta(days=3), 4, "Efter M1: Sofie spiste intet.")

    editor = make(GoalStatusEditor, world, qtbot)
    editor.load(None, goal_id=goal_id)
    assert editor.period.value() == 1
    table = editor.evidence
    assert table.rowCount() == 5  # M1's notes only: the later one belongs to M2
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(5)]
    assert [r[0] for r in rows] == ["Delmål 1"] * 3 + ["Delmål 2"] * 2
    assert rows[0][4] == "Sofie stod op ved første vækning." and rows[4][3] == "–"
    assert table.item(3, 0).toolTip() == "Delmål 2: Sofie smører selv sin mad."
    summary = editor.summary_label.text()
    assert summary.splitlines() == [
        "Delmål 1 (Sofie står op til vækning.): 3 notater – 0: 1 · 1: 2",
        "Delmål 2 (Sofie smører selv sin mad.): 2 notater – 2: 1 · uden score: 1",
        "I alt 5 notater, 4 med score – 0: 1 · 1: 2 · 2: 1 · uden score: 1",
    ]
    assert "gennemsnit" not in summary.lower()
    assert editor.evidence_caption.text().startswith(
        f"Notater fra delmålsdagbogen i M1 ({format_date(START)} – {format_date(M1_DUE)})"
    )
    # Another period, its own notes.
    editor.period.setValue(2)
    assert table.rowCount() == 1 and table.item(0, 4).text() == "Efter M1: Sofie spiste intet."
    assert editor.summary_label.text().splitlines()[-1] == "I alt 1 notater, 1 med score – 4: 1"


# -- through the window ------------------------------------------------------------------------

_windows: list[MainWindow] = []


@pytest.fixture(autouse=True)
def _tear_down_windows():  # type: ignore[no-untyped-def]
    yield
    while _windows:
        window = _windows.pop()
        window.close()
        window.deleteLater()
    QApplication.processEvents()
    gc.collect()


def _window(qtbot, ui_world) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Unit(ui_world.unit, ui_world.actor))
    _windows.append(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.today.heading.text() != "")
    return window


def _drawn_x_labels(graph) -> list[tuple[float, float, str]]:  # type: ignore[no-untyped-def]
    """(left, right, text) of each x label pyqtgraph really draws: it drops any label that
    would stick out of the axis, so a clipped label is missing here."""
    axis = graph.plot_widget().getPlotItem().getAxis("bottom")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setFont(axis.style["tickFont"] or graph.plot_widget().font())
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect.left(), rect.right(), text) for rect, _flags, text in texts if text]


def test_today_row_for_m2_opens_the_editor_on_the_missing_m1(qtbot, ui_world):
    goal_id, _subs = _goal_with_m1_missing(ui_world.unit, ui_world.actor)
    window = _window(qtbot, ui_world)
    rows = window.today.model.items
    mine = [(i, d.period) for i, d in enumerate(rows) if d.goal_id == goal_id]
    assert [period for _i, period in mine] == [1, 2]  # M1 overdue, M2 due soon
    window.today.table.doubleClicked.emit(window.today.model.index(mine[1][0], 0))
    assert window.pages.currentIndex() == PAGE_GOAL
    editor = window.active_editor.editor
    assert editor.period.value() == 1
    assert "foreslås før M2" in editor.period_note.text()
    window.active_editor.reject()
    assert window.goal_page.graph.missing_periods() == [1]


@pytest.mark.parametrize(("years", "recorded"), [(1, 2), (5, 19)])
def test_period_labels_are_never_clipped_at_1366x768(qtbot, ui_world, years, recorded):
    start = add_months(TODAY, -12 * years)
    goal_id, _subs = _goal_with_m1_missing(ui_world.unit, ui_world.actor, start)
    goal_status.record_goal_status(
        ui_world.unit, ui_world.actor, goal_id, score=2, summary="Bedre.", period=recorded,
        assessed_on=due_date(start, recorded),
    )  # fmt: skip
    window = _window(qtbot, ui_world)
    child = next(c for c in window.unit.citizens.list(active=True) if c.name == "Sofie Mangler")
    window.select_record("goal", goal_id, child.id)
    QApplication.processEvents()
    graph = window.goal_page.graph
    labels = graph.period_labels()
    shown = graph.shown_period_labels()
    # The latest status and the missing M1 (at the very left edge) keep their labels ...
    assert recorded in shown and 1 in shown
    # ... and every label set is drawn whole (pyqtgraph drops one that would stick out), with
    # its date under it, and no two overlap.
    drawn = _drawn_x_labels(graph)
    assert [text for _l, _r, text in drawn] == [labels[p] for p in shown]
    assert all(a[1] < b[0] for a, b in zip(drawn, drawn[1:], strict=False))
    assert all(text.split("\n")[1].count(".") == 2 for _l, _r, text in drawn)
    assert len(graph.missing_periods()) == 4 * years - 2  # all but the recorded and today's
