"""Planen (Specialsektoren): the plan's sections and its ten contexts, each with four fields.

Gem saves the sections and every context with text (or stored before) in ONE
``save_plan_form`` call: a refused context leaves the file – and a new plan unborn – as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.catalogs import display_code, load_catalog
from fko_desktop.ui.editors.base import EditorBase, Submission, text_value
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Changed
from fko_desktop.unit.inputs import CONTEXT_FIELD_LABELS, CONTEXT_FIELDS, context_field
from fko_desktop.unit.rows import PlanRow

#: Plan field → the catalog's plan section (its help text); "formaal" is the order's purpose.
SECTION_FIELDS = {
    "background": "baggrund",
    "purpose_unit_addition": "formaal_tilbud",
    "purpose_citizen_addition": "formaal_barn_foraeldre",
    "presentation": "praesentation",
    "earlier_interventions": "tidligere_indsatser",
    "use_of_force_prevention": "magtanvendelse",
}
#: Core context field → (the catalog's key for its help text, label).
CONTEXT_FIELD_HELP = {
    "resources_and_challenges": (
        "ressourcer_og_udfordringer",
        CONTEXT_FIELD_LABELS["resources_and_challenges"],
    ),
    "support_need": ("stoettebehov", CONTEXT_FIELD_LABELS["support_need"]),
    "goals_and_sub_goals": ("maal_og_delmaal", CONTEXT_FIELD_LABELS["goals_and_sub_goals"]),
    "evaluation": ("evaluering", CONTEXT_FIELD_LABELS["evaluation"]),
}
assert set(CONTEXT_FIELD_HELP) == set(CONTEXT_FIELDS)


def context_key(code: str, field: str) -> str:
    """The form's key of a context field: the field name the core's refusal carries."""
    return context_field(code, field)


class ContextBox(QGroupBox):
    """One plan context; collapsed until the arrow is clicked (or it already has text)."""

    def __init__(
        self, editor: PlanEditor, code: str, title: str, help_text: str | None, field_help: dict[str, str]
    ) -> None:
        super().__init__(title)
        self.code = code
        self.setCheckable(False)
        if help_text:
            self.setToolTip(help_text)
        layout = QVBoxLayout(self)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setText(tr("Vis felter"))
        self.toggle.setAccessibleName(tr("Fold ud: {title}").format(title=title))
        self.toggle.toggled.connect(self.set_expanded)
        layout.addWidget(self.toggle)
        self.content = QWidget()
        form = QFormLayout(self.content)
        form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QPlainTextEdit] = {}
        for field in CONTEXT_FIELDS:
            help_key, label = CONTEXT_FIELD_HELP[field]
            edit = QPlainTextEdit()
            edit.setFixedHeight(60)
            help_for_field = field_help.get(help_key)
            if help_for_field:
                edit.setPlaceholderText(help_for_field[:120] + ("…" if len(help_for_field) > 120 else ""))
            editor.add_field(context_key(code, field), edit, label, help_for_field, form=form)
            edit.setAccessibleName(f"{title} – {tr(label)}")
            self.edits[field] = edit
        layout.addWidget(self.content)
        self.content.setVisible(False)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # re-enters through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.toggle.setText(tr("Skjul felter") if expanded else tr("Vis felter"))
        self.content.setVisible(expanded)

    def values(self) -> dict[str, str]:
        return {field: text_value(edit) for field, edit in self.edits.items()}

    def has_text(self) -> bool:
        return any(value.strip() for value in self.values().values())


class PlanEditor(EditorBase):
    """``load(plan_id)`` edits a plan; ``load(None, citizen_id=…, order_id=…)`` starts one
    (``order_id`` may be left out). Contexts with any text are written on Gem."""

    EDITOR = "plan"
    TITLE = "Plan"

    def _build(self) -> None:
        catalog = load_catalog("specialsektoren")
        sections = catalog.set("plan_sections")
        self.purpose_label = QLabel()
        self.purpose_label.setWordWrap(True)
        self.purpose_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        purpose_entry = sections.get("formaal")
        purpose_caption = QLabel(tr(purpose_entry.display if purpose_entry else "Kommunens formål") + ":")
        if purpose_entry and purpose_entry.help:
            self.purpose_label.setToolTip(purpose_entry.help)
            purpose_caption.setToolTip(purpose_entry.help)
        self.sections: dict[str, QPlainTextEdit] = {}
        self.section_entries = {field: sections.get(code) for field, code in SECTION_FIELDS.items()}
        # Long section names (the children's wording) go above their field, not beside it.
        self.form.setRowWrapPolicy(self.form.RowWrapPolicy.WrapLongRows)
        for field, code in SECTION_FIELDS.items():
            entry = sections.get(code)
            edit = QPlainTextEdit()
            edit.setFixedHeight(70)
            if entry is not None and entry.help:
                edit.setPlaceholderText(entry.help[:120] + ("…" if len(entry.help) > 120 else ""))
            self.add_field(field, edit, entry.display if entry else field, entry.help if entry else None)
            self.sections[field] = edit
            if field == "background":
                self.form.addRow(purpose_caption, self.purpose_label)
        heading = QLabel(tr("Kontekster"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.form.addRow(heading)
        self.contexts_heading = heading
        # Adults' plans follow VUM/FFB: the themes are the goals' FFB themes, not the children's
        # ten contexts (Specialsektoren), which an adult's plan is never offered.
        self.adult_themes = QLabel()
        self.adult_themes.setWordWrap(True)
        self.form.addRow(self.adult_themes)
        self.context_boxes: dict[str, ContextBox] = {}
        for entry in catalog.set("contexts"):
            box = ContextBox(self, entry.code, entry.display, entry.help, dict(entry.fields))
            self.form.addRow(box)
            self.context_boxes[entry.code] = box
        self.stored_contexts: set[str] = set()

    def _plan(self, plan_id: int) -> PlanRow:
        return self.unit.plans.get(plan_id)

    def _purpose(self, order_id: int | None) -> str:
        if order_id is None:
            return tr("(ingen bestilling)")
        return self.unit.plans.order_purpose(order_id)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        self.stored_contexts = set()
        for box in self.context_boxes.values():
            for edit in box.edits.values():
                edit.clear()
        if record_id is None:
            self.citizen_id = context["citizen_id"]
            self.order_id = context.get("order_id")
            for edit in self.sections.values():
                edit.clear()
        else:
            plan = self._plan(record_id)
            self.citizen_id = plan.citizen_id
            self.order_id = plan.order_id
            for field, edit in self.sections.items():
                edit.setPlainText(getattr(plan, field) or "")
            for stored in plan.contexts:
                stored_box = self.context_boxes.get(stored.context_code)
                if stored_box is None:
                    continue
                self.stored_contexts.add(stored.context_code)
                for field, edit in stored_box.edits.items():
                    edit.setPlainText(getattr(stored, field) or "")
        self.purpose_label.setText(self._purpose(self.order_id))
        area = self.unit.citizens.get(self.citizen_id).area.value
        self._name_sections_for(area)
        self._show_contexts_for(area)
        for box in self.context_boxes.values():
            box.set_expanded(box.has_text())

    def _show_contexts_for(self, area: str) -> None:
        adults = area == "adults"
        self.contexts_heading.setText(tr("Temaer (FFB)") if adults else tr("Kontekster"))
        for code, box in self.context_boxes.items():
            # A context an adult's plan already holds (written before this rule) stays visible.
            box.setVisible(not adults or code in self.stored_contexts)
        self.adult_themes.setVisible(adults)
        if adults:
            goals = self.unit.orders.current_goals(self.citizen_id)
            themes = sorted({display_code(g.domain_catalog, g.domain_code) for g in goals})
            listed = "\n".join(f"• {theme}" for theme in themes) or tr("(endnu ingen indsatsmål)")
            self.adult_themes.setText(
                tr("Planens temaer er indsatsmålenes temaer fra Voksenudredningsmetoden (FFB):")
                + "\n"
                + listed
            )

    def _name_sections_for(self, area: str) -> None:
        """An adult's plan says "borgeren" where a child's says "barnet/den unge"."""
        for field, entry in self.section_entries.items():
            if entry is not None:
                name = tr(entry.display_for(area))
                self.caption(field).setText(name + ":")
                self.sections[field].setAccessibleName(name)

    def restore_fields(self, fields: dict[str, Any]) -> None:
        super().restore_fields(fields)
        for box in self.context_boxes.values():
            if box.has_text():
                box.set_expanded(True)

    def plan_fields(self) -> dict[str, Any]:
        return {field: text_value(edit) for field, edit in self.sections.items()}

    def _write(self) -> Submission | None:
        contexts = {
            code: box.values()
            for code, box in self.context_boxes.items()
            if box.has_text() or code in self.stored_contexts
        }
        record_id, fields = self.record_id, self.plan_fields()
        place = {"citizen_id": self.citizen_id, "order_id": self.order_id} if record_id is None else {}

        def after(_result: Changed[int]) -> None:
            self.stored_contexts |= set(contexts)

        return Submission(
            lambda unit: unit.plans.save_form(record_id, contexts=contexts, **place, **fields), after
        )
