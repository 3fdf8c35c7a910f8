"""Målstatus entry: the period's journal notes by sub-goal beside the form it is written from.

The form proposes the earliest period still owed (``models.goal_status_rules.next_period``), so
an M1 never recorded comes before M2, and says which periods are missing. Beside it, the notes of
the chosen period grouped by sub-goal and how many gave each score: scores are levels, so they
are counted, never averaged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.formatting import format_date, format_datetime
from fko_desktop.models.goal_status_rules import PeriodState, ScoreDistribution, next_period
from fko_desktop.models.schedule import DeadlineState
from fko_desktop.models.scores import NOT_ASSESSED, ScoreStyle
from fko_desktop.ui.editors.base import (
    ERROR_STYLE,
    DateEdit,
    EditorBase,
    ScoreCombo,
    Submission,
    fill_catalog_combo,
    text_value,
)
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Changed
from fko_desktop.unit.rows import GoalRow

if TYPE_CHECKING:
    from fko_desktop.unit.documentation import PeriodEvidence

EVIDENCE_COLUMNS = ("Delmål", "Dato", "Forfatter", "Score", "Notat")


def distribution_text(distribution: ScoreDistribution, style: ScoreStyle | None = None) -> str:
    """ "0: 2 · 1: 5 · 2: 1" – how many notes gave each score (never an average), in the
    numbers the window shows (1–5 with "Vis scorer som 1–5")."""
    style = style or ScoreStyle()
    parts = [
        f"{tr('Ikke vurderet') if score is NOT_ASSESSED else style.number(score)}: {count}"
        for score, count in distribution.counts()
    ]
    if distribution.without_score:
        parts.append(tr("uden score: {n}").format(n=distribution.without_score))
    return " · ".join(parts)


def evidence_summary(evidence: PeriodEvidence, style: ScoreStyle | None = None) -> str:
    """One line per sub-goal and one for the whole period: notes, and how many of each score."""
    if not evidence.groups:
        return tr("Ingen notater i perioden.")
    lines = []
    for group in evidence.groups:
        lines.append(
            tr("Delmål {number} ({text}): {n} notater – {counts}").format(
                number=group.position,
                text=group.text,
                n=group.distribution.total,
                counts=distribution_text(group.distribution, style),
            )
        )
    total = evidence.distribution
    lines.append(
        tr("I alt {n} notater, {m} med score – {counts}").format(
            n=total.total, m=total.scored, counts=distribution_text(total, style)
        )
    )
    return "\n".join(lines)


def periods_text(periods: Sequence[PeriodState]) -> str:
    """ "M1 (09.10.2026) og M3 (09.04.2027)" """
    named = [f"{p.label} ({format_date(p.due)})" for p in periods]
    if len(named) <= 1:
        return "".join(named)
    return ", ".join(named[:-1]) + tr(" og ") + named[-1]


class GoalStatusEditor(EditorBase):
    """``load(None, goal_id=…)`` records the next målstatus for a goal (``load(goal_id)`` is
    accepted too; ``period=`` is the period a today row asked for). Left: the chosen period's
    journal notes by sub-goal; right: the form."""

    EDITOR = "goal_status"
    TITLE = "Målstatus"

    def _build_body(self) -> None:
        outer = QHBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.goal_label = QLabel()
        self.goal_label.setWordWrap(True)
        font = self.goal_label.font()
        font.setBold(True)
        self.goal_label.setFont(font)
        column.addWidget(self.goal_label)
        self.earlier_label = QLabel()
        self.earlier_label.setWordWrap(True)
        column.addWidget(self.earlier_label)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(ERROR_STYLE)
        self.missing_label.setAccessibleName(tr("Manglende målstatus"))
        self.missing_label.hide()
        column.addWidget(self.missing_label)
        self.evidence_caption = QLabel(tr("Notater fra delmålsdagbogen i perioden:"))
        self.evidence_caption.setWordWrap(True)
        column.addWidget(self.evidence_caption)
        self.evidence = QTableWidget(0, len(EVIDENCE_COLUMNS))
        self.evidence.setAccessibleName(tr("Dokumentation i perioden"))
        self.evidence.setHorizontalHeaderLabels([tr(c) for c in EVIDENCE_COLUMNS])
        self.evidence.verticalHeader().hide()
        self.evidence.setWordWrap(True)
        self.evidence.setAlternatingRowColors(True)
        self.evidence.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.evidence.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.evidence.horizontalHeader()
        for section in (0, 1, 2, 3):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.evidence.resizeRowsToContents())
        self.evidence_caption.setBuddy(self.evidence)
        column.addWidget(self.evidence, 1)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(tr("Scorer i perioden"))
        self.summary_label.setWordWrap(True)
        column.addWidget(self.summary_label)
        splitter.addWidget(left)
        right = QWidget()
        right.setLayout(self.form)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 420])
        self._build()

    def _build(self) -> None:
        self.goal: GoalRow | None = None
        self.goal_id: int | None = None
        self._period_manual = False
        self._suggesting = False
        self._taken: set[int] = set()
        self._missing: list[PeriodState] = []
        self._due: dict[int, dt.date] = {}
        #: The period a today row asked for when an earlier one is owed and proposed instead.
        self._asked_later: int | None = None
        #: What the evidence table shows: the period's notes, and the same notes by sub-goal.
        self.evidence_rows: list[Any] = []
        self.evidence_groups: tuple[Any, ...] = ()
        self.period = QSpinBox()
        self.period.setRange(1, 99)
        self.period.setPrefix("M")
        self.add_field(
            "period", self.period, "Periode", "Målstatus tages hver 3. måned fra målets startdato: M1, M2 …"
        )
        self.period_note = QLabel()
        self.period_note.setWordWrap(True)
        self.period_note.setStyleSheet(ERROR_STYLE)
        self.period_note.setAccessibleName(tr("Om perioden"))
        self.period_note.hide()
        self.form.addRow("", self.period_note)
        self.assessed_on = DateEdit()
        self.add_field("assessed_on", self.assessed_on, "Vurderet den")
        self.score = ScoreCombo()
        self.add_field(
            "score",
            self.score,
            "Målstatus-score",
            "Den faglige, samlede score 0–4 for perioden; lavere er bedre.",
        )
        self.summary = QPlainTextEdit()
        self.summary.setMinimumHeight(110)
        self.add_field(
            "summary",
            self.summary,
            "Opsummering",
            "Sammenfat periodens notater og deres scores.",
        )
        self.citizen_score = ScoreCombo()
        self.add_field(
            "citizen_score",
            self.citizen_score,
            "Borgerens egen score",
            "Barnets/borgerens (eller forældrenes) egen vurdering, noteres ved siden af.",
        )
        self.citizen_note = QLineEdit()
        self.add_field("citizen_note", self.citizen_note, "Borgerens bemærkning")
        self.source = QComboBox()
        fill_catalog_combo(self.source, load_catalog("care_social").set("assessment_sources"))
        self.add_field("source_code", self.source, "Kilde", "Hvem vurderingen er foretaget af (FFB »Kilde«).")
        self.assessed_on.dateChanged.connect(self._suggest_period)
        self.period.valueChanged.connect(self._period_changed)

    def _period_changed(self) -> None:
        if not self._loading and not self._suggesting:
            self._period_manual = True
            self._asked_later = None
        self._show_period()

    def _suggest_period(self) -> None:
        if self._loading or self._period_manual or self.goal is None:
            return
        on = self.assessed_on.value()
        if on and on >= self.goal.start_date:
            self._suggesting = True
            try:
                self.period.setValue(next_period(self.goal.start_date, self._taken, on))
            finally:
                self._suggesting = False

    def record_key(self) -> str:
        return f"goal={self.goal_id}"

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        self._period_manual = False
        self._suggesting = False
        goal_id = context.get("goal_id", record_id)
        assert isinstance(goal_id, int)  # the editor is always opened for a goal
        self.goal_id = goal_id
        self.record_id = None
        self.goal = goal = self.unit.orders.goal(goal_id)
        style = self.style_scores(goal.citizen_id)
        self.goal_label.setText(tr("Indsatsmål: {text}").format(text=goal.text))
        today = dt.date.today()
        progress = self.unit.goal_status.progress(goal_id, today=today)
        statuses = progress.statuses
        self._taken = {s.period for s in statuses}
        if statuses:
            earlier = ", ".join(
                f"M{s.period} = {style.text(s.score)} ({format_date(s.assessed_on)})" for s in statuses
            )
        else:
            earlier = tr("ingen endnu")
        self.earlier_label.setText(
            tr("Baseline {b}, mål {t}. Tidligere målstatus: {earlier}").format(
                b=style.text(goal.baseline), t=style.text(goal.target), earlier=earlier
            )
        )
        # A period whose due date has passed without a status stays missing (and says so) until
        # it is recorded, whatever later period is recorded meanwhile.
        self._missing = [p for p in progress.periods if p.missing]
        self._due = {p.period: p.due for p in progress.periods}
        self.missing_label.setText(
            tr("Mangler: {periods} er ikke registreret.").format(periods=periods_text(self._missing))
        )
        self.missing_label.setVisible(bool(self._missing))
        self.assessed_on.set_value(today)
        # The earliest period still owed (models rule); a today row's period only when nothing
        # earlier is owed, so an overdue M1 is never skipped by opening M2's row.
        proposed = next_period(goal.start_date, self._taken, today)
        owed = [p.period for p in progress.periods if p.state in (DeadlineState.OVERDUE, DeadlineState.DUE)]
        asked = context.get("period")
        self._asked_later = None
        if isinstance(asked, int) and asked not in self._taken and not any(p < asked for p in owed):
            chosen = asked
        else:
            chosen = proposed
            if isinstance(asked, int) and proposed < asked:
                self._asked_later = asked
        self._period_manual = chosen != proposed
        self.period.setValue(chosen)
        self._show_period()
        self.score.set_value(None)
        self.summary.clear()
        self.citizen_score.set_value(None)
        self.citizen_note.clear()
        self.source.setCurrentIndex(0)

    def _show_period(self) -> None:
        """The note under the period and the chosen period's evidence."""
        if self.goal_id is None:
            return
        chosen = self.period.value()
        earlier_missing = [p for p in self._missing if p.period < chosen]
        if self._asked_later is not None:
            note = tr("M{period} ({due}) er ikke registreret endnu, så den foreslås før M{asked}.").format(
                period=chosen, due=format_date(self._due.get(chosen)), asked=self._asked_later
            )
        elif len(earlier_missing) == 1:
            note = tr("{periods} mangler stadig og vises som manglende, indtil den er registreret.").format(
                periods=periods_text(earlier_missing)
            )
        elif earlier_missing:
            note = tr("{periods} mangler stadig og vises som manglende, indtil de er registreret.").format(
                periods=periods_text(earlier_missing)
            )
        else:
            note = ""
        self.period_note.setText(note)
        self.period_note.setVisible(bool(note))
        self._show_evidence(chosen)

    def _show_evidence(self, period: int) -> None:
        assert self.goal_id is not None
        evidence = self.unit.goal_status.evidence_for_period(self.goal_id, period)
        if evidence.until is None:
            span = tr("fra {since}").format(since=format_date(evidence.since))
        else:
            span = f"{format_date(evidence.since)} – {format_date(evidence.until)}"
        self.evidence_caption.setText(
            tr("Notater fra delmålsdagbogen i M{period} ({span}), ordnet efter delmål:").format(
                period=period, span=span
            )
        )
        rows = evidence.notes
        self.evidence.setRowCount(len(rows))
        number = 0
        for group in evidence.groups:
            # "Delmål 1" on every row, so a row read alone still says where it belongs; the
            # sub-goal's words are in its tooltip and in the counts under the table.
            short = tr("Delmål {number}").format(number=group.position)
            name = tr("Delmål {number}: {text}").format(number=group.position, text=group.text)
            for row in group.notes:
                cells = (
                    short,
                    format_datetime(row.observed_at),
                    row.author,
                    self.score_style.number(row.score),
                    row.text,
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(name if column == 0 else row.text)
                    self.evidence.setItem(number, column, item)
                number += 1
        self.evidence.resizeRowsToContents()
        self.evidence_rows = rows
        self.evidence_groups = evidence.groups
        self.summary_label.setText(evidence_summary(evidence, self.score_style))

    def _write(self) -> Submission | None:
        goal_id = self.goal_id
        assert goal_id is not None  # loaded for a goal
        fields = dict(
            score=self.score.value(),
            summary=text_value(self.summary),
            assessed_on=self.assessed_on.value(),
            period=self.period.value(),
            source_code=self.source.currentData(),
            citizen_score=self.citizen_score.value(),
            citizen_note=self.citizen_note.text(),
        )
        return Submission(lambda unit: unit.goal_status.record(goal_id, **fields))

    def _stored(self, result: Changed[int], after: Any) -> None:
        super()._stored(result, after)
        # Ready for the next period owed, with a period still missing named again.
        self.load(None, goal_id=self.goal_id)

    def _reload_after_create(self) -> bool:
        return False
