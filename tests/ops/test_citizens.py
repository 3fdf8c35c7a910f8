import datetime as dt

import pytest

from fko_desktop.errors import InvalidCpr, NotFound, ValidationError
from fko_desktop.models.enums import Area, ContactKind
from fko_desktop.ops import citizens


def test_create_and_find_by_id_or_cpr(world):
    unit, actor = world.unit, world.actor
    created = citizens.create_citizen(
        unit,
        actor,
        name="  Sofie Prøvesen ",
        cpr="2304901234",
        area="adults",
        department="Egely",
        contacts=[citizens.ContactInput("next_of_kin", "Bo Prøvesen", relation="Bror", phone="12345678")],
    ).value
    assert created.cpr == "230490-1234"
    by_id = citizens.find_citizen(unit, str(created.id))
    by_cpr = citizens.find_citizen(unit, "230490-1234")
    assert by_id.id == by_cpr.id == created.id
    assert by_id.name == "Sofie Prøvesen"
    assert by_id.area is Area.ADULTS
    assert [(c.kind, c.name, c.relation) for c in by_id.contacts] == [
        (ContactKind.NEXT_OF_KIN, "Bo Prøvesen", "Bror")
    ]


def test_bad_cpr_and_duplicate_cpr_are_refused_and_nothing_is_stored(world):
    unit, actor = world.unit, world.actor
    before = len(citizens.list_citizens(unit))
    with pytest.raises(InvalidCpr):
        citizens.create_citizen(unit, actor, name="X", cpr="310299-1234", area="children")
    with pytest.raises(ValidationError, match="allerede registreret"):
        citizens.create_citizen(unit, actor, name="X", cpr=world.citizen.cpr, area="children")
    with pytest.raises(ValidationError, match="Området"):
        citizens.create_citizen(unit, actor, name="X", cpr="010101-1234", area="elderly")
    assert len(citizens.list_citizens(unit)) == before


def test_unknown_reference_is_a_clear_not_found(world):
    with pytest.raises(NotFound, match="999"):
        citizens.find_citizen(world.unit, "999")
    with pytest.raises(Exception, match="hverken et borger-id"):
        citizens.find_citizen(world.unit, "abc")


def test_list_filters_by_text_area_and_active(world):
    unit, actor = world.unit, world.actor
    other = citizens.create_citizen(unit, actor, name="Åse Ærø", cpr="050505-1234", area="adults").value
    citizens.update_citizen(unit, actor, other.id, end_date=dt.date(2026, 1, 1))
    assert [c.name for c in citizens.list_citizens(unit, text="ærø")] == ["Åse Ærø"]
    assert [c.name for c in citizens.list_citizens(unit, text="0105")] == []
    assert [c.name for c in citizens.list_citizens(unit, text="010215")] == ["Mads Testesen"]
    assert [c.name for c in citizens.list_citizens(unit, area="adults")] == ["Åse Ærø"]
    assert [c.name for c in citizens.list_citizens(unit, active=True)] == ["Mads Testesen"]
    assert [c.name for c in citizens.list_citizens(unit, active=False)] == ["Åse Ærø"]


def test_end_date_before_intake_is_refused(world):
    with pytest.raises(ValidationError, match="før indflytningsdatoen"):
        citizens.update_citizen(world.unit, world.actor, world.citizen.id, end_date=dt.date(2024, 1, 1))
    assert citizens.get_citizen(world.unit, world.citizen.id).end_date is None
