"""A unit file whose tamper-evident history is broken opens read-only under a red banner."""

from __future__ import annotations

from fko_desktop.models import Actor
from fko_desktop.storage.unitfile import UnitFile

from ..storage.tamper import without_triggers
from ..storage.util import run_sqlite
from .test_main_window import make_window


def test_a_broken_chain_shows_a_red_banner_and_the_window_cannot_write(qtbot, ui_world):
    path = ui_world.unit.path
    ui_world.unit.close()
    run_sqlite(path, *without_triggers("audit_event_never_updated", statements=[
        "UPDATE audit_event SET actor_name = 'Nogen andre' WHERE id = (SELECT max(id) FROM audit_event)"
    ]))  # fmt: skip
    unit = UnitFile.open(path)
    try:
        window = make_window(qtbot, unit, Actor(ui_world.actor.staff_id, ui_world.actor.name))
        assert window.banner_bar.isVisible()
        text = window.banner.text()
        assert text.startswith("Skrivebeskyttet: Kæden er brudt ved hændelse nr. ")
        assert "indholdet passer ikke med kæden." in text
        assert "#c50f1f" in window.banner_bar.styleSheet()  # red, not the yellow of a plain read-only file
        assert window.readonly
    finally:
        unit.close()


def test_a_sound_file_keeps_the_yellow_banner_colours(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert "#c50f1f" not in window.banner_bar.styleSheet()
    assert not window.banner_bar.isVisible() or "Kæden" not in window.banner.text()
