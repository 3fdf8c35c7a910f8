"""The window shows a medarbejder what their role cannot use as greyed out, saying who can
(issue 13); the core refuses it anyway (tests/ops/test_permissions.py)."""

from __future__ import annotations

from fko_desktop.ops import plans, staff
from fko_desktop.ui.bundle_keys import KeysDialog

from .test_main_window import make_window


def _action(window, text: str):  # type: ignore[no-untyped-def]
    (found,) = [a for a in window.findChildren(type(window.one_based_action)) if a.text() == text]
    return found


def test_a_medarbejder_sees_leder_and_administrator_actions_greyed_out(qtbot, ui_world):  # type: ignore[no-untyped-def]
    bo = staff.actor_for(staff.add_staff(ui_world.unit, ui_world.actor, name="Bo Berg", initials="BB").value)
    window = make_window(qtbot, ui_world.unit, bo)
    for text, why in (
        ("&Medarbejdere…", "Kun en leder kan administrere medarbejdere."),
        ("Enhedens &indstillinger…", "Kun en administrator kan ændre enhedens indstillinger."),
        ("Gendan fra sikkerhedskopi …", "Kun en administrator kan gendanne en sikkerhedskopi."),
    ):
        action = _action(window, text)
        assert not action.isEnabled() and action.toolTip() == why
    keys = KeysDialog(window.unit)
    qtbot.addWidget(keys)
    assert not keys.create_button.isEnabled()
    assert keys.create_button.toolTip() == "Kun en administrator kan lave enhedens nøglepar."

    plan = plans.create_plan(ui_world.unit, bo, ui_world.citizen.id, order_id=ui_world.goal.order_id).value
    window.plan_page.show_plan(plan.id)
    button = window.plan_page.activate_button
    assert not button.isEnabled() and button.toolTip() == "Kun en leder kan godkende en plan."


def test_the_administrator_has_every_action(qtbot, ui_world):  # type: ignore[no-untyped-def]
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    for text in ("&Medarbejdere…", "Enhedens &indstillinger…", "Gendan fra sikkerhedskopi …"):
        assert _action(window, text).isEnabled()
    plan = plans.create_plan(
        ui_world.unit, ui_world.actor, ui_world.citizen.id, order_id=ui_world.goal.order_id
    )
    window.plan_page.show_plan(plan.value.id)
    assert window.plan_page.activate_button.isEnabled()
