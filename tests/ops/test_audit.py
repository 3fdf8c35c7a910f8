"""The audit trail through the core: filters, Danish descriptions, CSV, record histories, and
the reads it logs (opening a citizen, printing, sending a bundle), coalesced and content-free."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from fko_desktop.cli import main
from fko_desktop.errors import FkoError, PermissionDenied
from fko_desktop.exchange.crypto import Passphrase
from fko_desktop.models import Actor
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.history import AuditEvent
from fko_desktop.ops import accounts, citizens, journal, staff
from fko_desktop.ops.audit import READ_COALESCE, record_read
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit
from fko_desktop.unit.inputs import AuditFilter, AuditKind
from tests.logins import TEST_PASSWORD, login_as
from tests.world import World

SYSTEM = Actor(None, "test", system=True)
NOTE = "Mads cyklede selv til skole i dag og var stolt."
EDITED = "Mads cyklede selv til skole i dag og var meget stolt."
REASON = "Skrevet på den forkerte borger."


def _leder(world: World) -> Actor:
    member = staff.add_staff(
        world.unit, SYSTEM, name="Lise Leder", initials="LL", role=StaffRole.LEADER
    ).value
    return staff.actor_for(member)


def _events(unit: UnitFile) -> list[AuditEvent]:
    with unit.read() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


@pytest.fixture
def trail(world: World) -> dict:
    """Anna (the world's administrator) writes, edits and withdraws notes; the leder makes a
    second citizen and opens Mads."""
    leder = _leder(world)
    note = journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text=NOTE).value
    journal.edit_note(world.unit, world.actor, note.id, text=EDITED)
    mistaken = journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="Forkert borger.").value
    journal.withdraw_note(world.unit, world.actor, mistaken.id, reason=REASON)
    other = citizens.create_citizen(
        world.unit, leder, name="Sofie Andersen", cpr="020316-1234", area="children"
    ).value
    unit = Unit(world.unit, leder)
    assert unit.audit.citizen_opened(world.citizen.id)
    return {"unit": unit, "leder": leder, "note": note.id, "mistaken": mistaken.id, "other": other.id}


def test_filters_by_person_citizen_kind_and_period(world: World, trail: dict) -> None:
    audit = trail["unit"].audit
    mine = audit.events(AuditFilter(staff_id=world.staff_id)).rows
    assert {row.kind for row in mine} == {AuditKind.CREATED, AuditKind.EDITED, AuditKind.WITHDRAWN}
    assert all(row.actor_id == world.staff_id for row in mine)

    reads = audit.events(AuditFilter(kinds=frozenset({AuditKind.READ}))).rows
    assert [(r.actor_name, r.citizen_id, r.description) for r in reads] == [
        (trail["leder"].name, world.citizen.id, "Åbnede borgerens sag")
    ]
    other = audit.events(AuditFilter(citizen_id=trail["other"])).rows
    assert other and {row.citizen_name for row in other} == {"Sofie Andersen"}
    edited = audit.events(AuditFilter(kinds=frozenset({AuditKind.EDITED}), record_type="journal_note")).rows
    assert [row.description for row in edited] == [f"Rettede notat #{trail['note']} (tekst)"]
    withdrawn = audit.events(AuditFilter(kinds=frozenset({AuditKind.WITHDRAWN}))).rows
    assert [row.description for row in withdrawn] == [
        f"Trak notat #{trail['mistaken']} tilbage – begrundelse: {REASON}"
    ]

    today = dt.date.today()
    assert len(audit.events(AuditFilter(since=today, until=today)).rows) == len(audit.events().rows)
    assert audit.events(AuditFilter(since=today + dt.timedelta(days=1))).rows == ()
    assert audit.events(AuditFilter(until=today - dt.timedelta(days=1))).rows == ()


def test_pages_are_newest_first_and_do_not_overlap(trail: dict) -> None:
    audit = trail["unit"].audit
    everything = audit.events(limit=1000).rows
    first = audit.events(limit=3)
    second = audit.events(limit=3, after=first.rows[-1])
    assert first.more
    assert [r.id for r in first.rows + second.rows] == [r.id for r in everything[:6]]
    times = [r.at for r in everything]
    assert times == sorted(times, reverse=True)


def test_a_medarbejder_is_refused_the_trail(world: World, trail: dict) -> None:
    worker = staff.add_staff(world.unit, SYSTEM, name="Bo Berg", initials="BB").value
    unit = Unit(world.unit, staff.actor_for(worker))
    assert not unit.audit.may_view()
    with pytest.raises(PermissionDenied):
        unit.audit.events()
    with pytest.raises(PermissionDenied):
        unit.audit.record_history("journal_note", trail["note"])
    # Nor does a made-up tool name get past it.
    assert not Unit(world.unit, Actor(None, "Hvem som helst")).audit.may_view()


def test_csv_export_for_danish_excel(trail: dict, tmp_path: Path) -> None:
    audit = trail["unit"].audit
    target = tmp_path / "spor.csv"
    count = audit.export_csv(target, AuditFilter(kinds=frozenset({AuditKind.EDITED, AuditKind.WITHDRAWN})))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM makes Excel read UTF-8
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Tid;Hvem;Handling;Hvad;Borger;Borger-id;Posttype;Post-id"
    assert count == 2 and len([line for line in lines if line]) == 3
    assert "Anna Hansen (AH);Rettet;Rettede notat" in data.decode("utf-8-sig")
    assert "Mads Testesen" in lines[1]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    # The export is itself in the trail; a file that exists is never overwritten unasked.
    assert audit.events(AuditFilter(kinds=frozenset({AuditKind.EXPORT}))).rows[0].action == "audit-export"
    with pytest.raises(FkoError):
        audit.export_csv(target)
    assert target.read_bytes() == data


def test_record_history_shows_every_version_and_the_withdrawal(world: World, trail: dict) -> None:
    audit = trail["unit"].audit
    journal.edit_note(world.unit, world.actor, trail["note"], text=EDITED, score=2)
    history = audit.record_history("journal_note", trail["note"])
    assert [v.version for v in history.versions] == [1, 2, 3]
    assert history.citizen_name == "Mads Testesen"
    assert history.versions[0].changes == ()
    text_change = history.versions[1].changes
    assert [(c.label, c.old, c.new) for c in text_change] == [("tekst", NOTE, EDITED)]
    assert [(c.label, c.old, c.new) for c in history.versions[2].changes] == [("score", "Ingen score", "2")]
    assert history.versions[2].current and history.versions[2].saved_by == "Anna Hansen"
    assert [e.kind for e in history.events] == [AuditKind.CREATED, AuditKind.EDITED, AuditKind.EDITED]

    withdrawn = audit.record_history("journal_note", trail["mistaken"])
    assert withdrawn.withdrawal_reason == REASON and withdrawn.withdrawn_by == "Anna Hansen"
    with pytest.raises(FkoError, match="Der findes ingen notat"):
        audit.record_history("journal_note", 99999)


def test_opening_a_citizen_is_one_read_per_quarter_hour(world: World, trail: dict) -> None:
    audit = trail["unit"].audit
    now = dt.datetime.now(dt.UTC)
    assert not audit.citizen_opened(world.citizen.id, now=now)
    assert audit.citizen_opened(world.citizen.id, now=now + READ_COALESCE + dt.timedelta(minutes=1))
    # Someone else opening the same citizen is their own read.
    assert Unit(world.unit, world.actor).audit.citizen_opened(world.citizen.id)
    readers = audit.readers_of(world.citizen.id)
    # Newest first: the leder's read a quarter of an hour on, Anna's now, the leder's first.
    assert [r.actor_name for r in readers] == [trail["leder"].name, world.actor.name, trail["leder"].name]


def test_reads_hold_what_was_read_never_content(world: World, trail: dict) -> None:
    unit = trail["unit"]
    unit.reports.render("order", world.citizen.id)
    unit.reports.render("order", world.citizen.id)  # the same print again: one read
    unit.bundles.export(
        kind="status", citizen_id=world.citizen.id, to=Passphrase("korrekt hest batteri klips")
    )
    reads = [e for e in _events(world.unit) if e.action == "read"]
    assert [e.details for e in reads] == [
        {"what": "citizen-opened"},
        {"what": "report:order"},
        {"what": "bundle:status"},
    ]
    stored = json.dumps(
        [[e.actor_name, e.record_type, e.record_id, e.details] for e in reads], ensure_ascii=False
    )
    for secret in (world.citizen.cpr, "Mads Testesen", EDITED):
        assert secret not in stored
    described = {r.description for r in unit.audit.readers_of(world.citizen.id)}
    assert described == {
        "Åbnede borgerens sag",
        "Udskrev bestillingen",
        "Sendte bundt (status til myndighed)",
    }


def test_a_read_joins_a_write_session_given_one(world: World, trail: dict) -> None:
    # How the data-subject export (docs/privacy.md) logs its read inside its own transaction.
    with world.unit.write(trail["leder"]) as session:
        assert record_read(session, trail["leder"], world.citizen.id, "data-subject-export")
    rows = trail["unit"].audit.readers_of(world.citizen.id)
    assert rows[0].description == "Udtræk til borgerens indsigt"


def test_a_read_only_file_logs_no_read(world: World, trail: dict) -> None:
    path = world.unit.path
    before = len(_events(world.unit))
    world.unit.close()
    with Unit.open(path, trail["leder"], readonly=True) as unit:
        assert not unit.audit.citizen_opened(world.citizen.id)
        unit.reports.render("order", world.citizen.id)
        assert len(unit.audit.events(limit=10_000).rows) == before
    world.unit = UnitFile.open(path)  # for the fixture to close


def test_fko_audit_lists_filters_and_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "enhed.fko"
    with UnitFile.create(path, "Egely") as unit:
        leder = staff.add_staff(unit, SYSTEM, name="Lise Leder", initials="ll", role="leder").value
        accounts.set_first_password(unit, leder.id, TEST_PASSWORD)
        worker = staff.add_staff(unit, SYSTEM, name="Bo Berg", initials="bb").value
        citizens.create_citizen(
            unit, staff.actor_for(worker), name="Mads Testesen", cpr="010215-4321", area="children"
        )
        Unit(unit, staff.actor_for(leder)).audit.citizen_opened(1)
    assert main(["audit", str(path), *login_as("LL"), "--person", "BB"]) == 0
    out = capsys.readouterr().out
    assert "Bo Berg (BB)\tOprettet\tOprettede borger #1\tMads Testesen (#1)" in out
    assert "Lise Leder" not in out
    assert main(["audit", str(path), *login_as("LL"), "--kind", "Læst", "--citizen", "010215-4321"]) == 0
    assert "Åbnede borgerens sag" in capsys.readouterr().out
    csv_path = tmp_path / "spor.csv"
    assert main(["audit", str(path), *login_as("LL"), "--csv", str(csv_path), "--from", "2020-01-01"]) == 0
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Tid;Hvem;Handling")
    assert main(["audit", str(path), *login_as("LL"), "--kind", "ukendt"]) == 2
    assert "ukendt art" in capsys.readouterr().err


def test_a_record_without_versions_has_its_events_as_history(world: World, trail: dict) -> None:
    citizens.update_citizen(world.unit, world.actor, trail["other"], department="Kastanjen")
    history = trail["unit"].audit.record_history("citizen", trail["other"])
    assert history.versions == () and history.citizen_name == "Sofie Andersen"
    assert [e.description for e in history.events] == [
        f"Oprettede borger #{trail['other']}",
        f"Rettede borger #{trail['other']} (afdeling)",
    ]
