"""Bostedets vurdering from the print dialog, as a unit leader writes it before sending the
status report: per goal and for the whole, saved in one Gem, printed, and corrected later with
the earlier version kept."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fko_desktop.models.status_assessment import QUESTIONS
from fko_desktop.reports import ReportKind
from tests.ui.test_daily_loop import save
from tests.ui.test_report_dialog import pdf_text, wait_for_pdf

PERIOD_FROM, PERIOD_TO = dt.date(2025, 1, 15), dt.date(2025, 7, 1)


def flat(text: str) -> str:
    return " ".join(text.split())


def open_assessment(window, qtbot, ui_world):
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    report = window.print_reports("status")
    wait_for_pdf(qtbot, report)
    report.period_from.set_value(PERIOD_FROM)
    report.period_to.set_value(PERIOD_TO)
    assert report.assessment_button.isVisible()
    qtbot.mouseClick(report.assessment_button, Qt.MouseButton.LeftButton)
    return report, window.active_editor


def test_the_assessment_is_written_before_printing_and_printed(window, qtbot, ui_world):
    report, dialog = open_assessment(window, qtbot, ui_world)
    editor = dialog.editor
    assert "01.07.2025" in editor.period_label.text()
    [goal_box, overall] = editor.boxes
    assert goal_box.goal_id == ui_world.goal.id and overall.goal_id is None
    assert [editor.caption(k).text() for k in goal_box.keys] == list(QUESTIONS.values())
    assert goal_box.answers["done"].placeholderText().startswith("Beskriv indsatsen")
    qtbot.keyClicks(goal_box.answers["done"], "Fast morgenrutine og vækning kl. 7.")
    qtbot.keyClicks(goal_box.answers["effect"], "Mads kommer oftere i skole.")
    qtbot.keyClicks(overall.answers["purpose"], "Indsatsen lever op til formålet.")
    save(dialog, qtbot)

    stored = {a.goal_id: a for a in ui_world.facade.status_assessments.for_report(
        ui_world.citizen.id, PERIOD_FROM, PERIOD_TO)}  # fmt: skip
    assert stored[ui_world.goal.id].effect == "Mads kommer oftere i skole."
    assert stored[None].purpose == "Indsatsen lever op til formålet." and stored[None].done is None

    # Saving refreshed the preview: the print carries what was written, under its questions.
    qtbot.waitUntil(
        lambda: report.pdf is not None and "oftere i skole" in flat(pdf_text(report.pdf)), timeout=20_000
    )
    text = flat(pdf_text(report.pdf))
    assert "Bostedets vurdering Hvad har vi gjort? Fast morgenrutine og vækning kl. 7." in text
    assert "Med hvilken virkning og hvilket resultat? Mads kommer oftere i skole." in text
    assert "Bostedets samlede vurdering" in text and "Indsatsen lever op til formålet." in text
    assert "Skrevet af Anna Hansen" in text

    # Opened again, the form shows what was written; a correction keeps the earlier version.
    _, again = open_assessment(window, qtbot, ui_world)
    box = again.editor.boxes[0]
    assert box.answers["done"].toPlainText() == "Fast morgenrutine og vækning kl. 7."
    box.answers["done"].setPlainText("Fast morgenrutine, vækning kl. 7 og aftale med skolen.")
    save(again, qtbot)
    record = stored[ui_world.goal.id]
    history = ui_world.facade.status_assessments.history(record.id)
    assert [v.data["done"] for v in history] == ["Fast morgenrutine og vækning kl. 7."]


def test_without_an_assessment_the_report_says_so(window, qtbot, ui_world):
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    report = window.print_reports("status")
    wait_for_pdf(qtbot, report)
    text = flat(pdf_text(report.pdf))
    assert "Bostedet har ikke skrevet en vurdering af målet for perioden." in text
    assert "Bostedet har ikke skrevet en samlet vurdering for perioden." in text
    report.set_kind(ReportKind.PLAN)
    assert not report.assessment_button.isVisible()
