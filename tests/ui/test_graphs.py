"""Score graphs: målstatus per goal and journal scores per sub-goal, on a real unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

from fko_desktop.models.outcome import Outcome  # noqa: E402
from fko_desktop.models.scores import NOT_ASSESSED  # noqa: E402
from fko_desktop.ops import goal_status, journal  # noqa: E402
from fko_desktop.storage.unitfile import UnitFile  # noqa: E402
from fko_desktop.ui.graphs import GoalStatusGraph, SubGoalScoreGraph  # noqa: E402
from fko_desktop.unit import Unit  # noqa: E402
from tests.world import World, build_world

START = dt.date(2025, 1, 15)
CET = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def world(unit: UnitFile) -> World:
    # The second goal has no baseline or target: the graph's empty reference lines are tested on it.
    return build_world(unit, second_goal_scores=(None, None))


def _facade(world: World) -> Unit:
    """The open file as the window reads it: the graphs draw the facade's rows."""
    return Unit(world.unit, world.actor)


def _record_statuses(world: World) -> None:
    goal_id = world.goals[0].id
    for period, score, day in (
        (1, 3, dt.date(2025, 4, 15)),
        (2, 2, dt.date(2025, 7, 15)),
        (3, NOT_ASSESSED, dt.date(2025, 10, 15)),
        (4, 2, dt.date(2026, 1, 15)),
    ):
        goal_status.record_goal_status(
            world.unit,
            world.actor,
            goal_id,
            score=score,
            summary=f"M{period}",
            assessed_on=day,
            period=period,
        )


@pytest.fixture
def graph(qtbot, world: World) -> GoalStatusGraph:
    _record_statuses(world)
    widget = GoalStatusGraph()
    qtbot.addWidget(widget)
    widget.resize(800, 420)
    widget.show_goal(_facade(world).goal_status.progress(world.goals[0].id), authors={world.staff_id: "ah"})
    return widget


def test_goal_graph_plots_numeric_statuses_only(graph: GoalStatusGraph) -> None:
    assert graph.plotted_points() == [(1, 3), (2, 2), (4, 2)]
    assert graph.not_assessed_periods() == [3]
    assert graph.tooltip_for(3).startswith("M3 · 15.10.2025 · Ikke vurderet")
    assert "M3: Ikke vurderet" in graph._notes.text()


def test_goal_graph_reference_lines_direction_and_outcome(graph: GoalStatusGraph, world: World) -> None:
    progress = _facade(world).goal_status.progress(world.goals[0].id)
    assert graph.reference_lines() == {"Udgangspunkt": 3.0, "Mål": 1.0}
    assert graph.y_inverted() is True
    assert progress.outcome is Outcome.PROGRESSION
    assert graph.outcome_text() == Outcome.PROGRESSION.label
    assert graph.title_text() == "Målopfyldelse: Progression"
    assert graph.y_tick_labels() == ["0", "1", "2", "3", "4"]


def test_goal_graph_tooltip(graph: GoalStatusGraph) -> None:
    assert graph.tooltip_for(2) == "M2 · 15.07.2025 · score 2 · af AH"
    assert graph.tooltip_for(9) == ""


def test_one_based_changes_labels_not_values(qtbot, world: World) -> None:
    _record_statuses(world)
    widget = GoalStatusGraph()
    qtbot.addWidget(widget)
    widget.show_goal(_facade(world).goal_status.progress(world.goals[0].id), one_based=True)
    assert widget.y_tick_labels() == ["1", "2", "3", "4", "5"]
    assert widget.plotted_points() == [(1, 3), (2, 2), (4, 2)]
    assert widget.reference_lines() == {"Udgangspunkt": 3.0, "Mål": 1.0}
    assert widget.tooltip_for(2) == "M2 · 15.07.2025 · score 3"  # no authors given: no "af"
    assert widget.y_inverted()


def test_empty_states(qtbot, world: World) -> None:
    widget = GoalStatusGraph()
    qtbot.addWidget(widget)
    assert widget.outcome_text() == "Ingen status endnu"
    # A goal with no baseline/target and no statuses.
    widget.show_goal(_facade(world).goal_status.progress(world.goals[1].id))
    assert widget.plotted_points() == []
    assert widget.reference_lines() == {}
    assert widget.outcome_text() == "Ingen status endnu"
    assert widget.y_inverted()
    # Latest status not assessed: no outcome category, nothing plotted.
    goal_status.record_goal_status(
        world.unit,
        world.actor,
        world.goals[0].id,
        score=NOT_ASSESSED,
        summary="x",
        assessed_on=dt.date(2025, 4, 15),
    )
    widget.show_goal(_facade(world).goal_status.progress(world.goals[0].id))
    assert widget.plotted_points() == []
    assert widget.reference_lines() == {"Udgangspunkt": 3.0, "Mål": 1.0}
    assert widget.outcome_text() == "Ikke opgjort"


def test_sub_goal_graph_excludes_unscored_and_withdrawn(qtbot, world: World) -> None:
    sub_goal_id = world.sub_goals[0].id
    notes = [
        (dt.datetime(2025, 2, 1, 9, 0, tzinfo=CET), 3),
        (dt.datetime(2025, 2, 8, 9, 0, tzinfo=CET), None),
        (dt.datetime(2025, 2, 15, 9, 0, tzinfo=CET), NOT_ASSESSED),
        (dt.datetime(2025, 2, 22, 9, 0, tzinfo=CET), 1),
        (dt.datetime(2025, 3, 1, 9, 0, tzinfo=CET), 2),
    ]
    created = [
        journal.add_note(
            world.unit, world.actor, sub_goal_id, text=f"Notat nr. {i}", score=score, observed_at=when
        ).value
        for i, (when, score) in enumerate(notes)
    ]
    journal.withdraw_note(world.unit, world.actor, created[3].id, reason="Forkert delmål")
    rows = _facade(world).journal.notes(sub_goal_ids=[sub_goal_id])
    widget = SubGoalScoreGraph()
    qtbot.addWidget(widget)
    widget.show_notes(rows)
    points = widget.plotted_points()
    assert [score for _, score in points] == [3, 2]
    assert [when for when, _ in points] == [notes[0][0], notes[4][0]]
    assert widget.y_inverted()
    assert (
        widget.tooltips()[0]
        == "01.02.2025 kl. " + notes[0][0].astimezone().strftime("%H.%M") + " · score 3 · af AH"
    )
    widget.show_notes(rows, one_based=True)
    assert widget.y_tick_labels() == ["1", "2", "3", "4", "5"]
    assert [score for _, score in widget.plotted_points()] == [3, 2]
    widget.show_notes([])
    assert widget.plotted_points() == []


def test_renders_to_png(qtbot, graph: GoalStatusGraph, world: World, tmp_path) -> None:
    graph.show()
    qtbot.waitExposed(graph)
    path = tmp_path / "graph.png"
    assert graph.grab().save(str(path))
    assert path.stat().st_size > 5000
    graph.grab().save("/tmp/graph_sample.png")

    sub = SubGoalScoreGraph()
    qtbot.addWidget(sub)
    sub.resize(800, 320)
    for day, score in ((1, 3), (9, 2), (20, 2), (28, 1)):
        journal.add_note(
            world.unit,
            world.actor,
            world.sub_goals[0].id,
            text="Observation",
            score=score,
            observed_at=dt.datetime(2025, 2, day, 10, 0, tzinfo=CET),
        )
    sub.show_notes(_facade(world).journal.notes(sub_goal_ids=[world.sub_goals[0].id]))
    sub.show()
    qtbot.waitExposed(sub)
    sub_path = tmp_path / "sub.png"
    assert sub.grab().save(str(sub_path))
    assert sub_path.stat().st_size > 3000
    sub.grab().save("/tmp/subgoal_graph_sample.png")


def test_hover_tip_on_points_uses_tooltip(graph: GoalStatusGraph) -> None:
    import pyqtgraph as pg

    scatters = [i for i in graph.plot_widget().getPlotItem().items if isinstance(i, pg.ScatterPlotItem)]
    assert len(scatters) == 1
    tip = scatters[0].opts["tip"]
    assert scatters[0].opts["hoverable"]
    assert tip(x=2.0, y=2.0, data=2) == "M2 · 15.07.2025 · score 2 · af AH"


def _score_items(widget: SubGoalScoreGraph) -> tuple[Any, Any]:
    import pyqtgraph as pg

    items = widget.plot_widget().getPlotItem().items
    lines = [i for i in items if isinstance(i, pg.PlotDataItem)]
    scatters = [i for i in items if isinstance(i, pg.ScatterPlotItem)]
    assert len(lines) == 1 and len(scatters) == 1
    return lines[0], scatters[0]


@pytest.mark.parametrize("count", [12, 5000])
def test_sub_goal_graph_draws_every_point_however_many(qtbot, count: int) -> None:
    """A sub-goal with thousands of notes: every point is drawn and joined, and the line is
    painted as plain segments (an antialiased 2 px polyline that dense took seconds to paint,
    once per note saved); a sub-goal with ordinary numbers keeps the smooth line."""
    from fko_desktop.ui.graphs import DENSE_LINE_POINTS
    from fko_desktop.unit.rows import ScorePoint

    start = dt.datetime(2021, 12, 1, 8, tzinfo=dt.UTC)
    points = [ScorePoint(start + dt.timedelta(hours=7 * i), i % 5, "AH") for i in range(count)]
    widget = SubGoalScoreGraph()
    qtbot.addWidget(widget)
    widget.resize(1000, 240)
    widget.show_scores(points)
    widget.show()
    qtbot.waitExposed(widget)

    assert len(widget.plotted_points()) == count
    line, scatter = _score_items(widget)
    xs, ys = line.getData()
    assert len(xs) == count  # not thinned: every note is on the line
    assert list(ys[:5]) == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert len(scatter.data) == count
    dense = count > DENSE_LINE_POINTS
    assert line.opts["antialias"] is not dense
    assert line.curve._shouldUseDrawLineSegments(line.curve.opts["pen"]) is dense  # noqa: SLF001
    # The whole span is in view at the usual zoom.
    (left, right), _ = widget.plot_widget().getPlotItem().getViewBox().viewRange()
    assert left < xs[0] and xs[-1] < right
    assert not widget.grab().isNull()
