"""A bundle export holds no write transaction while it renders PDFs or encrypts.

The export reads a snapshot, does the slow work (PDFs, FHIR, encryption, the temporary file)
with no transaction open, and only then records the receipt, the sync state and the audit
event in one short write; the bundle takes its final name after that commit. So a journal note
saved meanwhile is stored at once (it is simply not in the bundle), the sync state describes
what the bundle carried, and a bundle on disk always has its ledger entry.

The slow step is made deterministic by a gate the export waits at; the busy timeout is cut to
a fraction of a second, so a regression fails fast instead of waiting the full five seconds.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from fko_desktop.errors import FkoError, ReadOnlyError
from fko_desktop.exchange import content as c
from fko_desktop.exchange import crypto, exporter, read_bundle_file
from fko_desktop.exchange.format import BundleKind
from fko_desktop.exchange.snapshot import RecordReader, snapshot
from fko_desktop.models import AuditEvent, BundleReceipt, JournalNote, SyncState
from fko_desktop.ops import citizens, journal
from fko_desktop.storage import unitfile
from fko_desktop.storage.files import TEMP_SUFFIX, FileRefused
from fko_desktop.storage.unitfile import UnitFile

from .helpers import make_keys

#: Long enough for an uncontended write, far below the 5 s a held write lock would cost.
QUICK_BUSY_MS = 200
#: How long anything in these tests may wait before it counts as hung.
PATIENCE_S = 60
#: A save that took longer waited for something (fsync on a busy test machine stays well below).
PROMPT_S = 2.0

OBSERVED = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.UTC)


class Gate:
    """Wraps a function so that calling it signals ``entered`` and waits for ``release``."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def wrap(self, real: Any) -> Any:
        def gated(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            if not self.release.wait(PATIENCE_S):
                raise AssertionError("the test never released the export")
            return real(*args, **kwargs)

        return gated


class Export(threading.Thread):
    """``export_bundle`` in a thread of its own, keeping its result or its exception."""

    def __init__(self, **arguments: Any) -> None:
        super().__init__(daemon=True)
        self.arguments = arguments
        self.result: exporter.ExportResult | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = exporter.export_bundle(**self.arguments)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            self.error = error

    def finish(self) -> exporter.ExportResult:
        self.join(PATIENCE_S)
        assert not self.is_alive(), "the export did not finish"
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


@pytest.fixture
def quick_busy(monkeypatch, authority):
    """A busy timeout of a fraction of a second, for the unit's connections from now on."""
    monkeypatch.setattr(unitfile, "BUSY_TIMEOUT_MS", QUICK_BUSY_MS)
    authority.unit.engine.dispose()  # pooled connections were made with the old timeout
    return authority


@pytest.fixture
def keys(tmp_path):
    return make_keys(tmp_path, "modtager")


def _gate(monkeypatch, stage: str) -> Gate:
    gate = Gate()
    if stage == "pdf":
        from fko_desktop.reports import plan

        monkeypatch.setattr(plan, "render", gate.wrap(plan.render))
    else:
        monkeypatch.setattr(crypto, "encrypt", gate.wrap(crypto.encrypt))
    return gate


def _start(world, keys, out: Path, **options: Any) -> Export:
    export = Export(unit=world.unit, actor=world.actor, kind="transfer", citizen_id=world.citizen.id,
                    to=keys.recipient, out=out, **options)  # fmt: skip
    export.start()
    return export


def _wait_until_entered(gate: Gate, export: Export) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not gate.entered.wait(0.05):
        if not export.is_alive():
            export.finish()  # raises what stopped it
            raise AssertionError("the export ended without reaching the slow step")
        assert time.monotonic() < deadline, "the export never reached the slow step"


def _receipts(unit: UnitFile) -> list[BundleReceipt]:
    with unit.read() as session:
        return list(session.scalars(select(BundleReceipt).where(BundleReceipt.direction == "export")))


def _sync(unit: UnitFile) -> dict[str, str]:
    with unit.read() as session:
        return {row.uid: row.content_sha256 for row in session.scalars(select(SyncState))}


def _export_events(unit: UnitFile) -> list[AuditEvent]:
    with unit.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "bundle_export")))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


@pytest.mark.parametrize("stage", ["pdf", "encrypt"])
def test_a_note_saved_while_a_transfer_is_made_is_stored_at_once_and_not_in_the_bundle(
    quick_busy, keys, tmp_path, monkeypatch, stage
):
    world = quick_busy
    sub_goal = world.sub_goals[0]
    before = journal.add_note(world.unit, world.actor, sub_goal.id, text="Før bundtet.", score=2,
                              observed_at=OBSERVED).value  # fmt: skip
    gate = _gate(monkeypatch, stage)
    out = tmp_path / "overflytning.fkob"
    export = _start(world, keys, out, include_pdfs=True)
    try:
        _wait_until_entered(gate, export)
        started = time.monotonic()
        meanwhile = journal.add_note(
            world.unit,
            world.actor,
            sub_goal.id,
            text="Skrevet mens bundtet blev lavet.",
            score=1,
            observed_at=OBSERVED + dt.timedelta(hours=1),
        ).value
        waited = time.monotonic() - started
        # Still at the slow step: nothing of the export is recorded, no bundle under its name.
        assert export.is_alive() and not gate.release.is_set()
        assert _receipts(world.unit) == [] and not out.exists()
    finally:
        gate.release.set()
    result = export.finish()
    assert waited < PROMPT_S, f"the note waited {waited:.2f} s for the export"

    # The unit has both notes; the bundle was made from the snapshot taken before the second.
    notes = journal.journal(world.unit, citizen_id=world.citizen.id)
    assert {n.text for n in notes} == {"Før bundtet.", "Skrevet mens bundtet blev lavet."}
    assert result.path == out and out.exists() and _leftovers(tmp_path) == []
    arrived = read_bundle_file(out, keys.identity)
    assert [n.text for n in arrived.content.journal_notes] == ["Før bundtet."]
    assert result.counts["journal_notes"] == 1
    [receipt] = _receipts(world.unit)
    assert receipt.bundle_id == result.bundle_id and receipt.summary["journal_notes"] == 1
    synced = _sync(world.unit)
    assert before.uid in synced and meanwhile.uid not in synced
    [event] = _export_events(world.unit)
    assert event.details["bundle_id"] == result.bundle_id


def test_the_sync_state_remembers_what_the_bundle_carried_not_what_changed_meanwhile(
    quick_busy, keys, tmp_path, monkeypatch
):
    world = quick_busy
    note = journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="Første udgave.", score=2,
                            observed_at=OBSERVED).value  # fmt: skip
    gate = _gate(monkeypatch, "encrypt")
    out = tmp_path / "overflytning.fkob"
    export = _start(world, keys, out, include_pdfs=False)
    try:
        _wait_until_entered(gate, export)
        journal.edit_note(world.unit, world.actor, note.id, text="Rettet mens bundtet blev lavet.", score=3)
        citizens.update_citizen(world.unit, world.actor, world.citizen.id, wishes="Ændret undervejs.")
    finally:
        gate.release.set()
    export.finish()

    sent = read_bundle_file(out, keys.identity).content
    with world.unit.read() as session:
        now = snapshot(session, BundleKind.TRANSFER, world.citizen.id)
    [sent_note], [now_note] = sent.journal_notes, now.journal_notes
    assert sent_note.uid == now_note.uid == note.uid
    assert (sent_note.text, now_note.text) == ("Første udgave.", "Rettet mens bundtet blev lavet.")
    assert now.citizen.wishes == "Ændret undervejs." and sent.citizen.wishes != now.citizen.wishes
    synced = _sync(world.unit)
    # The common ancestor for the next exchange is what was sent, so the edits made meanwhile
    # count as local changes the next import must respect.
    assert synced[note.uid] == c.content_hash(sent_note) != c.content_hash(now_note)
    assert synced[now.citizen.uid] == c.content_hash(sent.citizen) != c.content_hash(now.citizen)


def test_the_reading_is_one_snapshot_even_when_a_note_is_corrected_half_way(
    quick_busy, keys, tmp_path, monkeypatch
):
    world = quick_busy
    note = journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="Første udgave.", score=2,
                            observed_at=OBSERVED).value  # fmt: skip
    gate = Gate()
    real_versions = RecordReader.versions

    def versions(self: RecordReader, record_type: str, ids: Any) -> Any:
        if record_type == "journal_note":  # the notes are read; their earlier versions are next
            return gate.wrap(real_versions)(self, record_type, ids)
        return real_versions(self, record_type, ids)

    monkeypatch.setattr(RecordReader, "versions", versions)
    out = tmp_path / "overflytning.fkob"
    export = _start(world, keys, out, include_pdfs=False)
    try:
        _wait_until_entered(gate, export)
        started = time.monotonic()
        journal.edit_note(world.unit, world.actor, note.id, text="Rettet midt i læsningen.", score=3)
        waited = time.monotonic() - started  # a reader never holds up a writer
    finally:
        gate.release.set()
    export.finish()
    assert waited < PROMPT_S, f"the correction waited {waited:.2f} s for the export"
    # The note as it was when the reading began: its first version, with no earlier one (a
    # reading that saw each commit would carry version 1 and, as its "earlier" version, itself).
    [sent] = read_bundle_file(out, keys.identity).content.journal_notes
    assert (sent.text, sent.legal.version, sent.legal.earlier) == ("Første udgave.", 1, ())
    with world.unit.read() as session:
        assert session.get(JournalNote, note.id).text == "Rettet midt i læsningen."


def test_a_failed_ledger_write_leaves_no_bundle(authority, keys, tmp_path, monkeypatch):
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise FkoError("Ledger kunne ikke skrives.")

    monkeypatch.setattr(exporter, "record_event", broken)
    out = tmp_path / "overflytning.fkob"
    with pytest.raises(FkoError, match="Ledger"):
        exporter.export_bundle(
            authority.unit,
            authority.actor,
            kind="transfer",
            citizen_id=authority.citizen.id,
            to=keys.recipient,
            out=out,
            include_pdfs=False,
        )
    assert not out.exists() and _leftovers(tmp_path) == []
    assert (
        _receipts(authority.unit) == []
        and _sync(authority.unit) == {}
        and _export_events(authority.unit) == []
    )


def test_a_bundle_that_cannot_be_written_leaves_no_ledger_entry(authority, keys, tmp_path, monkeypatch):
    def full(_temporary: Path, _data: bytes, *, final: Path) -> None:
        raise FileRefused(f"Der er ikke plads på disken til »{final.name}«; intet er skrevet.")

    monkeypatch.setattr(exporter, "write_durably", full)
    out = tmp_path / "overflytning.fkob"
    with pytest.raises(FkoError, match="ikke plads"):
        exporter.export_bundle(
            authority.unit,
            authority.actor,
            kind="transfer",
            citizen_id=authority.citizen.id,
            to=keys.recipient,
            out=out,
            include_pdfs=False,
        )
    assert not out.exists() and _leftovers(tmp_path) == []
    assert (
        _receipts(authority.unit) == []
        and _sync(authority.unit) == {}
        and _export_events(authority.unit) == []
    )


def test_a_record_a_bulk_writer_left_without_uid_gets_one_and_travels(authority, keys, tmp_path):
    note = journal.add_note(authority.unit, authority.actor, authority.sub_goals[0].id, text="Uden uid.",
                            observed_at=OBSERVED).value  # fmt: skip
    with authority.unit.engine.begin() as connection:
        connection.execute(text("UPDATE journal_note SET uid = NULL WHERE id = :id"), {"id": note.id})
    out = tmp_path / "overflytning.fkob"
    result = exporter.export_bundle(authority.unit, authority.actor, kind="transfer",
                                    citizen_id=authority.citizen.id, to=keys.recipient, out=out,
                                    include_pdfs=False)  # fmt: skip
    with authority.unit.read() as session:
        uid = session.get(JournalNote, note.id).uid
    assert uid is not None and uid != note.uid
    [sent] = read_bundle_file(result.path, keys.identity).content.journal_notes
    assert sent.uid == uid and uid in _sync(authority.unit)


def test_a_read_only_unit_is_refused_before_any_work(authority, keys, tmp_path, monkeypatch):
    def no_snapshot(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the snapshot was read for an export that cannot be recorded")

    monkeypatch.setattr(exporter, "snapshot", no_snapshot)
    reader = UnitFile.open(authority.unit.path, readonly=True)
    try:
        with pytest.raises(ReadOnlyError):
            exporter.export_bundle(
                reader,
                authority.actor,
                kind="transfer",
                citizen_id=authority.citizen.id,
                to=keys.recipient,
                out=tmp_path / "b.fkob",
                include_pdfs=False,
            )
    finally:
        reader.close()
    assert not (tmp_path / "b.fkob").exists()
