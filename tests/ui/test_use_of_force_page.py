"""Use of force in the window, as a pædagog and a leader would do it: an incident registered
from the citizen's "Magtanvendelse" page, its reporting owed in the today view and recorded
from there, a permission with its review, a mistaken registration withdrawn and kept, and the
status report counting and listing the period's incidents."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fko_desktop.models.deadlines import use_of_force_report_due
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.main_window import PAGE_FORCE
from fko_desktop.unit.rows import UseOfForceRow
from tests.ui.conftest import finish
from tests.ui.test_daily_loop import save


def cells(page, row):
    return [page.table.item(row, column).text() for column in range(page.table.columnCount())]


def force_node_label(window, citizen_id):
    model = window.tree_model
    for row in range(model.rowCount()):
        citizen = model.index(row, 0)
        for child in range(model.rowCount(citizen)):
            index = model.index(child, 0, citizen)
            if str(index.data()).startswith("Magtanvendelse"):
                return index.data()
    return None


def register_incident(window, qtbot, page, *, when: dt.date, time_text="19.40"):
    qtbot.mouseClick(page.incident_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    editor = dialog.editor
    assert editor.title_label.text() == "Magtanvendelse"
    assert editor.row_shown("duration_minutes") and not editor.row_shown("review_date")
    editor.measure.setCurrentIndex(editor.measure.findData("fastholdelse"))
    editor.occurred_on.set_value(when)
    qtbot.keyClicks(editor.occurred_time, time_text)
    editor.duration.setValue(4)
    qtbot.keyClicks(editor.description, "Mads slog ud efter en anden beboer ved aftensmaden.")
    qtbot.keyClicks(editor.prevention_tried, "Talte roligt og tilbød en gåtur.")
    qtbot.keyClicks(editor.participants, "AH og KL")
    return dialog


def test_an_incident_is_registered_reported_and_counted(window, qtbot, ui_world):
    citizen = ui_world.citizen
    yesterday = dt.date.today() - dt.timedelta(days=1)
    window.select_record("use_of_force", citizen.id, citizen.id)
    assert window.pages.currentIndex() == PAGE_FORCE
    page = window.use_of_force_page
    assert page.table.rowCount() == 0
    assert "0 registrerede magtanvendelser" in page.summary.text()
    assert "Ingen magtanvendelser" in page.detail.toPlainText()

    # A bad time is refused beside its field and nothing is stored.
    dialog = register_incident(window, qtbot, page, when=yesterday, time_text="25.10")
    qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    assert "tt.mm" in " ".join(dialog.editor.shown_errors())
    assert ui_world.facade.use_of_force.for_citizen(citizen.id) == []
    dialog.editor.occurred_time.setText("19.40")
    save(dialog, qtbot)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)

    [stored] = ui_world.facade.use_of_force.for_citizen(citizen.id)
    assert (stored.occurred_on, stored.occurred_time, stored.duration_minutes) == (
        yesterday,
        dt.time(19, 40),
        4,
    )
    assert stored.measure_code == "fastholdelse" and stored.participants == "AH og KL"
    row = cells(page, 0)
    due = use_of_force_report_due(yesterday)
    assert row[:4] == ["Indberetning", f"{format_date(yesterday)} kl. 19.40", "Fastholdelse", "4 min."]
    assert row[4].startswith(f"Ikke indberettet (senest {format_date(due)})")
    assert "1 ikke indberettet" in page.summary.text()
    assert force_node_label(window, citizen.id) == "Magtanvendelse (1)"

    # The today view owes the report; its row opens that incident's form.
    window.show_today()
    qtbot.waitUntil(lambda: any(d.kind == "use_of_force_report" for d in window.today.model.items))
    deadline = next(d for d in window.today.model.items if d.kind == "use_of_force_report")
    window.open_deadline(deadline)
    dialog = window.active_editor
    editor = dialog.editor
    assert editor.record_id == stored.id and not editor.kind.isEnabled()
    editor.reported_on.set_value(dt.date.today())
    qtbot.keyClicks(editor.reported_to, "Aarhus Kommune")
    save(dialog, qtbot)
    qtbot.waitUntil(lambda: ui_world.facade.use_of_force.get(stored.id).version == 2, timeout=10_000)
    assert not [d for d in ui_world.facade.deadlines.due(dt.date.today()) if d.kind == "use_of_force_report"]

    # The page shows the record in full with its earlier version.
    window.select_record("use_of_force", citizen.id, citizen.id)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.selectRow(0)
    detail = page.detail.toPlainText()
    assert "Talte roligt" in detail and "AH og KL" in detail
    assert "Version 1" in detail and "Indberettet den: – → " + format_date(dt.date.today()) in detail


def test_a_permission_is_reviewed_and_a_mistake_withdrawn_and_kept(window, qtbot, ui_world):
    citizen = ui_world.citizen
    window.select_record("use_of_force", citizen.id, citizen.id)
    page = window.use_of_force_page
    qtbot.mouseClick(page.permission_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    editor = dialog.editor
    assert editor.title_label.text() == "Tilladelse til magtanvendelse"
    assert editor.row_shown("review_date") and not editor.row_shown("duration_minutes")
    assert editor.caption("reported_to").text() == "Givet af:"
    editor.measure.setCurrentIndex(editor.measure.findData("kommunikation"))
    review = dt.date.today() + dt.timedelta(days=10)
    editor.review_date.set_value(review)
    qtbot.keyClicks(editor.description, "Kontrol af mobiltelefon om natten efter kommunens afgørelse.")
    qtbot.keyClicks(editor.reported_to, "Aarhus Kommune")
    save(dialog, qtbot)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert cells(page, 0)[0] == "Tilladelse" and cells(page, 0)[4] == f"revurderes {format_date(review)}"
    assert f"1 gældende tilladelse (næste revurdering {format_date(review)})" in page.summary.text()
    reviews = [d for d in ui_world.facade.deadlines.due(dt.date.today()) if d.kind == "use_of_force_review"]
    assert [d.due for d in reviews] == [review]

    page.table.selectRow(0)
    page.ask_reason = lambda: ("Registreret på forkert borger", True)
    finish(qtbot, page.withdraw_selected())
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert not [d for d in ui_world.facade.deadlines.due(dt.date.today()) if d.kind == "use_of_force_review"]
    page.show_withdrawn.setChecked(True)
    assert page.table.rowCount() == 1
    assert cells(page, 0)[5] == "Trukket tilbage: Registreret på forkert borger"
    page.table.selectRow(0)
    assert "Trukket tilbage" in page.detail.toPlainText() and "ah" in page.detail.toPlainText().lower()
    [kept] = ui_world.facade.use_of_force.for_citizen(citizen.id, include_withdrawn=True)
    assert isinstance(kept, UseOfForceRow) and kept.withdrawal_reason == "Registreret på forkert borger"


def test_the_status_report_counts_and_lists_the_periods_incidents(ui_world):
    import io

    from pypdf import PdfReader

    from fko_desktop.unit.output import ReportKind, ReportOptions

    facade, citizen = ui_world.facade, ui_world.citizen
    today = dt.date.today()
    for days, measure in ((3, "fastholdelse"), (2, "fastholdelse"), (1, "foere_til_andet_rum")):
        facade.use_of_force.record(
            citizen.id,
            kind="indberetning",
            occurred_on=today - dt.timedelta(days=days),
            occurred_time=dt.time(8, 15),
            measure_code=measure,
            duration_minutes=days,
            description=f"Hændelse {days}: Mads blev ført væk fra de andre.",
            prevention_tried="Afledning.",
            reported_on=today if days > 1 else None,
            reported_to="Kommunen" if days > 1 else None,
        )
    options = ReportOptions(period_from=today - dt.timedelta(days=30), period_to=today)
    pdf = facade.reports.render(ReportKind.STATUS, citizen.id, options)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert (
        "I perioden er der registreret 3 magtanvendelser (fastholdelse 2, føre til et andet rum 1)." in text
    )
    assert "1 er ikke indberettet til myndigheden." in text
    assert "kl. 08.15" in text and "Hændelse 3" in text and "Ikke indberettet" in text
