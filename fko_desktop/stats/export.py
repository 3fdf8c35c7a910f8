"""``fko stats export``: a unit's goals as a statistics file without names, CPR numbers or text.

The file is built from a whitelist: for every goal (and every Århus factor) only the fields
listed in ``_goal_entry`` leave the unit, so a field added to ``GoalFact`` later (a name for
the drill-down, a note) cannot slip into the file by accident. The citizen is a pseudonymous
key (``keys``); the staff member responsible, the goal's text, the unit file's record ids
stay behind. docs/statistics.md says what the file holds and what it can still reveal.

With a period, the file holds the goals the unit's own overview counts for that period (those
with a målstatus in it, and those that owed one in it: ``overview.figures.counts``), and of
their målstatus only those inside it: a file "for 2025" shows 2025, nothing later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from fko_desktop.errors import PermissionDenied
from fko_desktop.models import Citizen
from fko_desktop.models import Unit as UnitRecord
from fko_desktop.models.authorization import actor_may
from fko_desktop.models.history import Actor, record_event
from fko_desktop.models.permissions import Permission
from fko_desktop.overview.model import FactKind, GoalFact, OverviewFilter, StatusPoint
from fko_desktop.stats import keys
from fko_desktop.stats.format import FORMAT, VERSION, score_to_file
from fko_desktop.storage import files

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from fko_desktop.storage.unitfile import UnitFile

REFUSED = "Kun en leder eller en administrator kan eksportere enhedens statistik."


@dataclass(frozen=True)
class StatisticsExport:
    """What ``export_statistics`` wrote."""

    path: Path
    goals: int  # every entry: goals and Århus factors alike
    citizens: int
    unit_key: str
    #: Of ``goals``, the Århus factors between two assessments (not indsatsmål).
    aarhus_factors: int = 0


def _in_period(point: StatusPoint, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    return (date_from is None or point.on >= date_from) and (date_to is None or point.on <= date_to)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _goal_entry(fact: GoalFact, citizen: str) -> dict[str, Any]:
    from fko_desktop.overview.figures import outcome_of

    outcome = outcome_of(fact, OverviewFilter(suppress_small_groups=False))
    return {
        "citizen": citizen,
        "kind": fact.kind.value,
        "catalog": fact.catalog,
        "domain": fact.domain_code,
        "domain_group": fact.domain_group,
        "goal_type": fact.goal_type,
        "baseline": score_to_file(fact.baseline),
        "target": score_to_file(fact.target),
        "statuses": [
            {"on": point.on.isoformat(), "score": score_to_file(point.score)} for point in fact.statuses
        ],
        "outcome": outcome.value if outcome is not None else None,
        "department": fact.department,
        "area": fact.area,
        "start": _date(fact.start_date),
        "end": _date(fact.end_date),
    }


def statistics_document(
    facts: Iterable[GoalFact],
    *,
    unit_name: str,
    unit_uid: str,
    key_of: Callable[[GoalFact], str],
    made_on: dt.date,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> dict[str, Any]:
    """The statistics file as a JSON object. ``key_of`` gives a fact's pseudonymous citizen
    key; ``facts`` are already the goals the period counts (``export_statistics`` selects)."""
    goals = []
    for fact in facts:
        if date_from is not None or date_to is not None:
            kept = tuple(point for point in fact.statuses if _in_period(point, date_from, date_to))
            fact = dataclasses.replace(fact, statuses=kept)
        goals.append(_goal_entry(fact, key_of(fact)))
    # Sorted by what the file shows, so the order does not give away the unit file's record
    # order (which citizen came first, which goal was written when).
    goals.sort(
        key=lambda g: (g["citizen"], g["kind"], g["catalog"], g["domain"], g["start"] or "", g["end"] or "")
    )
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "unit": {"name": unit_name, "key": keys.unit_key(unit_uid)},
        "made_on": made_on.isoformat(),
    }
    if date_from is not None or date_to is not None:
        document["period"] = {"from": _date(date_from), "to": _date(date_to)}
    document["goals"] = goals
    return document


def document_bytes(document: dict[str, Any]) -> bytes:
    """The file's bytes: UTF-8 JSON with one goal a line, so a person can read it (and see
    for themselves that it holds no names) and a diff of two exports shows goals, not brackets."""
    head = {key: value for key, value in document.items() if key != "goals"}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    lines = ",\n".join("  " + json.dumps(goal, ensure_ascii=False) for goal in document["goals"])
    goals = f"[\n{lines}\n ]" if lines else "[]"
    return f'{text[:-2]},\n "goals": {goals}\n}}\n'.encode()


def _citizen_keys(session: Session, salt: str) -> dict[int, str]:
    """Citizen id → pseudonymous key. A citizen without an exchange uid (a row a bulk writer
    made) is keyed by its id under the same secret: stable in this unit, as unlinkable."""
    rows = session.execute(select(Citizen.id, Citizen.uid)).all()
    return {cid: keys.citizen_key(salt, uid if uid else f"citizen-id:{cid}") for cid, uid in rows}


def _fact_citizen_id(fact: GoalFact) -> int:
    return fact.citizen_id if fact.citizen_id is not None else int(fact.citizen_key)


def export_statistics(
    file: UnitFile,
    actor: Actor | None,
    out: Path | str,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    replace: bool = False,
    today: dt.date | None = None,
) -> StatisticsExport:
    """Write the unit's statistics file to ``out`` (private; never over an existing file
    unless ``replace``). A leder's or an administrator's export, audited in the unit."""
    from fko_desktop.overview.facts import load_facts
    from fko_desktop.overview.figures import counts

    target = Path(out)
    with file.read() as session:
        if not actor_may(session, actor, Permission.OVERVIEW):
            raise PermissionDenied(REFUSED)
        # Refused before any work is done for it, as every export is.
        files.check_target(target, replace=replace)
        record = session.scalars(select(UnitRecord).limit(1)).one()
        unit_name, unit_uid, salt = record.name, record.uid, record.stats_salt
        facts = load_facts(session, unit_name=unit_name)
        citizen_keys = _citizen_keys(session, salt)
    made_on = today or dt.date.today()
    if date_from is not None or date_to is not None:
        period = OverviewFilter(date_from=date_from, date_to=date_to, suppress_small_groups=False)
        facts = [fact for fact in facts if counts(fact, period, made_on)]
    document = statistics_document(
        facts,
        unit_name=unit_name,
        unit_uid=unit_uid,
        key_of=lambda fact: citizen_keys[_fact_citizen_id(fact)],
        made_on=made_on,
        date_from=date_from,
        date_to=date_to,
    )
    files.write_file(target, document_bytes(document), replace=replace)
    goals = document["goals"]
    citizens = len({goal["citizen"] for goal in goals})
    if not file.readonly and actor is not None:
        with file.write(actor) as session:
            record_event(
                session,
                "stats-export",
                details={"goals": len(goals), "citizens": citizens, "file": target.name},
            )
    factors = sum(1 for goal in goals if goal["kind"] == FactKind.AARHUS_FACTOR.value)
    return StatisticsExport(target, len(goals), citizens, document["unit"]["key"], factors)
