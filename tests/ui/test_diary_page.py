"""The resident diary in the window (issue 12, points 3 and 6): a pædagog writes a tagged note
with the time set back, finds it again by tag, author and period, corrects it (the earlier
version kept) and withdraws one with a reason; a search hit opens that very note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt

from fko_desktop.ops import citizens, diary, journal, staff
from fko_desktop.ui.main_window import PAGE_DIARY, PAGE_SUB_GOAL
from fko_desktop.ui.pages.diary_list import HtmlRole
from fko_desktop.ui.search_results import EXCERPT, hits_window

from .conftest import finish
from .test_main_window import make_window


def open_diary(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    citizen = ui_world.citizen
    window.select_record("diary", citizen.id, citizen.id)
    assert window.pages.currentIndex() == PAGE_DIARY
    return window, window.diary_page


def tick(page, label):
    for i in range(page.tag_list.count()):
        item = page.tag_list.item(i)
        if item.text().strip() == label:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no tag {label}")


def cards(page):
    return [page.model.index(r, 0).data(HtmlRole) for r in range(page.model.rowCount())]


def test_a_tagged_note_with_a_set_back_time_is_written_found_corrected_and_withdrawn(qtbot, ui_world):
    window, page = open_diary(qtbot, ui_world)
    cid = ui_world.citizen.id
    assert page.model.rowCount() == 0 and page.count_label.text() == "0 notater"
    # a child's diary is tagged with the plan's contexts
    assert page.tag_list.count() == 10 and page.tag_list.item(0).text() == "Familieforhold"

    # too short: refused with the core's words, nothing stored
    qtbot.keyClicks(page.text_edit, "Sov.")
    assert page.save() is None and page.message.isVisible()
    assert diary.diary(ui_world.unit, cid) == []

    page.text_edit.clear()
    qtbot.keyClicks(page.text_edit, "Sov uroligt og ville gerne ringe til mor.")
    night = QDateTime.currentDateTime().addSecs(-8 * 3600)
    page.time_edit.setDateTime(night)
    tick(page, "Familieforhold")
    tick(page, "Sundhedsforhold")
    finish(qtbot, page.save())
    [stored] = diary.diary(ui_world.unit, cid)
    assert stored.text == "Sov uroligt og ville gerne ringe til mor."
    assert [t.code for t in stored.tags] == ["familieforhold", "sundhedsforhold"]
    assert abs(stored.observed_at - night.toPython().astimezone()) < dt.timedelta(minutes=1)
    # what the user sees: the card with time, author, tags; the box empty again
    [card] = cards(page)
    assert "AH" in card and "Familieforhold" in card and "Sundhedsforhold" in card and "skrevet" in card
    assert page.text_edit.toPlainText() == "" and page.selected().id == stored.id

    # a second note by a colleague, a week ago, with another tag
    other = staff.add_staff(
        ui_world.unit, ui_world.actor, name="Bo Berg", initials="bb", title="Pædagog"
    ).value
    journal.add_diary_note(
        ui_world.unit, ui_world.actor, cid, text="Spillede fodbold i haven med Ali.",
        tags=[("specialsektoren", "venskabsforhold")], author_id=other.id,
        observed_at=dt.datetime.now().astimezone() - dt.timedelta(days=7),
    )  # fmt: skip
    page.show_citizen(cid)
    assert page.model.rowCount() == 2
    page.tag_filter.setCurrentIndex(page.tag_filter.findText("Venskabsforhold"))
    assert [page.model.note(r).text for r in range(page.model.rowCount())] == [
        "Spillede fodbold i haven med Ali."
    ]
    page.tag_filter.setCurrentIndex(0)
    page.author_filter.setCurrentIndex(page.author_filter.findText("AH"))
    assert page.model.rowCount() == 1 and page.model.note(0).id == stored.id
    page.author_filter.setCurrentIndex(0)
    page.period_check.setChecked(True)
    page.from_date.setDate(QDate.currentDate().addDays(-10))
    page.to_date.setDate(QDate.currentDate().addDays(-3))
    assert [page.model.note(r).author for r in range(page.model.rowCount())] == ["BB"]
    page.period_check.setChecked(False)
    assert page.model.rowCount() == 2

    # Ret: the box takes the note; Gem stores a new version, the earlier one kept in the history
    page.select_note(stored.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert page.save_button.text() == "Gem rettelse" and page.text_edit.toPlainText() == stored.text
    page.text_edit.setPlainText("Sov uroligt og ville ringe til mor kl. 23.")
    finish(qtbot, page.save())
    row = next(r for r in diary.diary(ui_world.unit, cid) if r.id == stored.id)
    assert row.version == 2 and row.text == "Sov uroligt og ville ringe til mor kl. 23."
    assert [t.code for t in row.tags] == ["familieforhold", "sundhedsforhold"]
    page.select_note(stored.id)
    history = page.history_html(page.selected())
    assert "Sov uroligt og ville gerne ringe til mor." in history and "Version 1" in history
    dialog = page.show_history()
    assert dialog is not None and dialog.isVisible()
    dialog.close()

    # Træk tilbage: the note stays, marked, with the reason
    page.ask_reason = lambda: ("Skrevet på forkert barn.", True)
    finish(qtbot, page.withdraw_selected())
    row = next(r for r in diary.diary(ui_world.unit, cid) if r.id == stored.id)
    assert row.withdrawn and row.withdrawal_reason == "Skrevet på forkert barn."
    card = next(c for c in cards(page) if "kl. 23" in c)
    assert "Trukket tilbage: Skrevet på forkert barn." in card
    page.select_note(stored.id)
    assert not page.edit_button.isEnabled() and not page.withdraw_button.isEnabled()


def test_the_tree_has_the_diary_under_the_citizen_with_its_count(qtbot, ui_world):
    cid = ui_world.citizen.id
    journal.add_diary_note(ui_world.unit, ui_world.actor, cid, text="En helt almindelig dag i huset.")
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    index = window.tree_model.find("diary", cid, cid)
    assert index.isValid() and index.data() == "Beboerdagbog (1)"


def test_a_diary_search_hit_opens_that_note(qtbot, ui_world):
    cid = ui_world.citizen.id
    for n in range(3):
        journal.add_diary_note(
            ui_world.unit, ui_world.actor, cid, text=f"Almindelig aften nummer {n} i stuen."
        )
    wanted = journal.add_diary_note(
        ui_world.unit, ui_world.actor, cid, text="Var til tandlæge og var modig.",
        observed_at=dt.datetime.now().astimezone() - dt.timedelta(days=30),
    ).value  # fmt: skip
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.search_edit.setText("tandlæge")
    finish(qtbot, window.search())
    view = window._search_window
    assert view.model.rowCount() == 1
    assert view.model.cell(0, 2) == "Beboerdagbog" and view.model.cell(0, 3) == "–"
    assert "«tandlæge»" in view.model.cell(0, EXCERPT)
    assert "<b>tandlæge</b>" in view.model.index(0, EXCERPT).data(HtmlRole)
    view.open_hit(view.model.hits[0])
    assert window.pages.currentIndex() == PAGE_DIARY
    assert window.diary_page.selected().id == wanted.id


def test_a_journal_search_hit_opens_the_sub_goal_with_the_note_selected_and_filters(qtbot, ui_world):
    sub_goal = ui_world.sub_goal
    wanted = journal.add_note(
        ui_world.unit, ui_world.actor, sub_goal.id, text="Cyklede selv til skolen."
    ).value
    journal.add_note(ui_world.unit, ui_world.actor, sub_goal.id, text="Gik til skolen med en voksen.")
    journal.add_diary_note(
        ui_world.unit, ui_world.actor, ui_world.citizen.id, text="Talte om skolen ved aftensmaden."
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    hits = window.unit.search.notes("skolen")
    view = hits_window(window, "skolen", hits)
    assert view.model.rowCount() == 3
    view.kind_filter.setCurrentIndex(view.kind_filter.findText("Delmålsjournal"))
    assert view.model.rowCount() == 2 and {view.model.cell(r, 3) for r in range(2)} == {sub_goal.text}
    view.kind_filter.setCurrentIndex(0)
    view.period_check.setChecked(True)
    view.from_date.setDate(QDate.currentDate().addDays(1))
    assert view.model.rowCount() == 0 and view.summary.text().startswith("0 af 3")
    view.period_check.setChecked(False)
    view.citizen_filter.setCurrentIndex(1)
    assert view.model.rowCount() == 3
    hit = next(h for h in view.model.hits if h.kind == "journal" and h.note_id == wanted.id)
    view.open_hit(hit)
    assert window.pages.currentIndex() == PAGE_SUB_GOAL
    selected = window.sub_goal_page.journal.selected_note()
    assert selected is not None and selected.id == wanted.id
    view.close()


def test_a_half_written_note_stays_with_its_citizen(qtbot, ui_world):
    other = citizens.create_citizen(
        ui_world.unit, ui_world.actor, name="Sofie Prøvesen", cpr="020316-4322", area="adults",
        intake_date=dt.date(2025, 1, 5),
    ).value  # fmt: skip
    window, page = open_diary(qtbot, ui_world)
    qtbot.keyClicks(page.text_edit, "Mads var glad for aftensmaden")
    window.select_record("diary", other.id, other.id)
    # another citizen: an empty box, and an adult's diary is tagged with the FFB themes
    assert page.text_edit.toPlainText() == "" and page.tag_list.item(0).text() == "Funktioner og forhold"
    window.select_record("diary", ui_world.citizen.id, ui_world.citizen.id)
    assert page.text_edit.toPlainText() == "Mads var glad for aftensmaden"
