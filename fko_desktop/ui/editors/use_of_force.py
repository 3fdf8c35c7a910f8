"""Magtanvendelse: one form for an incident (indberetning) and for a permission (tilladelse).

The two kinds share the measure, the description and the authority; the form shows only the
fields of the kind chosen, so a pædagog registering last night's incident is not asked about
review dates, and the caseworker's permission is not asked how many minutes it lasted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from fko_desktop.errors import ValidationError
from fko_desktop.models.enums import UseOfForceKind
from fko_desktop.ui.editors.base import DateEdit, EditorBase, Submission, set_combo_data, text_value
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.inputs import INCIDENT_FIELDS, MAX_DURATION_MINUTES, PERMISSION_FIELDS

_TIME = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*$")


class TimeField(QLineEdit):
    """A time of day as Danes write it ("19.40" or "19:40"); empty means "not known"."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(tr("tt.mm"))
        self.setMaxLength(5)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,2}([.:]\d{0,2})?$"), self))

    def value(self) -> dt.time | None:
        text = self.text().strip()
        if not text:
            return None
        found = _TIME.match(text)
        if found is None or int(found[1]) > 23 or int(found[2]) > 59:
            raise ValidationError(tr("Skriv klokkeslættet som tt.mm, fx 19.40."), field="occurred_time")
        return dt.time(int(found[1]), int(found[2]))

    def set_value(self, value: dt.time | None) -> None:
        self.setText(value.strftime("%H.%M") if value is not None else "")


class DurationField(QSpinBox):
    """Minutes 0–1440, or "–" (not known): the lowest value stands for no value."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1, MAX_DURATION_MINUTES)
        self.setSpecialValueText(tr("–"))
        self.setSuffix(tr(" min."))
        self.setValue(-1)

    def minutes(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_minutes(self, value: int | None) -> None:
        self.setValue(-1 if value is None else value)


def _text(widget: QPlainTextEdit | QLineEdit) -> str | None:
    return text_value(widget).strip() or None


class UseOfForceEditor(EditorBase):
    """``load(record_id)`` corrects a registration; ``load(None, citizen_id=…, kind=…)`` makes one."""

    EDITOR = "use_of_force"
    TITLE = "Magtanvendelse"

    def _build(self) -> None:
        self.kind = QComboBox()
        for kind in UseOfForceKind:
            self.kind.addItem(tr(kind.label), kind.value)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.add_field("kind", self.kind, "Type", "En indberetning af en magtanvendelse eller en tilladelse.")
        self.measure = QComboBox()
        self.add_field(
            "measure_code", self.measure, "Indgreb", "Hvilket indgreb der blev brugt eller er tilladt."
        )
        self.occurred_on = DateEdit()
        self.add_field("occurred_on", self.occurred_on, "Dato", "Hvornår magtanvendelsen skete.")
        self.occurred_time = TimeField()
        self.occurred_time.setMaximumWidth(90)
        self.add_field(
            "occurred_time",
            self.occurred_time,
            "Klokkeslæt",
            "Fx 19.40; lad feltet stå tomt, hvis det ikke kendes.",
        )
        self.duration = DurationField()
        self.duration.setMaximumWidth(120)
        self.add_field(
            "duration_minutes", self.duration, "Varighed", "Hvor længe indgrebet varede, i minutter."
        )
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(90)
        self.add_field(
            "description",
            self.description,
            "Hvad skete der",
            "Forløbet: hvad skete der før, under og efter indgrebet?",
        )
        self.prevention_tried = QPlainTextEdit()
        self.prevention_tried.setFixedHeight(60)
        self.add_field(
            "prevention_tried",
            self.prevention_tried,
            "Forsøgt først",
            "Hvad blev prøvet for at undgå magt (afledning, ro, plads …)?",
        )
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(tr("fx AH og KL (vikar)"))
        self.add_field("participants", self.participants, "Medvirkende", "Hvem der var med til indgrebet.")
        self.reported_on = DateEdit(optional=True)
        self.add_field(
            "reported_on",
            self.reported_on,
            "Indberettet den",
            "Hvornår magtanvendelsen blev indberettet til myndigheden; tom: ikke endnu.",
        )
        self.reported_to = QLineEdit()
        self.reported_to.setPlaceholderText(tr("fx Aarhus Kommune, Socialtilsyn Midt"))
        self.add_field(
            "reported_to",
            self.reported_to,
            "Myndighed",
            "Hvem magtanvendelsen er indberettet til, eller hvem der gav tilladelsen.",
        )
        self.period_start = DateEdit()
        self.add_field("period_start", self.period_start, "Gælder fra", "Tilladelsens første dag.")
        self.period_end = DateEdit(optional=True)
        self.add_field(
            "period_end", self.period_end, "Gælder til", "Tilladelsens sidste dag; tom: indtil videre."
        )
        self.review_date = DateEdit()
        self.add_field(
            "review_date",
            self.review_date,
            "Revurderes",
            "Hvornår tilladelsen skal revurderes; datoen står i Dagens overblik.",
        )

    def current_kind(self) -> UseOfForceKind:
        return UseOfForceKind(self.kind.currentData())

    def _show_kind(self) -> None:
        kind = self.current_kind()
        wanted = INCIDENT_FIELDS if kind is UseOfForceKind.REPORT else PERMISSION_FIELDS
        for key in INCIDENT_FIELDS | PERMISSION_FIELDS:
            self.show_row(key, key in wanted)
        incident = kind is UseOfForceKind.REPORT
        self.caption("description").setText(tr("Hvad skete der:" if incident else "Tilladelsen omfatter:"))
        self.caption("reported_to").setText(tr("Indberettet til:" if incident else "Givet af:"))
        self.title_label.setText(tr("Magtanvendelse" if incident else "Tilladelse til magtanvendelse"))

    def _fill_measures(self, citizen_id: int) -> None:
        self.measure.clear()
        self.measure.addItem(tr("– vælg indgreb –"), None)
        for code, display in self.unit.use_of_force.measures(citizen_id):
            self.measure.addItem(tr(display), code)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        if record_id is not None:
            record = self.unit.use_of_force.get(record_id)
            self.citizen_id = record.citizen_id
            self._fill_measures(record.citizen_id)
            set_combo_data(self.kind, record.kind.value)
            self.kind.setEnabled(False)  # an incident never turns into a permission
            set_combo_data(self.measure, record.measure_code)
            self.occurred_on.set_value(record.occurred_on)
            self.occurred_time.set_value(record.occurred_time)
            self.duration.set_minutes(record.duration_minutes)
            self.description.setPlainText(record.description)
            self.prevention_tried.setPlainText(record.prevention_tried or "")
            self.participants.setText(record.participants or "")
            self.reported_on.set_value(record.reported_on)
            self.reported_to.setText(record.reported_to or "")
            self.period_start.set_value(record.period_start)
            self.period_end.set_value(record.period_end)
            self.review_date.set_value(record.review_date)
        else:
            self.citizen_id = context["citizen_id"]
            self._fill_measures(self.citizen_id)
            set_combo_data(self.kind, UseOfForceKind(context.get("kind", UseOfForceKind.REPORT)).value)
            self.kind.setEnabled(True)
            for widget in (self.description, self.prevention_tried):
                widget.clear()
            for line in (self.participants, self.reported_to):
                line.clear()
            self.occurred_on.set_value(dt.date.today())
            self.occurred_time.set_value(None)
            self.duration.set_minutes(None)
            self.reported_on.set_value(None)
            self.period_start.set_value(dt.date.today())
            self.period_end.set_value(None)
            self.review_date.set_value(dt.date.today() + dt.timedelta(days=90))
        self._show_kind()

    def fields_for_core(self) -> dict[str, object]:
        """The shown kind's fields, as the core names them (the other kind's are not sent)."""
        every: dict[str, object] = {
            "measure_code": self.measure.currentData(),
            "description": _text(self.description),
            "reported_to": _text(self.reported_to),
            "occurred_on": self.occurred_on.value(),
            "occurred_time": self.occurred_time.value(),
            "duration_minutes": self.duration.minutes(),
            "participants": _text(self.participants),
            "prevention_tried": _text(self.prevention_tried),
            "reported_on": self.reported_on.value(),
            "period_start": self.period_start.value(),
            "period_end": self.period_end.value(),
            "review_date": self.review_date.value(),
        }
        wanted = INCIDENT_FIELDS if self.current_kind() is UseOfForceKind.REPORT else PERMISSION_FIELDS
        return {key: value for key, value in every.items() if key in wanted}

    def _write(self) -> Submission | None:
        fields = self.fields_for_core()  # a bad time is refused here, beside its field
        record_id, citizen_id, kind = self.record_id, self.citizen_id, self.current_kind().value
        if record_id is not None:
            return Submission(lambda unit: unit.use_of_force.update(record_id, **fields))
        return Submission(lambda unit: unit.use_of_force.record(citizen_id, kind=kind, **fields))
