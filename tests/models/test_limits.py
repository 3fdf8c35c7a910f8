"""Issue 9, case 5: a maximum length for a note and every text field, enforced in the core."""

from __future__ import annotations

import datetime as dt

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor
from fko_desktop.models.limits import MAX_LINE_CHARS, MAX_TEXT_CHARS, check_date
from fko_desktop.ops import citizens, journal, staff
from fko_desktop.ops.info import unit_info
from fko_desktop.storage.unitfile import UnitFile

ACTOR = Actor(1, "Anna Hansen")


def test_a_ten_megabyte_note_is_refused_with_the_limit_and_nothing_is_stored(unit_path):
    with UnitFile.open(unit_path) as unit:
        with pytest.raises(ValidationError) as refused:
            journal.add_note(unit, ACTOR, 1, text="x" * 10_000_000, score=None)
        assert refused.value.field == "text"
        assert "10.000.000 tegn" in refused.value.message and "højst 20.000 tegn" in refused.value.message
        assert unit_info(unit)["counts"]["journal_notes"] == 3


def test_a_note_at_the_limit_is_stored(unit_path):
    with UnitFile.open(unit_path) as unit:
        journal.add_note(unit, ACTOR, 1, text="x" * MAX_TEXT_CHARS, score=None)
        assert unit_info(unit)["counts"]["journal_notes"] == 4


def test_one_line_fields_have_the_shorter_limit(unit_path):
    with UnitFile.open(unit_path) as unit:
        with pytest.raises(ValidationError) as refused:
            staff.add_staff(unit, ACTOR, name="A" * (MAX_LINE_CHARS + 1), initials="zz", title="Pædagog")
        assert "Navnet er for lang" in refused.value.message
        with pytest.raises(ValidationError):
            citizens.update_citizen(unit, ACTOR, 1, caseworker_name="B" * 1000)


def test_dates_outside_1900_to_2100_are_refused():
    assert check_date(dt.date(2026, 12, 2)) == dt.date(2026, 12, 2)
    for bad in (dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2101, 1, 1), dt.date(9999, 12, 31)):
        with pytest.raises(ValidationError) as refused:
            check_date(bad)
        assert "1900–2100" in refused.value.message
