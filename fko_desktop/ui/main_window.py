"""The main window: plan tree on the left, the selected record's page in the centre.

Thin by design: every query and write is a call on the ``Unit`` facade (writes and slow reads
through the ``Runner``, off the GUI thread); the window only decides what to show and refreshes
what the core's ``OpChanges`` say a write changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.enums import Area
from fko_desktop.ui import opening, screenshot
from fko_desktop.ui.audit_view import log_citizen_opened
from fko_desktop.ui.citizen_header import CitizenHeader
from fko_desktop.ui.editor_dialog import EditorDialog
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.aarhus import install_aarhus_page, show_aarhus_page
from fko_desktop.ui.pages.diary import DiaryPage
from fko_desktop.ui.pages.follow_ups import FollowUpsPage
from fko_desktop.ui.pages.info import InfoPage
from fko_desktop.ui.pages.plan import PlanPage
from fko_desktop.ui.pages.record import GoalPage, SubGoalPage
from fko_desktop.ui.pages.use_of_force import UseOfForcePage
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.ui.search_results import hits_window
from fko_desktop.ui.settings import (
    GEOMETRY_SETTING,
    ONE_BASED_SETTING,
    SPLITTER_SETTING,
    settings,
)
from fko_desktop.ui.today_view import TodayView, open_work
from fko_desktop.ui.tree_model import CitizenIdRole, IdRole, KindRole, PlanTreeModel, TreeFilter
from fko_desktop.ui.window_actions import build_actions
from fko_desktop.unit import OpChanges, RecordKind, Unit
from fko_desktop.unit.rows import Deadline, SearchHit

if TYPE_CHECKING:
    from fko_desktop.ui.report_dialog import ReportDialog

PAGE_TODAY, PAGE_GOAL, PAGE_SUB_GOAL, PAGE_INFO, PAGE_FOLLOW_UPS, PAGE_PLAN, PAGE_DIARY, PAGE_FORCE = range(8)


class MainWindow(QMainWindow):
    # Made by window_actions.build_actions: the window reads them when it searches or redraws.
    search_edit: QLineEdit
    one_based_action: QAction
    full_cpr_action: QAction
    hide_names_action: QAction
    unit_settings_action: QAction
    overview_window: QWidget | None = None  # the Overblik beside the window (ui/overview)

    def __init__(self, unit: Unit, *, readonly_reason: str | None = None) -> None:
        super().__init__()
        self.unit = unit
        self.actor = actor = unit.actor
        self.readonly = unit.readonly or actor is None
        self.runner = Runner(unit, self)
        self.runner.changed.connect(self._on_changed)
        self.runner.warned.connect(self._show_warnings)
        self.drafts = unit.drafts()
        self.one_based = False
        self._current: tuple[str, int, int] | None = None
        self.setWindowTitle(tr("FKO Desktop – {unit}").format(unit=unit.name))

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        readonly_reason = readonly_reason or unit.readonly_reason
        if readonly_reason:
            self.banner.setText(tr("Skrivebeskyttet: ") + readonly_reason)
        elif self.readonly:
            self.banner.setText(tr("Skrivebeskyttet: enheden har ingen medarbejdere at skrive som."))
        # Where the file cannot safely be written (a share, a read-only medium, a second
        # name), the way on is one click: a consistent copy on this PC, opened at once.
        self.copy_button = QPushButton(tr("Kopiér til denne pc"))
        self.copy_button.setAccessibleName(tr("Kopiér enhedsfilen til denne pc"))
        self.copy_button.clicked.connect(self.copy_to_this_pc)
        self.copy_button.setVisible(not unit.placement.writable)
        self.banner_bar = QWidget()
        self.banner_bar.setObjectName("banner")
        if unit.history_problem:
            # Red, not the yellow of an ordinary read-only file: the history was tampered with.
            self.banner_bar.setStyleSheet(
                "#banner { background: #fde7e9; border-bottom: 1px solid #c50f1f; } "
                "QLabel { color: #a4262c; }"
            )
        else:
            self.banner_bar.setStyleSheet(
                "#banner { background: #fff4ce; border-bottom: 1px solid #e0c97f; } "
                "QLabel { color: #5c4400; }"
            )
        bar_layout = QHBoxLayout(self.banner_bar)
        bar_layout.setContentsMargins(6, 6, 6, 6)
        bar_layout.addWidget(self.banner, 1)
        bar_layout.addWidget(self.copy_button)
        self.banner_bar.setVisible(bool(readonly_reason) or self.readonly)

        # left: filter + tree
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(tr("Søg borger (navn eller CPR)"))
        self.filter_edit.setAccessibleName(tr("Søg borger"))
        self.filter_edit.setClearButtonEnabled(True)
        self.area_combo = QComboBox()
        self.area_combo.setAccessibleName(tr("Område"))
        self.area_combo.addItem(tr("Alle områder"), None)
        for area in Area:
            self.area_combo.addItem(tr(area.label), area)
        self.ended_check = QCheckBox(tr("Vis fraflyttede"))
        self.tree_model = PlanTreeModel(unit)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(tr("Borgere og planer"))
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.area_combo.currentIndexChanged.connect(self._apply_filter)
        self.ended_check.toggled.connect(self._apply_filter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.filter_edit)
        filters = QHBoxLayout()
        filters.addWidget(self.area_combo, 1)
        filters.addWidget(self.ended_check)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.tree, 1)

        # centre pages
        self.today = TodayView(unit)
        self.today.open_requested.connect(self.open_deadline)
        self.goal_page = GoalPage(self.runner)
        self.status_button = self.goal_page.status_button
        self.status_button.clicked.connect(self.record_goal_status)
        self.sub_goal_page = SubGoalPage(self.runner)
        self.info_page = InfoPage(self.runner)
        self.info_page.plan_requested.connect(
            lambda cid, oid: self.open_editor("PlanEditor", None, citizen_id=cid, order_id=oid)
        )
        self.info_page.replace_requested.connect(
            lambda cid, oid: self.open_editor("OrderEditor", None, citizen_id=cid, replaces_order_id=oid)
        )
        self.follow_ups_page = FollowUpsPage(self.runner)
        self.follow_ups_page.plan_requested.connect(
            lambda cid, date: self.open_editor("FollowUpEditor", None, citizen_id=cid, meeting_date=date)
        )
        self.follow_ups_page.held_requested.connect(
            lambda cid: self.open_editor("FollowUpEditor", None, citizen_id=cid, held=True)
        )
        self.follow_ups_page.open_requested.connect(lambda fid: self.open_editor("FollowUpEditor", fid))
        self.plan_page = PlanPage(self.runner)
        self.plan_page.edit_requested.connect(lambda pid: self.open_editor("PlanEditor", pid))
        self.plan_page.sub_goal_requested.connect(
            lambda gid: self.open_editor("SubGoalEditor", None, goal_id=gid)
        )
        self.diary_page = DiaryPage(self.runner)
        self.use_of_force_page = UseOfForcePage(self.runner)
        self.use_of_force_page.open_requested.connect(
            lambda rid, context: self.open_editor("UseOfForceEditor", rid, **context)
        )
        self.pages = QStackedWidget()
        pages = (
            self.today,
            self.goal_page,
            self.sub_goal_page,
            self.info_page,
            self.follow_ups_page,
            self.plan_page,
            self.diary_page,
            self.use_of_force_page,
        )
        for page in pages:
            self.pages.addWidget(page)
        self.aarhus_page = install_aarhus_page(self)
        for page in (self.goal_page, self.sub_goal_page):
            page.journal.drafts = self.drafts
            page.journal.set_readonly(self.readonly)
        self.status_button.setEnabled(not self.readonly)

        # Every page of a citizen says whose it is: a note is never written on the wrong child.
        self.citizen_header = CitizenHeader(unit)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.citizen_header)
        centre_layout.addWidget(self.pages, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 1036])
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner_bar)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        build_actions(self)
        who = actor.name if actor else tr("ingen bruger")
        self.statusBar().showMessage(tr("{unit} · {who}").format(unit=unit.name, who=who))
        self.pages.setCurrentIndex(PAGE_TODAY)
        QTimer.singleShot(0, self._fill_today)  # after the window is on screen

    # -- actions -----------------------------------------------------------------------------

    def show_today(self) -> None:
        self.citizen_header.hide()
        self.today.refresh(dt.date.today())
        self.pages.setCurrentIndex(PAGE_TODAY)

    def backup(self, folder: str | None = None) -> Task | None:
        """Copy the unit file off the GUI thread; the window stays usable and can cancel."""
        folder = folder or QFileDialog.getExistingDirectory(self, tr("Vælg mappe til sikkerhedskopien"))
        if not folder:
            return None
        title = tr("Sikkerhedskopi")

        def done(target: Path) -> None:
            saved = tr("Sikkerhedskopien er gemt som {path}.").format(path=target)
            self.statusBar().showMessage(saved, 15000)
            QMessageBox.information(self, title, saved)

        return (
            self.runner.query(self, lambda unit, progress: unit.backup(folder, progress))
            .with_progress(title, cancellable=True)
            .success(done)
            .failure(lambda failure: self._show_failure(title, failure))
            .run()
        )

    def copy_to_this_pc(self) -> Task | None:
        """Copy the unit file into this PC's data folder, then offer to work in the copy."""
        title = tr("Kopiér til denne pc")

        def done(target: Path) -> None:
            answer = QMessageBox.question(
                self,
                title,
                tr(
                    "Kopien er gemt som {path}. Husk at den nu er den fil, I arbejder i – ikke filen på "
                    "drevet. Vil du åbne kopien nu?"
                ).format(path=target),
            )
            if answer == QMessageBox.StandardButton.Yes:
                opening.switch_unit(self, target)

        return (
            self.runner.query(self, lambda unit, progress: unit.copy_to_this_pc(progress))
            .with_progress(title, cancellable=True)
            .success(done)
            .failure(lambda failure: self._show_failure(title, failure))
            .run()
        )

    def _show_failure(self, title: str, failure: Failure) -> None:
        """A stopped task is a line in the status bar; a refusal a message the user must see."""
        if failure.cancelled:
            self.statusBar().showMessage(failure.message, 10000)
        else:
            QMessageBox.warning(self, title, failure.message)

    def _fill_today(self) -> None:
        self.today.refresh(dt.date.today())

    def set_one_based(self, on: bool) -> None:
        """Every score on screen again in 0–4 or 1–5; what is stored never changes."""
        self.one_based = on
        settings().setValue(ONE_BASED_SETTING, on)
        current = self._current
        if current and current[0] == "goal":
            # The journal beside the graph keeps the note being written; only its scores change.
            self.goal_page.show_goal(current[1], one_based=on, keep_journal=True)
        elif current and current[0] == "sub_goal":
            self.sub_goal_page.show_sub_goal(current[1], one_based=on, keep_journal=True)
        else:
            self._redraw()

    def redraw_people(self) -> None:
        """Citizens named anew: CPR in full or masked, names shown or hidden, one erased."""
        self.tree_model.reload()
        shown = self._current and self.tree_model.find(*self._current).isValid()
        self._current = self._current if shown else None
        self.select_record(*self._current) if self._current else self.show_today()

    def _redraw(self) -> None:
        if self._current:
            self.show_record(*self._current)

    def search(self) -> Task | None:
        """Search every note in the background; the hits open in a window of their own."""
        text = self.search_edit.text().strip()
        if not text:
            return None
        return (
            self.runner.query(self, lambda unit, _progress: unit.search.notes(text, limit=200))
            .success(lambda hits: self._show_hits(text, hits))
            .failure(lambda failure: self.statusBar().showMessage(failure.message, 10000))
            .run()
        )

    def _show_hits(self, text: str, hits: list[SearchHit]) -> None:
        self._search_window = hits_window(self, text, hits)

    # -- selection ---------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.tree_model.set_filter(
            TreeFilter(
                text=self.filter_edit.text().strip(),
                area=self.area_combo.currentData(),
                active=None if self.ended_check.isChecked() else True,
            )
        )

    def _on_tree_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            index = indexes[0]
            self.show_record(index.data(KindRole), index.data(IdRole), index.data(CitizenIdRole))

    def select_record(self, kind: str, record_id: int, citizen_id: int) -> None:
        index = self.tree_model.find(kind, record_id, citizen_id)
        if not index.isValid() and not self.ended_check.isChecked():
            self.ended_check.setChecked(True)
            index = self.tree_model.find(kind, record_id, citizen_id)
        if index.isValid():
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def open_deadline(self, deadline: Deadline) -> None:
        open_work(self, deadline)

    def show_record(self, kind: str, record_id: int, citizen_id: int) -> None:
        if self._current is None or self._current[2] != citizen_id:
            log_citizen_opened(self, citizen_id)  # who has seen the citizen (ops/audit.py)
        self._current = (kind, record_id, citizen_id)
        self.citizen_header.show_citizen(citizen_id)
        if kind == "goal":
            self._show_goal(record_id)
        elif kind == "sub_goal":
            self._show_sub_goal(record_id)
        elif kind == "plan":
            self.plan_page.show_plan(record_id, one_based=self.one_based)
            self.pages.setCurrentIndex(PAGE_PLAN)
        elif kind == "follow_ups":
            self.follow_ups_page.show_citizen(citizen_id)
            self.pages.setCurrentIndex(PAGE_FOLLOW_UPS)
        elif kind == "diary":
            self.diary_page.show_citizen(citizen_id)
            self.pages.setCurrentIndex(PAGE_DIARY)
        elif kind == "use_of_force":
            self.use_of_force_page.show_citizen(citizen_id)
            self.pages.setCurrentIndex(PAGE_FORCE)
        elif kind == "aarhus":
            show_aarhus_page(self, self.aarhus_page, citizen_id)
        else:
            self._show_info(kind, record_id, citizen_id)

    def _show_goal(self, goal_id: int) -> None:
        self.goal_page.show_goal(goal_id, one_based=self.one_based)
        self.pages.setCurrentIndex(PAGE_GOAL)

    def _show_sub_goal(self, sub_goal_id: int) -> None:
        self.sub_goal_page.show_sub_goal(sub_goal_id, one_based=self.one_based)
        self.pages.setCurrentIndex(PAGE_SUB_GOAL)

    def _show_info(self, kind: str, record_id: int, citizen_id: int) -> None:
        self.info_page.show_record(kind, record_id, citizen_id, one_based=self.one_based)
        self.pages.setCurrentIndex(PAGE_INFO)

    # -- writes and refresh ------------------------------------------------------------------

    def open_editor(
        self, editor_name: str, record_id: int | None = None, **context: Any
    ) -> EditorDialog | None:
        """Open an editor in a dialog (non-modal, so the journal stays readable beside it)."""
        from fko_desktop.ui import editors

        if self.readonly:
            return None
        editor = getattr(editors, editor_name)(self.unit, self.runner, self.drafts)
        editor.one_based = self.one_based  # its score combos read like the pages around it
        editor.load(record_id, **context)
        dialog = EditorDialog(editor, self)
        dialog.show()
        self.active_editor = dialog
        return dialog

    def _selected(self, kind: str) -> tuple[int, int] | None:
        """(record id, citizen id) of the selected record of ``kind`` or its nearest ancestor."""
        index = self.tree.currentIndex()
        while index.isValid():
            if index.data(KindRole) == kind:
                return index.data(IdRole), index.data(CitizenIdRole)
            index = index.parent()
        return None

    def print_reports(self, kind: str | None = None) -> ReportDialog | None:
        """The print dialog for the selected citizen, narrowed to the selected goal/sub-goal."""
        from fko_desktop.reports import ReportKind
        from fko_desktop.ui.report_dialog import ReportDialog

        found = self._need("citizen", "en borger")
        if found is None:
            return None
        goal_id = sub_goal_id = None
        if self._current and self._current[0] == "goal":
            goal_id = self._current[1]
        elif self._current and self._current[0] == "sub_goal":
            sub_goal_id = self._current[1]
            goal_id = self.unit.plans.sub_goal(sub_goal_id).goal_id
        citizen = self.unit.citizens.get(found[1])
        dialog = ReportDialog(
            self.runner,
            citizen.id,
            self.unit.privacy.citizen_name(citizen.id, citizen.name),
            goal_id=goal_id,
            sub_goal_id=sub_goal_id,
            one_based=self.one_based,
            printed_by=self.actor.name if self.actor else None,
            parent=self,
        )
        dialog.open_editor = None if self.readonly else self.open_editor
        if kind is not None:
            dialog.set_kind(ReportKind(kind))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.refresh()
        return dialog

    def send_bundle(self) -> QDialog | None:
        from fko_desktop.ui.bundle_dialogs import ExportBundleDialog

        found = self._need("citizen", "en borger")
        if found is None or self.actor is None or self.readonly:
            return None
        citizen = self.unit.citizens.get(found[1])
        dialog = ExportBundleDialog(self.runner, citizen.id, citizen.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def import_bundle(self) -> QDialog | None:
        from fko_desktop.ui.bundle_dialogs import ImportBundleDialog

        if self.actor is None or self.readonly:
            return None
        dialog = ImportBundleDialog(self.runner, self, one_based=self.one_based)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_staff(self) -> QDialog:
        from fko_desktop.ui.staff_dialog import StaffDialog

        return self._show_dialog(StaffDialog(self.runner, self))

    def show_keys(self) -> QDialog:
        from fko_desktop.ui.bundle_keys import KeysDialog

        return self._show_dialog(KeysDialog(self.unit, self))

    @staticmethod
    def _show_dialog(dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _need(self, kind: str, label: str) -> tuple[int, int] | None:
        found = self._selected(kind)
        if found is None:
            self.statusBar().showMessage(tr("Vælg først {what} i træet.").format(what=tr(label)), 8000)
        return found

    def new_citizen(self) -> None:
        self.open_editor("CitizenEditor", None, area="children")

    def new_order(self) -> None:
        found = self._need("citizen", "en borger")
        if found:
            self.open_editor("OrderEditor", None, citizen_id=found[1])

    def new_sub_goal(self) -> None:
        found = self._need("goal", "et indsatsmål")
        if found:
            self.open_editor("SubGoalEditor", None, goal_id=found[0])

    def new_follow_up(self) -> None:
        """Plan the citizen's next follow-up, on the day it is owed (the list proposes it)."""
        found = self._need("citizen", "en borger")
        if found:
            self.follow_ups_page.show_citizen(found[1])
            date = self.follow_ups_page.proposed_date()
            self.open_editor("FollowUpEditor", None, citizen_id=found[1], meeting_date=date)

    def edit_selected(self) -> None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return
        editor = {
            "citizen": "CitizenEditor",
            "order": "OrderEditor",
            "goal": "GoalEditor",
            "sub_goal": "SubGoalEditor",
            "plan": "PlanEditor",
        }.get(index.data(KindRole))
        if index.data(KindRole) == "follow_ups" and (chosen := self.follow_ups_page.selected()):
            self.open_editor("FollowUpEditor", chosen.id)
        elif editor:
            self.open_editor(editor, index.data(IdRole))

    def record_goal_status(self) -> None:
        if self._current is None or self._current[0] != "goal":
            return
        self.open_editor("GoalStatusEditor", None, goal_id=self._current[1])

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        """Refresh what the core says a write changed (one broadcast per write)."""
        if changes.moves_tree:
            # The tree and its deadline badges; the shown page is drawn again from the file.
            self.tree_model.reload()
            if self._current:
                self.select_record(*self._current)
        elif (
            changes.touches(RecordKind.JOURNAL_NOTE)
            and self._current
            and self._current[0] == "sub_goal"
            and changes.concerns_sub_goal(self._current[1])
        ):
            # The journal panel refreshes itself; only the score graph beside it needs redrawing,
            # and not for a new note without a score written in that panel (nothing to plot).
            journal = self.sub_goal_page.journal
            if initiator is not journal or journal.last_note_scored:
                self.sub_goal_page.redraw_graph(self._current[1], one_based=self.one_based)

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        for warning in warnings:
            self.statusBar().showMessage(warning, 10000)

    # -- screenshots, layout, closing --------------------------------------------------------

    def show_for_screenshot(self, citizen_ref: str | None, view: str) -> QWidget | None:
        """Arrange the window for a documentation picture; returns the dialog to capture when
        the view is an editor (None: capture the window)."""
        return screenshot.arrange(self, citizen_ref, view)

    def restore_layout(self) -> None:
        store = settings()
        geometry = store.value(GEOMETRY_SETTING)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = store.value(SPLITTER_SETTING)
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        store = settings()
        store.setValue(GEOMETRY_SETTING, self.saveGeometry())
        store.setValue(SPLITTER_SETTING, self.splitter.saveState())
        panels = (self.goal_page.journal, self.sub_goal_page.journal)
        unsaved = [panel for panel in panels if panel.note_edit.toPlainText().strip()]
        for panel in unsaved:
            panel.flush_draft()
        if unsaved:
            question = tr(
                "Du har skrevet et notat, der ikke er gemt. Vil du lukke alligevel? "
                "Kladden gemmes til næste gang."
            )
            answer = QMessageBox.question(self, tr("Ikke gemt notat"), question)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        # Work still running in the background is stopped and waited for: the unit file is
        # closed only when no thread uses it any more (a cancelled task leaves nothing behind).
        self.runner.close()
        self.unit.close()
        event.accept()

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex()
