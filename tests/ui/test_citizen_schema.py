"""The citizen form as a person uses it: a child's Århus schema is chosen there, an adult is
never offered one; a CPR number born in the future is refused next to the field."""

from __future__ import annotations

import datetime as dt

from fko_desktop.models import Citizen
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.ops import citizens
from fko_desktop.ui.editors import CitizenEditor
from fko_desktop.ui.pages.info import InfoPage
from tests.ui.test_editors import click_save, make


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def test_a_child_gets_the_schema_chosen_and_an_adult_none(world, qtbot):
    editor = make(CitizenEditor, world, qtbot)
    editor.load(None)
    assert editor.area.currentData() == "children"
    assert editor.outcome_schema.isVisible() and editor.caption("outcome_schema").isVisible()
    assert editor.caption("outcome_schema").text() == "Århus-skema:"
    assert [editor.outcome_schema.itemText(i) for i in range(editor.outcome_schema.count())] == [
        "Unge",
        "Børn og familie",
        "Handicap",
    ]
    assert editor.outcome_schema.currentText() == "Børn og familie"  # the default
    qtbot.keyClicks(editor.name, "Emil Ung")
    qtbot.keyClicks(editor.cpr, "020309-4233")
    choose(editor.outcome_schema, "Unge")
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    assert len(saved) == 1, editor.shown_errors()
    emil = saved[0].value
    assert citizens.get_citizen(world.unit, emil).outcome_schema is OutcomeSchema.UNGE

    # The form opens with the stored choice; moving Emil to the adults' area hides the choice
    # (caption too) and saves him without one.
    editor.load(emil)
    assert editor.outcome_schema.currentText() == "Unge"
    choose(editor.area, "Voksne")
    assert not editor.outcome_schema.isVisible() and not editor.caption("outcome_schema").isVisible()
    click_save(editor, qtbot)
    assert citizens.get_citizen(world.unit, emil).outcome_schema is None
    editor.load(emil)
    assert not editor.outcome_schema.isVisible()
    choose(editor.area, "Børn og unge")
    assert editor.outcome_schema.isVisible()
    choose(editor.outcome_schema, "Handicap")
    click_save(editor, qtbot)
    assert citizens.get_citizen(world.unit, emil).outcome_schema is OutcomeSchema.HANDICAP


def test_the_citizen_page_names_a_childs_schema_and_no_adults(world, qtbot):
    citizens.update_citizen(world.unit, world.actor, world.citizen.id, outcome_schema="unge")
    adult = citizens.create_citizen(
        world.unit, world.actor, name="Åse Voksen", cpr="120380-1234", area="adults"
    )
    page = InfoPage(world.runner)
    qtbot.addWidget(page)
    page.show_record("citizen", world.citizen.id, world.citizen.id)
    assert "Århus-skema" in page.text() and ">Unge<" in page.text()
    page.show_record("citizen", adult.value.id, adult.value.id)
    assert "Århus-skema" not in page.text()
    # A move-out still to come reads as planned; one that has happened as done.
    soon = dt.date.today() + dt.timedelta(days=20)
    citizens.update_citizen(world.unit, world.actor, adult.value.id, end_date=soon)
    page.show_record("citizen", adult.value.id, adult.value.id)
    assert "Fraflytter" in page.text() and "Fraflyttet" not in page.text()
    citizens.update_citizen(world.unit, world.actor, adult.value.id, end_date=dt.date.today())
    page.show_record("citizen", adult.value.id, adult.value.id)
    assert "Fraflyttet" in page.text() and "Fraflytter" not in page.text()


def test_a_cpr_number_born_in_the_future_is_refused_next_to_the_field(world, qtbot):
    editor = make(CitizenEditor, world, qtbot)
    editor.load(None)
    qtbot.keyClicks(editor.name, "Ida Fremtid")
    qtbot.keyClicks(editor.cpr, "010150-5123")
    click_save(editor, qtbot)
    label = editor.errors["cpr"]
    assert not label.isHidden()
    assert label.text() == "CPR-nummeret (010150-…) giver fødselsdatoen 01.01.2050, som ligger i fremtiden."
    with world.unit.read() as session:
        assert session.query(Citizen).count() == 1  # the world's own child only
