"""A child's Århus schema assessments belong to the child's data: the subject access export
(Indsigt) holds them with their earlier versions and the withdrawn one, and erasure after the
retention period removes them, versions included, with `fko check` still passing."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from fko_desktop.cli import main
from fko_desktop.ops import aarhus_assessment as aa
from fko_desktop.ops import citizens
from fko_desktop.ops.aarhus_assessment import FactorInput
from fko_desktop.unit import Unit
from tests.aarhus import FACTORS
from tests.world import World

# Unique words, so a trace of them anywhere in the file is found by a plain byte search.
SCHOOL_NOTE = "Mads-Århus skolen ringede om fravær XYZZY"
SCHOOL_NOTE_OLD = "Mads-Århus første udgave QWERTY"
CHILD_NOTE = "Barnets ord PLUGH om skolen"
PARENT_NOTE = "Mors ord FROBOZZ om skolen"
WITHDRAWN_NOTE = "Fejlregistrering GRUE på den forkerte dag"
PARTICIPANTS = "Sagsbehandler Karin Kvist, mor"


def _factors(school: FactorInput) -> list[FactorInput]:
    return [school if code == "skoleforhold" else FactorInput(code, 2, 1) for code in FACTORS]


@pytest.fixture
def assessed(world: World) -> World:
    """Mads with a corrected assessment (with both own scores) and a withdrawn one."""
    first = aa.record_aarhus_assessment(
        world.unit, world.actor, world.citizen.id, assessed_on=dt.date(2025, 1, 20),
        factors=_factors(FactorInput("skoleforhold", 3, 2, note=SCHOOL_NOTE_OLD)),
        participants=PARTICIPANTS,
    ).value  # fmt: skip
    aa.correct_aarhus_assessment(
        world.unit, world.actor, first.id, assessed_on=dt.date(2025, 1, 20),
        factors=_factors(
            FactorInput("skoleforhold", 3, 2, note=SCHOOL_NOTE, child_score=1, child_note=CHILD_NOTE,
                        parent_score=2, parent_note=PARENT_NOTE)
        ),
        participants=PARTICIPANTS,
    )  # fmt: skip
    wrong = aa.record_aarhus_assessment(
        world.unit, world.actor, world.citizen.id, assessed_on=dt.date(2025, 3, 1),
        factors=_factors(FactorInput("skoleforhold", 4, 3, note=WITHDRAWN_NOTE)),
    ).value  # fmt: skip
    aa.withdraw_aarhus_assessment(world.unit, world.actor, wrong.id, reason="Forkert dato")
    return world


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())


def test_subject_access_export_holds_the_assessments_their_versions_and_the_withdrawn_one(
    assessed: World, tmp_path: Path
) -> None:
    world = assessed
    made = Unit(world.unit, world.actor).privacy.export_subject_access(world.citizen.id, tmp_path / "indsigt")
    text = _pdf_text(made.pdf.read_bytes())
    for expected in (
        "Århus-vurderinger (2)",  # the section is headed in Danish, not by its table name
        "Faktorer i Århus-vurderinger",
        PARTICIPANTS,
        SCHOOL_NOTE,
        SCHOOL_NOTE_OLD,  # the earlier version of the corrected factor
        CHILD_NOTE,
        PARENT_NOTE,
        WITHDRAWN_NOTE,  # withdrawn, yet still the citizen's data
        "Forkert dato",
        "Skoleforhold",  # the factor by its name, not its code
    ):
        assert expected in text, expected
    assert "aarhus_assessment" not in text and "skoleforhold" not in text
    assert "århus-vurderinger: 2" in text  # in the summary line too
    data = json.loads(made.json.read_text(encoding="utf-8"))
    assert len(data["records"]["aarhus_assessment"]) == 2
    school = [r for r in data["records"]["aarhus_factor_score"] if r["factor_code"] == "skoleforhold"]
    assert {r["note"] for r in school} == {SCHOOL_NOTE, WITHDRAWN_NOTE}
    assert any(v["data"].get("note") == SCHOOL_NOTE_OLD for v in data["record_versions"])


def test_erasure_removes_the_assessments_and_their_versions_and_the_file_still_checks(
    assessed: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world = assessed
    citizens.update_citizen(
        world.unit, world.actor, world.citizen.id, end_date=dt.date.today() - dt.timedelta(days=1)
    )
    far = dt.date.today() + dt.timedelta(days=366 * 6)
    result = Unit(world.unit, world.actor).privacy.erase(world.citizen.id, today=far)
    assert result.counts["aarhus_assessment"] == 2
    assert result.counts["aarhus_factor_score"] == 2 * len(FACTORS)
    path = world.unit.path
    world.unit.close()
    with sqlite3.connect(path) as db:
        for table in ("aarhus_assessment", "aarhus_factor_score"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table  # noqa: S608
        versions = [
            json.loads(data)
            for (data,) in db.execute("SELECT data FROM record_version WHERE record_type LIKE 'aarhus%'")
        ]
        # The earlier versions keep their place in the chain, their content emptied.
        assert versions and all(set(v) == {"erased"} for v in versions)
    data = b"".join(
        p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name) and p.is_file()
    )
    for trace in (SCHOOL_NOTE, SCHOOL_NOTE_OLD, CHILD_NOTE, PARENT_NOTE, WITHDRAWN_NOTE, PARTICIPANTS):
        assert trace.encode() not in data, trace
    Unit.check_file(path)  # raises on a broken link
    capsys.readouterr()
    assert main(["check", str(path)]) == 0, capsys.readouterr().err
