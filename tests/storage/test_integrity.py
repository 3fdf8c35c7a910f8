"""Damaged, foreign and too-new files are refused with a clear message and left untouched."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fko_desktop.cli import main
from fko_desktop.errors import UnitFileError
from fko_desktop.models import JournalNote
from fko_desktop.ops import journal, staff
from fko_desktop.storage import schema
from fko_desktop.storage.integrity import check_unit_file
from fko_desktop.storage.schema import head_revision
from fko_desktop.storage.unitfile import UnitFile

from .util import file_state, one_line
from .util import run_sqlite as _sqlite

HEAD = head_revision()  # the schema a new or migrated file has

PAGE = 4096


def empty(path: Path, unit: Path) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path, unit: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(3 * PAGE))


def truncated(path: Path, unit: Path) -> None:
    data = unit.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def text_file(path: Path, unit: Path) -> None:
    path.write_text("Indkøbsliste:\n- mælk\n- rugbrød\n- æbler\n" * 20, encoding="utf-8")


def foreign_database(path: Path, unit: Path) -> None:
    _sqlite(path, "CREATE TABLE recipe (name TEXT)", "INSERT INTO recipe VALUES ('æblekage')")


def no_schema_version(path: Path, unit: Path) -> None:
    _sqlite(path, f"PRAGMA application_id={schema.APPLICATION_ID}", "CREATE TABLE unit (name TEXT)")


def newer_program(path: Path, unit: Path) -> None:
    shutil.copyfile(unit, path)
    _sqlite(path, "UPDATE alembic_version SET version_num = '9999'")


def header_only(path: Path, unit: Path) -> None:
    path.write_bytes(unit.read_bytes()[:PAGE])


CASES = {
    "empty": (empty, "er ikke en FKO-enhedsfil (filen er beskadiget, afkortet eller af en anden type)"),
    "random": (
        random_bytes,
        "er ikke en FKO-enhedsfil (filen er beskadiget, afkortet eller af en anden type)",
    ),
    "text": (text_file, "er ikke en FKO-enhedsfil (filen er beskadiget, afkortet eller af en anden type)"),
    "truncated": (truncated, "er beskadiget"),
    "first_page_only": (header_only, "er beskadiget"),
    "foreign_database": (foreign_database, "er en database, men ikke en FKO-enhedsfil"),
    "no_schema_version": (no_schema_version, "mangler sin skemaversion"),
    "newer_program": (newer_program, "er lavet med en nyere version af FKO Desktop (skema 9999)"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_refused_untouched(case, unit_path, tmp_path, capsys):
    build, expected = CASES[case]
    path = tmp_path / "kandidat" / "enhed.fko"
    path.parent.mkdir()
    build(path, unit_path)
    before = file_state(path)

    for readonly in (False, True):
        with pytest.raises(UnitFileError) as refused:
            UnitFile.open(path, readonly=readonly, backup_dir=tmp_path / "backups")
        assert str(refused.value).startswith("enhed.fko ")
        assert expected in str(refused.value)
        assert "\n" not in str(refused.value)
    with pytest.raises(UnitFileError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        check_unit_file(path, full=True)
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and expected in one_line(err) and one_line(err).startswith("fko: enhed.fko ")

    assert file_state(path) == before  # same bytes, same mtime, no -wal/-shm/.lock beside it
    assert not (tmp_path / "backups").exists()


def test_missing_file_and_folder_are_refused_without_creating_anything(tmp_path):
    missing = tmp_path / "findes-ikke.fko"
    with pytest.raises(UnitFileError, match="findes ikke"):
        UnitFile.open(missing)
    folder = tmp_path / "mappe.fko"
    folder.mkdir()
    with pytest.raises(UnitFileError, match="er ikke en fil"):
        UnitFile.open(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mappe.fko"]


@pytest.fixture(scope="module")
def big_unit(_unit_template, tmp_path_factory) -> Path:
    """The small unit plus 1500 long notes: enough pages to damage one in the middle."""
    path = tmp_path_factory.mktemp("big") / "stor.fko"
    shutil.copyfile(_unit_template, path)
    with UnitFile.open(path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        sub_goal_id = journal.journal(unit)[0].sub_goal_id
        start = dt.datetime(2025, 5, 1, 8, 0, tzinfo=dt.UTC)
        with unit.write(actor) as session:
            for n in range(1500):
                session.add(JournalNote(
                    sub_goal_id=sub_goal_id, citizen_id=1, author_id=actor.staff_id,
                    observed_at=start + dt.timedelta(hours=n),
                    text=f"Notat {n}: Mads var i skole og fulgte undervisningen. " * 5,
                ))  # fmt: skip
    return path


def test_a_page_overwritten_with_garbage_is_refused_untouched(big_unit, tmp_path, capsys):
    path = tmp_path / "stor.fko"
    shutil.copyfile(big_unit, path)
    pages = path.stat().st_size // PAGE
    assert pages > 200
    with open(path, "r+b") as handle:
        handle.seek(pages // 2 * PAGE)
        handle.write(random.Random(11).randbytes(PAGE))
    before = file_state(path)

    with pytest.raises(
        UnitFileError, match=r"^stor\.fko er beskadiget \(.*\); åbn en sikkerhedskopi i stedet\.$"
    ):
        UnitFile.open(path, backup_dir=tmp_path / "backups")
    with pytest.raises(UnitFileError, match="beskadiget"):
        UnitFile.open(path, readonly=True)
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line(err).startswith("fko: stor.fko er beskadiget (")
    assert file_state(path) == before
    assert not (tmp_path / "backups").exists()


def test_the_big_unit_itself_is_sound(big_unit, capsys):
    before = file_state(big_unit)
    assert main(["check", str(big_unit)]) == 0
    assert capsys.readouterr().out == f"{big_unit}: i orden (skema {HEAD}).\n"
    assert file_state(big_unit) == before  # checking writes nothing, not even -wal/-shm beside it


def _assert_refused_untouched(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tilfældig.fko"
        path.write_bytes(content)
        before = file_state(path)
        for readonly in (False, True):
            with pytest.raises(UnitFileError):
                UnitFile.open(path, readonly=readonly, backup_dir=Path(folder) / "backups")
        assert file_state(path) == before


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2 * PAGE))
def test_any_random_bytes_are_refused_untouched(content):
    _assert_refused_untouched(content)


@settings(max_examples=25, deadline=None)
@given(tail=st.binary(min_size=0, max_size=3 * PAGE))
def test_a_unit_header_followed_by_garbage_is_refused_untouched(_unit_template, tail):
    # A valid SQLite header carrying the FKO application id gets past the first check;
    # SQLite itself then has to reject the rest without anything reaching the user raw.
    _assert_refused_untouched(_unit_template.read_bytes()[:100] + tail)


def test_urandom_file_is_refused(tmp_path):
    path = tmp_path / "støj.fko"
    path.write_bytes(os.urandom(PAGE))
    with pytest.raises(UnitFileError, match="ikke en FKO-enhedsfil"):
        UnitFile.open(path)
