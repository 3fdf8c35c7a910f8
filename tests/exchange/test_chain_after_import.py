"""A bundle import writes through the same session hooks: both units' histories stay valid."""

from __future__ import annotations

from fko_desktop.exchange import apply_import
from fko_desktop.storage.integrity import inspect_unit_file
from fko_desktop.storage.unitfile import UnitFile

from .helpers import export, importer, make_keys, reread
from .test_roundtrip import build_history


def test_a_transfer_import_keeps_both_chains_valid(authority, provider, provider_keys, tmp_path):
    citizen_id, actor = build_history(provider, authority, provider_keys)
    new_home = UnitFile.create(tmp_path / "nyt-sted.fko", "Bostedet Nyt Sted")
    new_keys = make_keys(tmp_path, "nyt-sted")
    try:
        data = export(provider, actor, "transfer", citizen_id, new_keys)
        result = apply_import(new_home, importer(new_home), reread(data, new_keys)).value
        assert result.created > 0
    finally:
        new_home.close()
    for path in (provider.path, new_home.path):
        inspection = inspect_unit_file(path, full=True)
        assert inspection.history_problem is None, (path.name, inspection.history_problem)
        assert inspection.history_heads["audit_event"].count > 0
    # The imported records carry their earlier versions into the new unit's chain too.
    assert inspect_unit_file(new_home.path, full=True).history_heads["record_version"].count > 0


def test_a_cut_after_an_import_is_found_through_the_receipt_alone(
    authority, provider, provider_keys, tmp_path
):
    import sqlite3

    from fko_desktop.storage import chain_head

    from ..storage.tamper import without_triggers
    from ..storage.util import run_sqlite

    citizen_id, actor = build_history(provider, authority, provider_keys)
    new_home = UnitFile.create(tmp_path / "nyt-sted.fko", "Bostedet Nyt Sted")
    new_keys = make_keys(tmp_path, "nyt-sted")
    try:
        data = export(provider, actor, "transfer", citizen_id, new_keys)
        apply_import(new_home, importer(new_home), reread(data, new_keys))
        uid = new_home.unit().uid
    finally:
        new_home.close()
    path = new_home.path
    connection = sqlite3.connect(path)
    [last] = connection.execute("SELECT max(id) FROM audit_event").fetchone()
    connection.close()
    run_sqlite(path, *without_triggers("audit_event_never_deleted", statements=[
        f"DELETE FROM audit_event WHERE id > {last - 2}"
    ]))  # fmt: skip
    chain_head.replace(uid, path, {})  # as on another PC, which never saw this file
    found = inspect_unit_file(path, full=True).history_problem or ""
    assert found.startswith("Kæden er afkortet: hændelse nr. ") and "kvitteringen for en pakke" in found, (
        found
    )
