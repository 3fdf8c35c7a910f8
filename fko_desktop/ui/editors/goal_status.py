"""Målstatus entry: the evidence since the last status beside the form it is written from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

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
from fko_desktop.models.goal_status_rules import next_period
from fko_desktop.models.scores import display_score, is_numeric
from fko_desktop.ui.editors.base import (
    DateEdit,
    EditorBase,
    ScoreCombo,
    Submission,
    fill_catalog_combo,
    text_value,
)
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Changed
from fko_desktop.unit.rows import GoalRow, NoteRow


def evidence_summary(rows: Sequence[NoteRow]) -> str:
    """ "N notater, M med score, gennemsnit X" – for display only, never stored."""
    scores = [row.score for row in rows if is_numeric(row.score)]
    text = tr("{n} notater siden sidste målstatus, {m} med score").format(n=len(rows), m=len(scores))
    if scores:
        mean = sum(scores) / len(scores)
        text += tr(", gennemsnit {mean}").format(mean=f"{mean:.1f}".replace(".", ","))
    return text + "."


class GoalStatusEditor(EditorBase):
    """``load(None, goal_id=…)`` records the next målstatus for a goal (``load(goal_id)`` is
    accepted too). Left: the journal evidence since the last status; right: the form."""

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
        caption = QLabel(tr("Notater fra delmålsdagbogen siden sidste målstatus:"))
        column.addWidget(caption)
        self.evidence = QTableWidget(0, 4)
        self.evidence.setAccessibleName(tr("Dokumentation siden sidste målstatus"))
        self.evidence.setHorizontalHeaderLabels([tr("Dato"), tr("Forfatter"), tr("Score"), tr("Notat")])
        self.evidence.verticalHeader().hide()
        self.evidence.setWordWrap(True)
        self.evidence.setAlternatingRowColors(True)
        self.evidence.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.evidence.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.evidence.horizontalHeader()
        for section in (0, 1, 2):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.evidence.resizeRowsToContents())
        caption.setBuddy(self.evidence)
        column.addWidget(self.evidence, 1)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(tr("Opsummering af dokumentationen"))
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
        self.period = QSpinBox()
        self.period.setRange(1, 99)
        self.period.setPrefix("M")
        self.add_field(
            "period", self.period, "Periode", "Målstatus tages hver 3. måned fra målets startdato: M1, M2 …"
        )
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
            "Sammenfat notaterne og deres scores siden sidste målstatus.",
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
        self.period.valueChanged.connect(self._period_touched)

    def _period_touched(self) -> None:
        if not self._loading and not self._suggesting:
            self._period_manual = True

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
        self.goal_label.setText(tr("Indsatsmål: {text}").format(text=goal.text))
        statuses = self.unit.goal_status.for_goal(goal_id)
        self._taken = {s.period for s in statuses}
        if statuses:
            earlier = ", ".join(
                f"M{s.period} = {display_score(s.score)} ({format_date(s.assessed_on)})" for s in statuses
            )
        else:
            earlier = tr("ingen endnu")
        self.earlier_label.setText(
            tr("Baseline {b}, mål {t}. Tidligere målstatus: {earlier}").format(
                b=display_score(goal.baseline), t=display_score(goal.target), earlier=earlier
            )
        )
        rows = self.unit.goal_status.evidence(goal_id)
        self.evidence.setRowCount(len(rows))
        for number, row in enumerate(rows):
            cells = (format_datetime(row.observed_at), row.author, display_score(row.score), row.text)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row.text)
                self.evidence.setItem(number, column, item)
        self.evidence.resizeRowsToContents()
        self.evidence_rows = rows
        self.summary_label.setText(evidence_summary(rows))
        today = dt.date.today()
        self.assessed_on.set_value(today)
        # The earliest period still owed: an M1 never recorded comes before M2 (models rule).
        # The period the user came for (a today row), else the earliest still owed (models rule).
        asked = context.get("period")
        self.period.setValue(
            asked if isinstance(asked, int) else next_period(goal.start_date, self._taken, today)
        )
        self._period_manual = isinstance(asked, int)
        self.score.set_value(None)
        self.summary.clear()
        self.citizen_score.set_value(None)
        self.citizen_note.clear()
        self.source.setCurrentIndex(0)

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
        # Ready for the next period, with the evidence now counted from this status.
        self.load(None, goal_id=self.goal_id)

    def _reload_after_create(self) -> bool:
        return False
