"""The resident diary through the core: tagged notes with a set-back time, the filters a reader
uses, corrections that keep the earlier version, withdrawals that keep the note."""

import datetime as dt

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.ops import diary, journal, staff
from fko_desktop.storage.search import search_notes

FAMILY = ("specialsektoren", "familieforhold")
HEALTH = ("specialsektoren", "sundhedsforhold")


def test_a_tagged_note_with_a_set_back_time_is_listed_with_its_labels(world):
    night = (dt.datetime.now() - dt.timedelta(hours=9)).astimezone().replace(microsecond=0)
    note = journal.add_diary_note(
        world.unit,
        world.actor,
        world.citizen.id,
        text="Sov uroligt, vågnede to gange.",
        tags=[FAMILY, HEALTH],
        observed_at=night,
    ).value
    [row] = diary.diary(world.unit, world.citizen.id)
    assert row.id == note.id and row.observed_at == night and row.author == "AH"
    assert row.written_at is not None and row.written_at > row.observed_at
    assert [t.label for t in row.tags] == ["Familieforhold", "Sundhedsforhold"]
    assert [(t.catalog, t.code) for t in row.tags] == [FAMILY, HEALTH]
    assert not row.withdrawn and row.version == 1


def test_the_filters_narrow_by_tag_author_and_period(world):
    other = staff.add_staff(world.unit, world.actor, name="Bo Berg", initials="bb", title="Pædagog").value
    now = dt.datetime.now().astimezone()
    week_ago = now - dt.timedelta(days=7)
    cid = world.citizen.id
    journal.add_diary_note(world.unit, world.actor, cid, text="Ringede til mor i aften.", tags=[FAMILY])
    journal.add_diary_note(
        world.unit, world.actor, cid, text="Hos lægen med ondt i øret.", tags=[HEALTH], observed_at=week_ago
    )
    journal.add_diary_note(
        world.unit, world.actor, cid, text="Spillede fodbold med de andre.", author_id=other.id
    )
    texts = lambda **f: [r.text for r in diary.diary(world.unit, cid, **f)]  # noqa: E731
    assert texts(tag=FAMILY) == ["Ringede til mor i aften."]
    assert texts(author_id=other.id) == ["Spillede fodbold med de andre."]
    assert texts(until=now - dt.timedelta(days=1)) == ["Hos lægen med ondt i øret."]
    assert len(texts(since=now - dt.timedelta(days=1))) == 2
    assert diary.count_diary(world.unit, cid, tag=HEALTH) == 1
    assert len(diary.diary(world.unit, cid, offset=1, limit=1)) == 1
    assert [i for i, _ in diary.diary_authors(world.unit, cid)] == sorted([world.staff_id, other.id])


def test_an_edit_keeps_the_earlier_version_and_a_withdrawal_keeps_the_note(world):
    cid = world.citizen.id
    note = journal.add_diary_note(world.unit, world.actor, cid, text="Glad efter skole.", tags=[FAMILY]).value
    with pytest.raises(ValidationError):
        diary.edit_diary_note(world.unit, world.actor, note.id, text="kort")
    diary.edit_diary_note(
        world.unit, world.actor, note.id, text="Glad efter skole og fritidsklub.", tags=[HEALTH]
    )
    [row] = diary.diary(world.unit, cid)
    assert row.text == "Glad efter skole og fritidsklub." and row.version == 2
    assert [(t.catalog, t.code) for t in row.tags] == [HEALTH]
    [earlier] = diary.diary_note_history(world.unit, note.id)
    assert earlier["data"]["text"] == "Glad efter skole."  # type: ignore[index]

    diary.withdraw_diary_note(world.unit, world.actor, note.id, reason="Skrevet på forkert barn.")
    [row] = diary.diary(world.unit, cid)
    assert row.withdrawn and row.withdrawal_reason == "Skrevet på forkert barn."
    assert diary.diary(world.unit, cid, include_withdrawn=False) == []


def test_children_are_tagged_with_contexts_and_adults_with_ffb_themes():
    children = diary.tag_choices("children")
    assert {c.catalog for c in children} == {"specialsektoren"} and len(children) == 10
    adults = diary.tag_choices("adults")
    assert {c.catalog for c in adults} == {"ffb"} and max(c.depth for c in adults) >= 2


def test_a_journal_search_hit_names_its_sub_goal(world):
    journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="Cyklede selv til skolen i dag.")
    with world.unit.read() as session:
        [hit] = search_notes(session, "cyklede")
    assert hit.kind == "journal" and hit.sub_goal == world.sub_goals[0].text
