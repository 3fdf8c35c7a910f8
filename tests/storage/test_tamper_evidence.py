"""The tamper-evident history: every way of changing the file behind the program's back that
used to pass ``fko check`` is now refused by the database or named by the check."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from fko_desktop.cli import main
from fko_desktop.hashchain import GENESIS, LEGAL_FIELDS, digest, link, tombstone
from fko_desktop.models.base import Base, Versioned
from fko_desktop.ops import diary, goal_status, journal
from fko_desktop.storage import chain_head, schema
from fko_desktop.storage.integrity import inspect_unit_file
from fko_desktop.storage.triggers import protection_triggers
from fko_desktop.storage.unitfile import UnitFile

from .tamper import without_triggers
from .util import one_line, run_sqlite

FAMILY = ("specialsektoren", "familieforhold")
HEALTH = ("specialsektoren", "sundhedsforhold")
BROKEN = re.compile(
    r"^Kæden er brudt ved (hændelse|tidligere version) nr\. (\d+) \(\d\d\.\d\d\.\d{4} \d\d:\d\d\): "
)


@pytest.fixture
def history(world) -> Path:
    """The world with notes written, edited and withdrawn, a diary note and a goal status."""
    unit, actor = world.unit, world.actor
    when = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(hours=2)
    notes = [
        journal.add_note(
            unit, actor, world.sub_goals[0].id, text=f"Notat {n}.", score=2, observed_at=when
        ).value
        for n in range(8)
    ]
    journal.edit_note(unit, actor, notes[0].id, text="Rettet notat.", score=3)
    for note in notes[1:7]:
        journal.withdraw_note(unit, actor, note.id, reason="Skrevet på den forkerte.")
    journal.add_diary_note(
        unit, actor, world.citizen.id, text="Ringede til mor.", tags=[FAMILY], observed_at=when
    )
    goal_status.record_goal_status(
        unit, actor, world.goals[0].id, score=2, summary="Bedre.", assessed_on=dt.date.today()
    )
    journal.add_note(unit, actor, world.sub_goals[0].id, text="Det sidste notat.", observed_at=when)
    path = unit.path
    unit.close()
    return path


def problem(path: Path) -> str | None:
    return inspect_unit_file(path, full=True).history_problem


def scalar(path: Path, sql: str) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def test_normal_use_keeps_every_row_sealed_and_the_history_valid(history):
    assert problem(history) is None
    assert scalar(history, "SELECT count(*) FROM audit_event WHERE chain_hash IS NULL OR digest IS NULL") == 0
    assert scalar(history, "SELECT count(*) FROM record_version WHERE chain_hash IS NULL") == 0
    for table in LEGAL_FIELDS:
        assert scalar(history, f"SELECT count(*) FROM {table} WHERE content_hash IS NULL") == 0
    # The stored links are the chain the pure rules describe, from the genesis on.
    connection = sqlite3.connect(history)
    rows = connection.execute("SELECT * FROM audit_event ORDER BY id").fetchall()
    names = [column[0] for column in connection.execute("SELECT * FROM audit_event").description]
    connection.close()
    chain = GENESIS
    for values in rows:
        row = dict(zip(names, values, strict=True))
        chain = link(chain, digest("audit_event", row))
        assert (row["digest"], row["chain_hash"]) == (digest("audit_event", row), chain)


def test_the_head_is_kept_outside_the_file_after_every_commit(history):
    uid = scalar(history, "SELECT uid FROM unit")
    head = chain_head.recorded(str(uid), history)["audit_event"]
    assert head.id == scalar(history, "SELECT max(id) FROM audit_event")
    assert head.chain_hash == scalar(history, f"SELECT chain_hash FROM audit_event WHERE id = {head.id}")
    assert chain_head.head_path(str(uid), history).stat().st_mode & 0o777 == 0o600


DIRECT_EDITS = {
    "note_text": "UPDATE journal_note SET text = 'Noget helt andet.' WHERE id = 1",
    "goal_status_score": "UPDATE goal_status SET score = 4",
    "replace_audit_row": "INSERT OR REPLACE INTO audit_event (id, at, actor_name, action, details) "
    "SELECT id, at, 'Nogen', action, '{}' FROM audit_event WHERE id = 3",
    "replace_version_row": "INSERT OR REPLACE INTO record_version "
    "(id, record_type, record_id, version, data, saved_at, replaced_at) "
    'SELECT id, record_type, record_id, version, \'{"text": "Falsk."}\', saved_at, replaced_at '
    "FROM record_version LIMIT 1",
    "replace_note": "INSERT OR REPLACE INTO journal_note "
    "(id, sub_goal_id, citizen_id, observed_at, author_id, text, score, version, created_at, content_hash) "
    "SELECT id, sub_goal_id, citizen_id, observed_at, author_id, 'Falsk.', score, version, created_at, "
    "content_hash FROM journal_note WHERE id = 2",
    "audit_details": "UPDATE audit_event SET details = '{}' WHERE id = 3",
    "withdrawal_undone": "UPDATE journal_note SET withdrawn_at = NULL WHERE withdrawn_at IS NOT NULL",
    "withdrawn_note_rewritten": "UPDATE journal_note SET text = 'Falsk.', version = version + 1 "
    "WHERE withdrawn_at IS NOT NULL",
    "diary_tag_changed": "UPDATE diary_tag SET code = 'sundhedsforhold'",
    "diary_tag_deleted": "DELETE FROM diary_tag",
}


@pytest.mark.parametrize("case", DIRECT_EDITS)
def test_the_database_refuses_direct_edits_and_replaces(history, case):
    with pytest.raises(sqlite3.IntegrityError, match="never|only with a new version"):
        run_sqlite(history, DIRECT_EDITS[case])
    assert problem(history) is None


# Each: the triggers the tamperer drops (and puts back), what they do, and what the check names.
TAMPERING = {
    "note_text": (
        ["journal_note_versioned_update"],
        [DIRECT_EDITS["note_text"]],
        r"^Delmålsnotat nr\. 1 er ændret uden om FKO Desktop: indholdet passer ikke med dets kontrolsum\.$",
    ),
    "note_text_with_version_bump": (
        [],
        ["UPDATE journal_note SET text = 'Noget helt andet.', version = version + 1 WHERE id = 8"],
        r"^Delmålsnotat nr\. 8 er ændret uden om FKO Desktop",
    ),
    "goal_status_score": (
        ["goal_status_versioned_update"],
        [DIRECT_EDITS["goal_status_score"]],
        r"^Målstatus nr\. \d+ er ændret uden om FKO Desktop",
    ),
    "replace_audit_row": (
        ["audit_event_never_replaced"],
        [DIRECT_EDITS["replace_audit_row"]],
        r"hændelse nr\. 3 .*: den er skrevet uden om FKO Desktop",
    ),
    "replace_version_row": (
        ["record_version_never_replaced"],
        [DIRECT_EDITS["replace_version_row"]],
        r"tidligere version nr\. 1 .*: den er skrevet uden om FKO Desktop",
    ),
    "replace_note": (
        ["journal_note_never_replaced"],
        [DIRECT_EDITS["replace_note"]],
        r"^Delmålsnotat nr\. 2 er ændret uden om FKO Desktop",
    ),
    "audit_row_rewritten_with_its_hashes": (
        ["audit_event_never_updated"],
        ["UPDATE audit_event SET actor_name = 'Nogen andre' WHERE id = 3"],
        r"hændelse nr\. 3 .*: indholdet passer ikke med kæden\.$",
    ),
    "six_withdraw_events_deleted": (
        ["audit_event_never_deleted"],
        [
            "DELETE FROM audit_event WHERE id IN "
            "(SELECT id FROM audit_event WHERE action = 'withdraw' ORDER BY id LIMIT 6)"
        ],
        r"hændelse nr\. \d+ .*: en hændelse før den mangler, er flyttet eller er ændret\.$",
    ),
    "diary_tag_deleted": (
        ["diary_tag_never_deleted"],
        ["DELETE FROM diary_tag"],
        r"^Dagbogsnotat nr\. 1 er ændret uden om FKO Desktop",
    ),
    "note_version_without_its_kept_version": (
        ["record_version_never_deleted"],
        ["DELETE FROM record_version WHERE id = (SELECT max(id) FROM record_version)"],
        r"^Kæden er afkortet: tidligere version nr\. \d+",
    ),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_each_tampering_is_named_by_the_check(history, case):
    dropped, statements, expected = TAMPERING[case]
    run_sqlite(history, *without_triggers(*dropped, statements=statements))
    found = problem(history)
    assert found is not None and re.search(expected, found), found
    # The trigger was put back exactly: the schema itself looks as it should.
    assert inspect_unit_file(history).problems == ()


def test_the_first_broken_link_is_named_with_its_number_and_time(history):
    run_sqlite(history, *without_triggers("audit_event_never_updated", statements=[
        "UPDATE audit_event SET actor_name = 'Nogen andre' WHERE id IN (4, 9)"
    ]))  # fmt: skip
    found = problem(history)
    match = BROKEN.match(found or "")
    assert match and match.group(2) == "4", found
    assert found.endswith("indholdet passer ikke med kæden.")


def test_bytes_changed_in_the_file_itself_are_found(history):
    data = history.read_bytes()
    assert data.count(b"Det sidste notat.") == 1  # the FTS index keeps tokens, not the text
    history.write_bytes(data.replace(b"Det sidste notat.", b"Det sidste nXtat."))
    found = problem(history)
    assert found is not None and re.match(r"^Delmålsnotat nr\. \d+ er ændret uden om FKO Desktop", found), (
        found
    )


def test_a_truncated_chain_is_found_through_the_head_kept_outside_the_file(history):
    last = scalar(history, "SELECT max(id) FROM audit_event")
    run_sqlite(history, *without_triggers("audit_event_never_deleted", statements=[
        f"DELETE FROM audit_event WHERE id > {last - 3}"
    ]))  # fmt: skip
    found = problem(history)
    assert found is not None and found.startswith(
        f"Kæden er afkortet: hændelse nr. {last}, som er set før på denne pc, findes ikke længere i filen "
        "(3 hændelser mangler)."
    ), found
    # The chain that is left is valid in itself: only the recorded head shows the cut.
    uid = str(scalar(history, "SELECT uid FROM unit"))
    chain_head.replace(uid, history, {})
    assert problem(history) is None


def test_fko_check_names_the_first_broken_link_and_fails(history, capsys):
    run_sqlite(history, *without_triggers("audit_event_never_updated", statements=[
        "UPDATE audit_event SET action = 'edit' WHERE id = 5"
    ]))  # fmt: skip
    assert main(["check", str(history)]) == 1
    out, err = capsys.readouterr()
    line = one_line(err)
    assert "Traceback" not in err and out == ""
    assert re.search(
        r"Kæden er brudt ved hændelse nr\. 5 \(\d\d\.\d\d\.\d{4} \d\d:\d\d\): indholdet passer", line
    )


def test_a_broken_history_opens_read_only_with_the_reason(history):
    run_sqlite(history, *without_triggers("journal_note_versioned_update", statements=[
        DIRECT_EDITS["note_text"]
    ]))  # fmt: skip
    # Opening checks only what is new since the head this PC saw; a rewritten event is caught.
    run_sqlite(history, *without_triggers("audit_event_never_updated", statements=[
        "UPDATE audit_event SET actor_name = 'Nogen' WHERE id = (SELECT max(id) FROM audit_event)"
    ]))  # fmt: skip
    opened = UnitFile.open(history)
    try:
        assert opened.readonly
        found = opened.history_problem or ""
        assert BROKEN.match(found) and found.endswith("indholdet passer ikke med kæden."), found
        assert "skrivebeskyttet" in (opened.readonly_reason or "")
    finally:
        opened.close()


def test_rows_written_behind_the_programs_back_are_never_sealed_by_the_next_write(history, world):
    run_sqlite(
        history,
        "INSERT INTO audit_event (at, actor_name, action, details) "
        "VALUES ('2026-01-01T00:00:00.000000+00:00', 'Nogen', 'create', '{}')",
    )
    found = problem(history)
    assert found and "den er skrevet uden om FKO Desktop" in found


def test_an_erased_row_keeps_the_chain_valid_through_its_stored_digest(history):
    erased = tombstone(dt.date(2031, 1, 1))
    guards = ("audit_event_never_updated", "record_version_never_updated")
    run_sqlite(history, *without_triggers(*guards, statements=[
        f"UPDATE audit_event SET details = '{{\"erased\": \"{erased['erased']}\"}}' WHERE id = 3",
        f"UPDATE record_version SET data = '{{\"erased\": \"{erased['erased']}\"}}' WHERE id = 1",
    ]))  # fmt: skip
    assert problem(history) is None
    # Anything but the exact tombstone is still recomputed, and found.
    run_sqlite(history, *without_triggers("audit_event_never_updated", statements=[
        "UPDATE audit_event SET details = '{\"erased\": \"2031-01-01\", \"x\": 1}' WHERE id = 4"
    ]))  # fmt: skip
    assert "hændelse nr. 4" in (problem(history) or "")


def test_the_migration_triggers_are_the_runtime_triggers(unit):
    connection = sqlite3.connect(unit.path)
    try:
        stored = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    finally:
        connection.close()
    for name, sql in protection_triggers().items():
        assert stored.get(name) == sql, name


def test_the_hashed_fields_cover_every_versioned_field():
    versioned = {
        mapper.class_.__tablename__: mapper.class_.__versioned_fields__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Versioned)
    }
    assert set(versioned) == set(LEGAL_FIELDS)
    for table, fields in versioned.items():
        assert set(fields) <= set(LEGAL_FIELDS[table]), table


def test_a_file_from_before_the_chain_is_migrated_to_a_valid_one(tmp_path, monkeypatch):
    from .test_migration import build_revision_0001

    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "gammel.fko"
    build_revision_0001(path)
    opened = UnitFile.open(path, backup_dir=tmp_path / "backups")
    try:
        assert opened.schema_version() == schema.head_revision()
        journal.add_note(opened, journal_actor(opened), 1, text="Skrevet efter opdateringen.")
    finally:
        opened.close()
    assert scalar(path, "SELECT count(*) FROM journal_note WHERE content_hash IS NULL") == 0
    assert scalar(path, "SELECT count(*) FROM audit_event WHERE chain_hash IS NULL") == 0
    assert problem(path) is None


def journal_actor(unit: UnitFile):
    from fko_desktop.ops import staff

    [member] = unit.staff()
    return staff.actor_for(member)


def test_a_diary_note_edit_keeps_the_history_valid(world):
    unit, actor = world.unit, world.actor
    note = journal.add_diary_note(unit, actor, world.citizen.id, text="Ringede til mor.", tags=[FAMILY]).value
    diary.edit_diary_note(unit, actor, note.id, text="Ringede til mor og far.", tags=[])
    diary.edit_diary_note(unit, actor, note.id, text="Ringede til mor og far.", tags=[FAMILY, HEALTH])
    [row] = diary.diary(unit, world.citizen.id)
    assert [(t.catalog, t.code) for t in row.tags] == [FAMILY, HEALTH]
    path = unit.path
    unit.close()
    assert problem(path) is None
    # The tag the first edit took away is still in the file, marked with the version that dropped it.
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT catalog, code, removed_in_version FROM diary_tag ORDER BY id"
    ).fetchall()
    connection.close()
    assert rows == [(*FAMILY, 2), (*FAMILY, None), (*HEALTH, None)]
