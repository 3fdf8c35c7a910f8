"""The Århus schema assessment in the window, as a pædagog at a children's unit does it: the
child's "Århus-vurderinger" page from empty, a new assessment with every factor scored in the
form (a missing score refused first), what is stored, the factor × assessment table, a
correction and a withdrawal that keeps the assessment."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fko_desktop.models.aarhus_assessment import AarhusKind
from fko_desktop.models.formatting import format_date
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import citizens
from fko_desktop.ui.editors.base import ScoreCombo, set_combo_data
from tests.ui.test_daily_loop import save


def tree_labels(window, citizen_id):
    model = window.tree_model
    for row in range(model.rowCount()):
        citizen = model.index(row, 0)
        labels = [str(model.index(child, 0, citizen).data()) for child in range(model.rowCount(citizen))]
        if any(label.startswith("Århus") for label in labels) or row == model.rowCount() - 1:
            return labels
    return []


def fill_row(row, score, target, note=""):
    score_combo, target_combo = row.widgets["score"], row.widgets["target"]
    assert isinstance(score_combo, ScoreCombo) and isinstance(target_combo, ScoreCombo)
    set_combo_data(score_combo, score)
    set_combo_data(target_combo, target)
    if note:
        row.widgets["note"].setText(note)


def test_an_assessment_is_recorded_from_the_childs_page_and_shown_in_the_table(window, qtbot, ui_world):
    citizen = ui_world.citizen
    facade = ui_world.facade
    window.select_record("aarhus", citizen.id, citizen.id)
    page = window.aarhus_page
    assert window.pages.currentWidget() is page
    assert page.table.columnCount() == 0
    assert "Skema: Børn og familie." in page.summary.text()
    assert f"Næste vurdering: indskrivning, {format_date(citizen.intake_date)}." in page.summary.text()
    assert "endnu ingen Århus-vurderinger" in page.detail.text()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    editor = dialog.editor
    assert editor.title_label.text() == "Århus-vurdering"
    assert [r.code for r in editor.rows][:4] == [
        "udvikling_og_adfaerd", "familieforhold_mor", "familieforhold_far", "familieforhold_soeskende",
    ]  # fmt: skip
    assert len(editor.rows) == 10
    day = dt.date.today() - dt.timedelta(days=2)
    editor.date_edit.set_value(day)
    qtbot.keyClicks(editor.participants_edit, "Sagsbehandler, AH, mor")
    for row in editor.rows[:-1]:
        fill_row(row, 2, 1)
    school = next(r for r in editor.rows if r.code == "skoleforhold")
    fill_row(school, 3, 2, "Kommer i skole to dage om ugen.")
    set_combo_data(school.widgets["child_score"], 1)
    qtbot.keyClicks(school.widgets["child_note"], "Mads synes, det går fint.")
    # The last factor (Kriminalitet) has no score yet: refused, nothing stored.
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(editor.shown_errors()), timeout=20_000)
    assert "Giv »Kriminalitet« en score" in " ".join(editor.shown_errors())
    assert facade.aarhus.for_citizen(citizen.id) == []
    set_combo_data(editor.rows[-1].widgets["score"], "iv")
    save(dialog, qtbot)

    [stored] = facade.aarhus.for_citizen(citizen.id)
    assert (stored.assessed_on, stored.kind, stored.participants) == (
        day,
        AarhusKind.INTAKE,
        "Sagsbehandler, AH, mor",
    )
    found = stored.factor("skoleforhold")
    assert (found.score, found.target, found.note) == (3, 2, "Kommer i skole to dage om ugen.")
    assert (found.child_score, found.child_note, found.parent_score) == (1, "Mads synes, det går fint.", None)
    crime = stored.factor("kriminalitet")
    assert (crime.score, crime.target) == (NOT_ASSESSED, None)

    qtbot.waitUntil(lambda: page.table.columnCount() == 1, timeout=10_000)
    assert page.table.horizontalHeaderItem(0).text() == f"{format_date(day)}\nIndskrivning"
    rows = [page.table.verticalHeaderItem(r).text() for r in range(page.table.rowCount())]
    school_row = rows.index("Skoleforhold")
    assert page.table.item(school_row, 0).text() == "3 (mål 2)"
    assert "Barnet: 1 Mads synes, det går fint." in page.table.item(school_row, 0).toolTip()
    assert page.table.item(rows.index("Kriminalitet"), 0).text() == "Ikke vurderet"
    assert "Næste vurdering: opfølgning (3 måneder)" in page.summary.text()
    assert "Århus-vurderinger (1)" in tree_labels(window, citizen.id)

    # A correction from the page keeps the earlier version.
    page.select_assessment(stored.id)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    school = next(r for r in dialog.editor.rows if r.code == "skoleforhold")
    assert school.widgets["note"].text() == "Kommer i skole to dage om ugen."
    set_combo_data(school.widgets["score"], 2)
    save(dialog, qtbot)
    qtbot.waitUntil(lambda: page.table.item(school_row, 0).text() == "2 (mål 2)", timeout=10_000)
    assert facade.aarhus.get(stored.id).factor("skoleforhold").version == 2

    # Withdrawn with a reason: gone from the table, kept in the file.
    page.select_assessment(stored.id)
    page.ask_reason = lambda: ("Scoret på det forkerte barn.", True)
    task = page.withdraw_selected()
    assert task is not None
    qtbot.waitUntil(lambda: page.table.columnCount() == 0, timeout=10_000)
    [kept] = facade.aarhus.for_citizen(citizen.id, include_withdrawn=True)
    assert kept.withdrawal_reason == "Scoret på det forkerte barn."


def test_an_adult_gets_no_aarhus_page(window, qtbot, ui_world):
    adult = citizens.create_citizen(
        ui_world.unit, ui_world.actor, name="Karl Voksen", cpr="010170-1235", area="adults"
    ).value
    window.tree_model.reload()
    assert ui_world.facade.aarhus.offered_for(adult.id) is False
    assert ui_world.facade.aarhus.next_due(adult.id) is None
    assert ui_world.facade.aarhus.offered_for(ui_world.citizen.id) is True


def test_the_screenshot_views_show_the_page_with_its_texts_and_the_filled_form(window, qtbot, ui_world):
    from fko_desktop.unit.aarhus import FactorInput

    facade, citizen = ui_world.facade, ui_world.citizen
    long_note = "Kommer i skole to dage om ugen og kun til de første timer, men vil gerne mere."
    factors = [
        FactorInput(entry.code, 2, 1, long_note if entry.code == "skoleforhold" else None)
        for entry in facade.aarhus.factors("boern_og_familie")
    ]
    stored = facade.aarhus.record(
        citizen.id, assessed_on=dt.date.today() - dt.timedelta(days=3), factors=factors
    )
    window.tree_model.reload()

    assert window.show_for_screenshot(None, "aarhus-page") is None
    page = window.aarhus_page
    assert window.pages.currentWidget() is page and page.selected().id == stored.value
    # The text beside a score is on the page, not only in the cell's tooltip.
    assert f"Skoleforhold:</b> {long_note}" in page.detail.text()

    dialog = window.show_for_screenshot(None, "aarhus-dialog")
    assert type(dialog.editor).__name__ == "AarhusAssessmentEditor"
    assert dialog.editor.record_id == stored.value
    school = next(r for r in dialog.editor.rows if r.code == "skoleforhold")
    assert school.widgets["note"].text() == long_note
    assert school.widgets["note"].cursorPosition() == 0  # read from its start
    # Every box of the form fits the dialog: none is pushed out past its right edge.
    dialog.resize(1000, 700)
    qtbot.waitUntil(lambda: school.widgets["parent_note"].isVisible(), timeout=5_000)
    for widget in school.widgets.values():
        right = widget.mapTo(dialog, widget.rect().topRight()).x()
        assert right <= dialog.width(), widget.accessibleName()
    dialog.editor.discard_draft()
    dialog.close()
