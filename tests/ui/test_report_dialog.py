"""Printing from the window: the dialog makes the core's PDF, previews it, saves and prints it."""

import io

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from fko_desktop.ops import goal_status
from fko_desktop.reports import ReportKind
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.report_dialog import ReportDialog

from .test_main_window import make_window


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def wait_for_pdf(qtbot, dialog: ReportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.pdf is not None or "Laver" not in dialog.message.text(), timeout=15000)


@pytest.fixture
def with_status(ui_world):
    goal_status.record_goal_status(
        ui_world.unit,
        ui_world.actor,
        ui_world.goal.id,
        score=2,
        summary="Mads kom i skole tre dage om ugen.",
        assessed_on=__import__("datetime").date(2025, 4, 15),
    )
    return ui_world


def test_print_action_previews_the_status_report_of_the_selected_citizen(qtbot, with_status, tmp_path):
    window = make_window(qtbot, with_status.unit, with_status.actor)
    window.select_record("goal", with_status.goal.id, with_status.citizen.id)
    dialog = window.print_reports("status")
    wait_for_pdf(qtbot, dialog)
    assert dialog.pdf is not None, dialog.message.text()
    assert dialog.document.pageCount() >= 1 and dialog.message.text().endswith(("sider", "side"))
    text = pdf_text(dialog.pdf)
    assert "Mads Testesen" in text and "Mads går i skole fire dage om ugen." in text
    saved = dialog.save_pdf(str(tmp_path / "status"))
    assert saved == tmp_path / "status.pdf" and saved.read_bytes() == dialog.pdf
    dialog.close()


def test_prints_mask_the_cpr_unless_the_person_chose_full_numbers(qtbot, with_status):
    window = make_window(qtbot, with_status.unit, with_status.actor)
    window.select_record("goal", with_status.goal.id, with_status.citizen.id)
    dialog = window.print_reports("plan")
    assert dialog.mask_cpr.isChecked()  # masked by default (issue 13)
    wait_for_pdf(qtbot, dialog)
    text = pdf_text(dialog.pdf)
    assert "010215-XXXX" in text and "4321" not in text
    dialog.mask_cpr.setChecked(False)  # this one print in full
    dialog.refresh()
    wait_for_pdf(qtbot, dialog)
    assert "010215-4321" in pdf_text(dialog.pdf)
    dialog.close()
    # A choice in the dialog is for that print; the person's own setting decides the next.
    again = window.print_reports("plan")
    assert again.mask_cpr.isChecked()
    wait_for_pdf(qtbot, again)
    again.close()
    window.full_cpr_action.setChecked(True)
    qtbot.waitUntil(lambda: window.unit.privacy.show_full_cpr)
    full = window.print_reports("plan")
    assert not full.mask_cpr.isChecked()
    wait_for_pdf(qtbot, full)
    assert "010215-4321" in pdf_text(full.pdf)
    full.close()


def test_journal_extract_for_the_selected_sub_goal_only(qtbot, ui_world):
    from fko_desktop.ops import journal

    journal.add_note(
        ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Mads stod selv op i dag.", score=1
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("sub_goal", ui_world.sub_goal.id, ui_world.citizen.id)
    dialog = window.print_reports("journal")
    dialog.scope.setCurrentIndex(dialog.scope.findData("sub_goal"))
    assert dialog.options().sub_goal_id == ui_world.sub_goal.id and dialog.options().goal_id is None
    dialog.refresh()
    wait_for_pdf(qtbot, dialog)
    assert "Mads stod selv op i dag." in pdf_text(dialog.pdf)
    dialog.close()


def test_options_follow_the_report_kind_and_the_agenda_reaches_the_status_report(qtbot, with_status):
    window = make_window(qtbot, with_status.unit, with_status.actor)
    window.select_record("goal", with_status.goal.id, with_status.citizen.id)
    dialog = window.print_reports("status")
    wait_for_pdf(qtbot, dialog)
    assert dialog.extra_agenda.isVisible() and dialog.period_from.isEnabled()
    qtbot.keyClicks(dialog.extra_agenda, "Mads ønsker at tale om sommerferien.")
    dialog.refresh()
    wait_for_pdf(qtbot, dialog)
    assert "Mads ønsker at tale om sommerferien." in pdf_text(dialog.pdf)
    dialog.set_kind(ReportKind.PLAN)
    assert not dialog.extra_agenda.isVisible() and not dialog.period_from.isEnabled()
    assert dialog.pdf is None and not dialog.save_button.isEnabled()  # the preview no longer matches
    dialog.close()


def test_a_refused_period_is_shown_and_nothing_can_be_saved(qtbot, ui_world):
    import datetime as dt

    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    dialog = window.print_reports("journal")
    wait_for_pdf(qtbot, dialog)
    dialog.period_from.set_value(dt.date(2025, 6, 1))
    dialog.period_to.set_value(dt.date(2025, 1, 1))
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.show_button.isEnabled(), timeout=15000)
    assert dialog.pdf is None and "før" in dialog.message.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    dialog.close()


def test_printing_draws_every_page(qtbot, with_status, tmp_path):
    window = make_window(qtbot, with_status.unit, with_status.actor)
    window.select_record("goal", with_status.goal.id, with_status.citizen.id)
    dialog = window.print_reports(ReportKind.STATUS.value)
    wait_for_pdf(qtbot, dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_pdf(printer)
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == dialog.document.pageCount()
    dialog.close()


def test_file_names_keep_danish_letters_and_lose_what_windows_refuses():
    assert safe_file_name('Status: Åse/Ærø "x".pdf') == "Status- Åse-Ærø -x-.pdf"


def test_closing_while_the_report_is_being_made_is_safe(qtbot, with_status):
    window = make_window(qtbot, with_status.unit, with_status.actor)
    window.select_record("goal", with_status.goal.id, with_status.citizen.id)
    dialog = window.print_reports("status")
    task = dialog.task
    assert task is not None and task.running
    dialog.close()  # at once, while the worker runs
    qtbot.wait(50)
    assert not shiboken6.isValid(dialog)  # the dialog is gone (deleted on close)
    # The work ends on its worker and its result is dropped, never shown on a deleted dialog.
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    assert task.failure is None or task.failure.cancelled
    window.select_record("citizen", with_status.citizen.id, with_status.citizen.id)  # still usable


def test_the_order_can_be_printed_whole(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    dialog = window.print_reports("order")
    assert not dialog.scope.isEnabled() and not dialog.period_from.isEnabled()
    wait_for_pdf(qtbot, dialog)
    text = pdf_text(dialog.pdf)
    assert "Bestilling" in text and "At Mads trives og går i skole." in text
    dialog.close()
