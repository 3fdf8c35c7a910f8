"""Bestilling: the fast path for typing an order from the authority's PDF, goals inline.

Gem saves the whole form – the order's fields, every goal row, new or stored, and the services
– in ONE ``save_order_form`` call (one transaction): a refusal of any row leaves the file as it
was and the form (and its draft) as typed. Opened with ``replaces_order_id``, a new order
replaces that one (its open goals end).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.catalogs import domain_catalog_for_area, load_catalog
from fko_desktop.models.enums import MeetingKind
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.editors.base import (
    ERROR_STYLE,
    DateEdit,
    EditorBase,
    ScoreCombo,
    Submission,
    compact_combo,
    fill_catalog_combo,
    set_combo_data,
    set_widget_value,
    widget_value,
)
from fko_desktop.ui.editors.goal import DOMAIN_HELP, citizen_area, domain_combo
from fko_desktop.ui.editors.order_services import ServicesTable
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Changed
from fko_desktop.unit.inputs import GoalInput, OrderFormGoal
from fko_desktop.unit.rows import GoalRow, OrderRow

MAX_GOAL_ROWS = 10


class OrderGoalRow(QFrame):
    """One goal of the order: text on the first line; domain, baseline, target and start
    date on the second."""

    def __init__(
        self,
        number: int,
        catalog_id: str,
        start: dt.date,
        on_change: Callable[[], None],
        on_remove: Callable[[OrderGoalRow], None],
    ) -> None:
        super().__init__()
        self.goal_id: int | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.caption = QLabel()
        # A SMART goal is often two or three sentences: show it whole, not scrolled sideways.
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("Målets tekst"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 3 + 12)
        self.domain = domain_combo(catalog_id)
        self.domain.setToolTip(tr(DOMAIN_HELP.get(catalog_id, "")))
        self.baseline = ScoreCombo()
        self.target = ScoreCombo()
        self.start = DateEdit()
        self.start.set_value(start)
        self.start.setToolTip(tr("Målets startdato; følger modtagelsesdatoen, til du ændrer den."))
        for combo in (self.domain, self.baseline, self.target):
            compact_combo(combo)
        self.text.setMinimumWidth(200)
        self.remove = QPushButton(tr("Fjern"))
        self.remove.clicked.connect(lambda: on_remove(self))
        self.caption.setMinimumWidth(44)
        first = QHBoxLayout()
        first.addWidget(self.caption)
        first.addWidget(self.text, 3)
        second = QHBoxLayout()
        second.addSpacing(self.caption.minimumWidth() + first.spacing())
        for line, pairs in (
            (first, ((tr("Område"), self.domain, 2),)),
            (
                second,
                (
                    (tr("Baseline"), self.baseline, 1),
                    (tr("Mål"), self.target, 1),
                    (tr("Start"), self.start, 0),
                ),
            ),
        ):
            for label, widget, stretch in pairs:
                caption = QLabel(label + ":")
                caption.setBuddy(widget)
                line.addWidget(caption)
                line.addWidget(widget, stretch)
        second.addWidget(self.remove)
        layout.addLayout(first)
        layout.addLayout(second)
        self.set_number(number)
        self.text.textChanged.connect(on_change)
        for combo in (self.domain, self.baseline, self.target):
            combo.currentIndexChanged.connect(on_change)
        self.start.dateChanged.connect(on_change)
        # The start date follows the order's received date until the user sets it.
        self.start_manual = False
        self._following = False
        self.start.dateChanged.connect(self._start_edited)

    def _start_edited(self) -> None:
        if not self._following:
            self.start_manual = True

    def follow_start(self, start: dt.date) -> None:
        if self.start_manual or self.goal_id is not None:
            return
        self._following = True
        try:
            self.start.set_value(start)
        finally:
            self._following = False

    def set_number(self, number: int) -> None:
        self.caption.setText(tr("Mål {n}").format(n=number))
        prefix = tr("Mål {n}").format(n=number)
        for widget, label in (
            (self.text, "tekst"),
            (self.domain, "målområde"),
            (self.baseline, "baseline"),
            (self.target, "målscore"),
            (self.start, "startdato"),
            (self.remove, "fjern"),
        ):
            widget.setAccessibleName(f"{prefix} – {tr(label)}")

    def widgets(self) -> list[QWidget]:
        return [self.text, self.domain, self.baseline, self.target, self.start, self.remove]

    def state(self) -> dict[str, Any]:
        return {
            "goal_id": self.goal_id,
            "start_manual": self.start_manual,
            **{k: widget_value(w) for k, w in self._named().items()},
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.goal_id = state.get("goal_id")
        self._following = True
        try:
            for key, widget in self._named().items():
                set_widget_value(widget, state.get(key))
        finally:
            self._following = False
        self.start_manual = bool(state.get("start_manual"))

    def _named(self) -> dict[str, QWidget]:
        return {
            "text": self.text,
            "domain": self.domain,
            "baseline": self.baseline,
            "target": self.target,
            "start": self.start,
        }

    def is_blank(self) -> bool:
        return not self.text.toPlainText().strip() and self.domain.currentData() is None

    def goal_input(self, catalog_id: str) -> GoalInput:
        return GoalInput(
            text=self.text.toPlainText(),
            domain_code=self.domain.currentData(),
            start_date=self.start.value(),  # type: ignore[arg-type]
            baseline=self.baseline.value(),
            target=self.target.value(),
            domain_catalog=catalog_id,
        )


class OrderEditor(EditorBase):
    """``load(None, citizen_id=…)`` types in a new order; ``load(order_id)`` edits one."""

    EDITOR = "order"
    TITLE = "Bestilling"

    def _build_body(self) -> None:
        column = QVBoxLayout(self.body)
        column.addLayout(self.form)
        self.goal_rows: list[OrderGoalRow] = []
        self.catalog_id = "ics"
        self._stored_goals: list[Any] = []
        heading = QLabel(tr("Indsatsmål"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        column.addWidget(heading)
        self.goals_error = QLabel()
        self.goals_error.setStyleSheet(ERROR_STYLE)
        self.goals_error.setWordWrap(True)
        self.goals_error.setAccessibleName(tr("Indsatsmål – fejl"))
        self.goals_error.hide()
        column.addWidget(self.goals_error)
        self.goal_box = QVBoxLayout()
        self.goal_box.setSpacing(4)
        column.addLayout(self.goal_box)
        buttons = QHBoxLayout()
        self.add_goal_button = QPushButton(tr("Tilføj mål"))
        self.add_goal_button.setAccessibleName(tr("Tilføj mål"))
        self.add_goal_button.setToolTip(tr("Tilføj endnu et indsatsmål (normalt højst 3)"))
        self.add_goal_button.clicked.connect(lambda: self.add_goal_row(focus=True))
        buttons.addWidget(self.add_goal_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        self._build()
        for key in (
            "text",
            "domain_code",
            "baseline",
            "target",
            "start_date",
            "goal_type_code",
            "follow_up_date",
            "related_themes",
        ):
            self.field_aliases[key] = "goals"
        self.errors["goals"] = self.goals_error

    def _build(self) -> None:
        self.meeting_date = DateEdit(optional=True)
        self.meeting_kind = QComboBox()
        self.meeting_kind.addItem(tr("–"), None)
        for kind in MeetingKind:
            self.meeting_kind.addItem(tr(kind.label), kind.value)
        self.received_date = DateEdit()
        self.sender_name = QLineEdit()
        self.sender_organisation = QLineEdit()
        self.purpose = QPlainTextEdit()
        self.agreements = QPlainTextEdit()
        self.other_needs = QPlainTextEdit()
        for edit in (self.purpose, self.agreements, self.other_needs):
            edit.setFixedHeight(56)
        self.support_need = QComboBox()
        fill_catalog_combo(self.support_need, load_catalog("ffb").set("support_need"))
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        meeting_box = self.make_field(
            "meeting_date", self.meeting_date, "Mødedato", "Datoen for mødet, bestillingen kommer fra."
        )
        received_box = self.make_field(
            "received_date",
            self.received_date,
            "Modtaget",
            "Datoen, bestillingen kom til enheden (senest 14 dage efter mødet).",
        )
        row.addWidget(meeting_box)
        row.addWidget(
            self.make_field(
                "meeting_kind", self.meeting_kind, "Mødetype", "Det møde, bestillingen kommer fra."
            )
        )
        received_caption = QLabel(tr("Modtaget") + ":")
        received_caption.setBuddy(self.received_date)
        row.addWidget(received_caption)
        row.addWidget(received_box)
        row.addStretch(1)
        caption = QLabel(tr("Mødedato") + ":")
        caption.setBuddy(self.meeting_date)
        self.form.addRow(caption, dates)
        sender = QWidget()
        row = QHBoxLayout(sender)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(
            self.make_field(
                "sender_name", self.sender_name, "Afsender", "Sagsbehandleren, der sendte bestillingen."
            ),
            1,
        )
        self.sender_organisation.setPlaceholderText(tr("Kommune/afdeling"))
        row.addWidget(
            self.make_field("sender_organisation", self.sender_organisation, "Afsenders organisation"), 1
        )
        caption = QLabel(tr("Afsender") + ":")
        caption.setBuddy(self.sender_name)
        self.form.addRow(caption, sender)
        self.add_field(
            "intervention_purpose",
            self.purpose,
            "Indsatsformål",
            "Det overordnede formål med hele indsatsen.",
        )
        self.add_field("agreements", self.agreements, "Aftaler", "Aftaler mellem myndighed og udfører.")
        self.add_field("other_needs", self.other_needs, "Andre behov", "Behov, der ikke har et mål.")
        self.services = ServicesTable()
        self.services.changed.connect(self._on_edited)
        self.add_field(
            "services", self.services, "Ydelser", "De ydelser, bestillingen giver, og lovgrundlaget for dem."
        )
        self.add_field(
            "support_need_code",
            self.support_need,
            "Støttebehov",
            "Myndighedens vurdering af støttebehovet (voksne, FFB).",
        )
        self.received_date.dateChanged.connect(self._received_changed)

    def _received_changed(self) -> None:
        received = self.received_date.value()
        if received is not None:
            for row in self.goal_rows:
                row.follow_start(received)

    # -- goal rows -------------------------------------------------------------------------------

    def add_goal_row(self, focus: bool = False) -> OrderGoalRow | None:
        if len(self.goal_rows) >= MAX_GOAL_ROWS:
            return None
        start = self.received_date.value() or dt.date.today()
        row = OrderGoalRow(
            len(self.goal_rows) + 1, self.catalog_id, start, self._on_edited, self._remove_goal_row
        )
        for combo in (row.baseline, row.target):
            combo.set_style(self.score_style)
        self.goal_rows.append(row)
        self.goal_box.addWidget(row)
        self.add_goal_button.setEnabled(len(self.goal_rows) < MAX_GOAL_ROWS)
        self._fix_tab_order()
        if self.readonly:
            for widget in row.widgets():
                widget.setEnabled(False)
        if focus:
            row.text.setFocus()
        self._on_edited()
        return row

    def _remove_goal_row(self, row: OrderGoalRow) -> None:
        if row.goal_id is not None:
            self.show_error(tr("Et gemt mål kan ikke fjernes her; afslut det på målet."), "goals")
            return
        self.goal_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for number, other in enumerate(self.goal_rows, start=1):
            other.set_number(number)
        self.add_goal_button.setEnabled(True)
        self._fix_tab_order()
        self._on_edited()

    def _clear_goal_rows(self) -> None:
        for row in self.goal_rows:
            row.setParent(None)
            row.deleteLater()
        self.goal_rows = []
        self.add_goal_button.setEnabled(True)

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.meeting_date,
            self.meeting_kind,
            self.received_date,
            self.sender_name,
            self.sender_organisation,
            self.purpose,
            self.agreements,
            self.other_needs,
            *self.services.widgets(),
            self.support_need,
        ]
        for row in self.goal_rows:
            chain.extend(row.widgets())
        chain.extend([self.add_goal_button, self.save_button])
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- load / save --------------------------------------------------------------------------------

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        self._clear_goal_rows()
        self._stored_goals = []
        self.replaces_order_id: int | None = None
        if record_id is not None:
            order = self._read_order(record_id)
            self.citizen_id = order.citizen_id
        else:
            order = None
            self.citizen_id = context["citizen_id"]
        self.style_scores(self.citizen_id)
        area = citizen_area(self.unit, self.citizen_id)
        self.catalog_id = domain_catalog_for_area(area)
        adults = area == "adults"
        self.show_row("support_need_code", adults)
        if order is None:
            self.meeting_date.set_value(None)
            self.meeting_kind.setCurrentIndex(0)
            self.received_date.set_value(dt.date.today())
            for line in (self.sender_name, self.sender_organisation):
                line.clear()
            for box in (self.purpose, self.agreements, self.other_needs):
                box.clear()
            self.support_need.setCurrentIndex(0)
            self.services.clear()
            self.add_goal_row()
            self.title_label.setText(self._new_title(context.get("replaces_order_id")))
        else:
            self.title_label.setText(tr("Bestilling"))
            self.meeting_date.set_value(order.meeting_date)
            set_combo_data(self.meeting_kind, order.meeting_kind.value if order.meeting_kind else None)
            self.received_date.set_value(order.received_date)
            self.sender_name.setText(order.sender_name or "")
            self.sender_organisation.setText(order.sender_organisation or "")
            self.purpose.setPlainText(order.intervention_purpose or "")
            self.agreements.setPlainText(order.agreements or "")
            self.other_needs.setPlainText(order.other_needs or "")
            set_combo_data(self.support_need, order.support_need_code)
            self.services.show_services(order.services)
            self._stored_goals = sorted(order.goals, key=lambda g: g.position)
            for goal in self._stored_goals:
                self._add_stored_goal_row(goal)

    def _new_title(self, replaces_order_id: int | None) -> str:
        """ "Ny bestilling", or which order the new one replaces (by its received date)."""
        self.replaces_order_id = replaces_order_id
        if replaces_order_id is None:
            return tr("Ny bestilling")
        earlier = self._read_order(replaces_order_id)
        when = format_date(earlier.named_on) or tr("uden dato")
        return tr("Ny bestilling, der erstatter bestillingen fra {d}").format(d=when)

    def _add_stored_goal_row(self, goal: GoalRow) -> None:
        row = self.add_goal_row()
        assert row is not None
        row.goal_id = goal.id
        row.text.setPlainText(goal.text)
        set_combo_data(row.domain, goal.domain_code)
        row.baseline.set_value(goal.baseline)
        row.target.set_value(goal.target)
        row.start.set_value(goal.start_date)

    def _read_order(self, order_id: int) -> OrderRow:
        return self.unit.orders.get(order_id)

    def draft_fields(self) -> dict[str, Any]:
        fields = super().draft_fields()
        fields["goals"] = [row.state() for row in self.goal_rows]
        fields["services"] = self.services.state()
        return fields

    def restore_fields(self, fields: dict[str, Any]) -> None:
        super().restore_fields({k: v for k, v in fields.items() if k not in ("goals", "services")})
        if "services" in fields:
            self.services.restore(fields["services"] or [])
        states = fields.get("goals") or []
        self._clear_goal_rows()
        for state in states:
            row = self.add_goal_row()
            if row is not None:
                row.restore(state)
        # A goal stored after the draft was written (from the goal's own form) is shown too:
        # the form cannot remove a stored goal, so leaving it out would make Gem refuse.
        restored = {row.goal_id for row in self.goal_rows}
        for goal in self._stored_goals:
            if goal.id not in restored:
                self._add_stored_goal_row(goal)

    def order_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "meeting_date": self.meeting_date.value(),
            "meeting_kind": self.meeting_kind.currentData(),
            "received_date": self.received_date.value(),
            "sender_name": self.sender_name.text(),
            "sender_organisation": self.sender_organisation.text(),
            "intervention_purpose": self.purpose.toPlainText(),
            "agreements": self.agreements.toPlainText(),
            "other_needs": self.other_needs.toPlainText(),
        }
        if self.catalog_id == "ffb":
            fields["support_need_code"] = self.support_need.currentData()
        return fields

    def _check_rows(self) -> list[OrderGoalRow] | None:
        rows = [row for row in self.goal_rows if not (row.goal_id is None and row.is_blank())]
        for number, row in enumerate(self.goal_rows, start=1):
            if row in rows and row.domain.currentData() is None:
                self.show_error(tr("Vælg et målområde for mål {n}.").format(n=number), "goals")
                row.domain.setFocus()
                return None
        return rows

    def _write(self) -> Submission | None:
        rows = self._check_rows()
        if rows is None:
            return None
        goals = [
            OrderFormGoal(
                row.goal_input(self.catalog_id), goal_id=row.goal_id, number=self.goal_rows.index(row) + 1
            )
            for row in rows
        ]
        record_id, fields = self.record_id, self.order_fields()
        fields["services"] = self.services.services()
        place: dict[str, Any] = {}
        if record_id is None:  # a new order: whose, and the order it replaces (if any)
            place = {"citizen_id": self.citizen_id, "replaces_order_id": self.replaces_order_id}

        def after(result: Changed[int]) -> None:
            # The new rows' goals are the last ones of the order, in the order the rows were given.
            stored = sorted(self.unit.orders.get(result.value).goals, key=lambda g: g.position)
            new_rows = [row for row in rows if row.goal_id is None]
            for row, goal in zip(new_rows, stored[len(stored) - len(new_rows) :], strict=False):
                row.goal_id = goal.id
            self._stored_goals = stored

        return Submission(
            lambda unit: unit.orders.save_form(record_id, goals=goals, **place, **fields), after
        )
