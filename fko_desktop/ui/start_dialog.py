"""The guided start, when there is no unit file to open: make a new unit with its first staff
member, open an existing unit file, look around in the demo unit — or, for the municipality's
manager who has no unit file, compare the statistics files of several units (issue 14).

A new unit is made by the core in one call (``Unit.create_with_first_staff``): its name,
departments and areas, and the person who makes it, who becomes its administrator. A refusal
(an empty name, initials that cannot be used, a file that already exists) is shown beside the
form and nothing is left on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.ui.editors.base import ERROR_STYLE
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.login_dialog import password_field
from fko_desktop.ui.runner import Runner
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import Unit, places

if TYPE_CHECKING:
    from fko_desktop.ui.overview.comparison import ComparisonDialog

UNIT_FILTER = "FKO-enhedsfiler (*.fko)"


class StartDialog(QDialog):
    """Accepted with ``chosen_path`` (a file to open, or ``"demo"``) or ``created`` (a new
    unit, open, with its first staff member bound as the actor)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Velkommen til FKO Desktop"))
        fit_to_screen(self, 640, 560)
        self.chosen_path: Path | str | None = None
        self.created: Unit | None = None
        self.runner: Runner | None = None  # made when the comparison is first opened
        self.comparison: ComparisonDialog | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choices())
        self.pages.addWidget(self._new_unit_form())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- the three ways in -------------------------------------------------------------------

    def _choices(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        heading = QLabel(tr("Der er ingen enhedsfil at åbne endnu. Hvad vil du?"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        heading.setWordWrap(True)
        column.addWidget(heading)
        for label, help_text, action in (
            (
                tr("Opret en ny enhed"),
                tr("For et bosted, der begynder at dokumentere: enhedens navn, afdelinger og dig selv "
                   "som første medarbejder."),
                self.show_new_unit,
            ),
            (
                tr("Åbn en eksisterende enhedsfil …"),
                tr("En enhedsfil (*.fko), som enheden allerede bruger, fx kopieret fra en anden pc."),
                self.choose_existing,
            ),
            (
                tr("Åbn demoenheden"),
                tr("Opdigtede borgere og to års notater at se programmet an på. Intet her er rigtige data."),
                self.choose_demo,
            ),
            (
                tr("Sammenlign statistik fra flere enheder …"),
                tr("For kommunen: statistikfiler (*.json) fra enhederne, lavet med »fko stats export«. De "
                   "har ingen navne eller CPR-numre, og ingen enhedsfil åbnes."),
                self.compare_units,
            ),
        ):  # fmt: skip
            button = QPushButton(label)
            button.setMinimumHeight(44)
            button.setStyleSheet("text-align: left; padding-left: 12px; font-size: 11pt;")
            button.clicked.connect(action)
            explanation = QLabel(help_text)
            explanation.setWordWrap(True)
            explanation.setStyleSheet("color: #555; margin-left: 12px; margin-bottom: 10px;")
            column.addWidget(button)
            column.addWidget(explanation)
        column.addStretch(1)
        close = QPushButton(tr("Luk"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        column.addLayout(row)
        return page

    def choose_existing(self, path: str | None = None) -> None:
        chosen = path or QFileDialog.getOpenFileName(self, tr("Åbn enhedsfil"), "", tr(UNIT_FILTER))[0]
        if chosen:
            self.chosen_path = Path(chosen)
            self.accept()

    def choose_demo(self) -> None:
        self.chosen_path = "demo"
        self.accept()

    def compare_units(self, paths: list[str] | None = None) -> ComparisonDialog:
        """The comparison of statistics files over this dialog, on a runner of its own that
        has no unit (the files are read off the GUI thread all the same); closing it comes
        back here."""
        from fko_desktop.ui.overview import open_comparison

        if self.runner is None:
            self.runner = Runner(None, self)
        self.comparison = open_comparison(self.runner, self, paths)
        return self.comparison

    def done(self, result: int) -> None:
        if self.runner is not None:
            self.runner.close()  # stops a comparison still reading, and waits for it
            self.runner = None
        super().done(result)

    # -- a new unit --------------------------------------------------------------------------

    def _new_unit_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(tr("fx Bostedet Egely"))
        self.unit_name.textChanged.connect(self._suggest_path)
        self.departments = QPlainTextEdit()
        self.departments.setPlaceholderText(tr("Én afdeling pr. linje, fx\nAfd. Nord\nAfd. Syd"))
        self.departments.setFixedHeight(80)
        self.departments.setTabChangesFocus(True)
        self.children_area = QCheckBox(tr("Børn og unge"))
        self.adults_area = QCheckBox(tr("Voksne"))
        self.children_area.setChecked(True)
        areas = QHBoxLayout()
        areas.addWidget(self.children_area)
        areas.addWidget(self.adults_area)
        areas.addStretch(1)
        self.staff_name = QLineEdit()
        self.staff_initials = QLineEdit()
        self.staff_initials.setMaxLength(12)
        self.staff_title = QLineEdit()
        self.staff_title.setPlaceholderText(tr("fx Afdelingsleder"))
        self.staff_password = password_field(tr("Din adgangskode"))
        self.staff_password.setPlaceholderText(tr("mindst 10 tegn"))
        self.staff_password_again = password_field(tr("Gentag adgangskoden"))
        self.path = QLineEdit()
        browse = QPushButton(tr("Gennemse …"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        for label, widget in (
            ("Enhedens navn", self.unit_name),
            ("Afdelinger", self.departments),
        ):
            widget.setAccessibleName(tr(label))
            form.addRow(tr(label) + ":", widget)
        form.addRow(tr("Enheden har") + ":", areas)
        staff_heading = QLabel(tr("Dig selv – enhedens første medarbejder og administrator"))
        staff_heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        form.addRow(staff_heading)
        for label, widget in (
            ("Dit navn", self.staff_name),
            ("Dine initialer", self.staff_initials),
            ("Din stilling", self.staff_title),
            ("Din adgangskode", self.staff_password),
            ("Gentag adgangskoden", self.staff_password_again),
        ):
            widget.setAccessibleName(tr(label))
            form.addRow(tr(label) + ":", widget)
        self.path.setAccessibleName(tr("Enhedsfilen gemmes som"))
        form.addRow(tr("Gemmes som") + ":", where)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        back = QPushButton(tr("Tilbage"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.create_button = QPushButton(tr("Opret enheden"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_unit)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        column = QVBoxLayout(page)
        heading = QLabel(tr("Opret en ny enhed"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        column.addWidget(heading)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addStretch(1)
        column.addLayout(buttons)
        return page

    def show_new_unit(self) -> None:
        self.pages.setCurrentIndex(1)
        self._suggest_path()
        self.unit_name.setFocus()

    def _suggest_path(self) -> None:
        """The data folder and the unit's name, until the user picks a place of their own."""
        if self.path.isModified():
            return
        name = safe_file_name(self.unit_name.text()) or tr("Ny enhed")
        self.path.setText(str(places.data_dir() / f"{name}.fko"))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Gem enhedsfilen som"), self.path.text(), tr(UNIT_FILTER)
        )
        if chosen:
            self.path.setText(chosen if chosen.endswith(".fko") else chosen + ".fko")
            self.path.setModified(True)

    def create_unit(self) -> Unit | None:
        """Make the unit with its first staff member; on refusal say why and keep the form."""
        areas = [
            area
            for area, box in (("children", self.children_area), ("adults", self.adults_area))
            if box.isChecked()
        ]
        if not self.path.text().strip():
            self.message.setText(tr("Vælg, hvor enhedsfilen skal gemmes."))
            self.message.show()
            return None
        if self.staff_password.text() != self.staff_password_again.text():
            self.message.setText(tr("De to adgangskoder er ikke ens."))
            self.message.show()
            return None
        try:
            self.created = Unit.create_with_first_staff(
                self.path.text().strip(),
                self.unit_name.text(),
                staff_name=self.staff_name.text(),
                staff_initials=self.staff_initials.text(),
                staff_password=self.staff_password.text(),
                staff_title=self.staff_title.text(),
                departments=self.departments.toPlainText().splitlines(),
                areas=areas,
            )
        except FkoError as error:
            self.message.setText(error.message)
            self.message.show()
            return None
        from fko_desktop.ui.recovery_key_dialog import show_recovery_key

        show_recovery_key(self.created)  # an encrypted unit's key, shown this once
        self.accept()
        return self.created
