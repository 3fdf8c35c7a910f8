"""One scale everywhere (issue 12, point 5): "Vis scorer som 1–5" reaches every widget and
every print that shows a score, and the words follow the citizen's area – a child's scores read
in the Århus problem words, an adult's in FFB's function levels, in the window and on paper."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fko_desktop.models import Actor
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.ops import citizens, goal_status, journal, orders, plans, staff
from fko_desktop.reports import ReportKind, ReportOptions, render_report
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.journal.model import ScoreLabelRole
from tests.reports.conftest import read_pdf
from tests.ui.test_report_dialog import wait_for_pdf

from .conftest import UiWorld
from .test_bundle_dialogs import PASSPHRASE, send, wait_done
from .test_main_window import make_window

FFB_WORDS = "nedsat funktionsevne"
CET = dt.timezone(dt.timedelta(hours=1))


@dataclasses.dataclass
class Scored:
    """The child's record with something scored in every place, and an adult beside it."""

    order_id: int
    plan_id: int
    adult_id: int
    adult_order_id: int


@pytest.fixture
def scored(ui_world: UiWorld) -> Scored:
    unit, actor, goal = ui_world.unit, ui_world.actor, ui_world.goal
    orders.accept_order(unit, actor, goal.order_id, today=dt.date(2025, 1, 12))
    plan = plans.create_plan(unit, actor, ui_world.citizen.id, order_id=goal.order_id).value
    goal_status.record_goal_status(
        unit, actor, goal.id, score=2, summary="Mads kom i skole tre dage om ugen.",
        assessed_on=dt.date(2025, 4, 15),
    )  # fmt: skip
    journal.add_note(
        unit, actor, ui_world.sub_goal.id, text="Mads stod selv op til vækkeuret.", score=2,
        observed_at=dt.datetime(2025, 5, 2, 7, 30, tzinfo=CET),
    )  # fmt: skip
    adult = citizens.create_citizen(
        unit, actor, name="Østen Ærbødig", cpr="240265-1234", area="adults", intake_date=dt.date(2024, 3, 1)
    ).value
    cooking = next(e.code for e in load_catalog("ffb").set("goal_domains") if e.display == "Lave mad")
    adult_order = orders.create_order(
        unit, actor, adult.id, meeting_date=dt.date(2025, 2, 1), received_date=dt.date(2025, 2, 3),
        intervention_purpose="At Østen klarer sin egen husholdning.",
        goals=[orders.GoalInput("Østen laver selv aftensmad.", cooking, dt.date(2025, 2, 3),
                                baseline=3, target=1)],
    ).value  # fmt: skip
    return Scored(goal.order_id, plan.id, adult.id, adult_order.id)


def _items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def _level_text(combo, stored: int) -> str:  # type: ignore[no-untyped-def]
    return combo.itemText(combo.findData(stored))


def test_one_to_five_reaches_every_widget_and_the_childs_words_are_problem_words(
    qtbot, window, ui_world, scored
):
    citizen_id, goal, sub_goal = ui_world.citizen.id, ui_world.goal, ui_world.sub_goal
    window.one_based_action.setChecked(True)
    assert window.one_based

    # The sub-goal: the note's chip and card, the score box, "Ret notat", the history, the graph.
    window.select_record("sub_goal", sub_goal.id, citizen_id)
    panel = window.sub_goal_page.journal
    first = panel.model.index(0)
    assert first.data(ScoreLabelRole) == "Score 3"  # stored 2
    assert "Score 3" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    combo = panel.score_combo
    assert _level_text(combo, 0) == "1 – Ingen problemer"
    assert _level_text(combo, 2) == "3 – Moderat problem"
    assert _level_text(combo, 4) == "5 – Massivt problem"
    assert not any(FFB_WORDS in text for text in _items(combo))
    assert "1 er bedst, 5 er dårligst" in combo.toolTip()
    panel.select_row(0)
    dialog = panel.edit_selected()
    assert dialog is not None
    assert dialog.score_combo.currentText() == "3 – Moderat problem"
    assert dialog.score_combo.currentData() == 2  # the stored value, whatever the display
    dialog.reject()
    history = panel.show_history()
    assert history is not None and history.table.item(0, 3).text() == "Score 3"
    history.reject()
    assert window.sub_goal_page.graph.y_tick_labels() == ["1", "2", "3", "4", "5"]

    # The goal: its header and graph, then the goal-status editor and the goal editor.
    window.select_record("goal", goal.id, citizen_id)
    assert "Udgangspunkt: 4 · Mål: 2" in window.goal_page.facts.text()
    assert window.goal_page.graph.y_tick_labels() == ["1", "2", "3", "4", "5"]
    status_dialog = window.open_editor("GoalStatusEditor", None, goal_id=goal.id)
    editor = status_dialog.editor
    assert _level_text(editor.score, 2) == "3 – Moderat problem"
    assert _level_text(editor.citizen_score, 0) == "1 – Ingen problemer"
    earlier = editor.earlier_label.text()
    assert "Baseline 4 – Svært problem, mål 2 – Let problem" in earlier
    assert "M1 = 3 – Moderat problem" in earlier and FFB_WORDS not in earlier
    assert editor.period.value() == 2 and len(editor.evidence_rows) == 1
    assert editor.evidence.item(0, 3).text() == "3"
    assert "3: 1" in editor.summary_label.text()
    status_dialog.reject()
    goal_dialog = window.open_editor("GoalEditor", goal.id)
    assert goal_dialog.editor.baseline.currentText() == "4 – Svært problem"
    assert goal_dialog.editor.target.currentText() == "2 – Let problem"
    goal_dialog.reject()

    # The order: its editor's goal rows (a child's: never FFB words) and the order page.
    order_dialog = window.open_editor("OrderEditor", scored.order_id)
    row = order_dialog.editor.goal_rows[0]
    assert row.baseline.currentText() == "4 – Svært problem"
    assert not any(FFB_WORDS in text for text in _items(row.baseline) + _items(row.target))
    order_dialog.reject()
    window.select_record("order", scored.order_id, citizen_id)
    page = window.info_page.text()
    assert "4 – Svært problem" in page and "2 – Let problem" in page and FFB_WORDS not in page

    # The plan page.
    window.select_record("plan", scored.plan_id, citizen_id)
    assert "4 – Svært problem → 2 – Let problem" in window.plan_page.text()

    # The adult's order editor reads in FFB's function levels, 1–5 too.
    adult_dialog = window.open_editor("OrderEditor", scored.adult_order_id)
    assert adult_dialog.editor.goal_rows[0].baseline.currentText() == "4 – Svært nedsat funktionsevne"
    adult_dialog.reject()


def test_switching_back_redraws_the_page_and_the_journal_on_screen(qtbot, window, ui_world, scored):
    citizen_id = ui_world.citizen.id
    window.select_record("sub_goal", ui_world.sub_goal.id, citizen_id)
    panel = window.sub_goal_page.journal
    assert panel.model.index(0).data(ScoreLabelRole) == "Score 2"
    panel.score_combo.setCurrentIndex(panel.score_combo.findData(1))
    window.one_based_action.setChecked(True)
    assert panel.model.index(0).data(ScoreLabelRole) == "Score 3"
    assert panel.score_combo.currentText() == "2 – Let problem"  # the chosen score stays chosen
    assert window.sub_goal_page.graph.y_tick_labels() == ["1", "2", "3", "4", "5"]
    window.select_record("goal", ui_world.goal.id, citizen_id)
    window.one_based_action.setChecked(False)
    assert "Udgangspunkt: 3 · Mål: 1" in window.goal_page.facts.text()
    assert window.goal_page.graph.y_tick_labels() == ["0", "1", "2", "3", "4"]
    assert window.goal_page.journal.model.index(0).data(ScoreLabelRole) == "Score 2"


@pytest.fixture
def other_unit(tmp_path: Path) -> Iterator[tuple[UnitFile, Actor]]:
    unit = UnitFile.create(tmp_path / "andet.fko", "Bostedet Lærkereden")
    # The person who made the unit: its administrator, who may take in a transfer.
    member = staff.add_staff(
        unit, Actor(None, "t"), name="Bo Berg", initials="bb", role="administrator"
    ).value
    yield unit, staff.actor_for(member)
    unit.close()


def test_the_bundle_preview_names_scores_as_the_window_shows_them(
    qtbot, ui_world, scored, other_unit, tmp_path
):
    sender = make_window(qtbot, ui_world.unit, ui_world.actor)
    sender.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    sent = send(qtbot, sender, "transfer", passphrase=PASSPHRASE, folder=tmp_path / "ud")
    assert sent.result_path is not None, sent.message.text()
    sent.close()
    unit_b, actor_b = other_unit
    receiver = make_window(qtbot, unit_b, actor_b)
    receiver.one_based_action.setChecked(True)
    dialog = receiver.import_bundle()
    dialog.file.setText(str(sent.result_path))
    dialog.secret.by_passphrase.setChecked(True)
    dialog.secret.passphrase.setText(PASSPHRASE)
    dialog.read()
    wait_done(qtbot, dialog)
    preview = dialog.preview.toPlainText()
    assert "(baseline 4, mål 2)" in preview, preview  # stored 3 and 1
    assert "målstatus M1 (3)" in preview
    dialog.close()


def _print(unit: UnitFile, kind: ReportKind, citizen_id: int, options: ReportOptions) -> str:
    with unit.read() as session:
        return read_pdf(render_report(session, kind, citizen_id, options)).text


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_print_follows_the_window_and_reads_a_child_in_problem_words(
    qtbot, window, ui_world, scored, kind
):
    window.one_based_action.setChecked(True)
    window.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    dialog = window.print_reports(kind.value)
    assert dialog is not None
    options = dialog.options()
    assert options.one_based  # the window's choice reaches the print
    # The preview is made in the background; the test's own print below waits for it, so two
    # reportlab layouts never run at once (the window itself lays out one at a time).
    wait_for_pdf(qtbot, dialog)
    dialog.close()
    text = _print(
        ui_world.unit, kind, ui_world.citizen.id, dataclasses.replace(options, today=dt.date(2025, 6, 1))
    )
    assert FFB_WORDS not in text
    assert "1–5" in text or kind is ReportKind.CITIZEN
    if kind is ReportKind.JOURNAL:
        assert "Score 3 – Moderat problem" in text
    elif kind is ReportKind.CITIZEN:
        assert "Her startede vi 4 Svært problem" in text and "Her vil vi hen 2 Let problem" in text
        assert "Tallene går fra 1 til 5" in text
    else:
        assert "Udgangspunkt (baseline) 4 – Svært problem" in text and "Mål (target) 2 – Let problem" in text
    if kind is ReportKind.STATUS:
        assert "3 – Moderat problem" in text  # M1, stored 2


@pytest.mark.parametrize("kind", [ReportKind.ORDER, ReportKind.PLAN])
def test_an_adults_print_reads_in_ffb_function_levels(ui_world, scored, kind):
    if kind is ReportKind.PLAN:
        orders.accept_order(ui_world.unit, ui_world.actor, scored.adult_order_id, today=dt.date(2025, 2, 4))
        plans.create_plan(ui_world.unit, ui_world.actor, scored.adult_id, order_id=scored.adult_order_id)
    options = ReportOptions(one_based=True, today=dt.date(2025, 6, 1))
    text = _print(ui_world.unit, kind, scored.adult_id, options)
    assert "Udgangspunkt (baseline) 4 – Svært nedsat funktionsevne" in text
    assert "Mål (target) 2 – Let nedsat funktionsevne" in text
    assert "Moderat problem" not in text and "Let problem" not in text


def test_fko_report_one_based_prints_one_to_five(ui_world, scored, tmp_path: Path):
    from fko_desktop.cli import main

    path = ui_world.unit.path
    out = tmp_path / "ordre.pdf"
    args = ["report", "order", "--citizen", str(ui_world.citizen.id), "--out", str(out), "--one-based"]
    ui_world.unit.close()
    assert main([*args, str(path)]) == 0
    text = read_pdf(out.read_bytes()).text
    assert "Udgangspunkt (baseline) 4 – Svært problem" in text and FFB_WORDS not in text
