"""Before a bundle is imported, the receiving unit is backed up automatically (issue 13)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from fko_desktop.exchange import apply_import
from fko_desktop.models import Citizen
from fko_desktop.storage.backups import REASON_IMPORT, unit_backups

from .helpers import export, importer, reread


def _citizens(path) -> int:  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM citizen").fetchone()[0]
    finally:
        connection.close()


def test_an_import_backs_the_unit_up_first(authority, provider, provider_keys, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    who = importer(provider)  # the unit's own first day, before the folder the test watches
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    data = export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys)
    apply_import(provider, who, reread(data, provider_keys))
    (made,) = unit_backups(provider.unit().uid)
    assert made.reason == REASON_IMPORT
    assert _citizens(made.path) == 0  # the unit as it was before the bundle came in
    with provider.read() as session:
        assert len(session.scalars(select(Citizen)).all()) == 1
