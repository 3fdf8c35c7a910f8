"""A plan's page: the plan as the staff read it at a meeting, section by section.

A child's plan follows Specialsektoren's model (seed 002): background, purpose (the
municipality's, the unit's and the child's/guardians' additions), presentation, earlier
interventions, the ten contexts with their four fields, and use of force. Every section is
shown, filled in or not, so an empty one is seen and not forgotten. An adult's plan follows
VUM/FFB: the goals' FFB themes stand where a child's contexts do (a context the plan already
holds stays visible). Below come the order's goals with their sub-goals, since a plan is only
active once every goal has one. Text is escaped: what staff typed is shown, never interpreted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from fko_desktop.models.catalogs import display_code, load_catalog
from fko_desktop.models.enums import PlanState
from fko_desktop.models.formatting import format_date, format_datetime
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.html import (
    DASH,
    MUTED,
    labelled_text,
    muted,
    rows,
    section,
    subheading,
    text_block,
    text_rows,
)
from fko_desktop.ui.pages.use_of_force import summary_text
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.unit import Changed, Permission
from fko_desktop.unit.inputs import CONTEXT_FIELD_LABELS, CONTEXT_FIELDS
from fko_desktop.unit.rows import GoalRow, OrderRow, PlanContextRow, PlanRow

#: The plan's own text sections before the contexts, in the seed's order: (field, catalog code);
#: the purpose (the order's, with the plan's two additions) follows the first.
PLAIN_SECTIONS = (
    ("background", "baggrund"),
    ("presentation", "praesentation"),
    ("earlier_interventions", "tidligere_indsatser"),
)
#: The purpose's two additions: (field, catalog code); the order's purpose comes first.
PURPOSE_ADDITIONS = (
    ("purpose_unit_addition", "formaal_tilbud"),
    ("purpose_citizen_addition", "formaal_barn_foraeldre"),
)


def _label(text: str = "", *, rich: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PlanPage(QScrollArea):
    """``show_plan(plan_id)``: the plan's state, order and sections, then its goals.

    The page writes one thing itself, "Gør planen aktiv", through the runner; a refusal (a goal
    without a sub-goal) is shown in red above the plan. Editing the plan and adding a sub-goal
    are the window's editors: the page asks for them through its signals."""

    #: "Redigér plan …": the plan's id; the window opens the plan editor.
    edit_requested = Signal(int)
    #: "Tilføj delmål …": the goal's id; the window opens the sub-goal editor for it.
    sub_goal_requested = Signal(int)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        self._unit = runner.unit
        self._plan_id: int | None = None
        self._one_based = False
        self._style = ScoreStyle()
        self.task: Task | None = None
        self.heading = _label(rich=False)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.edit_button = QPushButton(tr("Redigér plan …"))
        self.edit_button.clicked.connect(self._edit)
        self.activate_button = QPushButton(tr("Gør planen aktiv"))
        self.activate_button.clicked.connect(self.activate)
        self.message = _label(rich=False)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.label = _label()
        self.goals_heading = _label()
        self.goals_box = QVBoxLayout()
        self.goals_box.setContentsMargins(0, 0, 0, 0)
        #: Per goal on the page: its text (a label) and, without a sub-goal, its button.
        self.goal_labels: list[QLabel] = []
        self.sub_goal_buttons: dict[int, QPushButton] = {}

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 8, 12, 12)
        column.addWidget(self.heading)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.activate_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(self.label)
        column.addWidget(self.goals_heading)
        column.addLayout(self.goals_box)
        column.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        # Sits beside the tree on a laptop: long lines wrap, they never push a scroll bar sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def text(self) -> str:
        """All the page says (its heading, the plan and its goals), for tests and checks."""
        parts = [self.heading.text(), self.label.text(), self.goals_heading.text()]
        return "\n".join(parts + [label.text() for label in self.goal_labels])

    def show_plan(self, plan_id: int, *, one_based: bool = False) -> None:
        self._plan_id = plan_id
        self._one_based = one_based
        plan = self._unit.plans.get(plan_id)
        citizen_area = self._unit.orders.citizen_area(plan.citizen_id)
        self._style = ScoreStyle.for_area(citizen_area, one_based=one_based)
        area = citizen_area.value
        order = self._unit.orders.get(plan.order_id) if plan.order_id is not None else None
        goals = sorted(order.goals, key=lambda g: g.position) if order else []
        self.heading.setText(f"{tr('Handleplan')} · {tr(plan.state.label)}")
        writable = not self._unit.readonly and self._unit.actor is not None
        self.edit_button.setVisible(writable)
        self.activate_button.setVisible(writable and plan.state is PlanState.DRAFT)
        # Shown to everyone who can write, so a medarbejder sees that the plan awaits a leder.
        approves = writable and self._unit.may(Permission.APPROVE)
        self.activate_button.setEnabled(approves)
        self.activate_button.setToolTip("" if approves else tr("Kun en leder kan godkende en plan."))
        self.message.hide()
        html = self._facts(plan, order) + self._sections(plan, order, area)
        if area == "adults":
            html += self._adult_themes(plan, goals)
        else:
            html += self._contexts(plan.contexts, every=True)
        html += self._use_of_force(plan)
        self.label.setText(html)
        self._show_goals(
            goals, writable=writable, has_order=order is not None, draft=plan.state is PlanState.DRAFT
        )
        self.verticalScrollBar().setValue(0)

    # -- the plan ----------------------------------------------------------------------------

    def _facts(self, plan: PlanRow, order: OrderRow | None) -> str:
        if order is None:
            builds_on = tr("Ingen bestilling endnu")
        else:
            received = format_date(order.received_date)
            builds_on = tr("Bestilling modtaget {d}").format(d=received) if received else tr("Bestilling")
        responsible = self._unit.staff.get(plan.responsible_id).name if plan.responsible_id else None
        return rows([
            (tr("Tilstand"), tr(plan.state.label)),
            (tr("Bygger på"), builds_on),
            (tr("Ansvarlig"), responsible),
            (tr("Sidst ændret"), format_datetime(plan.updated_at or plan.created_at)),
        ])  # fmt: skip

    def _sections(self, plan: PlanRow, order: OrderRow | None, area: str) -> str:
        """Background, purpose, presentation and earlier interventions, in the seed's order."""
        entries = load_catalog("specialsektoren").set("plan_sections")
        empty = tr("Ikke udfyldt")

        def title(code: str) -> str:
            entry = entries.get(code)
            return tr(entry.display_for(area)) if entry else code

        def plain(field: str, code: str) -> str:
            return section(title(code), text_block(getattr(plan, field), empty))

        (background, *later) = PLAIN_SECTIONS
        html = plain(*background)
        purpose = order.intervention_purpose if order else None
        body = labelled_text(title("formaal"), purpose, empty if order else tr("Ingen bestilling endnu"))
        body += "".join(
            labelled_text(title(code), getattr(plan, field), empty) for field, code in PURPOSE_ADDITIONS
        )
        html += section(tr("Formål"), body)
        return html + "".join(plain(field, code) for field, code in later)

    def _contexts(self, stored: Sequence[PlanContextRow], *, every: bool) -> str:
        """The catalog's contexts in its order, each with its four fields; ``every`` False
        shows only those the plan holds (an adult's plan written before the FFB rule)."""
        by_code = {context.context_code: context for context in stored}
        empty = tr("Ikke udfyldt")
        catalog = load_catalog("specialsektoren").set("contexts")
        # A context a newer or older catalog names is the plan's content too: shown last.
        codes = [*catalog.codes(), *(code for code in by_code if code not in catalog)]
        blocks = []
        for code in codes:
            context = by_code.get(code)
            if context is None and not every:
                continue
            fields = [
                (tr(CONTEXT_FIELD_LABELS[field]), getattr(context, field) if context else None)
                for field in CONTEXT_FIELDS
            ]
            # Four short captions beside their texts: ten contexts stay readable on a laptop.
            blocks.append(subheading(tr(catalog.display(code))) + text_rows(fields, empty))
        if not every:
            return "".join(blocks)
        return section(tr("Kontekster"), "".join(blocks))

    def _adult_themes(self, plan: PlanRow, goals: Sequence[GoalRow]) -> str:
        themes: dict[str, list[str]] = {}
        for goal in goals:
            themes.setdefault(display_code(goal.domain_catalog, goal.domain_code), []).append(goal.text)
        intro = tr("Planens temaer er indsatsmålenes temaer fra Voksenudredningsmetoden (FFB):")
        listed = (
            rows([(theme, "; ".join(texts)) for theme, texts in sorted(themes.items())])
            if themes
            else muted(tr("(endnu ingen indsatsmål)"))
        )
        body = f"<p style='margin:0 0 4px 0'>{muted(intro)}</p>{listed}"
        # A context written before adults' plans followed FFB is the plan's content: kept shown.
        held = self._contexts(plan.contexts, every=False)
        if held:
            body += (
                f"<p style='margin:10px 0 0 0'>{muted(tr('Kontekster, planen allerede rummer:'))}</p>{held}"
            )
        return section(tr("Temaer (FFB)"), body)

    def _use_of_force(self, plan: PlanRow) -> str:
        catalog = load_catalog("specialsektoren")
        heading = catalog.set("plan_sections").get("magtanvendelse")
        prevention = catalog.set("use_of_force_kinds").get("forebyggelse")
        # Seed 002 keeps the prevention together with the period's reports and permissions;
        # the registrations themselves are on the citizen's "Magtanvendelse" page.
        registered = summary_text(self.runner.unit.use_of_force.for_citizen(plan.citizen_id), dt.date.today())
        return section(
            tr(heading.display if heading else "Magtanvendelser"),
            labelled_text(
                tr(prevention.display if prevention else "Forebyggelse af magtanvendelse"),
                plan.use_of_force_prevention,
                tr("Ikke udfyldt"),
            )
            + f"<p>{escape(tr('Registreret: {summary}').format(summary=registered))}</p>",
        )

    # -- the goals and their sub-goals ------------------------------------------------------------

    def _show_goals(self, goals: Sequence[GoalRow], *, writable: bool, has_order: bool, draft: bool) -> None:
        while (item := self.goals_box.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.goal_labels = []
        self.sub_goal_buttons = {}
        if not has_order:
            note = tr("Indsatsmålene kommer fra bestillingen; planen bygger ikke på en endnu.")
        elif not goals:
            note = tr("Bestillingen har ingen indsatsmål endnu.")
        elif draft:
            note = tr("Hvert indsatsmål skal have mindst ét delmål, før planen kan gøres aktiv.")
        else:
            note = tr("Delmålene er enhedens skridt på vej mod indsatsmålene.")
        self.goals_heading.setText(section(tr("Indsatsmål og delmål"), f"<p>{muted(note)}</p>"))
        for number, goal in enumerate(goals, start=1):
            label = _label(self._goal(number, goal))
            label.setContentsMargins(12, 0, 0, 10)
            self.goals_box.addWidget(label)
            self.goal_labels.append(label)
            if writable and not goal.sub_goals:
                button = QPushButton(tr("Tilføj delmål …"))
                button.setAccessibleName(tr("Tilføj delmål til indsatsmål {n}").format(n=number))
                button.clicked.connect(
                    lambda _checked=False, goal_id=goal.id: self.sub_goal_requested.emit(goal_id)
                )
                row = QWidget()
                line = QHBoxLayout(row)
                line.setContentsMargins(12, 0, 0, 8)
                line.addWidget(button)
                line.addStretch(1)
                self.goals_box.addWidget(row)
                self.sub_goal_buttons[goal.id] = button

    def _goal(self, number: int, goal: GoalRow) -> str:
        scores = " → ".join(self._style.text(score) for score in (goal.baseline, goal.target))
        ended = f" ({tr('afsluttet')} {format_date(goal.end_date)})" if goal.end_date else ""
        html = subheading(f"{number}. {goal.text}{ended}")
        html += rows([
            (tr("Målområde"), display_code(goal.domain_catalog, goal.domain_code)),
            (tr("Udgangspunkt → mål"), scores),
            (tr("Start"), format_date(goal.start_date)),
        ])  # fmt: skip
        sub_goals = sorted(goal.sub_goals, key=lambda s: s.position)
        if not sub_goals:
            return html + f"<p style='margin:4px 0'>{muted(tr('Ingen delmål endnu.'))}</p>"
        items = "".join(
            f"<li>{escape(s.text)} <span style='color:{MUTED}'>· {escape(tr(s.state.label))} · "
            f"{escape(self._period(s.start_date, s.end_date))}</span></li>"
            for s in sub_goals
        )
        return html + f"<p style='margin:6px 0 0 0'><b>{escape(tr('Delmål'))}</b></p><ul>{items}</ul>"

    @staticmethod
    def _period(start: dt.date, end: dt.date | None) -> str:
        """ "15.01.2025 – 30.06.2025"; an open sub-goal ends in the dash."""
        return f"{format_date(start)} {DASH} {format_date(end)}".strip()

    # -- the one write: activation ------------------------------------------------------------------

    def _edit(self) -> None:
        if self._plan_id is not None:
            self.edit_requested.emit(self._plan_id)

    def activate(self) -> Task | None:
        plan_id = self._plan_id
        if plan_id is None or self.task is not None:
            return None
        self.message.hide()
        self.task = (
            self.runner.op(self, lambda unit, _p: unit.plans.activate(plan_id))
            .success(self._activated)
            .failure(self._refused)
            .run(initiator=self)
        )
        return self.task

    def _activated(self, _changed: Changed[int]) -> None:
        self.task = None
        # Drawn again here, not only from the window's broadcast: the state and buttons change.
        if self._plan_id is not None:
            self.show_plan(self._plan_id, one_based=self._one_based)

    def _refused(self, failure: Failure) -> None:
        self.task = None
        self.message.setText(failure.message)
        self.message.show()
