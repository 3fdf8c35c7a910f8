"""The statements only storage may write for its database, and the one-snapshot read session."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from fko_desktop.models import Actor, AuditEvent, StaffMember, SyncState
from fko_desktop.models.base import utc_now
from fko_desktop.storage import sql

ACTOR = Actor(None, "Test")


def _sync_row(uid: str, sha: str, bundle: str = "b1") -> dict[str, object]:
    return {
        "uid": uid,
        "record_type": "journal_note",
        "content_sha256": sha,
        "bundle_id": bundle,
        "at": utc_now(),
    }


def _sync(unit) -> dict[str, tuple[str, str, str]]:
    with unit.read() as session:
        return {
            s.uid: (s.record_type, s.content_sha256, s.bundle_id) for s in session.scalars(select(SyncState))
        }


def test_upsert_inserts_new_rows_and_updates_only_the_named_columns(unit, monkeypatch):
    monkeypatch.setattr(sql, "UPSERT_ROWS_PER_STATEMENT", 2)  # three statements for five rows
    with unit.write(ACTOR) as session:
        sql.upsert(
            session, SyncState, [_sync_row(f"u{i}", "old") for i in range(5)], ["uid"], ["content_sha256"]
        )
    with unit.write(ACTOR) as session:
        changed = [
            {**_sync_row("u1", "new", bundle="b2"), "record_type": "diary_note"},
            _sync_row("u9", "new"),
        ]
        sql.upsert(session, SyncState, changed, ["uid"], ["content_sha256"])
    stored = _sync(unit)
    assert len(stored) == 6
    # record_type and bundle_id were not named for update: the stored row keeps them.
    assert stored["u1"] == ("journal_note", "new", "b1")
    assert stored["u0"] == ("journal_note", "old", "b1") and stored["u9"] == ("journal_note", "new", "b1")


def test_upsert_of_nothing_and_an_unknown_dialect(unit, monkeypatch):
    with unit.write(ACTOR) as session:
        sql.upsert(session, SyncState, [], ["uid"], ["content_sha256"])
        monkeypatch.setattr(session.get_bind().dialect, "name", "oracle")
        with pytest.raises(NotImplementedError, match="oracle"):
            sql.upsert(session, SyncState, [_sync_row("u1", "x")], ["uid"], ["content_sha256"])
    assert _sync(unit) == {}


def test_stored_values_go_straight_in_and_are_not_audited(unit):
    with unit.read() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    rows = [("u1", "journal_note", "a" * 64, "b1", "2025-01-01T10:00:00.000000+00:00")]
    with unit.write(ACTOR) as session:
        sql.insert_stored_values(
            session, "sync_state", ("uid", "record_type", "content_sha256", "bundle_id", "at"), rows
        )
        sql.insert_stored_values(session, "sync_state", ("uid",), [])
    assert _sync(unit) == {"u1": ("journal_note", "a" * 64, "b1")}
    with unit.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
        assert session.get(SyncState, "u1").at.isoformat() == "2025-01-01T10:00:00+00:00"


def test_the_page_cache_is_given_back(unit):
    with unit.write(ACTOR) as session:
        size = session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one()
        with sql.page_cache(session, 50_000):
            assert session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one() == -50_000
        assert session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one() == size


def _staff_count(session) -> int:
    return session.scalar(select(func.count()).select_from(StaffMember))


def test_a_snapshot_sees_one_state_of_the_file_and_a_plain_read_the_latest(unit):
    with unit.snapshot() as snapshot, unit.read() as plain:
        before = _staff_count(snapshot), _staff_count(plain)
        with unit.write(ACTOR) as session:
            session.add(StaffMember(name="Bo Berg", initials="BB"))
        # The snapshot's transaction began at its first query; the plain read's query did not.
        assert (_staff_count(snapshot), _staff_count(plain)) == (before[0], before[1] + 1)
    with unit.snapshot() as later:
        assert _staff_count(later) == before[0] + 1
