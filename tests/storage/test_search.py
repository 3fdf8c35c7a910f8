"""Full-text search over notes: Danish words, prefixes, newest first, and any typed text is safe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fko_desktop.errors import ValidationError
from fko_desktop.ops import citizens, journal, orders, plans, staff
from fko_desktop.storage.search import fts_query, search_notes
from fko_desktop.storage.unitfile import UnitFile

UTC = dt.UTC
SCAR = "Mads har et ar på knæet efter cykelturen."
YEAR = "Det har været et godt år for Mads."
DIARY = "Mads fejrede sin fødselsdag med mormor."


@pytest.fixture(scope="module")
def unit(_unit_template, tmp_path_factory) -> Iterator[UnitFile]:
    """The shared small unit plus notes with "ar"/"år", a diary note and a second citizen."""
    path = tmp_path_factory.mktemp("search") / "søg.fko"
    path.write_bytes(_unit_template.read_bytes())
    opened = UnitFile.open(path)
    actor = staff.actor_for(opened.staff()[0])
    sub_goal_id = journal.journal(opened)[0].sub_goal_id
    journal.add_note(
        opened, actor, sub_goal_id, text=SCAR, observed_at=dt.datetime(2025, 5, 1, 12, tzinfo=UTC)
    )
    journal.add_note(
        opened, actor, sub_goal_id, text=YEAR, observed_at=dt.datetime(2025, 5, 2, 12, tzinfo=UTC)
    )
    journal.add_diary_note(opened, actor, 1, text=DIARY, observed_at=dt.datetime(2025, 6, 1, 18, tzinfo=UTC))
    other = citizens.create_citizen(
        opened, actor, name="Sara Ståhl", cpr="020316-4002", area="children"
    ).value
    goal = orders.create_order(
        opened,
        actor,
        other.id,
        goals=[orders.GoalInput("Sara læser.", "skole_og_laering", dt.date(2025, 1, 1))],
    ).value.goals[0]
    sara_sub = plans.add_sub_goal(
        opened, actor, goal.id, text="Sara læser højt.", start_date=dt.date(2025, 1, 1)
    ).value
    journal.add_note(opened, actor, sara_sub.id, text="Sara holdt fødselsdag i dag.", score=1,
                     observed_at=dt.datetime(2025, 2, 1, 12, tzinfo=UTC))  # fmt: skip
    yield opened
    opened.close()


def search(unit: UnitFile, query: str, **kw):
    with unit.read() as session:
        return search_notes(session, query, **kw)


def texts(hits) -> list[str]:
    return [hit.snippet.replace("[", "").replace("]", "") for hit in hits]


def test_danish_words_are_found_newest_first(unit):
    hits = search(unit, "fødselsdag")
    assert [(h.kind, h.citizen_name, h.observed_at.date()) for h in hits] == [
        ("diary", "Mads Testesen", dt.date(2025, 6, 1)),
        ("journal", "Mads Testesen", dt.date(2025, 3, 1)),
        ("journal", "Sara Ståhl", dt.date(2025, 2, 1)),
    ]
    assert hits[1].snippet == "Mads holdt sin [fødselsdag] i klassen og var glad."
    assert (hits[1].author, hits[1].score, hits[1].withdrawn) == ("AH", 2, False)
    assert hits[2].score == 1 and hits[0].score is None
    assert all(h.observed_at.tzinfo is not None for h in hits)
    assert texts(search(unit, "FØDSELSDAG")) == texts(hits)  # case folding covers æ, ø and å


def test_ma_and_prefixes(unit, unit_facts):
    must = unit_facts["notes"][1][1]
    assert texts(search(unit, "må")) == [must]
    assert texts(search(unit, "Må")) == [must]
    assert texts(search(unit, "fødsels")) == texts(search(unit, "fødselsdag"))
    assert texts(search(unit, "fød")) == texts(search(unit, "fødselsdag"))
    assert texts(search(unit, "cykel")) == [SCAR]
    assert search(unit, "dag fødsel") != []  # every word a prefix, in any order
    assert search(unit, "ødselsdag") == []  # a prefix, not a substring


def test_a_and_aa_are_different_letters(unit):
    assert texts(search(unit, "år")) == [YEAR]
    assert texts(search(unit, "a\u030ar")) == [YEAR]  # "år" typed as a + combining ring
    assert texts(search(unit, "ar")) == [SCAR]
    assert search(unit, "knae") == [] and texts(search(unit, "knæ")) == [SCAR]


def test_all_words_must_occur_and_filters(unit):
    assert texts(search(unit, "Mads knæet")) == [SCAR]
    assert search(unit, "Sara knæet") == []
    mads = search(unit, "Mads")
    assert [h.observed_at for h in mads] == sorted((h.observed_at for h in mads), reverse=True)
    assert len(mads) == 6  # 3 + 2 journal notes and the diary note; Sara's note is not about Mads
    assert {h.citizen_id for h in search(unit, "fødselsdag", citizen_id=1)} == {1}
    assert len(search(unit, "fødselsdag", citizen_id=1)) == 2
    assert texts(search(unit, "Mads", limit=2)) == [DIARY, YEAR]


def test_withdrawn_notes_are_found_and_marked(unit_path, unit_facts):
    with UnitFile.open(unit_path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        [hit] = search(unit, "fødselsdag")
        journal.withdraw_note(unit, actor, hit.note_id, reason="Forkert barn.")
        [again] = search(unit, "fødselsdag")
    assert (again.note_id, again.withdrawn, hit.withdrawn) == (hit.note_id, True, False)


def test_the_index_follows_an_edit(unit_path):
    with UnitFile.open(unit_path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        [hit] = search(unit, "fødselsdag")
        journal.edit_note(unit, actor, hit.note_id, text="Mads holdt en fest i klassen.", score=2)
        assert search(unit, "fødselsdag") == []
        assert [h.note_id for h in search(unit, "fest")] == [hit.note_id]
        assert search(unit, "klassen")[0].snippet == "Mads holdt en fest i [klassen]."


@pytest.mark.parametrize(
    "typed, expected",
    [
        ('"fødselsdag', 3),
        ("fødselsdag*", 3),
        ("*fødselsdag", 3),
        ("fødselsdag AND", 0),  # "and" is searched as a word; no note has one
        ("NEAR(fødselsdag glad)", 0),
        ("NEAR(", 0),
        ("fødselsdag)", 3),
        ("(fødselsdag", 3),
        ("-fødselsdag", 3),
        ("^fødselsdag", 3),
        ("text:fødselsdag", 0),
        ("fødselsdag + glad", 1),
        ("{fødselsdag}", 3),
        ("fødselsdag's", 3),  # "s" is a word too: "sin", "sin", "Sara"
        ("'; DROP TABLE journal_note; --", 0),
    ],
)
def test_fts_operators_typed_by_the_user_do_not_break_the_search(unit, typed, expected):
    assert len(search(unit, typed)) == expected


@pytest.mark.parametrize("typed", ["", "   ", '"', "*", '"*"', "()", "?! …", "–"])
def test_a_query_without_words_is_refused(unit, typed):
    with pytest.raises(ValidationError, match="Skriv mindst ét ord"):
        search(unit, typed)


def test_the_query_quotes_every_word():
    assert fts_query('Fødselsdag AND "glad" NEAR(') == '"fødselsdag"* "and"* "glad"* "near"*'


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_typed_text_either_searches_or_is_refused_clearly(unit, typed):
    try:
        hits = search(unit, typed)
    except ValidationError as error:
        assert "ord" in str(error)
    else:
        assert [h.observed_at for h in hits] == sorted((h.observed_at for h in hits), reverse=True)
