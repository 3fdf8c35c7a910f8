"""`fko check` holds a file to the schema and search index the product relies on, read-only."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fko_desktop.cli import main
from fko_desktop.errors import UnitFileError
from fko_desktop.storage import schema, schema_manifest
from fko_desktop.storage.integrity import FileInspection, check_unit_file, connect_readonly, inspect_unit_file

from .tamper import reseal_records, without_triggers
from .util import file_state, one_line
from .util import run_sqlite as _sqlite

HEAD = schema.head_revision()
HOSTILE_TRIGGER = (
    "CREATE TRIGGER evil AFTER INSERT ON journal_note BEGIN UPDATE citizen SET name='PWNED'; END"
)
# Another journal note, written as any SQLite tool would write it (the uid stays empty).
INSERT_NOTE = (
    "INSERT INTO journal_note (sub_goal_id, citizen_id, observed_at, author_id, text, version, created_at) "
    "SELECT sub_goal_id, citizen_id, observed_at, author_id, 'Et notat til', 1, created_at "
    "FROM journal_note LIMIT 1"
)


def _trigger_sql(path: Path, name: str) -> str:
    connection = connect_readonly(path, immutable=True)
    try:
        return connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    finally:
        connection.close()


def _citizen_names(path: Path) -> list[str]:
    connection = connect_readonly(path, immutable=True)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM citizen ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def candidate(unit_path, tmp_path) -> Path:
    """A copy of the good unit file, alone in a folder of its own, for a test to tamper with."""
    path = tmp_path / "kandidat" / "enhed.fko"
    path.parent.mkdir()
    shutil.copyfile(unit_path, path)
    return path


def _assert_fko_check_refuses(path: Path, problem: str, capsys) -> None:
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    line = one_line(err)
    assert line.startswith("fko: enhed.fko er ikke i orden: ")
    assert problem in line
    assert line.endswith("; åbn en sikkerhedskopi i stedet.")


# -- the expected schema shipped with the package -------------------------------------------


def test_shipped_expected_schema_is_what_the_migrations_make():
    generated = schema_manifest.generate()
    assert set(generated) == schema.known_revisions()
    shipped = {path.stem for path in schema_manifest.EXPECTED_DIR.glob("*.json")}
    assert shipped == set(generated), (
        f"expected_schema/ has {sorted(shipped)} but the migrations are {sorted(generated)}; "
        f"run `{schema_manifest.WRITE_COMMAND}`"
    )
    for revision, objects in generated.items():
        # A revision that has reached users must never change: files made by it are in the
        # field with exactly the shipped schema. Only a new revision's file may be (re)written.
        assert schema_manifest.load_expected(revision) == objects, (
            f"the migrations no longer make the shipped schema of revision {revision}; for a new "
            f"revision run `{schema_manifest.WRITE_COMMAND}`, for a released one make the migration "
            "produce the shipped DDL again"
        )


def test_the_shipped_schema_has_the_search_index_and_the_protection_triggers():
    objects = {(obj.type, obj.name) for obj in schema_manifest.load_expected(HEAD)}
    for suffix in ("", "_data", "_idx", "_docsize", "_config"):
        assert ("table", f"journal_note_fts{suffix}") in objects
    assert ("trigger", "journal_note_fts_insert") in objects
    assert ("trigger", "audit_event_never_updated") in objects
    assert not any(name.startswith("sqlite_") for _, name in objects)


def test_opening_check_imports_neither_alembic_nor_sqlalchemy(unit_path):
    code = (
        "import sys; from pathlib import Path; "
        "from fko_desktop.storage.integrity import inspect_unit_file; "
        f"assert inspect_unit_file(Path({str(unit_path)!r})).problems == (); "
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('alembic', 'sqlalchemy')]; "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- a sound file ---------------------------------------------------------------------------


def test_a_sound_file_has_no_problems_and_is_left_untouched(candidate, capsys):
    before = file_state(candidate)
    assert inspect_unit_file(candidate) == FileInspection(HEAD, ())
    assert inspect_unit_file(candidate, full=True) == FileInspection(HEAD, ())
    assert check_unit_file(candidate, full=True) == HEAD
    assert main(["check", str(candidate)]) == 0
    assert capsys.readouterr().out == f"{candidate}: i orden (skema {HEAD}).\n"
    assert file_state(candidate) == before  # same bytes and mtime, no -wal/-shm beside it


def test_what_sqlite_makes_by_itself_is_no_problem(candidate):
    # ANALYZE adds sqlite_stat1 (and sqlite_stat4 in some builds): statistics, not our schema.
    _sqlite(candidate, "ANALYZE")
    assert inspect_unit_file(candidate, full=True) == FileInspection(HEAD, ())


def test_an_older_revision_is_held_to_its_own_schema(candidate):
    # A head file labelled 0002: what 0003 added is now what is not as expected.
    _sqlite(candidate, "UPDATE alembic_version SET version_num = '0002'")
    problems = inspect_unit_file(candidate).problems
    assert "ukendt tabel »sync_state«" in problems
    assert "ukendt indeks »ix_journal_note_uid« på tabellen journal_note" in problems
    assert "tabel »journal_note« er ændret" in problems


# -- a schema that is not ours --------------------------------------------------------------


TAMPERING = {
    "added_trigger": (lambda path: [HOSTILE_TRIGGER], "ukendt trigger »evil« på tabellen journal_note"),
    "added_view": (
        lambda path: ["CREATE VIEW citizen_cpr AS SELECT name, cpr FROM citizen"],
        "ukendt visning »citizen_cpr«",
    ),
    "added_table": (lambda path: ["CREATE TABLE loot (cpr TEXT)"], "ukendt tabel »loot«"),
    "added_index": (
        lambda path: ["CREATE INDEX ix_citizen_name ON citizen (name)"],
        "ukendt indeks »ix_citizen_name« på tabellen citizen",
    ),
    "dropped_trigger": (
        lambda path: ["DROP TRIGGER journal_note_never_deleted"],
        "trigger »journal_note_never_deleted« mangler",
    ),
    "changed_trigger": (
        lambda path: [
            "DROP TRIGGER journal_note_never_deleted",
            "CREATE TRIGGER journal_note_never_deleted BEFORE DELETE ON journal_note BEGIN SELECT 1; END",
        ],
        "trigger »journal_note_never_deleted« er ændret",
    ),
    "changed_table": (
        lambda path: ["ALTER TABLE citizen ADD COLUMN secret TEXT"],
        "tabel »citizen« er ændret",
    ),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_a_schema_that_is_not_ours_is_reported_without_running_it(case, candidate, capsys):
    statements, problem = TAMPERING[case]
    _sqlite(candidate, *statements(candidate))
    names = _citizen_names(candidate)
    before = file_state(candidate)

    assert inspect_unit_file(candidate) == FileInspection(HEAD, (problem,))
    assert inspect_unit_file(candidate, full=True) == FileInspection(HEAD, (problem,))
    with pytest.raises(UnitFileError) as refused:
        check_unit_file(candidate, full=True)
    assert str(refused.value) == f"enhed.fko er ikke i orden: {problem}; åbn en sikkerhedskopi i stedet."
    # Opening still learns the revision; whether to open read-only is the opener's decision.
    assert check_unit_file(candidate) == HEAD
    _assert_fko_check_refuses(candidate, problem, capsys)

    assert file_state(candidate) == before  # the check wrote nothing, so no trigger could run
    assert _citizen_names(candidate) == names == ["Mads Testesen"]


def test_many_problems_make_one_line_naming_the_first(candidate, capsys):
    _sqlite(
        candidate,
        HOSTILE_TRIGGER,
        "DROP TRIGGER journal_note_fts_insert",
        "DROP TRIGGER journal_note_fts_update",
        "DROP TRIGGER journal_note_never_deleted",
        "DROP TRIGGER diary_note_never_deleted",
        "DROP TRIGGER audit_event_never_updated",
        "DROP TRIGGER audit_event_never_deleted",
    )
    problems = inspect_unit_file(candidate).problems
    assert problems[0] == "ukendt trigger »evil« på tabellen journal_note"  # what would run comes first
    assert len(problems) == 7
    first = "ukendt trigger »evil« på tabellen journal_note, trigger »"
    _assert_fko_check_refuses(candidate, first, capsys)
    with pytest.raises(UnitFileError, match=r" og 2 andre afvigelser; åbn en sikkerhedskopi i stedet\.$"):
        check_unit_file(candidate, full=True)


def test_a_hostile_trigger_runs_on_the_next_write_which_is_why_it_is_reported(candidate):
    # The threat itself, shown on a throwaway copy: any insert into journal_note fires it.
    _sqlite(candidate, HOSTILE_TRIGGER)
    assert inspect_unit_file(candidate).problems == ("ukendt trigger »evil« på tabellen journal_note",)
    victim = candidate.with_name("offer.fko")
    shutil.copyfile(candidate, victim)
    _sqlite(victim, INSERT_NOTE)
    assert _citizen_names(victim) == ["PWNED"]
    assert _citizen_names(candidate) == ["Mads Testesen"]


# -- the search index ---------------------------------------------------------------------------

FTS_PROBLEM = "søgeindekset »journal_note_fts« er beskadiget eller passer ikke med tabellen journal_note"


def _note_changed_behind_the_index(path: Path) -> list[str]:
    # The trigger is put back exactly as it was, so the schema is ours and only the index is stale.
    # The tamper evidence is put out of the way too (``reseal_records``): this is about the index.
    trigger = _trigger_sql(path, "journal_note_fts_update")
    change = "UPDATE journal_note SET text = 'Helt anden tekst om noget andet.' WHERE id = 1"
    return [
        "DROP TRIGGER journal_note_fts_update",
        *without_triggers("journal_note_versioned_update", statements=[change]),
        trigger,
    ]


def _note_added_behind_the_index(path: Path) -> list[str]:
    trigger = _trigger_sql(path, "journal_note_fts_insert")
    return ["DROP TRIGGER journal_note_fts_insert", INSERT_NOTE, trigger]


def _index_emptied(path: Path) -> list[str]:
    return ["INSERT INTO journal_note_fts(journal_note_fts) VALUES ('delete-all')"]


def _index_pages_damaged(path: Path) -> list[str]:
    # Rows above 10 are the segment leaves (1 holds the averages, 10 the structure).
    return ["UPDATE journal_note_fts_data SET block = zeroblob(length(block)) WHERE id > 10"]


STALE_INDEX = {
    "note_changed": _note_changed_behind_the_index,
    "note_added": _note_added_behind_the_index,
    "index_emptied": _index_emptied,
    "index_pages_damaged": _index_pages_damaged,
}


@pytest.mark.parametrize("case", STALE_INDEX)
def test_a_stale_or_damaged_search_index_is_reported_by_fko_check(case, candidate, capsys):
    _sqlite(candidate, *STALE_INDEX[case](candidate))
    reseal_records(candidate)
    before = file_state(candidate)

    # SQLite's own integrity_check (3.40) does not look inside FTS5; only the full check finds it.
    assert inspect_unit_file(candidate) == FileInspection(HEAD, ())
    assert inspect_unit_file(candidate, full=True) == FileInspection(HEAD, (FTS_PROBLEM,))
    _assert_fko_check_refuses(candidate, FTS_PROBLEM, capsys)

    assert file_state(candidate) == before  # the check ran on a private copy


def test_the_damaged_pages_case_does_damage_something(unit_path):
    connection = connect_readonly(unit_path, immutable=True)
    try:
        leaves = connection.execute("SELECT count(*) FROM journal_note_fts_data WHERE id > 10").fetchone()[0]
    finally:
        connection.close()
    assert leaves > 0


def test_a_file_in_use_is_checked_from_a_consistent_copy(candidate):
    # An open WAL-mode file with committed pages still in its -wal beside it.
    writer = sqlite3.connect(candidate)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE citizen SET department = 'Huset' WHERE id = 1")
    writer.commit()
    try:
        assert candidate.with_name("enhed.fko-wal").stat().st_size > 0
        assert inspect_unit_file(candidate, full=True) == FileInspection(HEAD, ())
    finally:
        writer.close()


def test_a_unit_file_with_a_hostile_trigger_opens_read_only_and_the_trigger_never_runs(unit_path):
    """Case 7: opening for writing refuses to write, so the trigger has nothing to fire on."""
    import sqlite3

    from fko_desktop.errors import ReadOnlyError
    from fko_desktop.models import Actor
    from fko_desktop.ops import journal
    from fko_desktop.storage.unitfile import UnitFile

    raw = sqlite3.connect(unit_path)
    raw.execute("CREATE TRIGGER evil AFTER INSERT ON journal_note BEGIN UPDATE citizen SET name='PWNED'; END")
    raw.commit()
    raw.close()
    with UnitFile.open(unit_path) as unit:
        assert unit.readonly and "ukendt trigger »evil«" in unit.readonly_reason
        with pytest.raises(ReadOnlyError):
            journal.add_note(unit, Actor(1, "Anna Hansen"), 1, text="Et notat", score=None)
    raw = sqlite3.connect(f"file:{unit_path}?mode=ro", uri=True)
    assert raw.execute("SELECT name FROM citizen").fetchone()[0] == "Mads Testesen"
    raw.close()
