"""One hostile value in an otherwise genuine bundle: read and imported whole, or refused cleanly.

An attacker with the recipient's public key can write any bundle (age proves nothing about the
sender), so every value of the FHIR content and the manifest is untrusted, not only the bytes:
flipped bytes never get past age's authentication, changed values always do. Each example
takes a real transfer bundle (a citizen with some of everything), replaces one value (or
removes one key) with another type or a hostile value, re-hashes the manifest as a careful
attacker would (or not, as a careless one), seals it again and reads and imports it into a
fresh unit file. Either it is imported and the unit then holds exactly what the bundle said,
or it is refused with an ``FkoError`` and the unit file is unchanged. Any other exception is
a crash a user would see as "uventet fejl".
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pyrage
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from fko_desktop.errors import FkoError
from fko_desktop.exchange import apply_import, plan_import, read_bundle
from fko_desktop.exchange.archive import pack
from fko_desktop.exchange.content import plain
from fko_desktop.exchange.format import FHIR_MEMBER, MANIFEST_NAME
from fko_desktop.models import Citizen, InterventionGoal, StaffMember, SubGoal
from fko_desktop.models.citizen import DEFAULT_OUTCOME_SCHEMA
from fko_desktop.ops import staff
from fko_desktop.storage.unitfile import UnitFile
from tests.world import World

from .helpers import Keys, export, importer, make_keys, transfer_view
from .test_roundtrip import build_history

_DELETE = object()  # remove the key (or list item) instead of replacing its value
_DEEP = "\u0000deep:{}\u0000"  # replaced by that many nested lists after serialising

HOSTILE_TEXT = [
    "", " ", "\x00", "Mads\x00Testesen", "\x1b[2J", "\u202eesnetseT", "\r\n", "\ud800", "a\udfffb",
    "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2025-02-30", "2025", "2025-13",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2025-01-01T00:00:00", "2025-01-01T25:00:00Z",
    "urn:uuid:00000000-0000-0000-0000-000000000000", "urn:uuid:../../x", "../../etc/passwd",
    "rumfart", "7", "-1", "ikke_vurderet", "children", "adults", "order", "transfer", "message",
    "Patient", "Observation", "MessageHeader", "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
    "010215-4321", "311299-9999", "0" * 64,
]  # fmt: skip

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 5, 10_001, 2**31, 2**63, -(2**63) - 1, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(HOSTILE_TEXT),
    # Longer than a line, than a note, than an earlier version; the last is a "zip bomb".
    st.sampled_from([301, 20_001, 200_001, 2_000_000]).map(lambda n: "æ" * n),
    st.sampled_from([65, 100_000]).map(_DEEP.format),
    st.sampled_from([[], {}, [None], {"url": "x"}, {"reference": "urn:uuid:x"}, [{"coding": []}]]),
    st.just(_DELETE),
)


TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from([301, 20_001, 200_001]).map(lambda n: "æ" * n),
)


def _same_kind(original: Any) -> st.SearchStrategy[Any]:
    """A hostile value of the original's own JSON type: gets past FHIR validation more often."""
    if isinstance(original, bool):
        return st.just(not original)
    if isinstance(original, int):
        return st.sampled_from([0, -1, 2, 10_001, 2**31 - 1, 2**31, 2**63]) | st.integers()
    if isinstance(original, str):
        return TEXTS
    return HOSTILE


class Sealed:
    """A genuine transfer bundle, opened once, and where to import its variants.

    A plain class with a short ``repr``: hypothesis prints it with every failing example.
    """

    def __init__(self, members: dict[str, bytes], keys: Keys, empty_unit: Path, folder: Path) -> None:
        self.members = members
        self.fhir_paths = _paths(json.loads(members[FHIR_MEMBER]))
        self.manifest_paths = _paths(json.loads(members[MANIFEST_NAME]))
        self.keys = keys
        self.empty_unit = empty_unit
        self.folder = folder

    def __repr__(self) -> str:
        return "Sealed(<a genuine transfer bundle>)"


def _paths(data: Any) -> tuple[tuple, ...]:
    """Every value below the root, as a path of keys and indexes."""
    found = []
    stack: list[tuple[tuple, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if path:
            found.append(path)
        if isinstance(value, dict):
            stack.extend((path + (key,), child) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((path + (index,), child) for index, child in enumerate(value))
    return tuple(found)


def _world(unit: UnitFile) -> World:
    with unit.read() as session:
        citizen = session.scalars(select(Citizen)).one()
        goals = list(session.scalars(select(InterventionGoal).order_by(InterventionGoal.position)))
        sub_goals = list(session.scalars(select(SubGoal).order_by(SubGoal.goal_id)))
        member = session.scalars(select(StaffMember)).one()
    return World(unit, staff.actor_for(member), citizen, goals, sub_goals)


@pytest.fixture(scope="module")
def sealed(_templates, tmp_path_factory) -> Sealed:
    folder = tmp_path_factory.mktemp("fuzz-values")
    for name in ("myndighed.fko", "egely.fko"):
        shutil.copyfile(_templates / name, folder / name)
    authority, provider = UnitFile.open(folder / "myndighed.fko"), UnitFile.open(folder / "egely.fko")
    try:
        citizen_id, actor = build_history(provider, _world(authority), make_keys(folder, "egely"))
        keys = make_keys(folder, "nyt-sted")
        data = export(provider, actor, "transfer", citizen_id, keys)
    finally:
        authority.close()
        provider.close()
    empty = UnitFile.create(folder / "nyt-sted-skabelon.fko", "Bostedet Nyt Sted")
    empty.close()
    archive = zipfile.ZipFile(io.BytesIO(pyrage.decrypt(data, [keys.identity.identity])))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    return Sealed(members, keys, empty.path, folder)


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def _replace(data: Any, path: tuple, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if value is _DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


def _dumps(data: Any) -> bytes:
    # ensure_ascii: a lone surrogate travels as its \u escape, as an attacker would send it.
    serialised = json.dumps(data, ensure_ascii=True, allow_nan=True)
    for depth in (65, 100_000):
        serialised = serialised.replace(json.dumps(_DEEP.format(depth)), "[" * depth + "]" * depth)
    return serialised.encode("ascii")


def _variant(sealed: Sealed, in_manifest: bool, path: tuple, value: Any, fix_hashes: bool) -> bytes:
    members = dict(sealed.members)
    manifest = json.loads(members.pop(MANIFEST_NAME))
    if in_manifest:
        _replace(manifest, path, value)
    else:
        message = json.loads(members[FHIR_MEMBER])
        _replace(message, path, value)
        members[FHIR_MEMBER] = _dumps(message)
        if fix_hashes:
            for item in manifest["members"]:
                body = members[item["name"]]
                item["sha256"], item["size"] = hashlib.sha256(body).hexdigest(), len(body)
    packed = pack({MANIFEST_NAME: _dumps(manifest), **members})
    return pyrage.encrypt(packed, [sealed.keys.recipient.recipient])


def _every_row(unit: UnitFile) -> str:
    """A fingerprint of every row of every table: equal means the unit file holds the same."""
    digest = hashlib.sha256()
    with unit.read() as session:
        tables = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        for name in list(session.execute(text(tables)).scalars()):
            rows = session.execute(text(f'SELECT * FROM "{name}"')).all()
            digest.update(f"{name}:{sorted(repr(tuple(row)) for row in rows)}".encode())
    return digest.hexdigest()


DEFAULT_SCHEMA = DEFAULT_OUTCOME_SCHEMA.value


def _as_imported(actual: Any, expected: Any) -> Any:
    """``actual`` with the creation times the bundle left out: the import's own time is right there."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        result = {key: _as_imported(value, expected.get(key)) for key, value in actual.items()}
        if "created_at" in expected and expected["created_at"] is None:
            result["created_at"] = None
        # A bundle that leaves a child's Århus schema out gives a new citizen the default one.
        if expected.get("outcome_schema", "") is None and actual.get("outcome_schema") == DEFAULT_SCHEMA:
            result["outcome_schema"] = None
        return result
    if isinstance(actual, list) and isinstance(expected, list) and len(actual) == len(expected):
        return [_as_imported(a, e) for a, e in zip(actual, expected, strict=True)]
    return actual


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_one_hostile_value_is_imported_whole_or_refused_cleanly(sealed, data):
    in_manifest = data.draw(st.sampled_from([False, False, False, True]), label="in_manifest")
    paths = sealed.manifest_paths if in_manifest else sealed.fhir_paths
    path = data.draw(st.sampled_from(paths), label="path")
    original = _at(json.loads(sealed.members[MANIFEST_NAME if in_manifest else FHIR_MEMBER]), path)
    value = data.draw(st.one_of(HOSTILE, _same_kind(original)), label="value")
    fix_hashes = data.draw(st.sampled_from([True, True, True, True, False]), label="fix_hashes")
    bundle_bytes = _variant(sealed, in_manifest, path, value, fix_hashes)

    try:
        bundle = read_bundle(bundle_bytes, sealed.keys.identity)
    except FkoError as error:
        assert "\n" not in error.message and error.message.strip()
        event("refused by the reader")
        return

    target = sealed.folder / "nyt-sted.fko"
    for leftover in sealed.folder.glob("nyt-sted.fko?*"):  # a journal must not meet a new copy
        leftover.unlink()
    shutil.copyfile(sealed.empty_unit, target)
    unit = UnitFile.open(target)
    try:
        before = _every_row(unit)
        try:
            with unit.read() as session:
                plan_import(session, bundle)  # the dry run
            result = apply_import(unit, importer(unit), bundle).value
        except FkoError as error:
            assert "\n" not in error.message and error.message.strip()
            assert _every_row(unit) == before
            event("refused by the importer")
            return
        # Imported: the unit now tells exactly the story the bundle told.
        assert result.citizen_id is not None
        event("imported")
        expected = plain(bundle.content)
        assert _as_imported(transfer_view(unit, result.citizen_id), expected) == expected
    finally:
        unit.close()
