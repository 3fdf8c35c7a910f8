"""The guided start: a new unit is made with its first staff member, or a file or the demo is
chosen; a refusal says why and leaves nothing on disk."""

from __future__ import annotations

import pytest

from fko_desktop.ui.start_dialog import StartDialog


@pytest.fixture
def start(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog, *, initials="lb", password="lones-gode-kode", again=None):
    dialog.show_new_unit()
    qtbot.keyClicks(dialog.unit_name, "Bostedet Egely")
    qtbot.keyClicks(dialog.departments, "Afd. Nord")
    dialog.adults_area.setChecked(True)
    qtbot.keyClicks(dialog.staff_name, "Lone Berg")
    qtbot.keyClicks(dialog.staff_initials, initials)
    qtbot.keyClicks(dialog.staff_title, "Afdelingsleder")
    qtbot.keyClicks(dialog.staff_password, password)
    qtbot.keyClicks(dialog.staff_password_again, again if again is not None else password)


def test_a_new_unit_is_made_with_its_first_staff_member(qtbot, start, tmp_path):
    _fill(qtbot, start)
    # The file goes in the data folder under the unit's name unless the user chooses a place.
    assert start.path.text() == str(tmp_path / "data" / "Bostedet Egely.fko")
    unit = start.create_unit()
    assert unit is not None and start.result() == StartDialog.DialogCode.Accepted
    try:
        assert (unit.name, unit.record.departments, unit.record.areas) == (
            "Bostedet Egely",
            ("Afd. Nord",),
            ("children", "adults"),
        )
        (member,) = unit.staff.list()
        assert (member.name, member.initials, member.role.value) == ("Lone Berg", "LB", "administrator")
        assert unit.actor is not None and unit.actor.staff_id == member.id  # ready to write
        assert not unit.readonly
        assert unit.accounts.has_password(member.id)
    finally:
        unit.close()
    from fko_desktop.unit import Unit

    with Unit.open_as(tmp_path / "data" / "Bostedet Egely.fko", "LB", "lones-gode-kode") as again:
        assert again.actor is not None and again.actor.name == "Lone Berg (LB)"


def test_the_first_password_is_asked_twice_and_must_be_good(qtbot, start, tmp_path):
    _fill(qtbot, start, again="en-anden-kode")
    assert start.create_unit() is None
    assert start.message.text() == "De to adgangskoder er ikke ens."
    start.staff_password.setText("kort")
    start.staff_password_again.setText("kort")
    assert start.create_unit() is None
    assert start.message.text() == "Adgangskoden skal have mindst 10 tegn."
    assert list((tmp_path / "data").glob("*.fko*")) == []


def test_a_refused_unit_leaves_the_form_and_no_file(qtbot, start, tmp_path):
    _fill(qtbot, start, initials="l b")
    assert start.create_unit() is None
    assert start.message.text().startswith("»L B« kan ikke bruges som initialer")
    assert start.staff_name.text() == "Lone Berg"  # kept for the correction
    assert not (tmp_path / "data" / "Bostedet Egely.fko").exists()
    start.children_area.setChecked(False)
    start.adults_area.setChecked(False)
    start.staff_initials.setText("LB")
    assert start.create_unit() is None
    assert start.message.text() == "Vælg mindst ét område: børn og unge eller voksne."
    assert list((tmp_path / "data").glob("*.fko*")) == []


def test_an_existing_file_or_the_demo_can_be_chosen(start, tmp_path):
    start.choose_existing(str(tmp_path / "enhed.fko"))
    assert start.chosen_path == tmp_path / "enhed.fko" and start.created is None
    start.choose_demo()
    assert start.chosen_path == "demo"
