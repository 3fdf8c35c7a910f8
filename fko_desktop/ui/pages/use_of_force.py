"""A citizen's use of force (magtanvendelse): the incidents and the permissions, one list.

The page answers what a leader and a caseworker ask first: how many incidents, which are not
yet reported to the authority, which permissions are in force and when they are reviewed.
A selected registration shows in full below the list, with its earlier versions and, if it
was withdrawn, who withdrew it, when and why: these are legal records and are never deleted.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.deadlines import use_of_force_report_due
from fko_desktop.models.enums import UseOfForceKind
from fko_desktop.models.formatting import format_date, format_datetime
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.withdrawal import WithdrawsSelected
from fko_desktop.ui.runner import Runner, Task
from fko_desktop.unit import Changed, Unit
from fko_desktop.unit.rows import UseOfForceRow

COLUMNS = ("Type", "Dato / periode", "Indgreb", "Varighed", "Indberettet / revurderes", "Beskrivelse")
DASH = "–"
EXCERPT_CHARS = 80
FIELD_LABELS = {
    "measure_code": "Indgreb",
    "occurred_on": "Dato",
    "occurred_time": "Klokkeslæt",
    "duration_minutes": "Varighed (min.)",
    "participants": "Medvirkende",
    "prevention_tried": "Forsøgt først",
    "reported_on": "Indberettet den",
    "reported_to": "Myndighed",
    "period_start": "Gælder fra",
    "period_end": "Gælder til",
    "review_date": "Revurderes",
    "description": "Beskrivelse",
}


def when_text(record: UseOfForceRow) -> str:
    if record.is_incident:
        when = format_date(record.occurred_on)
        if record.occurred_time is not None:
            when += " " + tr("kl. {t}").format(t=record.occurred_time.strftime("%H.%M"))
        return when
    return f"{format_date(record.period_start)} – {format_date(record.period_end) or tr('indtil videre')}"


def duration_text(minutes: int | None) -> str:
    return tr("{n} min.").format(n=minutes) if minutes is not None else DASH


def reporting_text(record: UseOfForceRow, today: dt.date) -> str:
    """An incident: reported when and to whom, or by when it must be; a permission: its review."""
    if not record.is_incident:
        return tr("revurderes {d}").format(d=format_date(record.review_date)) if record.review_date else DASH
    if record.reported_on is not None:
        return tr("{d} til {who}").format(d=format_date(record.reported_on), who=record.reported_to or DASH)
    if record.reported_to:
        return tr("til {who} (dato ikke registreret)").format(who=record.reported_to)
    if record.occurred_on is None:
        return tr("Ikke indberettet")
    due = use_of_force_report_due(record.occurred_on)
    late = tr(" – for sent") if due < today else ""
    return tr("Ikke indberettet (senest {d}){late}").format(d=format_date(due), late=late)


def summary_text(rows: list[UseOfForceRow], today: dt.date) -> str:
    live = [r for r in rows if r.withdrawn_at is None]
    incidents = [r for r in live if r.is_incident]
    unreported = [r for r in incidents if not r.reported]
    in_force = [r for r in live if not r.is_incident and (r.period_end is None or r.period_end >= today)]
    parts = [tr("{n} registrerede magtanvendelser").format(n=len(incidents)) if len(incidents) != 1
             else tr("1 registreret magtanvendelse")]  # fmt: skip
    if unreported:
        parts.append(tr("{n} ikke indberettet til myndigheden").format(n=len(unreported)))
    if in_force:
        review = min((r.review_date for r in in_force if r.review_date), default=None)
        text = (
            tr("1 gældende tilladelse")
            if len(in_force) == 1
            else tr("{n} gældende tilladelser").format(n=len(in_force))
        )
        if review is not None:
            text += " " + tr("(næste revurdering {d})").format(d=format_date(review))
        parts.append(text)
    else:
        parts.append(tr("ingen gældende tilladelser"))
    return "; ".join(parts) + "."


class UseOfForcePage(WithdrawsSelected, QWidget):
    """``show_citizen(citizen_id)`` lists the citizen's incidents and permissions."""

    WITHDRAW_TITLE = "Træk registreringen tilbage"
    WITHDRAW_QUESTION = "Hvorfor trækkes registreringen tilbage? (fx registreret på forkert borger)"

    #: (record id or None, editor context): the window opens the editor.
    open_requested = Signal(object, dict)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        self._unit = runner.unit
        self.citizen_id: int | None = None
        self.rows: list[UseOfForceRow] = []
        self.task: Task | None = None
        #: Asks why a registration is withdrawn: ``() -> (text, ok)``; replaceable in tests.
        self.ask_reason: Callable[[], tuple[str, bool]] = self._ask_reason
        self._measures: dict[str, str] = {}

        self.heading = QLabel(tr("Magtanvendelse"))
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.incident_button = QPushButton(tr("Registrér magtanvendelse …"))
        self.incident_button.clicked.connect(lambda: self._new(UseOfForceKind.REPORT))
        self.permission_button = QPushButton(tr("Registrér tilladelse …"))
        self.permission_button.clicked.connect(lambda: self._new(UseOfForceKind.PERMISSION))
        self.open_button = QPushButton(tr("Åbn …"))
        self.open_button.clicked.connect(self._open_selected)
        self.withdraw_button = QPushButton(tr("Træk tilbage …"))
        self.withdraw_button.setToolTip(
            tr("En registrering gemt ved en fejl trækkes tilbage med en begrundelse; den slettes ikke.")
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.show_withdrawn = QCheckBox(tr("Vis tilbagetrukne"))
        self.show_withdrawn.toggled.connect(self.refresh)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Magtanvendelser og tilladelser"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(tr("Den valgte registrering"))
        self.prevention = QLabel()
        self.prevention.setWordWrap(True)
        self.prevention.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        for button in (self.incident_button, self.permission_button, self.open_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_withdrawn)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([300, 260])
        layout.addWidget(split, 1)
        layout.addWidget(self.prevention)

    @property
    def writable(self) -> bool:
        return not self._unit.readonly and self._unit.actor is not None

    def show_citizen(self, citizen_id: int) -> None:
        self.citizen_id = citizen_id
        self._measures = dict(self._unit.use_of_force.measures(citizen_id))
        self.message.hide()
        self.refresh()

    def refresh(self) -> None:
        if self.citizen_id is None:
            return
        today = dt.date.today()
        self.rows = self._unit.use_of_force.for_citizen(
            self.citizen_id, include_withdrawn=self.show_withdrawn.isChecked()
        )
        self.summary.setText(summary_text(self.rows, today))
        self.table.setRowCount(len(self.rows))
        for row, record in enumerate(self.rows):
            self._fill_row(row, record, today)
        self.table.resizeRowsToContents()
        for button in (self.incident_button, self.permission_button, self.withdraw_button):
            button.setVisible(self.writable)
        plans = self._unit.plans.for_citizen(self.citizen_id)
        prevention = next((p.use_of_force_prevention for p in plans if p.use_of_force_prevention), None)
        self.prevention.setText(
            tr("Forebyggelse (fra planen): {text}").format(text=prevention)
            if prevention
            else tr("Planen beskriver endnu ingen forebyggelse af magtanvendelse.")
        )
        self._selection_changed()

    def _fill_row(self, row: int, record: UseOfForceRow, today: dt.date) -> None:
        description = " ".join(record.description.split())
        if len(description) > EXCERPT_CHARS:
            description = description[: EXCERPT_CHARS - 1] + "…"
        if record.withdrawn_at is not None:
            description = tr("Trukket tilbage: {reason}").format(reason=record.withdrawal_reason or "")
        duration = duration_text(record.duration_minutes)
        cells = (
            tr("Indberetning") if record.is_incident else tr("Tilladelse"),
            when_text(record),
            self._measures.get(record.measure_code or "", record.measure_code or DASH),
            duration if record.is_incident else DASH,
            reporting_text(record, today),
            description,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if record.withdrawn_at is not None:
                item.setForeground(Qt.GlobalColor.gray)
            elif column == 4 and record.is_incident and not record.reported:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(row, column, item)

    def selected(self) -> UseOfForceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select_record(self, record_id: int) -> None:
        for row, record in enumerate(self.rows):
            if record.id == record_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        live = chosen is not None and chosen.withdrawn_at is None
        self.open_button.setEnabled(chosen is not None)
        self.withdraw_button.setEnabled(live and self.task is None)
        if chosen is None:
            self.detail.setHtml(
                tr("<p>Vælg en registrering for at se den hele, med tidligere versioner.</p>")
                if self.rows
                else tr("<p>Ingen magtanvendelser eller tilladelser registreret.</p>")
            )
        else:
            self.detail.setHtml(self.detail_html(chosen))

    # -- the record in full, with its history -------------------------------------------------

    def _value_text(self, key: str, value: object) -> str:
        if value is None or value == "":
            return DASH
        if key == "measure_code":
            return self._measures.get(str(value), str(value))
        if key in ("occurred_on", "reported_on", "period_start", "period_end", "review_date"):
            return format_date(dt.date.fromisoformat(str(value)) if isinstance(value, str) else value)  # type: ignore[arg-type]
        if key == "occurred_time":
            return str(value)[:5].replace(":", ".")
        return str(value)

    def detail_html(self, record: UseOfForceRow) -> str:
        names = self._unit.staff.names()
        kind = tr("Magtanvendelse") if record.is_incident else tr("Tilladelse til magtanvendelse")
        facts = [
            (tr("Dato og tid") if record.is_incident else tr("Periode"), when_text(record)),
            (tr("Indgreb"), self._value_text("measure_code", record.measure_code)),
        ]
        if record.is_incident:
            facts += [
                (tr("Varighed"), duration_text(record.duration_minutes)),
                (tr("Medvirkende"), record.participants or DASH),
                (tr("Hvad skete der"), record.description),
                (tr("Forsøgt først"), record.prevention_tried or DASH),
                (tr("Indberettet"), reporting_text(record, dt.date.today())),
            ]
        else:
            facts += [
                (tr("Revurderes"), format_date(record.review_date) or DASH),
                (tr("Tilladelsen omfatter"), record.description),
                (tr("Givet af"), record.reported_to or DASH),
            ]
        written = tr("Registreret {when} af {who} · version {v}").format(
            when=format_datetime(record.created_at) if record.created_at else DASH,
            who=names.get(record.created_by_id or -1, "?"),
            v=record.version,
        )
        out = [f"<h3>{html.escape(kind)}</h3>", f"<p style='color:#555'>{html.escape(written)}</p>"]
        out.append("<table cellspacing='0' cellpadding='3'>")
        for label, value in facts:
            out.append(
                f"<tr><td valign='top'><b>{html.escape(label)}:</b></td>"
                f"<td>{html.escape(value).replace(chr(10), '<br>')}</td></tr>"
            )
        out.append("</table>")
        if record.withdrawn_at is not None:
            withdrawn = tr("Trukket tilbage {when} af {who}: {reason}").format(
                when=format_datetime(record.withdrawn_at),
                who=names.get(record.withdrawn_by_id or -1, "?"),
                reason=record.withdrawal_reason or "",
            )
            out.append(f"<p style='color:#b00020'>{html.escape(withdrawn)}</p>")
        out += self._history_html(record, names)
        return "".join(out)

    def _history_html(self, record: UseOfForceRow, names: dict[int, str]) -> list[str]:
        versions = self._unit.use_of_force.history(record.id)
        if not versions:
            return []
        out = [f"<p><b>{html.escape(tr('Tidligere versioner'))}</b></p>"]
        current = {key: getattr(record, key) for key in FIELD_LABELS}
        later = {key: self._value_text(key, value) for key, value in current.items()}
        for version in reversed(versions):
            data = version.data
            earlier = {key: self._value_text(key, data.get(key)) for key in FIELD_LABELS}
            changed = [
                html.escape(f"{tr(label)}: {earlier[key]} → {later[key]}")
                for key, label in FIELD_LABELS.items()
                if earlier[key] != later[key]
            ]
            head = tr("Version {v}, gemt {when} af {who}; ændret derefter af {by}").format(
                v=version.version,
                when=format_datetime(version.saved_at),
                who=names.get(version.saved_by_id or -1, "?"),
                by=names.get(version.replaced_by_id or -1, "?"),
            )
            out.append(
                f"<p>{html.escape(head)}<br>{'<br>'.join(changed) or html.escape(tr('(ingen ændring)'))}</p>"
            )
            later = earlier
        return out

    # -- actions ------------------------------------------------------------------------------

    def _new(self, kind: UseOfForceKind) -> None:
        if self.citizen_id is not None:
            self.open_requested.emit(None, {"citizen_id": self.citizen_id, "kind": kind.value})

    def _open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_requested.emit(chosen.id, {})

    def withdraw_record(self, unit: Unit, record_id: int, reason: str) -> Changed[int]:
        return unit.use_of_force.withdraw(record_id, reason=reason)

    def after_refusal(self) -> None:
        self._selection_changed()
