"""The overview's bar charts (pyqtgraph): one horizontal bar per group, stacked.

``StackedBars`` only draws rows of coloured segments and says which row and segment a click
hit; what the segments are comes from ``outcome_bars`` (the six outcome categories as shares
of a bar, best at the left) and ``change_bars`` (the change baseline → latest målstatus as a
diverging bar: worse to the left of the centre line in reds, better to the right in greens).
Counting is the core's (``fko_desktop.overview.figures``); colours are ``graph_style``'s, so
the window and the management report look alike.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fko_desktop.models.graph_style import AXIS_COLOUR, CHANGE_COLOURS, OUTCOME_COLOURS
from fko_desktop.models.outcome import Outcome
from fko_desktop.overview.model import CHANGE_STEPS, OUTCOME_ORDER, ChangeRow, OutcomeRow
from fko_desktop.overview.suppression import mark
from fko_desktop.ui.i18n import tr

#: Pixels per bar (with its gap) the chart keeps at least, so labels never overlap.
ROW_PIXELS = 24
#: Group names longer than this are shortened on the axis (the table beside has them in full).
LABEL_CHARS = 30
#: Segments narrower than this share of the axis get no percentage written in them.
TEXT_MIN_WIDTH = 0.08


@dataclasses.dataclass(frozen=True)
class Segment:
    key: object  # an Outcome or a change step
    x0: float
    width: float
    colour: str
    text: str = ""


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    note: str = ""  # beside the bar: "12 mål", "< 5 borgere"
    muted: bool = False  # a small group: drawn paler


def outcome_colour_of(outcome: Outcome) -> str:
    return OUTCOME_COLOURS[outcome.value]


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _note(row: OutcomeRow | ChangeRow) -> str:
    note = tr("{goals} mål").format(goals=row.goals)
    return note + (f" ({mark(row)})" if row.suppressed else "")


def outcome_bars(rows: Sequence[OutcomeRow], *, hide_small: bool = False) -> list[Bar]:
    """Each row as a 100 % bar of its categorised goals, in ``OUTCOME_ORDER`` (best first);
    ``hide_small`` (another unit's figures) leaves a small group's bar empty."""
    bars = []
    for row in rows:
        if hide_small and row.suppressed:
            bars.append(Bar(row.label, (), mark(row), True))
            continue
        segments, start = [], 0.0
        for outcome in OUTCOME_ORDER:
            share = row.share(outcome)
            if share > 0:
                segments.append(Segment(outcome, start, share, outcome_colour_of(outcome), _percent(share)))
                start += share
        bars.append(Bar(row.label, tuple(segments), _note(row), row.suppressed))
    return bars


def change_bars(rows: Sequence[ChangeRow]) -> list[Bar]:
    """Each row's goals by change as shares: 0 (no change) centred on the zero line, worse
    steps stacked to the left, better ones to the right."""
    bars = []
    for row in rows:
        total = sum(row.counts.get(step, 0) for step in CHANGE_STEPS)
        shares = {step: row.counts.get(step, 0) / total if total else 0.0 for step in CHANGE_STEPS}
        segments = []
        left = -shares[0] / 2
        if shares[0]:
            segments.append(Segment(0, left, shares[0], CHANGE_COLOURS[0], _percent(shares[0])))
        edge = left
        for step in (-1, -2, -3, -4):
            if shares[step]:
                edge -= shares[step]
                segments.append(
                    Segment(step, edge, shares[step], CHANGE_COLOURS[step], _percent(shares[step]))
                )
        edge = shares[0] / 2
        for step in (1, 2, 3, 4):
            if shares[step]:
                segments.append(
                    Segment(step, edge, shares[step], CHANGE_COLOURS[step], _percent(shares[step]))
                )
                edge += shares[step]
        bars.append(Bar(row.label, tuple(segments), _note(row), row.suppressed))
    return bars


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _dark(colour: str) -> bool:
    shade = QColor(colour)
    return 0.299 * shade.red() + 0.587 * shade.green() + 0.114 * shade.blue() < 140


def legend_html(items: Sequence[tuple[str, str]]) -> str:
    """A one-line legend: a coloured square before each label."""
    parts = [
        f'<span style="color:{colour}; font-size:14pt;">■</span>&nbsp;{html.escape(label)}'
        for colour, label in items
    ]
    return "&nbsp;&nbsp; ".join(parts)


def outcome_legend() -> str:
    return legend_html([(outcome_colour_of(o), tr(o.label)) for o in OUTCOME_ORDER])


def change_legend() -> str:
    items = [(CHANGE_COLOURS[-2], tr("dårligere")), (CHANGE_COLOURS[0], tr("uændret"))]
    items.append((CHANGE_COLOURS[2], tr("bedre (→)")))
    return legend_html(items)


class StackedBars(QWidget):
    """Horizontal stacked bars with the group names on the left axis and a note at the right.

    ``clicked(row, key)`` says which bar and which segment (None: beside the segments) the
    user clicked; the window opens the goals behind it."""

    clicked = Signal(int, object)

    def __init__(self, *, diverging: bool = False, x_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diverging = diverging
        self.bars: list[Bar] = []
        self.plot = pg.PlotWidget(background="w")
        self.plot.setAccessibleName(tr("Søjlediagram"))
        item = self.plot.getPlotItem()
        item.invertY(True)  # the first group at the top, as in the table beside
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=False, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        font = QFont(self.plot.font())
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(AXIS_COLOUR))
            axis.setTickFont(font)
        item.getAxis("left").setWidth(200)
        if x_label:
            item.setLabel("bottom", x_label, color=AXIS_COLOUR)
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)
        self.empty = QLabel(tr("Ingen mål at vise for det valgte."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.empty, 1)
        self.set_bars([])

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        item = self.plot.getPlotItem()
        item.clear()
        has_any = any(bar.segments for bar in self.bars)
        self.plot.setVisible(has_any)
        self.empty.setVisible(not has_any)
        if not self.bars:
            return
        x0, y, widths, brushes, pens = [], [], [], [], []
        for row, bar in enumerate(self.bars):
            for segment in bar.segments:
                colour = QColor(segment.colour)
                if bar.muted:
                    colour.setAlpha(110)
                x0.append(segment.x0)
                y.append(row)
                widths.append(segment.width)
                brushes.append(pg.mkBrush(colour))
                pens.append(pg.mkPen("w", width=1))
        if x0:
            item.addItem(pg.BarGraphItem(x0=x0, y=y, width=widths, height=0.7, brushes=brushes, pens=pens))
        for row, bar in enumerate(self.bars):
            for segment in bar.segments:
                if segment.text and segment.width >= TEXT_MIN_WIDTH:
                    text = pg.TextItem(
                        segment.text,
                        color="w" if _dark(segment.colour) and not bar.muted else "k",
                        anchor=(0.5, 0.5),
                    )
                    text.setPos(segment.x0 + segment.width / 2, row)
                    item.addItem(text)
            right = max((s.x0 + s.width for s in bar.segments), default=0.0)
            note = pg.TextItem(bar.note, color="#777777" if bar.muted else AXIS_COLOUR, anchor=(0, 0.5))
            note.setPos(max(right, 0.0 if self.diverging else 1.0) + 0.01, row)
            item.addItem(note)
        if self.diverging:
            item.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(AXIS_COLOUR, width=1)))
            reach = max((abs(s.x0) for b in self.bars for s in b.segments), default=0.5)
            reach = max(reach, max((s.x0 + s.width for b in self.bars for s in b.segments), default=0.5))
            reach = min(1.0, max(0.5, reach))
            item.setXRange(-reach, reach * 1.3, padding=0.02)
            ticks = [
                (v, _percent(abs(v)))
                for v in (-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1)
                if abs(v) <= reach
            ]
        else:
            item.setXRange(0, 1.2, padding=0.01)
            ticks = [(v, _percent(v)) for v in (0, 0.25, 0.5, 0.75, 1)]
        item.getAxis("bottom").setTicks([ticks, []])
        item.getAxis("left").setTicks([[(row, _short(bar.label)) for row, bar in enumerate(self.bars)], []])
        item.setYRange(-0.6, len(self.bars) - 0.4, padding=0)
        self.plot.setMinimumHeight(min(ROW_PIXELS * len(self.bars) + 60, 2000))

    def hit(self, x: float, y: float) -> tuple[int, object] | None:
        """The (row, segment key) at chart coordinates (x, y); key None beside the segments."""
        row = round(y)
        if not 0 <= row < len(self.bars) or abs(y - row) > 0.4:
            return None
        for segment in self.bars[row].segments:
            if segment.x0 <= x <= segment.x0 + segment.width:
                return row, segment.key
        return row, None

    def click_at(self, x: float, y: float) -> None:
        """What a click at chart coordinates does (tests and the mouse alike)."""
        found = self.hit(x, y)
        if found is not None:
            self.clicked.emit(*found)

    def _scene_clicked(self, event: object) -> None:
        view = self.plot.getPlotItem().getViewBox()
        position = event.scenePos()  # type: ignore[attr-defined]
        if not view.sceneBoundingRect().contains(position):
            return
        point: QPointF = view.mapSceneToView(position)
        self.click_at(point.x(), point.y())
