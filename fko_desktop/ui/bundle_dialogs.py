"""Send and receive encrypted bundles, and the unit's own key pair, from the window.

The dialogs only collect choices and show results: making, reading, checking and importing a
bundle are core calls (``fko_desktop.exchange``), run off the GUI thread because a transfer of a
citizen's whole history, or a passphrase's deliberately slow key derivation, takes seconds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError, ValidationError
from fko_desktop.exchange import (
    FILE_SUFFIX,
    BundleKind,
    ConflictPolicy,
    IdentityKey,
    Passphrase,
    RecipientKey,
    fingerprint,
    load_identity,
    load_recipient,
    parse_recipient,
    read_bundle_file,
)
from fko_desktop.exchange.format import Party
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.runner import Failure, Runner, Task, TaskDialog
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import Unit, places

#: What a unit sends most, first; the authority's kinds are for the same app in its role.
EXPORT_KINDS = (
    (BundleKind.STATUS, "Status til myndighed"),
    (BundleKind.TRANSFER, "Overflytning af borgeren til et andet tilbud"),
    (BundleKind.ORDER, "Bestilling (som myndighed)"),
    (BundleKind.FOLLOWUP, "Resultat af opfølgning (som myndighed)"),
)
POLICIES = (
    (ConflictPolicy.REFUSE, "Indlæs ikke, så længe der er konflikter"),
    (ConflictPolicy.KEEP_LOCAL, "Indlæs resten og behold vores egne ændringer"),
    (ConflictPolicy.TAKE_INCOMING, "Indlæs bundtets udgave (vores tekst gemmes som tidligere version)"),
)


def unit_key_paths(unit: Unit) -> tuple[Path, Path]:
    return unit.bundles.key_paths()


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(tr("Besked"))
    return label


class SecretChooser(QWidget):
    """Passphrase or key. Sending: the recipient's public key; receiving: our private key."""

    def __init__(
        self, *, sending: bool, default_key: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.sending = sending
        self.by_passphrase = QRadioButton(tr("Adgangsfrase aftalt i telefonen"))
        self.by_key = QRadioButton(
            tr("Modtagerens offentlige nøgle") if sending else tr("Vores private nøgle")
        )
        group = QButtonGroup(self)
        group.addButton(self.by_passphrase)
        group.addButton(self.by_key)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Adgangsfrase"))
        self.passphrase.setPlaceholderText(tr("mindst 8 tegn"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(tr("Gentag adgangsfrasen"))
        self.key_path = QLineEdit(str(default_key) if default_key else "")
        self.key_path.setAccessibleName(tr("Nøglefil"))
        self.key_path.setPlaceholderText(
            tr("nøglefil, eller indsæt en offentlig nøgle (age1…)") if sending else tr("den private nøglefil")
        )
        self.choose_key = QPushButton(tr("Vælg …"))
        self.choose_key.setAccessibleName(tr("Vælg nøglefil"))
        self.choose_key.clicked.connect(self._choose_key)
        self.fingerprint = QLabel()
        self.fingerprint.setAccessibleName(tr("Fingeraftryk"))
        self.fingerprint.setWordWrap(True)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.by_passphrase)
        form.addRow(tr("Adgangsfrase:"), self.passphrase)
        if sending:
            form.addRow(tr("Gentag:"), self.repeat)
        form.addRow(self.by_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path, 1)
        key_row.addWidget(self.choose_key)
        form.addRow(tr("Nøgle:"), key_row)
        form.addRow("", self.fingerprint)
        self.by_passphrase.toggled.connect(self._mode_changed)
        self.key_path.textChanged.connect(self._show_fingerprint)
        (self.by_key if default_key and default_key.exists() else self.by_passphrase).setChecked(True)
        self._mode_changed()

    def _mode_changed(self) -> None:
        passphrase = self.by_passphrase.isChecked()
        for field in (self.passphrase, self.repeat):
            field.setEnabled(passphrase)
        for control in (self.key_path, self.choose_key):
            control.setEnabled(not passphrase)
        self._show_fingerprint()

    def _choose_key(self) -> None:
        caption = tr("Vælg modtagerens offentlige nøgle") if self.sending else tr("Vælg vores private nøgle")
        path, _ = QFileDialog.getOpenFileName(self, caption, self.key_path.text() or str(Path.home()))
        if path:
            self.key_path.setText(path)

    def _show_fingerprint(self) -> None:
        if self.by_passphrase.isChecked() or not self.key_path.text().strip():
            self.fingerprint.setText("")
            return
        try:
            key = self._public_key()
        except FkoError as error:
            self.fingerprint.setText(error.message)
            return
        # Read aloud over the phone and compared with the other party's: a swapped key shows here.
        self.fingerprint.setText(
            tr("Fingeraftryk: {fp} – sammenlign det i telefonen.").format(fp=fingerprint(key))
        )

    def _public_key(self) -> RecipientKey:
        text = self.key_path.text().strip()
        if text.startswith("age1"):
            return parse_recipient(text)
        if not Path(text).is_file():
            raise ValidationError(tr("Nøglefilen {path} findes ikke.").format(path=text))
        return load_recipient(text)

    def secret(self) -> Passphrase | RecipientKey | IdentityKey:
        """The chosen secret, or a Danish refusal (FkoError) saying what is missing."""
        if self.by_passphrase.isChecked():
            if self.sending and self.passphrase.text() != self.repeat.text():
                raise ValidationError(tr("De to adgangsfraser er ikke ens."))
            return Passphrase(self.passphrase.text())
        text = self.key_path.text().strip()
        if not text:
            raise ValidationError(tr("Vælg en nøglefil."))
        if self.sending:
            return self._public_key()
        if not Path(text).is_file():
            raise ValidationError(tr("Nøglefilen {path} findes ikke.").format(path=text))
        return load_identity(text)


class ExportBundleDialog(TaskDialog):
    """Make a bundle about one citizen, ending with the file ready to attach to a mail."""

    def __init__(
        self, runner: Runner, citizen_id: int, citizen_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner, self.unit = runner, runner.unit
        self.citizen_id, self.citizen_name = citizen_id, citizen_name
        self.result_path: Path | None = None
        self.task: Task | None = None
        self.setWindowTitle(tr("Send bundt – {name}").format(name=citizen_name))
        fit_to_screen(self, 640, 440)
        intro = QLabel(
            tr(
                "Bundtet indeholder personoplysninger om {name} og krypteres, så kun modtageren kan "
                "åbne det. Det sendes som vedhæftet fil i en almindelig mail."
            ).format(name=citizen_name)
        )
        intro.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Slags bundt"))
        for kind, label in EXPORT_KINDS:
            self.kind.addItem(tr(label), kind.value)
        self.recipient = QLineEdit()
        self.recipient.setAccessibleName(tr("Modtager"))
        self._suggested: Party | None = None
        self.secret = SecretChooser(sending=True)
        self.folder = QLineEdit(str(places.bundle_dir()))
        self.folder.setAccessibleName(tr("Mappe"))
        choose_folder = QPushButton(tr("Skift …"))
        choose_folder.setAccessibleName(tr("Skift mappe"))
        choose_folder.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose_folder)
        self.message = message_label()

        form = QFormLayout()
        form.addRow(tr("Bundt:"), self.kind)
        form.addRow(tr("Til:"), self.recipient)
        form.addRow(tr("Kryptering:"), self.secret)
        form.addRow(tr("Gem i:"), folder_row)
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton(tr("Lav bundt"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_folder_button = self.buttons.addButton(
            tr("Åbn mappen"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder_button.setEnabled(False)
        close = self.buttons.addButton(tr("Luk"), QDialogButtonBox.ButtonRole.RejectRole)
        self.make_button.clicked.connect(lambda: self.make())
        self.open_folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._suggest_recipient)
        self._suggest_recipient()

    def current_kind(self) -> BundleKind:
        return BundleKind(self.kind.currentData())

    def _suggest_recipient(self) -> None:
        self._suggested = self.unit.bundles.suggested_recipient(self.current_kind(), self.citizen_id)
        self.recipient.setText(self._suggested.name)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Vælg mappe til bundtet"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _target(self) -> Path:
        folder = Path(self.folder.text().strip() or places.bundle_dir())
        stem = safe_file_name(
            f"{self.current_kind().label} – {self.citizen_name} – {dt.date.today().isoformat()}"
        )
        target, counter = folder / f"{stem}{FILE_SUFFIX}", 1
        while target.exists():
            counter += 1
            target = folder / f"{stem} ({counter}){FILE_SUFFIX}"
        return target

    def recipient_party(self) -> Party:
        name = " ".join(self.recipient.text().split())
        if not name:
            raise ValidationError(tr("Skriv, hvem bundtet er til."))
        suggested = self._suggested
        # The remembered identity goes along only while the name is the one it belongs to.
        if suggested is not None and name == suggested.name:
            return suggested
        return Party(name=name)

    def make(self) -> Task | None:
        """Make the bundle in three steps: read the snapshot (on the worker that owns the
        unit), make and encrypt it (on the other worker: a note saved meanwhile is stored at
        once), then write the file and the ledger (the unit's worker again)."""
        try:
            secret = self.secret.secret()
            recipient = self.recipient_party()
            target = self._target()
            places.private_dir(target.parent)
            self.unit.bundles.check_target(target)
        except FkoError as error:
            self.message.setText(error.message)
            return None
        except OSError as error:
            self.message.setText(tr("Mappen kan ikke bruges: {reason}.").format(reason=error.strerror))
            return None
        kind, citizen_id, title = self.current_kind(), self.citizen_id, tr("Send bundt")

        def made(bundle: Any) -> None:
            self.task = (
                self.runner.op(self, lambda unit, _p: unit.bundles.record_export(bundle, out=target))
                .with_progress(title)
                .success(lambda change: done(change.value.path))
                .failure(refused)
                .run(initiator=self)
            )

        def prepared(snapshot: Any) -> None:
            self.task = (
                self.runner.compute(self, lambda _p: self.unit.bundles.make_export(snapshot, secret))
                .with_progress(title)
                .success(made)
                .failure(refused)
                .run()
            )

        def done(path: Path | None) -> None:
            self.task = None
            self.make_button.setEnabled(True)
            self.result_path = path
            self.open_folder_button.setEnabled(path is not None)
            self.message.setText(
                tr(
                    "Bundtet er klar: {path}\nVedhæft det i en mail til {to}. "
                    "Adgangsfrasen siges i telefonen – aldrig i mailen."
                ).format(path=path, to=recipient.name)
            )

        def refused(failure: Failure) -> None:
            self.task = None
            self.make_button.setEnabled(True)
            self.message.setText(failure.message)

        self.make_button.setEnabled(False)
        self.message.setText(tr("Laver bundtet …"))
        self.task = (
            self.runner.query(
                self,
                lambda unit, _p: unit.bundles.prepare_export(
                    kind=kind, citizen_id=citizen_id, recipient=recipient
                ),
            )
            .with_progress(title, cancellable=True)
            .success(prepared)
            .failure(refused)
            .run()
        )
        return self.task

    def open_folder(self) -> None:
        if self.result_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_path.parent)))


class ImportBundleDialog(TaskDialog):
    """Open a received bundle, show what it would change, and import it on request."""

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, one_based: bool = False) -> None:
        super().__init__(parent)
        self.runner, self.unit = runner, runner.unit
        unit = self.unit
        #: The window's "Vis scorer som 1–5": the preview names scores as the window shows them.
        self.one_based = one_based
        self.bundle: Any = None
        self.plan: Any = None
        self.task: Task | None = None
        self.setWindowTitle(tr("Indlæs bundt"))
        fit_to_screen(self, 760, 600)
        self.file = QLineEdit()
        self.file.setAccessibleName(tr("Bundtfil"))
        self.file.setPlaceholderText(tr("den modtagne fil (*{suffix})").format(suffix=FILE_SUFFIX))
        choose = QPushButton(tr("Vælg …"))
        choose.setAccessibleName(tr("Vælg bundtfil"))
        choose.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(choose)
        self.secret = SecretChooser(sending=False, default_key=unit_key_paths(unit)[0])
        self.read_button = QPushButton(tr("Læs og kontrollér"))
        self.read_button.clicked.connect(lambda: self.read())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(tr("Hvad indlæsningen vil gøre"))
        self.preview.setPlaceholderText(
            tr(
                "Her vises, hvad bundtet vil oprette og ændre, før noget gemmes. "
                "Bundtet kontrolleres først: afsender, modtager, CPR-nummer og navn, "
                "og at intet er ændret undervejs."
            )
        )
        self.policy_caption = QLabel(tr("Ved konflikter:"))
        self.policy = QComboBox()
        self.policy.setAccessibleName(tr("Ved konflikter"))
        for policy, label in POLICIES:
            self.policy.addItem(tr(label), policy.value)
        self.policy.currentIndexChanged.connect(lambda: self._plan_again())
        self.message = message_label()

        form = QFormLayout()
        form.addRow(tr("Fil:"), file_row)
        form.addRow(tr("Åbnes med:"), self.secret)
        form.addRow("", self.read_button)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(tr("Indlæs"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda: self.apply())
        close = self.buttons.addButton(tr("Luk"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        policy_row = QHBoxLayout()
        policy_row.addWidget(self.policy_caption)
        policy_row.addWidget(self.policy, 1)
        layout.addLayout(policy_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show_policy(False)

    def _show_policy(self, visible: bool) -> None:
        self.policy_caption.setVisible(visible)
        self.policy.setVisible(visible)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Vælg bundt"),
            str(Path.home()),
            tr("FKO-bundter (*{suffix});;Alle filer (*)").format(suffix=FILE_SUFFIX),
        )
        if path:
            self.file.setText(path)

    def current_policy(self) -> ConflictPolicy:
        return ConflictPolicy(self.policy.currentData())

    def _reset(self) -> None:
        self.bundle = self.plan = None
        self.preview.clear()
        self.import_button.setEnabled(False)
        self._show_policy(False)

    def read(self) -> Task | None:
        """Decrypt and verify the bundle, then plan the import; nothing is written."""
        self._reset()
        try:
            secret = self.secret.secret()
        except FkoError as error:
            self.message.setText(error.message)
            return None
        path = self.file.text().strip()
        if not path:
            self.message.setText(tr("Vælg den fil, du har modtaget."))
            return None
        policy, title, one_based = self.current_policy(), tr("Indlæs bundt"), self.one_based

        def planned(result: tuple[Any, Any]) -> None:
            self.task = None
            self.read_button.setEnabled(True)
            self.bundle, plan = result
            self._show_plan(plan)

        def opened(bundle: Any) -> None:
            # Planning reads the unit: on the worker that owns it.
            self.task = (
                self.runner.query(
                    self, lambda unit, _p: (bundle, unit.bundles.plan(bundle, policy, one_based=one_based))
                )
                .with_progress(title)
                .success(planned)
                .failure(self._refused)
                .run()
            )

        self.read_button.setEnabled(False)
        self.message.setText(tr("Læser bundtet …"))
        # Decrypting (a passphrase's slow key derivation) needs no unit: the other worker.
        self.task = (
            self.runner.compute(self, lambda progress: _decrypt(path, secret, progress))
            .with_progress(title, cancellable=True)
            .success(opened)
            .failure(self._refused)
            .run()
        )
        return self.task

    def _refused(self, failure: Failure) -> None:
        self.task = None
        self.read_button.setEnabled(True)
        self.message.setText(failure.message)

    def _plan_again(self) -> None:
        if self.bundle is None:
            return
        try:
            self._show_plan(
                self.unit.bundles.plan(self.bundle, self.current_policy(), one_based=self.one_based)
            )
        except FkoError as error:
            self.message.setText(error.message)

    def _show_plan(self, plan: Any) -> None:
        self.plan = plan
        self.preview.setPlainText("\n".join(plan.lines()))
        self._show_policy(bool(plan.conflicts) or self.current_policy() is not ConflictPolicy.REFUSE)
        blocked = bool(plan.conflicts) and self.current_policy() is ConflictPolicy.REFUSE
        nothing = plan.already_imported_at is not None or plan.nothing_to_do
        self.import_button.setEnabled(not blocked and not nothing and not self.unit.readonly)
        if blocked:
            self.message.setText(
                tr(
                    "Bundtet er i konflikt med ændringer her. Vælg, hvad der skal ske, "
                    "eller tal med afsenderen."
                )
            )
        elif nothing:
            self.message.setText(tr("Der er intet at indlæse."))
        else:
            self.message.setText(tr("Kontrolleret. Tryk »Indlæs« for at gemme ændringerne."))

    def apply(self) -> Task | None:
        if self.bundle is None:
            return None
        bundle, policy = self.bundle, self.current_policy()

        def done(change: Any) -> None:
            self.task = None
            self.import_button.setEnabled(False)
            result = change.value
            self.message.setText(
                tr("Indlæst: {c} oprettet, {u} ændret, {k} beholdt.").format(
                    c=result.created, u=result.changed, k=result.kept
                )
            )

        self.import_button.setEnabled(False)
        self.message.setText(tr("Indlæser …"))
        # The runner's broadcast after the write refreshes the tree and pages.
        self.task = (
            self.runner.op(self, lambda unit, _p: unit.bundles.apply(bundle, policy))
            .with_progress(tr("Indlæs bundt"))
            .success(done)
            .failure(self._refused)
            .run(initiator=self)
        )
        return self.task


def _decrypt(path: str, secret: Any, progress: Any) -> Any:
    progress.report(0, 0, tr("Dekrypterer og kontrollerer bundtet …"))
    return read_bundle_file(path, secret)


def unit_party_name(unit: Unit) -> str:
    return unit.bundles.own_party().describe()
