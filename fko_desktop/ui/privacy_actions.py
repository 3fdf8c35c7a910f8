"""The window's privacy actions: CPR in full or masked, "Skjul navne", the data subject access
export ("Indsigt") and erasure after the retention period.

Kept apart from the window so it stays about what it shows. Every choice goes through
``unit.privacy``: the CPR choice is a write (stored on the person's staff record, audited),
"Skjul navne" only changes what this window shows until it closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from fko_desktop.models.formatting import format_date
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.tree_model import CitizenIdRole

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow
    from fko_desktop.ui.runner import Task

HIDE_NAMES_SHORTCUT = "Ctrl+Shift+N"


def build_privacy_actions(window: MainWindow, file_menu: QMenu, view_menu: QMenu, before: QAction) -> None:
    """Add the actions to the Vis menu, and to the Filer menu above ``before`` (Afslut)."""
    privacy = window.unit.privacy
    full = QAction(tr("Vis fulde CPR-numre"), window, checkable=True)
    full.setToolTip(tr("Dit eget valg; ellers vises CPR-numre som DDMMÅÅ-XXXX i lister og udskrifter"))
    full.setChecked(privacy.show_full_cpr)
    # The choice is stored on the person's own staff record: it needs someone logged in.
    full.setEnabled(not window.readonly)
    full.toggled.connect(lambda on: set_full_cpr(window, on))
    window.full_cpr_action = full
    view_menu.addAction(full)
    hide = QAction(tr("Skjul navne"), window, checkable=True)
    hide.setShortcut(QKeySequence(HIDE_NAMES_SHORTCUT))
    hide.setToolTip(tr("Vis borgerne med initialer, fx i et fællesrum (Ctrl+Shift+N)"))
    hide.toggled.connect(lambda on: set_hide_names(window, on))
    window.hide_names_action = hide
    view_menu.addAction(hide)
    subject = QAction(tr("Indsigt for borgeren …"), window)
    subject.setToolTip(tr("Alt om den valgte borger som PDF og JSON (leder eller administrator)"))
    subject.setEnabled(not window.readonly and privacy.may_export())
    subject.triggered.connect(lambda: export_subject_access(window))
    file_menu.insertAction(before, subject)
    if subject.isEnabled():
        # On the citizen too: a right click in the tree, beside "Hvem har set/ændret borgeren".
        window.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        window.tree.addAction(subject)
    erase = QAction(tr("Sletning efter opbevaringsperioden …"), window)
    erase.setEnabled(not window.readonly and privacy.may_erase())
    erase.triggered.connect(lambda: erase_citizen(window))
    file_menu.insertAction(before, erase)
    file_menu.insertSeparator(before)


def set_full_cpr(window: MainWindow, on: bool) -> Task | None:
    if on == window.unit.privacy.show_full_cpr:
        return None

    def refused(failure: object) -> None:
        # The choice was not stored: the check mark goes back to what is.
        window.full_cpr_action.blockSignals(True)
        window.full_cpr_action.setChecked(window.unit.privacy.show_full_cpr)
        window.full_cpr_action.blockSignals(False)
        QMessageBox.warning(window, tr("Vis fulde CPR-numre"), getattr(failure, "message", ""))

    return (
        window.runner.op(window, lambda unit, _progress: unit.privacy.set_show_full_cpr(on))
        .success(lambda _changed: window.redraw_people())
        .failure(refused)
        .run()
    )


def set_hide_names(window: MainWindow, on: bool) -> None:
    window.unit.privacy.hide_names = on
    window.redraw_people()
    window.statusBar().showMessage(
        tr("Navne er skjult: borgerne vises med initialer.") if on else tr("Navne vises igen."), 6000
    )


def export_subject_access(window: MainWindow, path: str | None = None) -> Task | None:
    citizen_id = window.tree.currentIndex().data(CitizenIdRole)
    if citizen_id is None:
        window.statusBar().showMessage(tr("Vælg først en borger i træet."), 8000)
        return None
    citizen = window.unit.citizens.get(citizen_id)
    if path is None:
        suggested = safe_file_name(f"Indsigt – {citizen.name}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            window, tr("Gem indsigt som PDF"), str(Path.home() / suggested), tr("PDF-filer (*.pdf)")
        )
        if not path:
            return None
    target = Path(path)
    # The save dialog asked before replacing the PDF's name; the JSON beside it is never
    # replaced unasked.
    return (
        window.runner.query(
            window,
            lambda unit, _progress: unit.privacy.export_subject_access(
                citizen.id, target, replace=target.suffix.lower() == ".pdf", replace_json=False
            ),
        )
        .with_progress(tr("Laver udtræk til indsigt …"))
        .success(
            lambda made: window.statusBar().showMessage(
                tr("Indsigt gemt som {pdf} og {json}").format(pdf=made.pdf, json=made.json), 15000
            )
        )
        .run()
    )


def erase_citizen(window: MainWindow) -> Task | None:
    """Pick a citizen whose retention has passed, confirm by typing "slet", erase."""
    privacy = window.unit.privacy
    candidates = privacy.erasable()
    title = tr("Sletning efter opbevaringsperioden")
    if not candidates:
        QMessageBox.information(
            window, title, tr("Ingen fraflyttede borgere har passeret opbevaringsperioden.")
        )
        return None
    labels = [
        tr("{name} – fraflyttet {moved}, kan slettes fra {date}").format(
            name=privacy.citizen_name(c.citizen_id, c.name),
            moved=format_date(c.end_date),
            date=format_date(c.retention_ends),
        )
        for c in candidates
    ]
    chosen, ok = QInputDialog.getItem(window, title, tr("Borger:"), labels, 0, False)
    if not ok:
        return None
    candidate = candidates[labels.index(chosen)]
    answer, ok = QInputDialog.getText(
        window,
        title,
        tr(
            "Alt om {name} slettes for altid: notater, planer, mål og historik.\n"
            "Skriv »slet« for at fortsætte:"
        ).format(name=privacy.citizen_name(candidate.citizen_id, candidate.name)),
    )
    if not ok or answer.strip().lower() != "slet":
        return None
    return (
        window.runner.query(window, lambda unit, _progress: unit.privacy.erase(candidate.citizen_id))
        .with_progress(title)
        .success(lambda _result: _erased(window))
        .run()
    )


def _erased(window: MainWindow) -> None:
    window.redraw_people()
    window.statusBar().showMessage(tr("Borgeren er slettet; sletningen står i loggen."), 10000)
