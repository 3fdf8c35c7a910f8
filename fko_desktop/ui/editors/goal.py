"""Indsatsmål: text, domain from the citizen's catalog, goal type, baseline/target and dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from fko_desktop.models.catalogs import domain_catalog_for_area, load_catalog
from fko_desktop.ui.editors.base import (
    DateEdit,
    EditorBase,
    ScoreCombo,
    Submission,
    fill_catalog_combo,
    set_combo_data,
    text_value,
)
from fko_desktop.ui.editors.contacts import responsible_combo
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit
from fko_desktop.unit.inputs import GoalInput

DOMAIN_HELP = {
    "ics": "ICS-dimension (børn og unge). Vælg én; kan der ikke vælges én, er målet nok for bredt.",
    "ffb": "FFB-undertema under Aktivitet og deltagelse (voksne). Overskrifterne kan ikke vælges.",
}


def citizen_area(unit: Unit, citizen_id: int) -> str:
    return unit.orders.citizen_area(citizen_id).value


def order_citizen_id(unit: Unit, order_id: int) -> int:
    return unit.orders.get(order_id).citizen_id


def domain_combo(catalog_id: str) -> QComboBox:
    combo = QComboBox()
    fill_catalog_combo(combo, load_catalog(catalog_id).set("goal_domains"), none_text="– vælg målområde –")
    return combo


def goal_type_combo(catalog_id: str) -> QComboBox:
    combo = QComboBox()
    fill_catalog_combo(combo, load_catalog("ffb" if catalog_id == "ffb" else "ics").set("goal_types"))
    return combo


class GoalEditor(EditorBase):
    """``load(goal_id)`` edits a goal; ``load(None, order_id=…)`` adds one to an order."""

    EDITOR = "goal"
    TITLE = "Indsatsmål"

    def _build(self) -> None:
        self.catalog_id = "ics"
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(tr("Målet, som myndigheden har formuleret det (SMART)"))
        self.text_edit.setFixedHeight(80)
        self.add_field(
            "text",
            self.text_edit,
            "Målets tekst",
            "Indsatsmålet fra bestillingen: specifikt, målbart, realistisk og tidsafgrænset.",
        )
        self.domain = domain_combo("ics")
        self.add_field("domain_code", self.domain, "Målområde", DOMAIN_HELP["ics"])
        self.goal_type = goal_type_combo("ics")
        self.add_field(
            "goal_type_code",
            self.goal_type,
            "Måltype",
            "Udvikle, fastholde eller begrænse tab af funktionsevne.",
        )
        self.baseline = ScoreCombo()
        self.add_field("baseline", self.baseline, "Baseline", "Scoren ved start, 0–4; lavere er bedre.")
        self.target = ScoreCombo()
        self.add_field(
            "target", self.target, "Målscore", "Den score, målet sigter mod, 0–4; lavere er bedre."
        )
        self.start_date = DateEdit()
        self.add_field(
            "start_date", self.start_date, "Startdato", "Målstatus (M1, M2 …) regnes hver 3. måned herfra."
        )
        self.follow_up_date = DateEdit(optional=True)
        self.add_field(
            "follow_up_date", self.follow_up_date, "Opfølgningsdato", "Myndighedens opfølgning på målet."
        )
        self.justification = QPlainTextEdit()
        self.justification.setFixedHeight(70)
        self.add_field("justification", self.justification, "Begrundelse", "Hvorfor målet er valgt.")
        self.responsible = responsible_combo(self.unit.staff.list())
        self.add_field(
            "responsible_id", self.responsible, "Ansvarlig", "Den medarbejder, der har ansvaret for målet."
        )
        self.end_date = DateEdit(optional=True)
        self.add_field(
            "end_date",
            self.end_date,
            "Slutdato",
            "Et afsluttet mål skylder ingen målstatus efter denne dato.",
        )
        self.end_reason = QLineEdit()
        self.end_reason.setPlaceholderText(tr("fx Målet er nået, erstattet af ny bestilling, fraflytning"))
        self.add_field("end_reason", self.end_reason, "Årsag til afslutning")
        self._related_themes: tuple[str, ...] = ()

    def _set_catalog(self, catalog_id: str) -> None:
        if catalog_id == self.catalog_id:
            return
        self.catalog_id = catalog_id
        fill_catalog_combo(
            self.domain, load_catalog(catalog_id).set("goal_domains"), none_text="– vælg målområde –"
        )
        types = load_catalog("ffb" if catalog_id == "ffb" else "ics").set("goal_types")
        fill_catalog_combo(self.goal_type, types)
        self.domain.setToolTip(tr(DOMAIN_HELP.get(catalog_id, "")))

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        if record_id is not None:
            goal = self.unit.orders.goal(record_id)
            self.order_id = goal.order_id
            self.style_scores(goal.citizen_id)
            self._set_catalog(goal.domain_catalog)
            self.text_edit.setPlainText(goal.text)
            set_combo_data(self.domain, goal.domain_code)
            set_combo_data(self.goal_type, goal.goal_type_code)
            self.baseline.set_value(goal.baseline)
            self.target.set_value(goal.target)
            self.start_date.set_value(goal.start_date)
            self.follow_up_date.set_value(goal.follow_up_date)
            self.justification.setPlainText(goal.justification or "")
            set_combo_data(self.responsible, goal.responsible_id)
            self.end_date.set_value(goal.end_date)
            self.end_reason.setText(goal.end_reason or "")
            self._related_themes = goal.related_themes  # not on this form; kept as they are
        else:
            self.order_id = context["order_id"]
            citizen_id = order_citizen_id(self.unit, self.order_id)
            self.style_scores(citizen_id)
            area = citizen_area(self.unit, citizen_id)
            self._set_catalog(domain_catalog_for_area(area))
            self.text_edit.clear()
            self.domain.setCurrentIndex(0)
            self.goal_type.setCurrentIndex(0)
            self.baseline.set_value(None)
            self.target.set_value(None)
            self.start_date.set_value(context.get("start_date") or dt.date.today())
            self.follow_up_date.set_value(None)
            self.justification.clear()
            self.responsible.setCurrentIndex(0)
            self.end_date.set_value(None)
            self.end_reason.clear()
            self._related_themes = ()

    def goal_input(self) -> GoalInput:
        return GoalInput(
            text=text_value(self.text_edit),
            domain_code=self.domain.currentData(),
            start_date=self.start_date.value(),  # type: ignore[arg-type]
            baseline=self.baseline.value(),
            target=self.target.value(),
            goal_type_code=self.goal_type.currentData(),
            follow_up_date=self.follow_up_date.value(),
            justification=text_value(self.justification),
            domain_catalog=self.catalog_id,
            responsible_id=self.responsible.currentData(),
            related_themes=self._related_themes,
            end_date=self.end_date.value(),
            end_reason=self.end_reason.text(),
        )

    def _write(self) -> Submission | None:
        goal = self.goal_input()
        if goal.domain_code is None and goal.text.strip():
            self.show_error(tr("Vælg et målområde."), "domain_code")
            return None
        record_id, order_id = self.record_id, self.order_id
        if record_id is not None:
            return Submission(lambda unit: unit.orders.update_goal(record_id, goal))
        return Submission(lambda unit: unit.orders.add_goal(order_id, goal))
