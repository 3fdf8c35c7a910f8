"""What leaves the screen from the overview is in the audit trail: one event per report saved
or printed and per file exported, with who did it, the filter and the groupings, and whether
small groups were "< 5" — never a citizen's name or CPR number. ``fko overview``'s files are
audited the same way (the window's side is in tests/ui/test_overview.py).

The unit is the small one of tests/overview/conftest.py, copied so the tests may write.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from fko_desktop.cli import main
from fko_desktop.errors import PermissionDenied, ValidationError
from fko_desktop.models.audit_vocabulary import AuditKind
from fko_desktop.models.history import AuditEvent
from fko_desktop.ops.audit import AuditFilter
from fko_desktop.overview.model import Dimension, GoalState, OverviewFilter
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit
from fko_desktop.unit.audit import csv_bytes
from tests.logins import ensure_login

from .conftest import CITIZENS, TODAY, Built

EXPORTS = AuditFilter(kinds=frozenset({AuditKind.EXPORT}))


@pytest.fixture
def copy(built: Built, tmp_path: Path) -> Path:
    target = tmp_path / "kopi.fko"
    shutil.copy(built.path, target)
    return target


def _as(path: Path, built: Built, who: str) -> Unit:
    unit = Unit.open(path)
    unit.act_as(unit.staff.get(built.staff_ids[who]))
    return unit


def _events(path: Path) -> list[AuditEvent]:
    with UnitFile.open(path) as file, file.read() as session:
        return [
            e
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if e.action == "overview-export"
        ]


def _no_personal_data(events: list[AuditEvent]) -> None:
    text = json.dumps([event.details for event in events], ensure_ascii=False)
    for name, cpr, _area, _department in CITIZENS.values():
        assert name not in text and name.split()[0] not in text
        assert cpr not in text and cpr.replace("-", "") not in text


def test_a_saved_report_is_one_event_with_who_and_the_filter(copy: Path, built: Built) -> None:
    unit = _as(copy, built, "lis")
    try:
        filt = OverviewFilter(
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2026, 6, 30),
            departments=frozenset({"Syd"}),
            areas=frozenset({"adults"}),
            goal_state=GoalState.ACTIVE,
        )
        assert unit.overview.record_output(
            "pdf", filt, groupings=(Dimension.DOMAIN, Dimension.DEPARTMENT), file=copy.parent / "rapport.pdf"
        )
        (row,) = unit.audit.events(EXPORTS).rows
    finally:
        unit.close()
    assert (row.actor_id, row.actor_name, row.kind_label) == (
        built.staff_ids["lis"],
        "Lis Leder (LL)",
        "Udlevering",
    )
    assert row.citizen_id is None and row.record_type is None
    assert row.description == (
        "Gemte ledelsesrapporten som PDF (pr. område, afdeling; 01.01.2026–30.06.2026; Syd; voksne; "
        "kun aktive mål; små grupper som »< 5«) – rapport.pdf"
    )
    (event,) = _events(copy)
    assert event.details["file"] == "rapport.pdf"  # the name only, not the folder
    _no_personal_data([event])


def test_each_kind_reads_in_danish_and_an_unknown_kind_is_refused(copy: Path, built: Built) -> None:
    unit = _as(copy, built, "ada")
    try:
        every = OverviewFilter(suppress_small_groups=False)
        for kind in ("print", "csv", "xlsx"):
            assert unit.overview.record_output(kind, every)
        with pytest.raises(ValidationError, match="Ukendt slags"):
            unit.overview.record_output("docx", every)
        descriptions = [row.description for row in unit.audit.events(EXPORTS).rows]
    finally:
        unit.close()
    assert descriptions == [  # newest first
        "Eksporterede ledelsesinformationens tal som Excel (hele perioden; alle grupper med tal, også små)",
        "Eksporterede ledelsesinformationens tal som CSV (hele perioden; alle grupper med tal, også små)",
        "Udskrev ledelsesrapporten (hele perioden; alle grupper med tal, også små)",
    ]


def test_a_medarbejder_s_output_is_recorded_as_their_department(copy: Path, built: Built) -> None:
    unit = _as(copy, built, "mia")  # medarbejder in Nord: the overview she gets is Nord's
    try:
        assert unit.overview.record_output("csv", OverviewFilter(), groupings=(Dimension.DOMAIN,))
    finally:
        unit.close()
    (event,) = _events(copy)
    assert event.actor_id == built.staff_ids["mia"] and event.details["departments"] == ["Nord"]
    leder = _as(copy, built, "lis")
    try:
        (row,) = leder.audit.events(EXPORTS).rows
    finally:
        leder.close()
    assert row.description == (
        "Eksporterede ledelsesinformationens tal som CSV "
        "(pr. område; hele perioden; Nord; små grupper som »< 5«)"
    )


def test_nobody_logged_in_or_a_read_only_file_records_nothing(copy: Path, built: Built) -> None:
    unit = Unit.open(copy)
    try:
        with pytest.raises(PermissionDenied):
            unit.overview.record_output("pdf", OverviewFilter())
    finally:
        unit.close()
    readonly = Unit.open(copy, readonly=True)
    readonly.act_as(readonly.staff.get(built.staff_ids["lis"]))
    try:
        assert readonly.overview.record_output("pdf", OverviewFilter()) is False
    finally:
        readonly.close()
    assert _events(copy) == []


def test_the_trail_s_csv_shows_the_output_in_danish(copy: Path, built: Built, tmp_path: Path) -> None:
    unit = _as(copy, built, "lis")
    try:
        unit.overview.record_output("print", OverviewFilter(), groupings=(Dimension.YEAR,))
        unit.audit.export_csv(tmp_path / "spor.csv", EXPORTS)
        text = csv_bytes(unit.audit.events(EXPORTS).rows).decode("utf-8-sig")
    finally:
        unit.close()
    saved = (tmp_path / "spor.csv").read_text(encoding="utf-8-sig")
    for shown in (text, saved):
        assert "Udlevering" in shown and "Lis Leder (LL)" in shown
        assert "Udskrev ledelsesrapporten (pr. år; hele perioden; små grupper som »< 5«)" in shown


def test_fko_overview_audits_every_file_it_writes(copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    login = ensure_login(copy, "LL")
    today = ("--today", TODAY.isoformat())
    for option, name in (("--csv", "tal.csv"), ("--xlsx", "tal.xlsx"), ("--pdf", "rapport.pdf")):
        assert main(["overview", str(copy), *login, *today, option, str(tmp_path / name)]) == 0
    assert (
        main(
            ["overview", str(copy), *login, *today, "--by", "department", "--csv", str(tmp_path / "afd.csv")]
        )
        == 0
    )
    # The terminal and --json are not files the program wrote; a refused file is not written.
    assert main(["overview", str(copy), *login, *today, "--json"]) == 0
    assert main(["overview", str(copy), *login, *today, "--csv", str(tmp_path / "tal.csv")]) != 0
    capsys.readouterr()
    events = _events(copy)
    assert [(e.details["kind"], e.details["file"]) for e in events] == [
        ("csv", "tal.csv"),
        ("xlsx", "tal.xlsx"),
        ("pdf", "rapport.pdf"),
        ("csv", "afd.csv"),
    ]
    assert {e.actor_name for e in events} == {"Lis Leder (LL)"}
    assert events[0].details["groupings"][0] == "domain" and events[-1].details["groupings"] == ["department"]
    _no_personal_data(events)
