"""``read_statistics``: a statistics file is read whole and checked, or refused with a Danish
message naming the file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.overview.model import FactKind, GoalFact, StatusPoint
from fko_desktop.stats import read
from fko_desktop.stats.export import export_statistics
from fko_desktop.stats.read import StatisticsFileError, parse_statistics, read_statistics
from tests.stats.helpers import document, goal, key, write


def test_a_file_is_read_into_facts_without_drill_down_fields(tmp_path):
    data = document(
        "Solbakken",
        key(99),
        [goal(1, [("2025-03-01", 2), ("2025-06-01", "ikke_vurderet")], outcome=None, end="2025-12-31")],
        period={"from": "2025-01-01", "to": None},
    )
    stats = read_statistics(write(tmp_path / "solbakken.json", data))
    assert (stats.source, stats.unit_name, stats.unit_key) == ("solbakken.json", "Solbakken", key(99))
    assert (stats.made_on, stats.period_from, stats.period_to) == (
        dt.date(2026, 1, 5),
        dt.date(2025, 1, 1),
        None,
    )
    assert stats.facts == (
        GoalFact(
            kind=FactKind.GOAL,
            unit_name="Solbakken",
            citizen_key=key(1),
            department="Afd. Nord",
            area="children",
            catalog="ics",
            domain_code="skole_og_laering",
            domain_group="ics:skole_og_laering",
            goal_type="udvikling",
            baseline=3,
            target=1,
            statuses=(StatusPoint(dt.date(2025, 3, 1), 2), StatusPoint(dt.date(2025, 6, 1), NOT_ASSESSED)),
            start_date=dt.date(2024, 1, 10),
            end_date=dt.date(2025, 12, 31),
        ),
    )
    fact = stats.facts[0]
    assert (fact.goal_id, fact.citizen_id, fact.citizen_name, fact.text, fact.responsible_id) == (None,) * 5


def test_an_exported_file_reads_back_as_the_units_facts(world, tmp_path):
    from tests.stats.conftest import enrich

    enrich(world)
    out = tmp_path / "egely.json"
    export_statistics(world.unit, world.actor, out, today=dt.date(2025, 11, 23))
    stats = read_statistics(out)
    goals = [fact for fact in stats.facts if fact.kind is FactKind.GOAL]
    assert stats.unit_name == "Egely" and len(goals) == 3
    scores = sorted((f.domain_code, f.baseline, f.target, [p.score for p in f.statuses]) for f in goals)
    assert scores == [
        ("885400cc-dd71-479e-8993-3fc48fdd6710", 3, 1, [2, 1]),
        ("fritid_og_venskaber", 2, 2, []),
        ("skole_og_laering", 3, 1, [2]),
    ]


def _refusal(tmp_path, content: bytes | str | object, name: str = "fra-kommunen.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        write(path, content)
    with pytest.raises(StatisticsFileError) as refused:
        read_statistics(path)
    assert name in refused.value.message
    return refused.value.message


def test_corrupt_files_are_refused_naming_the_file(tmp_path):
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, b"\x00\xff PK garbage")
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, '{"format": "fko-statistik", "goals": [')
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, "[1, 2, 3]")
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, "[" * 100_000)


def test_a_foreign_file_is_refused(tmp_path):
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, {"resourceType": "Bundle", "entry": []})
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, {**document("X", key(1), []), "format": "andet"})


def test_a_newer_version_is_refused_with_what_to_do(tmp_path):
    message = _refusal(tmp_path, {**document("X", key(1), []), "version": 2})
    assert "nyere udgave af FKO Desktop" in message and "Opdatér" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"version": "1"}, "versionen"),
        ({"unit": {"name": "X"}}, "mangler »key«"),
        ({"unit": {"name": "X", "key": "Solbakken"}}, "nøgle"),
        ({"made_on": "5.1.2026"}, "dato"),
        ({"goals": {}}, "liste"),
        ({"navne": ["Mads"]}, "felt, formatet ikke kender"),
        ({"period": {"from": "2025-01-01"}}, "mangler »to«"),
    ],
)
def test_a_damaged_head_is_refused(tmp_path, change, expected):
    assert expected in _refusal(tmp_path, {**document("X", key(1), [goal(1, [])]), **change})


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"baseline": 5}, "score"),
        ({"target": True}, "score"),
        ({"target": 1.0}, "score"),
        ({"statuses": [{"on": "2025-01-01", "score": -1}]}, "score"),
        ({"statuses": [{"on": "2025-13-01", "score": 1}]}, "dato"),
        ({"statuses": [{"on": "9999-01-01", "score": 1}]}, "dato"),
        ({"statuses": [{"on": "2025-02-01", "score": 1}, {"on": "2025-01-01", "score": 1}]}, "datoorden"),
        ({"statuses": [{"on": "2025-01-01", "score": 1, "summary": "Mads er glad"}]}, "felt"),
        ({"citizen": "0102154321"}, "nøgle"),
        ({"kind": "note"}, "ukendt værdi"),
        ({"area": "elderly"}, "ukendt værdi"),
        ({"outcome": "fine"}, "ukendt værdi"),
        ({"department": "x" * 301}, "for lang"),
        ({"department": "Afd.\x1b[2J"}, "ugyldige tegn"),
        ({"domain": ""}, "tekst"),
        ({"text": "Mads går i skole."}, "felt, formatet ikke kender"),
        ({"name": "Mads Testesen"}, "felt, formatet ikke kender"),
    ],
)
def test_a_damaged_goal_is_refused_naming_it(tmp_path, change, expected):
    message = _refusal(tmp_path, document("X", key(1), [goal(1, []), {**goal(2, []), **change}]))
    assert expected in message and "mål nr. 2" in message


def test_a_goal_without_a_field_is_refused(tmp_path):
    broken = goal(1, [])
    del broken["statuses"]
    assert "mangler »statuses«" in _refusal(tmp_path, document("X", key(1), [broken]))


def test_a_key_given_twice_is_refused(tmp_path):
    text = json.dumps(document("X", key(1), [])).replace('"version": 1', '"version": 1, "version": 1')
    assert "ikke en FKO-statistikfil" in _refusal(tmp_path, text)


def test_too_large_and_missing_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 100)
    assert "for stor" in _refusal(tmp_path, document("X", key(1), [goal(1, [])]))
    monkeypatch.setattr(read, "MAX_GOALS", 1)
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 10_000)
    assert "flere end 1 mål" in _refusal(tmp_path, document("X", key(1), [goal(1, []), goal(2, [])]))
    with pytest.raises(StatisticsFileError, match="findes ikke"):
        read_statistics(tmp_path / "væk.json")
    with pytest.raises(StatisticsFileError, match="mappe"):
        read_statistics(tmp_path)


def test_parse_gives_every_goal_or_none():
    good = json.dumps(document("X", key(1), [goal(1, [("2025-01-01", 1)])])).encode()
    assert len(parse_statistics(good, "x.json").facts) == 1
    with pytest.raises(StatisticsFileError):
        parse_statistics(
            json.dumps(document("X", key(1), [goal(1, []), {"citizen": key(2)}])).encode(), "x.json"
        )


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_GOAL_FIELDS = sorted(goal(1, []))
_HEAD_FIELDS = ["format", "version", "unit", "made_on", "goals", "period"]


@settings(max_examples=300, deadline=None)
@given(
    where=st.sampled_from(["goal", "status", "head"]),
    field=st.sampled_from(_GOAL_FIELDS + _HEAD_FIELDS + ["on", "score", "ekstra"]),
    value=_JSON,
)
def test_any_value_anywhere_is_read_or_refused_in_danish(where, field, value):
    data = document("X", key(1), [goal(1, [("2025-01-01", 1)])])
    if where == "goal":
        data["goals"][0][field] = value
    elif where == "status":
        data["goals"][0]["statuses"][0][field] = value
    else:
        data[field] = value
    try:
        stats = parse_statistics(json.dumps(data).encode(), "x.json")
    except StatisticsFileError as refused:
        assert "x.json" in refused.message
    else:
        assert all(isinstance(fact, GoalFact) for fact in stats.facts)
