"""Score graphs (pyqtgraph): målstatus M1, M2, … per intervention goal and journal scores per
sub-goal.

Only drawing lives here; the scores, the outcome category and the formatting come from the core.
FKO scores are "lower is better", so the y axis is inverted: improvement reads as a line going
up. "Ikke vurderet" is never drawn as a number; it breaks the line and is marked separately.
A period whose due date passed without a status is marked "mangler" at its place, so a skipped
M1 stays visible beside a recorded M2. Under each M1 … Mn is its date (the status's, else the
due date); labels that would not fit are thinned, never clipped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fko_desktop.models.formatting import format_date, format_datetime
from fko_desktop.models.graph_style import (
    AXIS_COLOUR,
    BASELINE_COLOUR,
    LINE_COLOUR,
    MISSING_COLOUR,
    NEUTRAL_COLOUR,
    NOT_ASSESSED_COLOUR,
    TARGET_COLOUR,
    Y_MAX,
    Y_MIN,
    outcome_colour,
    periods_shown,
)
from fko_desktop.models.schedule import due_date
from fko_desktop.models.scores import NOT_ASSESSED, SCORE_VALUES, display_score, is_numeric
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.rows import ScorePoint

if TYPE_CHECKING:
    from fko_desktop.models.goal_status_rules import PeriodState
    from fko_desktop.unit.rows import GoalProgressRow, GoalStatusRow, NoteRow

SEP = " · "
#: How many missing periods the line beside the outcome names before "og N flere".
MISSING_NAMED = 3
#: Pixels of white space between two period labels on the x axis.
LABEL_GAP = 8


def spaced_labels(periods: Sequence[int], first: Sequence[int], spacing: float, width: float) -> list[int]:
    """The periods to label so that no two labels (each ``width`` px, ``spacing`` px apart per
    period) overlap: those in ``first`` (the missing ones, the latest status) before the rest,
    the rest evenly stepped."""
    room = width + LABEL_GAP
    step = max(1, math.ceil(room / max(spacing, 1e-6)))
    wanted = [p for p in first if p in periods]
    wanted += [p for p in periods if (p - periods[0]) % step == 0 and p not in wanted] if periods else []
    shown: list[int] = []
    for period in wanted:
        if all(abs(period - other) * spacing >= room for other in shown):
            shown.append(period)
    return sorted(shown)


DANISH_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class DanishDateAxis(pg.DateAxisItem):
    """pyqtgraph names months in English; staff read "maj" and "okt", and days as 23.11."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        strings = super().tickStrings(values, scale, spacing)
        out = []
        for value, text in zip(values, strings, strict=False):
            try:
                when = dt.datetime.fromtimestamp(value)
            except (OverflowError, OSError, ValueError):
                out.append(text)
                continue
            if spacing >= 28 * 24 * 3600 * 0.9 and spacing < 365 * 24 * 3600 * 0.9:
                out.append(DANISH_MONTHS[when.month - 1])
            elif spacing < 28 * 24 * 3600 * 0.9 and spacing >= 24 * 3600 * 0.9:
                out.append(f"{when.day}.{when.month}")
            else:
                out.append(text)
        return out


def _score_axis_label(one_based: bool) -> str:
    best = display_score(0, one_based=one_based)
    return tr("Score ({best} = bedst)  ↑ bedre").format(best=best)


def _make_plot(*, date_axis: bool = False) -> pg.PlotWidget:
    axis_items = {"bottom": DanishDateAxis(orientation="bottom")} if date_axis else None
    plot = pg.PlotWidget(background="w", axisItems=axis_items)
    item = plot.getPlotItem()
    item.invertY(True)  # lower score is better: improvement goes up
    item.showGrid(x=False, y=True, alpha=0.15)
    item.setMenuEnabled(False)
    item.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    font = QFont(plot.font())
    for name in ("left", "bottom", "right"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        axis.setTickFont(font)
    item.setYRange(Y_MIN, Y_MAX, padding=0)
    return plot


def _set_score_axis(plot: pg.PlotWidget, one_based: bool) -> None:
    axis = plot.getPlotItem().getAxis("left")
    axis.setTicks([[(float(v), display_score(v, one_based=one_based)) for v in SCORE_VALUES], []])
    plot.getPlotItem().setLabel("left", _score_axis_label(one_based), color=AXIS_COLOUR)
    plot.getPlotItem().setYRange(Y_MIN, Y_MAX, padding=0)


def _score_text(score: Any, one_based: bool) -> str:
    if score is NOT_ASSESSED:
        return tr("Ikke vurderet")
    return tr("score {score}").format(score=display_score(score, one_based=one_based))


class GoalStatusGraph(QWidget):
    """Målstatus M1, M2, … of one intervention goal with baseline/target reference lines and
    the outcome category (målopfyldelse) above the plot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel(self)
        self._title.setAccessibleName(tr("Målopfyldelse"))
        title_font = QFont(self._title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self._title.setFont(title_font)
        self._plot = _make_plot()
        self._plot.setAccessibleName(tr("Graf over målstatus"))
        self._plot.getPlotItem().setLabel("bottom", tr("Målstatus"), color=AXIS_COLOUR)
        self._notes = QLabel(self)
        self._notes.setWordWrap(True)
        self._notes.setStyleSheet(f"color: {NOT_ASSESSED_COLOUR};")
        self._notes.setAccessibleName(tr("Ikke vurderede målstatusser"))
        self._missing_note = QLabel(self)
        self._missing_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._missing_note.setStyleSheet(f"color: {MISSING_COLOUR};")
        self._missing_note.setAccessibleName(tr("Manglende målstatus"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # The missing periods are named beside the outcome, not under the plot: on a 768 pixel
        # screen the plot has no line to spare.
        heading = QHBoxLayout()
        heading.addWidget(self._title)
        heading.addStretch(1)
        heading.addWidget(self._missing_note)
        layout.addLayout(heading)
        layout.addWidget(self._plot, 1)
        layout.addWidget(self._notes)
        bottom = self._plot.getPlotItem().getAxis("bottom")
        # Two lines per label (M1 over its date): room for both, fixed, so the plot does not
        # jump when the labels change.
        metrics = QFontMetrics(self._plot.font())
        bottom.setStyle(autoExpandTextSpace=False, tickTextHeight=2 * metrics.height() + 2)
        self._label_width = metrics.horizontalAdvance("00.00.0000")

        self._points: list[tuple[int, int]] = []
        self._references: dict[str, float] = {}
        self._outcome_text = ""
        self._tooltips: dict[int, str] = {}
        self._not_assessed: list[int] = []
        self._missing: list[int] = []
        self._labels: dict[int, str] = {}
        self._label_first: list[int] = []
        self._shown_labels: list[int] = []
        self._missing_lines: dict[int, pg.TextItem] = {}
        self._missing_word_width = metrics.horizontalAdvance(tr("mangler")) + 6
        # The labels are thinned to the plot's width, so again whenever that changes.
        self._plot.getPlotItem().getViewBox().sigResized.connect(lambda *_: self._layout_period_labels())
        self.show_goal(None)

    # -- public API -------------------------------------------------------------------------

    def show_goal(
        self,
        progress: GoalProgressRow | None,
        *,
        one_based: bool = False,
        authors: Mapping[int, str] | None = None,
    ) -> None:
        """Draw *progress* (``None`` clears the graph). ``one_based`` changes labels only;
        ``authors`` maps staff id → initials for the hover text."""
        authors = authors or {}
        item = self._plot.getPlotItem()
        item.clear()
        self._points, self._references, self._tooltips, self._not_assessed = [], {}, {}, []
        self._missing_lines = {}
        _set_score_axis(self._plot, one_based)

        statuses = sorted(progress.statuses, key=lambda s: s.period) if progress else []
        periods = progress.periods if progress else ()
        self._missing = [p.period for p in periods if p.missing]
        last_period = max([s.period for s in statuses] + [p.period for p in periods], default=0)
        x_max = periods_shown(last_period)
        self._set_period_labels(progress, statuses, x_max)

        if progress is not None:
            self._draw_references(progress, one_based)

        xs: list[float] = []
        ys: list[float] = []
        for status in statuses:
            tip = self._tooltip(status, one_based, authors)
            self._tooltips[status.period] = tip
            xs.append(float(status.period))
            if is_numeric(status.score):
                ys.append(float(status.score))
                self._points.append((status.period, int(status.score)))
            else:
                ys.append(math.nan)  # breaks the line: Ikke vurderet is not a number
                if status.score is NOT_ASSESSED:
                    self._not_assessed.append(status.period)
        if xs:
            item.addItem(
                pg.PlotDataItem(
                    xs, ys, pen=pg.mkPen(LINE_COLOUR, width=2.5), connect="finite", antialias=True
                )
            )
        if self._points:
            scatter = pg.ScatterPlotItem(
                x=[p for p, _ in self._points],
                y=[s for _, s in self._points],
                data=[p for p, _ in self._points],
                size=12,
                brush=pg.mkBrush(LINE_COLOUR),
                pen=pg.mkPen("w", width=1.5),
                hoverable=True,
                antialias=True,
                hoverSize=15,
                tip=lambda x, y, data: self._tooltips.get(int(data), ""),
            )
            item.addItem(scatter)
            for period, score in self._points:
                label = pg.TextItem(
                    display_score(score, one_based=one_based), color=LINE_COLOUR, anchor=(0.5, 1.3)
                )
                label.setPos(period, score)
                item.addItem(label)
        for period in self._not_assessed:
            line = pg.InfiniteLine(
                pos=period,
                angle=90,
                pen=pg.mkPen(NOT_ASSESSED_COLOUR, width=1, style=Qt.PenStyle.DotLine),
                label=tr("Ikke vurderet"),
                labelOpts={"position": 0.5, "color": NOT_ASSESSED_COLOUR, "rotateAxis": (1, 0), "fill": "w"},
            )
            line.setToolTip(self._tooltips[period])
            item.addItem(line)
        self._draw_missing(periods)
        self._layout_period_labels()

        self._set_outcome(progress)
        self._notes.setText(
            "  ".join(tr("M{period}: Ikke vurderet").format(period=p) for p in self._not_assessed)
        )
        self._notes.setVisible(bool(self._not_assessed))
        missing = [p for p in periods if p.missing]
        named = [f"M{p.period} ({format_date(p.due)})" for p in missing]
        self._missing_note.setToolTip(
            tr("Mangler: {periods} er ikke registreret.").format(periods=", ".join(named))
        )
        if len(missing) > MISSING_NAMED:
            # One line beside the outcome: a long list would squeeze the plot; the tooltip has it.
            named = [
                *named[: MISSING_NAMED - 1],
                tr("og {n} flere").format(n=len(missing) - MISSING_NAMED + 1),
            ]
        self._missing_note.setText(
            tr("Mangler: {periods} er ikke registreret.").format(periods=", ".join(named))
        )
        self._missing_note.setVisible(bool(missing))

    def plotted_points(self) -> list[tuple[int, int]]:
        """(period, score as stored) of every point drawn, in period order."""
        return list(self._points)

    def reference_lines(self) -> dict[str, float]:
        """The horizontal reference lines drawn: {"Udgangspunkt": b, "Mål": t} (stored scale)."""
        return dict(self._references)

    def outcome_text(self) -> str:
        """The outcome category's label (``Outcome.label``), or the empty-state text."""
        return self._outcome_text

    def title_text(self) -> str:
        return self._title.text()

    def not_assessed_periods(self) -> list[int]:
        return list(self._not_assessed)

    def missing_periods(self) -> list[int]:
        """The periods marked "mangler": due date passed, no status."""
        return list(self._missing)

    def missing_text(self) -> str:
        """The line under the graph naming the missing periods ("" when none)."""
        return self._missing_note.text() if self._missing else ""

    def period_labels(self) -> dict[int, str]:
        """Every period's x label ("M1\n09.10.2026"), whether or not there is room to show it."""
        return dict(self._labels)

    def shown_period_labels(self) -> list[int]:
        """The periods whose label is drawn at the graph's present width."""
        return list(self._shown_labels)

    def y_inverted(self) -> bool:
        return self._plot.getPlotItem().getViewBox().yInverted()

    def y_tick_labels(self) -> list[str]:
        return _tick_labels(self._plot)

    def tooltip_for(self, period: int) -> str:
        return self._tooltips.get(period, "")

    def plot_widget(self) -> pg.PlotWidget:
        return self._plot

    # -- drawing ----------------------------------------------------------------------------

    def _set_period_labels(
        self, progress: GoalProgressRow | None, statuses: Sequence[GoalStatusRow], x_max: int
    ) -> None:
        assessed = {s.period: s.assessed_on for s in statuses}
        start = progress.start_date if progress is not None else None
        labels = {}
        for period in range(1, x_max + 1):
            when = assessed.get(period)
            if when is None and start is not None:
                try:
                    when = due_date(start, period)
                except ValueError:  # past year 9999
                    when = None
            labels[period] = f"M{period}\n{format_date(when)}" if when else f"M{period}"
        self._labels = labels
        # The missing periods and the latest status keep their label when room is short.
        self._label_first = [*([max(assessed)] if assessed else []), *self._missing]
        self._layout_period_labels()

    def _layout_period_labels(self) -> None:
        """Thin the x labels to the plot's width, and leave room at both ends so the first and
        the last label are never cut (pyqtgraph drops a label that would stick out)."""
        item = self._plot.getPlotItem()
        x_max = max(self._labels, default=1)
        width = item.getViewBox().width() or float(self._plot.width())
        label = self._label_width
        pad = 0.5
        if width > label:
            pad = max(pad, (label / 2 + 2) * (x_max - 1) / (width - label - 4) if x_max > 1 else pad)
        spacing = width / max(x_max - 1 + 2 * pad, 1e-6)
        self._shown_labels = spaced_labels(list(self._labels), self._label_first, spacing, label)
        ticks = [(float(p), self._labels[p]) for p in self._shown_labels]
        minor = [(float(p), "") for p in self._labels if p not in self._shown_labels]
        item.getAxis("bottom").setTicks([ticks, minor])
        item.setXRange(1 - pad, x_max + pad, padding=0)
        # Every missing period keeps its line and cross; the word only where it has room.
        worded = spaced_labels(list(self._missing_lines), [], spacing, self._missing_word_width)
        for period, word in self._missing_lines.items():
            word.setVisible(period in worded)

    def _draw_missing(self, periods: Sequence[PeriodState]) -> None:
        """A red dashed line with "mangler" at each missing period: unlike "Ikke vurderet" (an
        answer given), nothing was given here at all."""
        item = self._plot.getPlotItem()
        self._missing_lines = {}
        for state in periods:
            if not state.missing:
                continue
            tip = SEP.join(
                (
                    f"M{state.period}",
                    tr("skulle være givet {due}").format(due=format_date(state.due)),
                    tr("mangler"),
                )
            )
            self._tooltips[state.period] = tip
            line = pg.InfiniteLine(
                pos=state.period,
                angle=90,
                pen=pg.mkPen(MISSING_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
            )
            line.setToolTip(tip)
            item.addItem(line)
            # The word centred on its line at the top (the better end, where no point sits on a
            # goal that is going well); placed by hand so thinning can hide it where crowded.
            word = pg.TextItem(tr("mangler"), color=MISSING_COLOUR, anchor=(0.5, 0), fill="w")
            word.setPos(state.period, Y_MIN + 0.05)
            word.setZValue(5)
            item.addItem(word)
            self._missing_lines[state.period] = word
        if self._missing_lines:
            # One cross per missing period at the axis, where a point would have stood.
            crosses = pg.PlotDataItem(
                [float(p) for p in self._missing_lines],
                [Y_MAX - 0.2] * len(self._missing_lines),
                pen=None,
                symbol="x",
                symbolSize=11,
                symbolPen=pg.mkPen(MISSING_COLOUR, width=2),
                symbolBrush=pg.mkBrush(MISSING_COLOUR),
            )
            item.addItem(crosses)

    def _draw_references(self, progress: GoalProgressRow, one_based: bool) -> None:
        """Dashed lines, named on the right-hand axis so they never collide with the points."""
        item = self._plot.getPlotItem()
        refs = [
            (tr("Udgangspunkt"), progress.baseline, BASELINE_COLOUR),
            (tr("Mål"), progress.target, TARGET_COLOUR),
        ]
        names: dict[float, list[str]] = {}
        for name, score, colour in refs:
            if not is_numeric(score):
                continue
            self._references[name] = float(score)
            names.setdefault(float(score), []).append(name)
            line = pg.InfiniteLine(
                pos=float(score), angle=0, pen=pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine)
            )
            line.setToolTip(f"{name} ({display_score(score, one_based=one_based)})")
            item.addItem(line)
        right = item.getAxis("right")
        ticks = [(y, " = ".join(n)) for y, n in sorted(names.items())]
        right.setTicks([ticks, []])
        metrics = QFontMetrics(right.style.get("tickFont") or self._plot.font())
        right.setWidth(max((metrics.horizontalAdvance(text) for _, text in ticks), default=0) + 16)
        item.showAxis("right", show=bool(names))

    def _set_outcome(self, progress: GoalProgressRow | None) -> None:
        colour = NEUTRAL_COLOUR
        if progress is None or not progress.statuses:
            self._outcome_text = tr("Ingen status endnu")
            title = self._outcome_text
        elif progress.outcome is None:
            self._outcome_text = tr("Ikke opgjort")
            title = tr("Målopfyldelse: {label}").format(label=self._outcome_text)
        else:
            self._outcome_text = progress.outcome.label
            title = tr("Målopfyldelse: {label}").format(label=self._outcome_text)
            colour = outcome_colour(progress.outcome.is_favourable)
        self._title.setText(title)
        self._title.setStyleSheet(f"color: {colour};")

    @staticmethod
    def _tooltip(status: GoalStatusRow, one_based: bool, authors: Mapping[int, str]) -> str:
        parts = [f"M{status.period}", format_date(status.assessed_on), _score_text(status.score, one_based)]
        author = authors.get(status.created_by_id) if status.created_by_id is not None else None
        if author:
            parts.append(tr("af {author}").format(author=author.upper()))
        return SEP.join(p for p in parts if p)


#: Above this many points a sub-goal's score line is drawn without antialiasing. Qt strokes an
#: antialiased 2 px polyline as one outline that it then fills, and a dense line (thousands of
#: notes, the score going up and down, several points per pixel) overlaps itself so often that
#: painting it takes seconds (5,000 notes: ≈1.2 s per repaint). Without antialiasing pyqtgraph
#: draws the same line as separate segments (QPainter.drawLines, ≈10 ms); at this density the
#: line is a solid band in which antialiasing would not show. Ordinary sub-goals (a few hundred
#: notes at most over years) keep the smooth line.
DENSE_LINE_POINTS = 300


def _score_line(xs: Sequence[float], ys: Sequence[float]) -> pg.PlotDataItem:
    """The line through a sub-goal's scores: every point joined, cheap to paint however many."""
    dense = len(xs) > DENSE_LINE_POINTS
    line = pg.PlotDataItem(
        xs, ys, pen=pg.mkPen(LINE_COLOUR, width=2), antialias=not dense, skipFiniteCheck=True
    )
    if dense:
        line.curve.setSegmentedLineMode("on")  # pyqtgraph's "auto" picks it too; said, not left to it
    return line


class SubGoalScoreGraph(QWidget):
    """The journal scores of one sub-goal over time (dates on x, inverted score on y)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plot = _make_plot(date_axis=True)
        self._plot.setAccessibleName(tr("Graf over delmålets scorer"))
        self._plot.getPlotItem().setLabel("bottom", tr("Dato"), color=AXIS_COLOUR)
        self._empty = QLabel(tr("Ingen scorer i dagbogen endnu"), self)
        self._empty.setStyleSheet(f"color: {NOT_ASSESSED_COLOUR};")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._plot, 1)
        layout.addWidget(self._empty)
        self._points: list[tuple[dt.datetime, int]] = []
        self._scored: list[ScorePoint] = []
        self._one_based = False
        # What the plot shows now (its points and scale); None: nothing yet.
        self._drawn: tuple[list[ScorePoint], bool] | None = None
        self.show_notes([])

    def show_notes(self, rows: Iterable[NoteRow], *, one_based: bool = False) -> None:
        """Draw the scores of journal rows (withdrawn ones and those without a score left out)."""
        points = [
            ScorePoint(r.observed_at, r.score, r.author)
            for r in rows
            if not r.withdrawn and r.score is not None
        ]
        self.show_scores(sorted(points, key=lambda p: p.observed_at), one_based=one_based)

    def show_scores(self, points: Sequence[ScorePoint], *, one_based: bool = False) -> None:
        """Draw scored notes, oldest first (``Journal.scores``); Ikke vurderet is no point."""
        scored = [p for p in points if is_numeric(p.score)]
        if self._drawn == (scored, one_based):
            return  # a note without a score was saved: the same points, not drawn again
        self._drawn = (scored, one_based)
        item = self._plot.getPlotItem()
        item.clear()
        _set_score_axis(self._plot, one_based)
        self._points = [(p.observed_at, int(p.score)) for p in scored]  # type: ignore[arg-type]
        # A tip is written when the pointer reaches its point: a sub-goal has thousands of notes
        # and the graph is redrawn after every note saved.
        self._scored, self._one_based = scored, one_based
        self._empty.setVisible(not scored)
        if not scored:
            now = dt.datetime.now().timestamp()
            item.setXRange(now - 30 * 86400, now, padding=0)
            return
        xs = [r.observed_at.timestamp() for r in scored]
        ys = [float(score) for _, score in self._points]
        item.addItem(_score_line(xs, ys))
        item.addItem(
            pg.ScatterPlotItem(
                x=xs,
                y=ys,
                data=list(range(len(xs))),
                size=10,
                brush=pg.mkBrush(LINE_COLOUR),
                pen=pg.mkPen("w", width=1.5),
                hoverable=True,
                antialias=True,
                hoverSize=13,
                tip=lambda x, y, data: self._tooltip(int(data)),
            )
        )
        span = max(xs[-1] - xs[0], 86400.0)
        item.setXRange(xs[0] - span * 0.05, xs[-1] + span * 0.05, padding=0)

    def plotted_points(self) -> list[tuple[dt.datetime, int]]:
        """(observed_at, score as stored) of every point drawn, oldest first."""
        return list(self._points)

    def _tooltip(self, number: int) -> str:
        note = self._scored[number]
        parts = (
            format_datetime(note.observed_at),
            _score_text(note.score, self._one_based),
            tr("af {author}").format(author=note.author.upper()) if note.author else "",
        )
        return SEP.join(p for p in parts if p)

    def tooltips(self) -> list[str]:
        return [self._tooltip(number) for number in range(len(self._scored))]

    def y_inverted(self) -> bool:
        return self._plot.getPlotItem().getViewBox().yInverted()

    def y_tick_labels(self) -> list[str]:
        return _tick_labels(self._plot)

    def plot_widget(self) -> pg.PlotWidget:
        return self._plot


def _tick_labels(plot: pg.PlotWidget) -> list[str]:
    axis = plot.getPlotItem().getAxis("left")
    major = axis._tickLevels[0] if axis._tickLevels else []  # noqa: SLF001 - set by us via setTicks
    return [label for _, label in major]
