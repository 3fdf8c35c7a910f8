"""Staff are added, edited, deactivated and reactivated; every refusal changes nothing."""

from __future__ import annotations

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import journal, staff, unit_settings
from tests.unit_rows import FORM_TABLES, file_state

STAFF_TABLES = (*FORM_TABLES, "staff_member", "unit")

#: The program setting a new unit up (the guided start) before anyone can log in.
TOOL = Actor(None, "FKO Desktop", system=True)


def _first(unit):
    return staff.add_staff(unit, TOOL, name="Lone Berg", initials="lb", role="administrator").value


def test_a_member_is_added_with_department_and_role(unit):
    unit_settings.set_unit_settings(unit, TOOL, departments=["Afd. Nord", "Afd. Syd"])
    admin = _first(unit)
    member = staff.add_staff(
        unit,
        staff.actor_for(admin),
        name="Anna Hansen",
        initials=" ah ",
        title="Pædagog",
        department="Afd. Nord",
    ).value
    (stored,) = [m for m in unit.staff() if m.id == member.id]
    assert (stored.initials, stored.department, stored.role) == ("AH", "Afd. Nord", StaffRole.EMPLOYEE)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "Anders Holm", "initials": "AH"}, "Initialerne AH bruges allerede af Anna Hansen."),
        ({"name": "  ", "initials": "XY"}, "Udfyld »Navn«."),
        ({"name": "Xenia", "initials": "x y"}, "»X Y« kan ikke bruges som initialer"),
        (
            {"name": "Xenia", "initials": "XY", "department": "Afd. Øst"},
            "Enheden har ingen afdeling »Afd. Øst«",
        ),
        ({"name": "Xenia", "initials": "XY", "role": "chef"}, "»chef« er ikke en rolle"),
    ],
)
def test_a_bad_member_is_refused_and_nothing_changes(unit, fields, message):
    unit_settings.set_unit_settings(unit, TOOL, departments=["Afd. Nord"])
    admin = staff.actor_for(_first(unit))
    staff.add_staff(unit, admin, name="Anna Hansen", initials="AH")
    before = file_state(unit, STAFF_TABLES)
    with pytest.raises(ValidationError) as refused:
        staff.add_staff(unit, admin, **fields)
    assert refused.value.message.startswith(message)
    assert file_state(unit, STAFF_TABLES) == before


def test_the_last_active_member_and_the_last_administrator_stay(unit):
    admin = _first(unit)
    by_admin = staff.actor_for(admin)
    member = staff.add_staff(unit, by_admin, name="Anna Hansen", initials="AH").value
    before = file_state(unit, STAFF_TABLES)
    with pytest.raises(ValidationError, match="mindst én aktiv administrator"):
        staff.deactivate_staff(unit, by_admin, admin.id)
    with pytest.raises(ValidationError, match="mindst én aktiv administrator"):
        staff.edit_staff(unit, by_admin, admin.id, role="leder")
    assert file_state(unit, STAFF_TABLES) == before
    staff.edit_staff(unit, by_admin, member.id, role="administrator")
    by_member = staff.actor_for(member)
    staff.deactivate_staff(unit, by_member, admin.id)  # another administrator remains
    with pytest.raises(ValidationError, match="mindst én aktiv medarbejder"):
        staff.deactivate_staff(unit, by_member, member.id)


def test_a_deactivated_member_keeps_their_notes_and_gives_up_their_initials(world):
    unit = world.unit
    note = journal.add_note(unit, world.actor, world.sub_goals[0].id, text="Mads spiste morgenmad.").value
    other = staff.add_staff(unit, world.actor, name="Lone Berg", initials="LB", role="administrator").value
    by_other = staff.actor_for(other)
    changed = staff.deactivate_staff(unit, by_other, world.staff_id)
    assert changed.value.deactivated_at is not None
    (row,) = journal.journal(unit, sub_goal_ids=[world.sub_goals[0].id])
    assert (row.id, row.author) == (note.id, "AH")
    assert [m.initials for m in unit.staff()] == ["LB"]
    newcomer = staff.add_staff(unit, by_other, name="Anders Holm", initials="AH").value
    before = file_state(unit, STAFF_TABLES)
    with pytest.raises(ValidationError, match="Initialerne AH bruges allerede af Anders Holm"):
        staff.reactivate_staff(unit, by_other, world.staff_id)
    assert file_state(unit, STAFF_TABLES) == before
    staff.edit_staff(unit, by_other, newcomer.id, initials="AHO")
    staff.reactivate_staff(unit, by_other, world.staff_id)
    assert sorted(m.initials for m in unit.staff()) == ["AH", "AHO", "LB"]
    assert other.id in {m.id for m in unit.staff()}


def test_a_department_in_use_cannot_be_removed(unit):
    unit_settings.set_unit_settings(unit, TOOL, departments=["Afd. Nord", "Afd. Syd"], areas=["adults"])
    staff.add_staff(unit, TOOL, name="Anna Hansen", initials="AH", department="Afd. Syd")
    before = file_state(unit, STAFF_TABLES)
    with pytest.raises(ValidationError, match="Afdelingen »Afd. Syd« har stadig medarbejdere"):
        unit_settings.set_unit_settings(unit, TOOL, departments=["Afd. Nord"])
    with pytest.raises(ValidationError, match="Vælg mindst ét område"):
        unit_settings.set_unit_settings(unit, TOOL, areas=[])
    assert file_state(unit, STAFF_TABLES) == before
    assert (unit.unit().departments, unit.unit().areas) == (["Afd. Nord", "Afd. Syd"], ["adults"])
