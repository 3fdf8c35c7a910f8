"""The order's page and form through the real window: returned, reformulated, accepted and
replaced from the page, its "Forløb" read from the page, services and meeting kind typed into
the form, and a save with warnings that keeps the form open until they are read."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import MeetingKind, OrderState
from fko_desktop.ops import citizens, orders
from fko_desktop.ops.order_life import REPLACED_REASON
from fko_desktop.ui.editors import OrderEditor
from tests.ui.conftest import UiWorld, finish
from tests.ui.test_editors import fill_row, make, settle


def order_of(ui_world: UiWorld, order_id: int):  # type: ignore[no-untyped-def]
    return next(o for o in orders.orders_for_citizen(ui_world.unit, ui_world.citizen.id) if o.id == order_id)


def save_dialog(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Press the form's button and wait until the write it started is stored or refused."""
    qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.editor.runner.busy, timeout=20_000)


def test_an_order_is_returned_reformulated_accepted_and_replaced_from_its_page(qtbot, window, ui_world):
    order_id, today = ui_world.goal.order_id, dt.date.today()
    window.select_record("order", order_id, ui_world.citizen.id)
    page = window.info_page
    assert "Forløb" in page.text() and "Modtaget" in page.text()

    page.ask_reason = lambda: ("Mål 2 er ikke SMART", True)
    finish(qtbot, page.return_order())
    assert order_of(ui_world, order_id).state is OrderState.RETURNED
    assert "Sendt retur" in page.text() and "Mål 2 er ikke SMART" in page.text()

    # The caseworker's reformulated goal is typed into the order's form.
    dialog = window.open_editor("OrderEditor", order_id)
    row = dialog.editor.goal_rows[0]
    row.text.setPlainText("Mads går i skole fem dage om ugen.")
    save_dialog(dialog, qtbot)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: "Omformuleret – afventer godkendelse" in page.text())
    assert order_of(ui_world, order_id).reformulated_date == today

    finish(qtbot, page.accept_order())
    stored = order_of(ui_world, order_id)
    assert (stored.state, stored.accepted_date) == (OrderState.ACCEPTED, today)
    for line in ("Modtaget", "Sendt retur", "Omformuleret", "Godkendt"):
        assert line in page.text(), line

    assert page.replace_button.isVisibleTo(page)
    page.replace_button.click()
    editor = window.active_editor.editor
    assert isinstance(editor, OrderEditor) and editor.replaces_order_id == order_id
    assert editor.title_label.text() == "Ny bestilling, der erstatter bestillingen fra 10.01.2025"
    fill_row(editor.goal_rows[0], "Mads har en fast ven.", "fritid_og_venskaber", 2, 1, qtbot)
    save_dialog(window.active_editor, qtbot)
    assert editor.shown_errors() == []
    earlier = order_of(ui_world, order_id)
    assert earlier.state is OrderState.REPLACED
    assert [(g.end_date, g.end_reason) for g in earlier.goals] == [(today, REPLACED_REASON)]
    window.select_record("order", order_id, ui_world.citizen.id)
    assert "Erstattet af bestilling" in page.text()
    assert not page.replace_button.isVisibleTo(page) and not page.accept_button.isVisibleTo(page)


def test_an_accept_refused_is_said_above_the_order(qtbot, window, ui_world):
    empty = orders.create_order(ui_world.unit, ui_world.actor, ui_world.citizen.id).value
    window.select_record("order", empty.id, ui_world.citizen.id)
    page = window.info_page
    finish(qtbot, page.accept_order())
    assert page.message.text() == "Bestillingen har ingen indsatsmål og kan ikke godkendes."
    assert not page.message.isHidden()


def test_the_order_form_saves_meeting_kind_and_services(qtbot, world):
    editor = make(OrderEditor, world, qtbot)
    editor.load(world.order_id)
    editor.meeting_kind.setCurrentIndex(editor.meeting_kind.findData(MeetingKind.ANNUAL.value))
    for name, legal_basis in (("Længerevarende botilbud", "SEL § 108"), ("Aflastning", "SEL § 84")):
        qtbot.mouseClick(editor.services.add_button, Qt.MouseButton.LeftButton)
        line = editor.services.lines[-1]
        qtbot.keyClicks(line.name, name)
        qtbot.keyClicks(line.legal_basis, legal_basis)
    editor.services.lines[0].start.set_value(dt.date(2025, 2, 1))
    editor.services.add_line()  # an empty line is left out
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(editor, qtbot)
    assert editor.shown_errors() == []
    stored = next(
        o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == world.order_id
    )
    assert stored.meeting_kind is MeetingKind.ANNUAL
    assert [(s.name, s.legal_basis, s.start_date) for s in stored.services] == [
        ("Længerevarende botilbud", "SEL § 108", dt.date(2025, 2, 1)),
        ("Aflastning", "SEL § 84", None),
    ]

    editor.load(world.order_id)  # shown again as stored; one line removed and saved
    assert [line.name.text() for line in editor.services.lines] == ["Længerevarende botilbud", "Aflastning"]
    qtbot.mouseClick(editor.services.lines[0].remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(editor, qtbot)
    stored = next(
        o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == world.order_id
    )
    assert [s.name for s in stored.services] == ["Aflastning"]


def test_a_save_with_warnings_keeps_the_form_open_until_luk(qtbot, window, ui_world):
    dialog = window.open_editor("OrderEditor", None, citizen_id=ui_world.citizen.id)
    editor = dialog.editor
    received = editor.received_date.value()
    editor.meeting_date.set_value(received - dt.timedelta(days=20))
    qtbot.keyClicks(editor.purpose, "Formål")
    fill_row(editor.goal_rows[0], "Mads spiser morgenmad.", "sundhed", 2, 1, qtbot)
    before = len(orders.orders_for_citizen(ui_world.unit, ui_world.citizen.id))

    save_dialog(dialog, qtbot)
    assert dialog.isVisible() and not editor.warning_label.isHidden()
    assert "modtaget 20 dage efter mødet" in editor.warning_label.text()
    assert editor.save_button.text() == "Luk"
    assert len(orders.orders_for_citizen(ui_world.unit, ui_world.citizen.id)) == before + 1

    qtbot.keyClicks(editor.sender_name, "Lone")  # an edit: the button saves again
    assert editor.save_button.text() == "Gem"
    save_dialog(dialog, qtbot)
    assert dialog.isVisible() and editor.save_button.text() == "Luk"

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(orders.orders_for_citizen(ui_world.unit, ui_world.citizen.id)) == before + 1


def test_a_citizen_over_65_gets_an_order_but_is_offered_no_plan(qtbot, window, ui_world):
    elder = citizens.create_citizen(
        ui_world.unit, ui_world.actor, name="Else Gammel", cpr="010140-1234", area="adults"
    ).value
    order = orders.create_order(
        ui_world.unit, ui_world.actor, elder.id, received_date=dt.date.today(),
        intervention_purpose="At Else trives.",
        goals=[orders.GoalInput("Else går en tur hver dag.", _ffb_domain(), dt.date.today(), 3, 2)],
    ).value  # fmt: skip
    window.select_record("order", order.id, elder.id)
    page = window.info_page
    finish(qtbot, page.accept_order())
    qtbot.waitUntil(lambda: "Godkendt" in page.text())

    assert not page.plan_button.isVisibleTo(page)
    assert page.notice.isVisibleTo(page)
    assert page.notice.text() == (
        "Borgeren er over 65 år: der udarbejdes ikke handleplan, kun en FKO-bestilling."
    )


def _ffb_domain() -> str:
    return next(e.code for e in load_catalog("ffb").set("goal_domains") if e.selectable)
