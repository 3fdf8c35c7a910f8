"""A record's full history: every version with who saved it and what it changed (old → new),
the record's audit events, and who withdrew it and why.

The general form of the note history dialog (``ui/journal/dialogs.py``): any record the audit
trail names, from ``unit.audit.record_history``. Newest version first, as the trail reads.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.formatting import format_datetime
from fko_desktop.ui.editors.base import ERROR_STYLE
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit.rows import HistoryVersion, RecordHistory


def changes_html(version: HistoryVersion) -> str:
    """What one version changed, field by field, then its whole content."""
    parts: list[str] = []
    title = tr("Version {version}").format(version=version.version)
    if version.current:
        title += tr(" (den gældende)")
    when = format_datetime(version.saved_at) if version.saved_at else ""
    saved = tr("Gemt {when} af {who}").format(when=when, who=version.saved_by)
    parts.append(f"<h3>{escape(title)}</h3><p>{escape(saved)}</p>")
    if version.changes:
        parts.append(f"<p><b>{escape(tr('Ændret i forhold til versionen før:'))}</b></p>")
        parts.append('<table cellspacing="0" cellpadding="4" border="1" width="100%">')
        field, before, after = escape(tr("Felt")), escape(tr("Før")), escape(tr("Efter"))
        parts.append(
            "<tr>" + "".join(f"<th align='left'>{name}</th>" for name in (field, before, after)) + "</tr>"
        )
        for change in version.changes:
            label, old, new = escape(tr(change.label)), _multiline(change.old), _multiline(change.new)
            parts.append(
                f"<tr><td valign='top'>{label}</td><td valign='top' style='color:#8a1c1c'>{old}</td>"
                f"<td valign='top' style='color:#1d5b2a'>{new}</td></tr>"
            )
        parts.append("</table>")
    elif version.version == 1:
        parts.append(f"<p>{escape(tr('Den første version, som den blev oprettet.'))}</p>")
    parts.append(f"<p><b>{escape(tr('Indhold i denne version:'))}</b></p><table cellpadding='3'>")
    for label, value in version.values:
        parts.append(f"<tr><td valign='top'><i>{escape(tr(label))}</i></td><td>{_multiline(value)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>")


class RecordHistoryDialog(QDialog):
    VERSION_COLUMNS = ("Version", "Gemt", "Af", "Ændrede felter")
    EVENT_COLUMNS = ("Tid", "Hvem", "Handling", "Hvad")

    def __init__(self, history: RecordHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        what = f"{history.record_label} #{history.record_id}"
        self.setWindowTitle(tr("Historik for {what}").format(what=what))
        self.setAccessibleName(tr("Postens historik"))
        about = what[:1].upper() + what[1:]
        if history.citizen_name:
            about += f" · {history.citizen_name}"
        self.about = QLabel(about, self)
        self.about.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)

        #: Who withdrew the record, when and why (hidden while it stands).
        self.withdrawal_label = QLabel(self)
        self.withdrawal_label.setWordWrap(True)
        self.withdrawal_label.setStyleSheet(ERROR_STYLE)
        if history.withdrawn_at is not None:
            self.withdrawal_label.setText(
                tr("Trukket tilbage {when} af {who}. Begrundelse: {reason}").format(
                    when=format_datetime(history.withdrawn_at),
                    who=history.withdrawn_by or tr("ukendt"),
                    reason=history.withdrawal_reason or "–",
                )
            )
            layout.addWidget(self.withdrawal_label)

        self.tabs = QTabWidget(self)
        self.versions = list(reversed(history.versions))  # newest first
        self.version_table = _table(self, self.VERSION_COLUMNS, tr("Versioner"))
        self.version_table.setRowCount(len(self.versions))
        for row, version in enumerate(self.versions):
            label = f"v{version.version}" + (tr(" (nu)") if version.current else "")
            changed = ", ".join(tr(change.label) for change in version.changes) or (
                tr("oprettet") if version.version == 1 else "–"
            )
            when = format_datetime(version.saved_at) if version.saved_at else ""
            for column, value in enumerate((label, when, version.saved_by, changed)):
                self.version_table.setItem(row, column, QTableWidgetItem(value))
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(tr("Den valgte versions ændringer"))
        self.version_table.currentCellChanged.connect(lambda row, *_: self.show_version(row))
        versions_page: QWidget
        if self.versions:
            splitter = QSplitter(Qt.Orientation.Vertical, self)
            splitter.addWidget(self.version_table)
            splitter.addWidget(self.detail)
            splitter.setSizes([170, 400])
            versions_page = splitter
        else:
            versions_page = QLabel(
                tr(
                    "Denne slags post gemmer ikke sine tidligere versioner; hændelserne viser, hvornår "
                    "den blev oprettet og rettet, og hvilke felter der blev ændret."
                ),
                self,
            )
            versions_page.setWordWrap(True)
        self.tabs.addTab(versions_page, tr("Versioner ({count})").format(count=len(self.versions)))

        self.event_table = _table(self, self.EVENT_COLUMNS, tr("Postens hændelser"))
        self.event_table.setRowCount(len(history.events))
        for row, event in enumerate(reversed(history.events)):
            values = (format_datetime(event.at), event.actor_name, tr(event.kind_label), event.description)
            for column, value in enumerate(values):
                self.event_table.setItem(row, column, QTableWidgetItem(value))
        self.tabs.addTab(self.event_table, tr("Hændelser ({count})").format(count=len(history.events)))
        if not self.versions:
            self.tabs.setCurrentIndex(1)
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Luk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.versions:
            self.version_table.selectRow(0)
            self.show_version(0)
        fit_to_screen(self, 900, 680)

    def show_version(self, row: int) -> None:
        if 0 <= row < len(self.versions):
            self.detail.setHtml(changes_html(self.versions[row]))


def _table(parent: QWidget, columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels([tr(c) for c in columns])
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(columns) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    return table
