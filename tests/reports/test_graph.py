"""The printed målstatus graph: direction, references, "Ikke vurderet", label spacing."""

from __future__ import annotations

import datetime as dt
import itertools

from reportlab.graphics.shapes import Circle, Group, Line, PolyLine, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from fko_desktop.models.outcome import outcome_category
from fko_desktop.models.schedule import due_date
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.reports.graph import (
    BOTTOM_HEIGHT,
    goal_status_drawing,
    outcome_title,
    score_y,
    thinned_periods,
)
from fko_desktop.reports.model import GoalSeries, SeriesPoint

START = dt.date(2020, 1, 10)
WIDTH = 480.0


def _series(scores, baseline=3, target=1) -> GoalSeries:
    points = tuple(SeriesPoint(i, due_date(START, i), s) for i, s in enumerate(scores, start=1))
    latest = points[-1].score if points else None
    return GoalSeries(START, baseline, target, points, outcome_category(baseline, target, latest), "arhus")


def _flatten(node):
    for item in getattr(node, "contents", []):
        if isinstance(item, Group):
            yield from _flatten(item)
        else:
            yield item


def _strings(drawing):
    return [s for s in _flatten(drawing) if isinstance(s, String)]


def test_better_scores_are_drawn_higher_like_the_window():
    assert score_y(0, 0, 100) > score_y(1, 0, 100) > score_y(4, 0, 100)
    drawing = goal_status_drawing(_series([4, 2, 0]), width=WIDTH)
    dots = sorted((c for c in _flatten(drawing) if isinstance(c, Circle)), key=lambda c: c.cx)
    assert [round(c.cy) for c in dots] == sorted(round(c.cy) for c in dots)  # 4 → 2 → 0 climbs
    assert dots[0].cy < dots[1].cy < dots[2].cy
    texts = [s.text for s in _strings(drawing)]
    assert "↑ bedre" in texts and "Score (0 = bedst)" in texts


def test_baseline_and_target_are_labelled_reference_lines():
    drawing = goal_status_drawing(_series([3, 2]), width=WIDTH)
    texts = [s.text for s in _strings(drawing)]
    assert "Udgangspunkt: 3" in texts and "Mål: 1" in texts
    same = goal_status_drawing(_series([1], baseline=1, target=1), width=WIDTH)
    assert "Udgangspunkt = mål: 1" in [s.text for s in _strings(same)]
    assert outcome_title(_series([3, 2]))[0] == "Målopfyldelse: Progression"
    assert outcome_title(_series([]))[0] == "Ingen målstatus endnu"


def test_not_assessed_is_a_gap_and_a_mark_never_a_number():
    drawing = goal_status_drawing(_series([3, NOT_ASSESSED, 2, 1]), width=WIDTH)
    dots = [c for c in _flatten(drawing) if isinstance(c, Circle)]
    assert len(dots) == 3
    m2_x = next(s.x for s in _strings(drawing) if s.text == "M2")
    assert all(abs(c.cx - m2_x) > 1 for c in dots)
    xs = sorted(c.cx for c in dots)
    # The line is broken at M2: one segment M1 alone (no polyline) and one M3–M4.
    lines = [p for p in _flatten(drawing) if isinstance(p, PolyLine)]
    assert len(lines) == 1 and len(lines[0].points) == 4
    assert lines[0].points[0] == xs[1]
    assert "IV" in [s.text for s in _strings(drawing)]


def test_forty_statuses_get_labels_that_do_not_overlap():
    scores = [NOT_ASSESSED if i in (7, 8, 23) else max(0, 3 - i // 12) for i in range(1, 41)]
    drawing = goal_status_drawing(_series(scores), width=WIDTH)
    for row_y in (BOTTOM_HEIGHT - 11, BOTTOM_HEIGHT - 19.5):
        labels = sorted((s for s in _strings(drawing) if s.y == row_y), key=lambda s: s.x)
        assert len(labels) >= 5
        spans = [(s.x - stringWidth(s.text, s.fontName, s.fontSize) / 2,
                  s.x + stringWidth(s.text, s.fontName, s.fontSize) / 2) for s in labels]  # fmt: skip
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert left > right, "x labels overlap"
    m_labels = [s.text for s in _strings(drawing) if s.y == BOTTOM_HEIGHT - 11]
    assert m_labels[0] == "M1" and m_labels[-1] == "M40"
    # No value labels on 40 dots: they would crowd; the grid and the left axis carry the values.
    assert not [s for s in _strings(drawing) if s.fontName.endswith("Bold") and s.text in "01234" and s.text]


def test_thinning_keeps_the_latest_period():
    assert thinned_periods(list(range(1, 5)), 100, 30, 4) == [1, 2, 3, 4]
    shown = thinned_periods(list(range(1, 41)), 10, 30, 40)
    assert shown[0] == 1 and shown[-1] == 40
    assert all(b - a >= 4 for a, b in itertools.pairwise(shown))


def test_empty_series_says_so_and_keeps_a_year_of_axis():
    drawing = goal_status_drawing(_series([]), width=WIDTH)
    texts = [s.text for s in _strings(drawing)]
    assert texts.count("Ingen målstatus endnu") == 2  # title and inside the plot
    assert {"M1", "M2", "M3", "M4"} <= set(texts)
    assert not [c for c in _flatten(drawing) if isinstance(c, Circle)]
    assert [line for line in _flatten(drawing) if isinstance(line, Line)]
