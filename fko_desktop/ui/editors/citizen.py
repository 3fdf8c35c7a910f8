"""Borger: name, CPR, area, department, dates, caseworker, municipalities, the kontaktperson,
guardians and next of kin, diagnoses, wishes — saved whole in one transaction."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from fko_desktop.models.citizen import DEFAULT_OUTCOME_SCHEMA, OutcomeSchema
from fko_desktop.ui.editors.base import (
    DateEdit,
    EditorBase,
    Submission,
    set_combo_data,
    set_widget_value,
    widget_value,
)
from fko_desktop.ui.editors.contacts import ContactsTable, responsible_combo, responsible_input
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.inputs import ContactInput

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
        # Seed 003's three schemas are all for children and young people: chosen per child,
        # never offered for an adult (VUM/FFB).
        self.outcome_schema = QComboBox()
        for schema in OutcomeSchema:
            self.outcome_schema.addItem(tr(schema.label), schema.value)
        self.add_field(
            "outcome_schema",
            self.outcome_schema,
            "Århus-skema",
            "Det af Århus-skemaerne, barnet eller den unge vurderes i: Unge, Børn og familie "
            "eller Handicap. Skemaet afgør faktorerne ud over de fem fælles.",
        )
        self.area.currentIndexChanged.connect(self._show_schema)
        self.department = QComboBox()
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
        self.staff = self.unit.staff.list()
        self.responsible = responsible_combo(self.staff)
        self.add_field(
            "responsible",
            self.responsible,
            "Kontaktperson",
            "Den medarbejder, der har ansvaret for borgeren i hverdagen.",
        )
        self.contacts = ContactsTable(self._on_edited)
        self.form.addRow(QLabel(tr("Forældremyndighed, værge, pårørende og andre kontakter") + ":"))
        self.form.addRow(self.contacts)

    TEXT_FIELDS = (
        "name",
        "cpr",
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
        areas = self.unit.record.areas
        self.area.clear()
        for code, label in AREAS:
            # A unit serves the areas it was set up for; a citizen already here keeps theirs.
            if code in areas or (citizen is not None and citizen.area.value == code):
                self.area.addItem(tr(label), code)
        set_combo_data(self.area, citizen.area.value if citizen else context.get("area", areas[0]))
        schema = citizen.outcome_schema if citizen and citizen.outcome_schema else DEFAULT_OUTCOME_SCHEMA
        set_combo_data(self.outcome_schema, schema.value)
        self._show_schema()
        self.department.clear()
        self.department.addItem(tr("(ingen)"), None)
        for name in self.unit.record.departments:
            self.department.addItem(name, name)
        if citizen is not None and citizen.department and self.department.findData(citizen.department) < 0:
            self.department.addItem(citizen.department, citizen.department)
        set_combo_data(self.department, citizen.department if citizen else None)
        self.intake_date.set_value(citizen.intake_date if citizen else None)
        self.end_date.set_value(citizen.end_date if citizen else None)
        contacts = citizen.contacts if citizen else ()
        responsible = [c for c in contacts if c.kind.value == "contact_person"]
        set_combo_data(self.responsible, responsible[0].staff_id if responsible else None)
        # The form edits the first kontaktperson; a second one (a stand-in) is kept as it is.
        self._more_responsible = [
            ContactInput(c.kind, c.name, c.relation, c.phone, c.email, c.staff_id) for c in responsible[1:]
        ]
        self.contacts.set_contacts(contacts)

    def _show_schema(self, *_args: object) -> None:
        self.show_row("outcome_schema", self.area.currentData() == "children")

    def draft_fields(self) -> dict[str, Any]:
        return {**super().draft_fields(), "contacts": self.contacts.rows()}

    def restore_fields(self, fields: dict[str, Any]) -> None:
        super().restore_fields(fields)
        if "contacts" in fields:
            self.contacts.set_contacts(fields["contacts"])

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in self.TEXT_FIELDS:
            values[key] = widget_value(self.fields[key])
        values["area"] = self.area.currentData()
        values["outcome_schema"] = self.outcome_schema.currentData() if values["area"] == "children" else None
        values["department"] = self.department.currentData()
        values["intake_date"] = self.intake_date.value()
        values["end_date"] = self.end_date.value()
        return values

    def _write(self) -> Submission | None:
        values = self.values()
        responsible = responsible_input(self.responsible, self.staff)
        contacts = [*([responsible] if responsible else []), *self._more_responsible, *self.contacts.inputs()]
        record_id = self.record_id
        if record_id is None:
            name, cpr, area = values.pop("name"), values.pop("cpr"), values.pop("area")
            return Submission(
                lambda unit: unit.citizens.create(name=name, cpr=cpr, area=area, contacts=contacts, **values)
            )
        return Submission(lambda unit: unit.citizens.update(record_id, contacts=contacts, **values))
