"""The målstatus graph as a vector drawing (reportlab graphics), for print.

It means and reads the same as the window's graph (``ui/graphs.py``): M1, M2, … along the
bottom, the score on the left with the axis turned so that the better end (0) is at the top
and improvement reads as a line going up, baseline and target as dashed reference lines named
on the right, "Ikke vurderet" never drawn as a number (it breaks the line and is marked "IV"),
and the outcome category (målopfyldelse) above the plot. A period whose due date passed with
no status is marked "mangler" at its place, its date under the axis in red.

The geometry is small pure functions so tests can check direction and label spacing without
looking at pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from fko_desktop.models import graph_style as style
from fko_desktop.models.formatting import format_date
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.schedule import due_date
from fko_desktop.models.scores import NOT_ASSESSED, SCORE_VALUES, display_score, is_numeric
from fko_desktop.reports.common import FONT, FONT_BOLD, register_fonts
from fko_desktop.reports.model import GoalSeries, SeriesPoint

# The window's colours (models.graph_style), so screen and paper look like the same graph.
LINE_COLOUR = colors.HexColor(style.LINE_COLOUR)
BASELINE_COLOUR = colors.HexColor(style.BASELINE_COLOUR)
TARGET_COLOUR = colors.HexColor(style.TARGET_COLOUR)
NOT_ASSESSED_COLOUR = colors.HexColor(style.NOT_ASSESSED_COLOUR)
MISSING_HEX = style.MISSING_COLOUR
MISSING_COLOUR = colors.HexColor(style.MISSING_COLOUR)
AXIS_COLOUR = colors.HexColor(style.AXIS_COLOUR)
GRID_COLOUR = colors.HexColor(style.GRID_COLOUR)
NEUTRAL_COLOUR = colors.HexColor(style.NEUTRAL_COLOUR)
FAVOURABLE_COLOUR = colors.HexColor(style.FAVOURABLE_COLOUR)
UNFAVOURABLE_COLOUR = colors.HexColor(style.UNFAVOURABLE_COLOUR)

Y_MIN, Y_MAX = style.Y_MIN, style.Y_MAX
TICK_FONT_SIZE = 7.5
DATE_FONT_SIZE = 6.5
LABEL_GAP = 5.0  # points of white space between two x labels
POINT_LABEL_LIMIT = 16  # above this many points, value labels would crowd; the grid suffices

TITLE_HEIGHT = 18.0
LEFT_WIDTH = 46.0
BOTTOM_HEIGHT = 28.0
TOP_AIR = 10.0


def _rect(x: float, y: float, width: float, height: float, **style: Any) -> Rect:
    """``Rect(...)``: types-reportlab types Rect's ``**kw`` as one style dict per keyword (it
    lacks the ``Unpack`` that Circle's has), so no real keyword would pass the checker."""
    return Rect(x, y, width, height, **style)


def score_y(score: float, bottom: float, top: float) -> float:
    """The drawing's y for a score: 0 (best) near the top, 4 near the bottom."""
    return bottom + (Y_MAX - score) / (Y_MAX - Y_MIN) * (top - bottom)


def period_x(period: int, periods: int, left: float, right: float) -> float:
    """The x of M<period> on an axis that shows M1 … M<periods> with half a step of air."""
    return left + (period - 0.5) / periods * (right - left)


def thinned_periods(
    periods: Sequence[int], spacing: float, label_width: float, keep: int | None
) -> list[int]:
    """The periods whose x label is printed so that no two labels overlap.

    Every ``step``-th label from the first, where ``step`` makes room for a label plus a gap;
    the latest status (*keep*) is always labelled, and labels too close to it give way.
    """
    if not periods:
        return []
    step = max(1, math.ceil((label_width + LABEL_GAP) / max(spacing, 1e-6)))
    first = periods[0]
    shown = [p for p in periods if (p - first) % step == 0]
    if keep is not None and keep not in shown:
        room = label_width + LABEL_GAP
        shown = [p for p in shown if abs(p - keep) * spacing >= room] + [keep]
    return sorted(shown)


def _reference_labels(series: GoalSeries, one_based: bool) -> list[tuple[float, str, colors.Color]]:
    """(score, text, colour) per reference line; equal scores share one label."""
    refs = [("Udgangspunkt", series.baseline, BASELINE_COLOUR), ("Mål", series.target, TARGET_COLOUR)]
    numeric = [(name, float(score), colour) for name, score, colour in refs if is_numeric(score)]
    if len(numeric) == 2 and numeric[0][1] == numeric[1][1]:
        score = numeric[0][1]
        return [
            (score, f"Udgangspunkt = mål: {display_score(int(score), one_based=one_based)}", TARGET_COLOUR)
        ]
    return [
        (score, f"{name}: {display_score(int(score), one_based=one_based)}", colour)
        for name, score, colour in numeric
    ]


def outcome_title(series: GoalSeries) -> tuple[str, colors.Color]:
    """The heading above the graph: the outcome category, coloured by whether it went well."""
    if not series.points:
        return "Ingen målstatus endnu", NEUTRAL_COLOUR
    if series.outcome is None:
        return "Målopfyldelse: ikke opgjort", NEUTRAL_COLOUR
    return f"Målopfyldelse: {series.outcome.label}", colors.HexColor(
        style.outcome_colour(series.outcome.is_favourable)
    )


def goal_status_drawing(
    series: GoalSeries,
    *,
    width: float,
    height: float = 185.0,
    one_based: bool = False,
    show_outcome: bool = True,
) -> Drawing:
    """The graph of one goal's målstatus development, *width* × *height* points."""
    register_fonts()
    drawing = Drawing(width, height)
    refs = _reference_labels(series, one_based)
    right_width = max((stringWidth(text, FONT, TICK_FONT_SIZE) for _, text, _ in refs), default=0) + 12
    left, right = LEFT_WIDTH, width - max(right_width, 14)
    bottom = BOTTOM_HEIGHT
    top = height - (TITLE_HEIGHT if show_outcome else 0) - TOP_AIR

    if show_outcome:
        text, colour = outcome_title(series)
        drawing.add(String(0, height - 11, text, fontName=FONT_BOLD, fontSize=9.5, fillColor=colour))

    drawing.add(
        _rect(
            left,
            bottom,
            right - left,
            top - bottom,
            fillColor=colors.white,
            strokeColor=GRID_COLOUR,
            strokeWidth=0.6,
        )
    )
    drawing.add(_grid_lines(left, right, bottom, top))
    drawing.add(_score_axis(left, bottom, top, one_based))

    points = sorted(series.points, key=lambda p: p.period)
    last_period = max([p.period for p in points] + [m.period for m in series.missing], default=0)
    periods = style.periods_shown(last_period)

    def x_of(period: int) -> float:
        return period_x(period, periods, left, right)

    def y_of(score: float) -> float:
        return score_y(score, bottom, top)

    # Reference lines first, so the målstatus line is drawn over them.
    for score, text, colour in refs:
        y = y_of(score)
        drawing.add(Line(left, y, right, y, strokeColor=colour, strokeWidth=1.4, strokeDashArray=[5, 3]))
        drawing.add(
            String(
                right + 5,
                y - TICK_FONT_SIZE * 0.35,
                text,
                fontName=FONT,
                fontSize=TICK_FONT_SIZE,
                fillColor=colour,
            )
        )

    not_assessed = [p.period for p in points if p.score is NOT_ASSESSED]
    drawing.add(_not_assessed_marks(not_assessed, x_of, bottom, top, right - left, periods))
    drawing.add(_missing_marks([m.period for m in series.missing], x_of, bottom, top, right - left, periods))
    drawing.add(_series_line(points, x_of, y_of, one_based))
    drawing.add(_period_axis(series, points, periods, x_of, bottom, right - left))

    if not points:
        text, middle, level = "Ingen målstatus endnu", (left + right) / 2, (bottom + top) / 2
        # On a white ground: the baseline and target lines may cross the middle of the plot.
        width = stringWidth(text, FONT, 9) + 8
        drawing.add(_rect(middle - width / 2, level - 7, width, 13, fillColor=colors.white, strokeColor=None))
        drawing.add(
            String(middle, level - 3, text, fontName=FONT, fontSize=9, fillColor=NOT_ASSESSED_COLOUR,
                   textAnchor="middle")
        )  # fmt: skip
    return drawing


def _score_axis(left: float, bottom: float, top: float, one_based: bool) -> Group:
    group = Group()
    for value in SCORE_VALUES:
        y = score_y(value, bottom, top)
        group.add(Line(left - 3, y, left, y, strokeColor=AXIS_COLOUR, strokeWidth=0.6))
        group.add(String(left - 5, y - TICK_FONT_SIZE * 0.35, display_score(value, one_based=one_based),
                         fontName=FONT, fontSize=TICK_FONT_SIZE, fillColor=AXIS_COLOUR,
                         textAnchor="end"))  # fmt: skip
    best = display_score(0, one_based=one_based)
    title = String(
        0,
        0,
        f"Score ({best} = bedst)",
        fontName=FONT,
        fontSize=TICK_FONT_SIZE,
        fillColor=AXIS_COLOUR,
        textAnchor="middle",
    )
    rotated = Group(title)
    rotated.rotate(90)
    rotated.translate((bottom + top) / 2, -9)
    group.add(rotated)
    # The direction in words, unrotated so the arrows point the way they mean.
    # Placed between the end ticks and the plot's edges, clear of the x labels below.
    group.add(
        String(
            left - 3,
            top + 2.5,
            "↑ bedre",
            fontName=FONT,
            fontSize=6.5,
            fillColor=FAVOURABLE_COLOUR,
            textAnchor="end",
        )
    )
    group.add(
        String(
            left - 3,
            bottom + 1.5,
            "↓ sværere",
            fontName=FONT,
            fontSize=6.5,
            fillColor=UNFAVOURABLE_COLOUR,
            textAnchor="end",
        )
    )
    return group


def _grid_lines(left: float, right: float, bottom: float, top: float) -> Group:
    group = Group()
    for value in SCORE_VALUES:
        y = score_y(value, bottom, top)
        group.add(Line(left, y, right, y, strokeColor=GRID_COLOUR, strokeWidth=0.5))
    return group


def _series_line(
    points: Sequence[SeriesPoint],
    x_of: Callable[[int], float],
    y_of: Callable[[float], float],
    one_based: bool,
) -> Group:
    """The målstatus line, broken at "Ikke vurderet", with a dot (and value) per score."""
    group = Group()
    segment: list[float] = []
    segments: list[list[float]] = []
    for point in points:
        if is_numeric(point.score):
            segment += [x_of(point.period), y_of(float(point.score))]
        else:
            if segment:
                segments.append(segment)
            segment = []
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) >= 4:
            group.add(
                PolyLine(seg, strokeColor=LINE_COLOUR, strokeWidth=2, strokeLineJoin=1, strokeLineCap=1)
            )
    numeric = [(p.period, p.score) for p in points if is_numeric(p.score)]
    label_points = len(numeric) <= POINT_LABEL_LIMIT
    for period, score in numeric:
        x, y = x_of(period), y_of(float(score))
        group.add(Circle(x, y, 3.4, fillColor=LINE_COLOUR, strokeColor=colors.white, strokeWidth=1))
        if label_points:
            group.add(String(x, y + 6, display_score(score, one_based=one_based), fontName=FONT_BOLD,
                             fontSize=TICK_FONT_SIZE, fillColor=LINE_COLOUR,
                             textAnchor="middle"))  # fmt: skip
    return group


def _not_assessed_marks(
    periods: Sequence[int],
    x_of: Callable[[int], float],
    bottom: float,
    top: float,
    plot_width: float,
    count: int,
) -> Group:
    """A dotted line at each "Ikke vurderet" status and an "IV" tag, thinned like the x labels."""
    group = Group()
    spacing = plot_width / count
    tag_width = stringWidth("IV", FONT_BOLD, TICK_FONT_SIZE)
    tagged = set(thinned_periods(periods, spacing, tag_width, None)) if periods else set()
    # thinned_periods steps from the first marked period; adjacent IVs (M5, M6) need the
    # spacing test too, since they are not evenly spread.
    last_x = -math.inf
    for period in periods:
        x = x_of(period)
        group.add(
            Line(
                x, bottom, x, top, strokeColor=NOT_ASSESSED_COLOUR, strokeWidth=0.9, strokeDashArray=[1.5, 2]
            )
        )
        if period in tagged and x - last_x >= tag_width + LABEL_GAP:
            group.add(_rect(x - tag_width / 2 - 1.5, bottom + 2, tag_width + 3, TICK_FONT_SIZE + 2,
                            fillColor=colors.white, strokeColor=None))  # fmt: skip
            group.add(String(x, bottom + 3.5, "IV", fontName=FONT_BOLD, fontSize=TICK_FONT_SIZE,
                             fillColor=NOT_ASSESSED_COLOUR, textAnchor="middle"))  # fmt: skip
            last_x = x
    return group


def _missing_marks(
    periods: Sequence[int],
    x_of: Callable[[int], float],
    bottom: float,
    top: float,
    plot_width: float,
    count: int,
) -> Group:
    """A red dashed line at each missing period and a "mangler" tag above it, thinned so tags
    never overlap; "Ikke vurderet" was an answer, this is none."""
    group = Group()
    spacing = plot_width / count
    word = "mangler"
    tag_width = stringWidth(word, FONT_BOLD, TICK_FONT_SIZE)
    last_x = -math.inf
    for period in periods:
        x = x_of(period)
        group.add(
            Line(x, bottom, x, top, strokeColor=MISSING_COLOUR, strokeWidth=0.9, strokeDashArray=[3, 2])
        )
        if x - last_x >= tag_width + LABEL_GAP and spacing > 0:
            # Above the plot's frame, in its top air: clear of the 0 line and of any point.
            group.add(String(x, top + 2.5, word, fontName=FONT_BOLD, fontSize=TICK_FONT_SIZE,
                             fillColor=MISSING_COLOUR, textAnchor="middle"))  # fmt: skip
            last_x = x
    return group


def _period_axis(
    series: GoalSeries,
    points: Sequence[SeriesPoint],
    periods: int,
    x_of: Callable[[int], float],
    bottom: float,
    plot_width: float,
) -> Group:
    """M1, M2, … with the date of the status (or its due date if not recorded yet)."""
    group = Group()
    assessed = {p.period: p.assessed_on for p in points}
    missing = {m.period for m in series.missing}
    spacing = plot_width / periods
    label_width = max(
        stringWidth(f"M{periods}", FONT, TICK_FONT_SIZE), stringWidth("00.00.00", FONT, DATE_FONT_SIZE)
    )
    keep = max(assessed) if assessed else None
    for period in thinned_periods(list(range(1, periods + 1)), spacing, label_width, keep):
        x = x_of(period)
        when = assessed.get(period)
        if when is None:
            try:
                when = due_date(series.start_date, period)
            except ValueError:
                when = None
        group.add(Line(x, bottom, x, bottom - 3, strokeColor=AXIS_COLOUR, strokeWidth=0.6))
        group.add(String(x, bottom - 11, f"M{period}", fontName=FONT, fontSize=TICK_FONT_SIZE,
                         fillColor=AXIS_COLOUR, textAnchor="middle"))  # fmt: skip
        if when is not None:
            colour = AXIS_COLOUR if period in assessed else NOT_ASSESSED_COLOUR
            colour = MISSING_COLOUR if period in missing else colour
            group.add(String(x, bottom - 19.5, when.strftime("%d.%m.%y"), fontName=FONT,
                             fontSize=DATE_FONT_SIZE, fillColor=colour, textAnchor="middle"))  # fmt: skip
    return group


def not_assessed_note(series: GoalSeries) -> str | None:
    """The line under the graph listing the statuses that are "Ikke vurderet"."""
    periods = [p for p in series.points if p.score is NOT_ASSESSED]
    if not periods:
        return None
    listed = ", ".join(f"M{p.period} ({format_date(p.assessed_on)})" for p in periods)
    return f"IV = Ikke vurderet, vises ikke som tal: {listed}."


def missing_note(series: GoalSeries) -> str | None:
    """The line under the graph naming the periods marked "mangler"."""
    if not series.missing:
        return None
    listed = ", ".join(f"M{m.period} ({format_date(m.due)})" for m in series.missing)
    return f"Mangler = målstatus ikke registreret: {listed}."


def outcome_explained(outcome: Outcome | None) -> str:
    """Plain words for the outcome category (the citizen's view uses these)."""
    return {
        None: "Det er for tidligt at sige, hvordan det er gået.",
        Outcome.UNPROBLEMATIC: "Det har hele tiden gået godt.",
        Outcome.PROGRESSION_GOAL_MET: "Målet er nået.",
        Outcome.PROGRESSION: "Det går den rigtige vej, men målet er ikke nået endnu.",
        Outcome.NO_PROGRESSION: "Det er det samme som ved starten.",
        Outcome.NEGATIVE_PROGRESSION: "Det er blevet sværere end ved starten.",
        Outcome.MAINTENANCE_GOAL_MET: "Det gode niveau er holdt.",
    }[outcome]
