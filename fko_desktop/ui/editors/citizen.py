"""Borger: name, CPR, area, department, dates, caseworker, municipalities, diagnoses, wishes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from fko_desktop.ui.editors.base import (
    DateEdit,
    EditorBase,
    Submission,
    set_combo_data,
    set_widget_value,
    widget_value,
)
from fko_desktop.ui.i18n import tr

AREAS = (("children", "Børn og unge"), ("adults", "Voksne"))


class CitizenEditor(EditorBase):
    """``load(citizen_id)`` edits a citizen; ``load(None)`` creates one."""

    EDITOR = "citizen"
    TITLE = "Borger"

    def _build(self) -> None:
        self.name = QLineEdit()
        self.add_field("name", self.name, "Navn")
        self.cpr = QLineEdit()
        self.cpr.setPlaceholderText("DDMMÅÅ-SSSS")
        self.cpr.setMaxLength(11)
        self.add_field("cpr", self.cpr, "CPR-nummer", "CPR-nummeret som DDMMÅÅ-SSSS.")
        self.area = QComboBox()
        for code, label in AREAS:
            self.area.addItem(tr(label), code)
        self.add_field("area", self.area, "Område", "Børn og unge bruger ICS-dimensioner, voksne FFB-temaer.")
        self.department = QLineEdit()
        self.add_field("department", self.department, "Afdeling")
        self.intake_date = DateEdit(optional=True)
        self.add_field("intake_date", self.intake_date, "Indflytningsdato")
        self.end_date = DateEdit(optional=True)
        self.add_field("end_date", self.end_date, "Fraflytningsdato")
        self.caseworker_name = QLineEdit()
        self.add_field(
            "caseworker_name", self.caseworker_name, "Sagsbehandler", "Myndighedens sagsbehandler/rådgiver."
        )
        self.caseworker_contact = QLineEdit()
        self.add_field(
            "caseworker_contact", self.caseworker_contact, "Sagsbehandlers kontakt", "Telefon eller e-mail."
        )
        self.acting_municipality = QLineEdit()
        self.add_field("acting_municipality", self.acting_municipality, "Handlekommune")
        self.paying_municipality = QLineEdit()
        self.add_field("paying_municipality", self.paying_municipality, "Betalingskommune")
        self.diagnoses = QPlainTextEdit()
        self.diagnoses.setFixedHeight(60)
        self.add_field("diagnoses", self.diagnoses, "Diagnoser")
        self.wishes = QPlainTextEdit()
        self.wishes.setFixedHeight(60)
        self.add_field(
            "wishes", self.wishes, "Borgerens ønsker", "Borgerens egne ønsker og mål med opholdet."
        )

    TEXT_FIELDS = (
        "name",
        "cpr",
        "department",
        "caseworker_name",
        "caseworker_contact",
        "acting_municipality",
        "paying_municipality",
        "diagnoses",
        "wishes",
    )

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        citizen = self.unit.citizens.get(record_id) if record_id is not None else None
        self.title_label.setText(tr("Borger") if citizen else tr("Ny borger"))
        for key in self.TEXT_FIELDS:
            set_widget_value(self.fields[key], (getattr(citizen, key) or "") if citizen else "")
        set_combo_data(self.area, citizen.area.value if citizen else context.get("area", "children"))
        self.intake_date.set_value(citizen.intake_date if citizen else None)
        self.end_date.set_value(citizen.end_date if citizen else None)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in self.TEXT_FIELDS:
            values[key] = widget_value(self.fields[key])
        values["area"] = self.area.currentData()
        values["intake_date"] = self.intake_date.value()
        values["end_date"] = self.end_date.value()
        return values

    def _write(self) -> Submission | None:
        values = self.values()
        record_id = self.record_id
        if record_id is None:
            name, cpr, area = values.pop("name"), values.pop("cpr"), values.pop("area")
            return Submission(lambda unit: unit.citizens.create(name=name, cpr=cpr, area=area, **values))
        return Submission(lambda unit: unit.citizens.update(record_id, **values))
