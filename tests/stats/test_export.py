"""``export_statistics``: what the statistics file holds, and everything it must not hold."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from sqlalchemy import select, update

from fko_desktop.errors import PermissionDenied
from fko_desktop.models import AuditEvent, Citizen, InterventionGoal
from fko_desktop.models import Unit as UnitRecord
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import staff
from fko_desktop.stats import keys
from fko_desktop.stats.export import export_statistics
from fko_desktop.storage.files import FileRefused
from fko_desktop.storage.unitfile import UnitFile
from tests.stats.conftest import SELF_CARE, WASHING, Source, enrich
from tests.world import build_world

TODAY = dt.date(2025, 11, 23)


def _export(world, path, **kwargs):
    return export_statistics(world.unit, world.actor, path, today=TODAY, **kwargs)


def _goals(path) -> list[dict]:
    return json.loads(path.read_bytes())["goals"]


def test_the_file_holds_no_name_cpr_number_or_text_of_the_unit(world, source: Source, tmp_path):
    out = tmp_path / "statistik.json"
    made = _export(world, out)
    data = out.read_bytes()
    folded = data.decode("utf-8").casefold()
    # Every name, CPR number (with and without the dash), note, goal and målstatus text.
    for secret in [*source.names, *source.cprs, *source.texts]:
        assert secret.encode("utf-8") not in data, secret
        assert secret.casefold() not in folded, secret
    with world.unit.read() as session:
        uids = [uid for uid in session.scalars(select(Citizen.uid)) if uid]
        goal_uids = [uid for uid in session.scalars(select(InterventionGoal.uid)) if uid]
        unit_uid = session.scalars(select(UnitRecord.uid)).one()
    for uid in [*uids, *goal_uids, unit_uid]:
        assert uid.encode() not in data
    # Nothing but the documented fields: no ids, no responsible staff, no text.
    goals = _goals(out)
    assert made.goals == len(goals) and made.citizens == 2
    kinds = [goal["kind"] for goal in goals]
    assert kinds.count("goal") == 3 and kinds.count("aarhus_factor") >= 2
    allowed = {
        "citizen", "kind", "catalog", "domain", "domain_group", "goal_type", "baseline", "target",
        "statuses", "outcome", "department", "area", "start", "end",
    }  # fmt: skip
    assert all(set(goal) == allowed for goal in goals)
    assert {goal["citizen"] for goal in goals}.isdisjoint({str(i) for i in source.citizen_ids})


def test_the_file_holds_the_figures_of_each_goal(world, source, tmp_path):
    out = tmp_path / "statistik.json"
    _export(world, out)
    document = json.loads(out.read_bytes())
    assert document["format"] == "fko-statistik" and document["version"] == 1
    assert document["unit"]["name"] == "Egely" and keys.is_key(document["unit"]["key"])
    assert document["made_on"] == "2025-11-23" and "period" not in document
    washing = next(goal for goal in document["goals"] if goal["catalog"] == "ffb")
    assert washing == {
        "citizen": washing["citizen"],
        "kind": "goal",
        "catalog": "ffb",
        "domain": WASHING,
        "domain_group": f"ffb:{SELF_CARE}",  # the sub-theme rolled up to its theme
        "goal_type": "d41c8072-52f8-42b5-9375-ddbea454d27f",
        "baseline": 3,
        "target": 1,
        "statuses": [{"on": "2024-05-15", "score": 2}, {"on": "2025-05-15", "score": 1}],
        "outcome": "progression_goal_met",
        "department": "Afd. Egen",
        "area": "adults",
        "start": "2024-02-15",
        "end": None,
    }
    school = next(goal for goal in document["goals"] if goal["domain"] == "skole_og_laering")
    assert school["statuses"] == [{"on": "2025-04-15", "score": 2}]
    assert school["outcome"] == "progression" and school["department"] is None
    friends = next(goal for goal in document["goals"] if goal["domain"] == "fritid_og_venskaber")
    assert friends["statuses"] == [] and friends["outcome"] is None
    # The two goals of one child share one key; the adult has another.
    assert school["citizen"] == friends["citizen"] != washing["citizen"]
    # An Århus factor: from the first assessment (status and target) to the next.
    factors = [goal for goal in document["goals"] if goal["kind"] == "aarhus_factor"]
    scored = next(goal for goal in factors if goal["baseline"] == 3)
    assert (scored["catalog"], scored["citizen"], scored["target"]) == ("aarhus", school["citizen"], 1)
    assert scored["statuses"] == [{"on": "2025-05-01", "score": 2}] and scored["start"] == "2025-02-01"
    assert scored["outcome"] == "progression"


def test_a_period_keeps_its_goals_and_only_their_status_in_it(world, source, tmp_path):
    out = tmp_path / "2025.json"
    _export(world, out, date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    document = json.loads(out.read_bytes())
    assert document["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    washing = next(goal for goal in document["goals"] if goal["catalog"] == "ffb")
    assert washing["statuses"] == [{"on": "2025-05-15", "score": 1}]
    out = tmp_path / "2024.json"
    _export(world, out, date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    goals = _goals(out)
    # In 2024 only the adult's goal had a målstatus (or owed one): the child's started in 2025.
    assert [(g["catalog"], g["statuses"], g["outcome"]) for g in goals] == [
        ("ffb", [{"on": "2024-05-15", "score": 2}], "progression")
    ]


def test_keys_are_stable_across_exports_and_differ_between_units(world, source, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    _export(world, first)
    _export(world, second)
    assert first.read_bytes() == second.read_bytes()
    # Another unit with the very same citizen (same exchange uid, as after a transfer by
    # bundle): its own secret gives the citizen another key, and the unit another key.
    other = UnitFile.create(tmp_path / "anden.fko", "Egely")
    try:
        other_world = build_world(other)
        with world.unit.read() as session:
            uid = session.scalars(select(Citizen.uid).where(Citizen.id == world.citizen.id)).one()
        with other.write(other_world.actor) as session:
            session.execute(update(Citizen).where(Citizen.id == other_world.citizen.id).values(uid=uid))
        third = tmp_path / "c.json"
        export_statistics(other, other_world.actor, third, today=TODAY)
    finally:
        other.close()
    ours, theirs = json.loads(first.read_bytes()), json.loads(third.read_bytes())
    assert ours["unit"]["key"] != theirs["unit"]["key"]
    assert {g["citizen"] for g in ours["goals"]}.isdisjoint({g["citizen"] for g in theirs["goals"]})


def test_the_key_is_an_hmac_of_the_uid_under_the_units_secret(world, tmp_path):
    out = tmp_path / "s.json"
    _export(world, out)
    with world.unit.read() as session:
        uid = session.scalars(select(Citizen.uid).where(Citizen.id == world.citizen.id)).one()
        salt = session.scalars(select(UnitRecord.stats_salt)).one()
    assert {g["citizen"] for g in _goals(out)} == {keys.citizen_key(salt, uid)}
    assert keys.citizen_key(salt, uid) != keys.citizen_key(salt + "0", uid)


def test_a_citizen_without_an_exchange_uid_still_gets_a_stable_key(world, tmp_path):
    with world.unit.write(world.actor) as session:
        session.execute(update(Citizen).values(uid=None))
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    _export(world, first)
    _export(world, second)
    assert first.read_bytes() == second.read_bytes()
    assert all(keys.is_key(goal["citizen"]) for goal in _goals(first))


def test_the_file_is_private_never_over_an_existing_one_and_audited(world, tmp_path):
    out = tmp_path / "s.json"
    _export(world, out)
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()
    with pytest.raises(FileRefused, match="findes allerede"):
        _export(world, out)
    assert out.read_bytes() == before
    _export(world, out, replace=True)
    with pytest.raises(FileRefused, match="enhedsfil"):
        _export(world, world.unit.path, replace=True)
    with world.unit.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "stats-export")).all()
    assert [event.details["file"] for event in events] == ["s.json", "s.json"]
    assert events[0].actor_id == world.staff_id


def test_a_medarbejder_may_not_export(world, tmp_path):
    employee = staff.add_staff(
        world.unit, world.actor, name="Carl Ansat", initials="CA", role=StaffRole.EMPLOYEE
    ).value
    out = tmp_path / "s.json"
    with pytest.raises(PermissionDenied, match="leder"):
        export_statistics(world.unit, staff.actor_for(employee), out)
    with pytest.raises(PermissionDenied):
        export_statistics(world.unit, None, out)
    assert not out.exists()


def test_the_facade_exports_and_says_who_may(world, tmp_path):
    from fko_desktop.unit import Unit

    facade = Unit(world.unit, world.actor)
    assert facade.stats.may_export()
    made = facade.stats.export(tmp_path / "s.json", today=TODAY)
    assert made.path.exists() and made.goals == 2 and made.citizens == 1  # the world's two goals
    facade.act_as(None)
    assert not facade.stats.may_export()


def test_enrich_is_what_the_tests_above_rely_on(world):
    # The source unit really holds what the grep looks for (else the grep proves nothing).
    source = enrich(world)
    with world.unit.read() as session:
        names = set(session.scalars(select(Citizen.name)))
    assert {"Mads Testesen", "Ølstykke Jørgensen"} <= names
    assert len(source.cprs) == 4
