"""Privacy (issue 13, point 7): CPR masking, hidden names, the data subject access export and
erasure after the retention period, through the facade and the ``fko`` command."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from fko_desktop.cli import main
from fko_desktop.errors import FkoError, PermissionDenied, ValidationError
from fko_desktop.models import Actor
from fko_desktop.models.cpr import shown_cpr
from fko_desktop.models.formatting import hidden_name, name_initials
from fko_desktop.models.retention import add_years, retention_ends
from fko_desktop.ops import accounts, citizens, journal, plans, staff
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit
from tests.logins import TEST_PASSWORD, login_as
from tests.world import START, World

OTHER = {"name": "Sofie Andersdatter", "cpr": "120390-1122", "note": "Sofie bagte boller med Karen."}
MADS_NOTE = "Mads fortalte om sin morfar Vagn i dag."
MADS_OLD = "Mads fortalte om farfar Holger."


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _member(world: World, name: str, initials: str, role: str) -> Actor:
    return staff.actor_for(
        staff.add_staff(world.unit, world.actor, name=name, initials=initials, role=role).value
    )


@pytest.fixture
def people(world: World) -> World:
    """The world's Mads with a corrected and withdrawn note, and another citizen, Sofie."""
    note = journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text=MADS_OLD, score=2).value
    journal.edit_note(world.unit, world.actor, note.id, text=MADS_NOTE, score=2)
    journal.withdraw_note(world.unit, world.actor, note.id, reason="Skrevet på den forkerte borger")
    journal.add_note(world.unit, world.actor, world.sub_goals[1].id, text="Mads spillede skak.", score=1)
    sofie = citizens.create_citizen(
        world.unit, world.actor, name=OTHER["name"], cpr=OTHER["cpr"], area="children", intake_date=START
    ).value
    from fko_desktop.ops import orders

    order = orders.create_order(
        world.unit,
        world.actor,
        sofie.id,
        meeting_date=START,
        received_date=START,
        goals=[orders.GoalInput("Sofie laver mad selv.", "skole_og_laering", START, baseline=2, target=1)],
    ).value
    sub = plans.add_sub_goal(
        world.unit, world.actor, order.goals[0].id, text="Sofie handler ind.", start_date=START
    )
    journal.add_note(world.unit, world.actor, sub.value.id, text=OTHER["note"], score=2)
    return world


# -- the pure rules --------------------------------------------------------------------------


def test_cpr_is_shown_masked_unless_full_is_chosen() -> None:
    assert shown_cpr("010215-4321", full=False) == "010215-XXXX"
    assert shown_cpr("010215-4321", full=True) == "010215-4321"
    # A stored number that does not parse is hidden whole rather than shown.
    assert shown_cpr("ukendt", full=False) == "XXXXXX-XXXX"


def test_hidden_names_are_initials_with_the_number() -> None:
    assert name_initials("Mads Ole Testesen") == "M.O.T."
    assert name_initials("Anne-Marie Ørsted") == "A.M.Ø."
    assert hidden_name("Mads Testesen", 12) == "M.T. (12)"


def test_retention_runs_from_the_later_of_move_out_and_last_record() -> None:
    assert retention_ends(dt.date(2020, 3, 1), dt.date(2020, 6, 1), 5) == dt.date(2025, 6, 1)
    assert retention_ends(dt.date(2020, 6, 1), dt.date(2020, 3, 1), 5) == dt.date(2025, 6, 1)
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)


# -- CPR in lists and prints -----------------------------------------------------------------


def test_cpr_is_masked_by_default_in_lists_and_prints_and_full_when_the_person_chooses(world: World) -> None:
    unit = Unit(world.unit, world.actor)
    leder = _member(world, "Lise Leder", "LL", "leder")
    assert unit.privacy.show_full_cpr is False
    assert unit.privacy.cpr(world.citizen.cpr) == "010215-XXXX"
    text = pdf_text(unit.reports.render("plan", world.citizen.id))
    assert "010215-XXXX" in text and "4321" not in text

    unit.privacy.set_show_full_cpr(True)
    assert unit.privacy.cpr(world.citizen.cpr) == "010215-4321"
    assert "010215-4321" in pdf_text(unit.reports.render("plan", world.citizen.id))
    # Stored on the person, audited as their own edit; a colleague still sees masked numbers.
    with world.unit.read() as session:
        from sqlalchemy import select

        from fko_desktop.models.history import AuditEvent

        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (
            event is not None
            and event.record_type == "staff_member"
            and event.details == {"fields": ["show_full_cpr"]}
        )
    colleague = Unit(world.unit, leder)
    assert colleague.privacy.cpr(world.citizen.cpr) == "010215-XXXX"
    # Nobody logged in (a read-only tool) sees masked numbers; nor can they choose.
    nobody = Unit(world.unit, None)
    assert nobody.privacy.cpr(world.citizen.cpr) == "010215-XXXX"
    with pytest.raises(FkoError):
        nobody.privacy.set_show_full_cpr(True)


def test_hide_names_is_per_open_window_and_not_stored(world: World) -> None:
    unit = Unit(world.unit, world.actor)
    assert unit.privacy.citizen_name(world.citizen.id, "Mads Testesen") == "Mads Testesen"
    unit.privacy.hide_names = True
    assert unit.privacy.citizen_name(world.citizen.id, "Mads Testesen") == f"M.T. ({world.citizen.id})"
    assert Unit(world.unit, world.actor).privacy.hide_names is False


# -- the data subject access export ----------------------------------------------------------


def test_subject_access_export_holds_everything_about_the_citizen_and_nothing_of_another(
    people: World, tmp_path: Path
) -> None:
    world = people
    reader = _member(world, "Bo Olsen", "BO", "medarbejder")
    _log_read(world, reader)  # Bo opened Mads's record
    leder = _member(world, "Lise Leder", "LL", "leder")
    unit = Unit(world.unit, leder)
    made = unit.privacy.export_subject_access(world.citizen.id, tmp_path / "indsigt")
    assert made.pdf == tmp_path / "indsigt.pdf" and made.json == tmp_path / "indsigt.json"
    for path in (made.pdf, made.json):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = " ".join(pdf_text(made.pdf.read_bytes()).split())
    for expected in (
        "Indsigt i egne oplysninger",
        "Mads Testesen",
        "010215-4321",  # the citizen's own number, in full
        MADS_NOTE,
        MADS_OLD,  # the earlier version of the corrected note
        "Skrevet på den forkerte borger",  # the withdrawal and its reason
        "Mads spillede skak.",
        "Hvem har læst eller ændret dine oplysninger",
        "Bo Olsen",  # who read the record
    ):
        assert expected in text, expected
    data = json.loads(made.json.read_text(encoding="utf-8"))
    assert data["citizen"]["cpr"] == "010215-4321"
    notes = {n["text"] for n in data["records"]["journal_note"]}
    assert {MADS_NOTE, "Mads spillede skak."} <= notes
    assert any(v["data"].get("text") == MADS_OLD for v in data["record_versions"])
    assert any(e["action"] == "read" and e["actor_name"].startswith("Bo Olsen") for e in data["audit_events"])
    for path in (made.pdf, made.json):
        raw = path.read_bytes() if path.suffix == ".json" else pdf_text(path.read_bytes()).encode()
        for foreign in (OTHER["name"], OTHER["cpr"], OTHER["note"], "Sofie"):
            assert foreign.encode() not in raw, (path.name, foreign)
    # The export is logged as a read of the record (and as an export that is never coalesced).
    trail = _events(world.unit, world.citizen.id)
    assert ("read", "data-subject-export", leder.staff_id) in {(a, d.get("what"), who) for a, d, who in trail}
    assert any(a == "data-subject-export" for a, _, _ in trail)


def test_subject_access_export_is_for_leder_and_administrator_and_never_overwrites(
    people: World, tmp_path: Path
) -> None:
    world = people
    employee = _member(world, "Bo Olsen", "BO", "medarbejder")
    before = len(_events(world.unit, world.citizen.id))
    with pytest.raises(PermissionDenied):
        Unit(world.unit, employee).privacy.export_subject_access(world.citizen.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.json").exists()
    assert len(_events(world.unit, world.citizen.id)) == before
    (tmp_path / "y.json").write_text("mine")
    with pytest.raises(FkoError):
        Unit(world.unit, world.actor).privacy.export_subject_access(world.citizen.id, tmp_path / "y.pdf")
    assert (tmp_path / "y.json").read_text() == "mine" and not (tmp_path / "y.pdf").exists()


# -- erasure ---------------------------------------------------------------------------------


def _move_out(world: World, citizen_id: int, day: dt.date) -> None:
    citizens.update_citizen(world.unit, world.actor, citizen_id, end_date=day)


def test_erasure_is_refused_while_living_here_before_retention_and_for_others_than_administrators(
    people: World,
) -> None:
    world = people
    unit = Unit(world.unit, world.actor)
    far = dt.date.today() + dt.timedelta(days=366 * 6)
    with pytest.raises(ValidationError, match="bor stadig"):
        unit.privacy.erase(world.citizen.id, today=far)
    _move_out(world, world.citizen.id, dt.date.today() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="Opbevaringsperioden"):
        unit.privacy.erase(world.citizen.id)
    assert unit.privacy.erasable() == []
    leder = Unit(world.unit, _member(world, "Lise Leder", "LL", "leder"))
    with pytest.raises(PermissionDenied):
        leder.privacy.erase(world.citizen.id, today=far)
    assert [c.citizen_id for c in unit.privacy.erasable(far)] == [world.citizen.id]
    assert unit.citizens.get(world.citizen.id).name == "Mads Testesen"  # nothing was erased


def test_erasure_leaves_no_trace_of_the_citizen_in_the_file_and_the_chain_still_verifies(
    people: World,
) -> None:
    world = people
    unit = Unit(world.unit, world.actor)
    _move_out(world, world.citizen.id, dt.date.today() - dt.timedelta(days=1))
    far = dt.date.today() + dt.timedelta(days=366 * 6)
    result = unit.privacy.erase(world.citizen.id, today=far)
    assert result.counts["journal_note"] == 2 and result.counts["record_version"] >= 1
    path = world.unit.path
    world.unit.close()
    data = b"".join(
        p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name) and p.is_file()
    )
    traces = ("Mads Testesen", "Testesen", "010215-4321", "0102154321", MADS_NOTE, MADS_OLD)
    for trace in (*traces, "Mads spillede skak.", "Mads går i skole fire dage om ugen.", "forkerte borger"):
        assert trace.encode() not in data, trace
    assert OTHER["note"].encode() in data  # the other citizen is untouched
    Unit.check_file(path)  # the chains and hashes still verify (raises on a broken link)
    with sqlite3.connect(path) as db:
        action, details, citizen_id = db.execute(
            "SELECT action, details, citizen_id FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert action == "erased" and citizen_id == world.citizen.id
        erased = json.loads(details)
        assert erased["citizen_id"] == world.citizen.id and erased["counts"]["citizen"] == 1
        assert "Mads" not in details
        assert db.execute("SELECT count(*) FROM citizen WHERE id = ?", (world.citizen.id,)).fetchone() == (0,)
        # The protection triggers are back: the database still refuses to delete a note.
        with pytest.raises(sqlite3.DatabaseError):
            db.execute("DELETE FROM journal_note")
    reopened = UnitFile.open(path)
    try:
        hits = Unit(reopened, world.actor).search.notes("boller")
        assert [h.citizen_name for h in hits] == [OTHER["name"]]
        assert Unit(reopened, world.actor).search.notes("morfar") == []
    finally:
        reopened.close()


# -- the command line ------------------------------------------------------------------------


def test_fko_indsigt_and_slet(people: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world = people
    accounts.set_first_password(world.unit, world.staff_id, TEST_PASSWORD)
    _move_out(world, world.citizen.id, dt.date.today() - dt.timedelta(days=1))
    path = world.unit.path
    world.unit.close()
    out = tmp_path / "ud" / "mads.pdf"
    out.parent.mkdir()
    assert (
        main(["indsigt", str(path), "--citizen", str(world.citizen.id), "--out", str(out), *login_as("AH")])
        == 0
    )
    assert out.exists() and out.with_suffix(".json").exists()
    assert main(["indsigt", str(path), "--citizen", "1", "--out", str(out), *login_as("AH")]) == 1  # exists
    capsys.readouterr()
    # Before the retention period has passed the command refuses, before it asks.
    assert main(["slet", str(path), "--citizen", str(world.citizen.id), "--ja", *login_as("AH")]) == 1
    assert "Opbevaringsperioden" in capsys.readouterr().err
    assert main(["citizens", str(path), "--json"]) == 0
    assert "Mads Testesen" in capsys.readouterr().out


def _log_read(world: World, actor: Actor) -> None:
    from fko_desktop.ops.audit import record_read

    record_read(world.unit, actor, world.citizen.id, "citizen-opened")


def _events(unit: UnitFile, citizen_id: int) -> list[tuple[str, dict, int | None]]:
    from sqlalchemy import select

    from fko_desktop.models.history import AuditEvent

    with unit.read() as session:
        return [
            (e.action, e.details, e.actor_id)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.citizen_id == citizen_id))
        ]
