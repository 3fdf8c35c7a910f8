"""A unit file with no staff asks for its first staff member; an empty unit's today page says
what to do first."""

from fko_desktop.models import Actor
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import staff
from fko_desktop.ui.first_staff_dialog import FirstStaffDialog
from fko_desktop.ui.today_view import TodayView
from fko_desktop.unit import Unit


def test_the_first_staff_member_is_made_administrator_and_a_bad_one_is_refused(qtbot, ui_unit):
    unit = Unit(ui_unit, None)
    dialog = FirstStaffDialog(unit)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Birthe Lund")
    assert dialog.create_member() is None  # no initials
    assert not dialog.message.isHidden() and dialog.message.text()
    assert ui_unit.staff(include_inactive=True) == []
    qtbot.keyClicks(dialog.initials, "bl")
    qtbot.keyClicks(dialog.password, "birthes-kode-1")
    qtbot.keyClicks(dialog.password_again, "birthes-kode-2")
    assert dialog.create_member() is None
    assert dialog.message.text() == "De to adgangskoder er ikke ens."
    dialog.password.setText("kort")
    dialog.password_again.setText("kort")
    assert dialog.create_member() is None
    assert dialog.message.text() == "Adgangskoden skal have mindst 10 tegn."
    assert ui_unit.staff(include_inactive=True) == []  # a weak password leaves no member
    dialog.password.setText("birthes-kode-1")
    dialog.password_again.setText("birthes-kode-1")
    member = dialog.create_member()
    assert member is not None and member.name == "Birthe Lund"
    (stored,) = ui_unit.staff()
    assert stored.name == "Birthe Lund" and stored.role is StaffRole.ADMINISTRATOR
    assert unit.accounts.login("BL", "birthes-kode-1").id == stored.id


def test_an_empty_unit_today_page_names_the_first_step(qtbot, ui_unit):
    member = staff.add_staff(ui_unit, Actor(None, "test"), name="Anna Hansen", initials="ah").value
    unit = Unit(ui_unit, staff.actor_for(member))
    view = TodayView(unit)
    qtbot.addWidget(view)
    view.refresh()
    assert view.model.rowCount() == 0
    assert "ingen borgere" in view.hint.text() and "Ny borger" in view.hint.text()
