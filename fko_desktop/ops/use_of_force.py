"""Magtanvendelse: register incidents of use of force and permissions for it, and their rules.

Use of force is documented because the law demands it: each incident is reported to the
authority, and a permission runs for a period and is reviewed. Both are legal records, so
they are versioned on every edit and withdrawn with a reason, never deleted. The rules here
are the ones a registration must meet before it is stored; the deadlines they create (an
incident not yet reported, a permission's review) are computed in ``ops.deadlines``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, Citizen, UseOfForce
from fko_desktop.models.catalogs import CodeSet, load_catalog
from fko_desktop.models.enums import Area, UseOfForceKind
from fko_desktop.models.limits import check_date
from fko_desktop.models.use_of_force import INCIDENT_FIELDS, PERMISSION_FIELDS
from fko_desktop.models.validation import MIN_OBSERVATION_CHARS, require_text
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse, withdraw
from fko_desktop.storage.unitfile import UnitFile

CATALOG = "magtanvendelse"

ALL_FIELDS = INCIDENT_FIELDS | PERMISSION_FIELDS
MAX_DURATION_MINUTES = 24 * 60


def measures(area: Area | str) -> CodeSet:
    """The measures a citizen of ``area`` can be subject to (children's and adults' rules differ)."""
    return load_catalog(CATALOG).set(f"measures_{Area(area).value}")


def parse_kind(kind: UseOfForceKind | str) -> UseOfForceKind:
    try:
        return UseOfForceKind(kind)
    except ValueError:
        raise ValidationError(
            "Vælg, om det er en indberetning af magtanvendelse eller en tilladelse.", field="kind"
        ) from None


def _clean(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - ALL_FIELDS
    if unknown:
        raise ValueError(f"unknown use-of-force fields: {sorted(unknown)}")
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}


def _refuse(message: str, field: str) -> ValidationError:
    return ValidationError(message, field=field)


def _check_incident(record: UseOfForce, citizen: Citizen, now: dt.datetime, *, new: bool) -> None:
    today = now.date()
    if record.occurred_on is None:
        raise _refuse("Udfyld datoen for magtanvendelsen.", "occurred_on")
    check_date(record.occurred_on, "occurred_on", label="Datoen for magtanvendelsen")
    if record.occurred_on > today or (
        record.occurred_on == today
        and record.occurred_time is not None
        and record.occurred_time > now.time().replace(second=59, microsecond=0)
    ):
        raise _refuse("En magtanvendelse kan ikke registreres på et tidspunkt, der ikke er kommet endnu.",
                      "occurred_on")  # fmt: skip
    if citizen.intake_date is not None and record.occurred_on < citizen.intake_date:
        raise _refuse("Datoen ligger før borgerens indflytning; ret datoen.", "occurred_on")
    if citizen.end_date is not None and record.occurred_on >= citizen.end_date:
        raise _refuse("Datoen ligger efter borgerens fraflytning; ret datoen.", "occurred_on")
    duration = record.duration_minutes
    if duration is not None and (
        isinstance(duration, bool)
        or not isinstance(duration, int)
        or not 0 <= duration <= MAX_DURATION_MINUTES
    ):
        raise _refuse(
            f"Varigheden skal være et helt antal minutter fra 0 til {MAX_DURATION_MINUTES}.",
            "duration_minutes",
        )
    if record.reported_on is not None:
        check_date(record.reported_on, "reported_on", label="Indberetningsdatoen")
        if record.reported_on < record.occurred_on:
            raise _refuse("Magtanvendelsen kan ikke være indberettet før den skete.", "reported_on")
        if record.reported_on > today:
            raise _refuse("Indberetningsdatoen kan ikke ligge efter i dag.", "reported_on")
        if not record.reported_to:
            raise _refuse("Skriv, hvem magtanvendelsen er indberettet til (fx kommunen).", "reported_to")
    elif record.reported_to and new:
        # Before migration 0007 only the authority was kept; a new registration has the date too.
        raise _refuse("Udfyld, hvornår magtanvendelsen blev indberettet.", "reported_on")
    for key in ("period_start", "period_end", "review_date"):
        setattr(record, key, None)


def _check_permission(record: UseOfForce) -> None:
    if record.period_start is None:
        raise _refuse("Udfyld, hvornår tilladelsen gælder fra.", "period_start")
    check_date(record.period_start, "period_start", label="Periodens start")
    if record.period_end is not None:
        check_date(record.period_end, "period_end", label="Periodens slutning")
        if record.period_end < record.period_start:
            raise _refuse("Tilladelsen kan ikke slutte, før den begynder.", "period_end")
    if record.review_date is None:
        raise _refuse("Udfyld, hvornår tilladelsen skal revurderes.", "review_date")
    check_date(record.review_date, "review_date", label="Revurderingsdatoen")
    if record.review_date < record.period_start:
        raise _refuse("Revurderingen kan ikke ligge før tilladelsens start.", "review_date")
    for key in INCIDENT_FIELDS - PERMISSION_FIELDS:
        setattr(record, key, None)


def _check(record: UseOfForce, citizen: Citizen, now: dt.datetime, *, new: bool) -> None:
    """Refuse a registration that does not meet the rules; clear the other kind's fields."""
    if record.measure_code is None:
        raise _refuse("Vælg indgrebet.", "measure_code")
    if record.measure_code not in measures(citizen.area):
        raise _refuse(f"»{record.measure_code}« er ikke et indgreb på listen.", "measure_code")
    label = "Hvad skete der" if record.kind is UseOfForceKind.REPORT else "Hvad tilladelsen omfatter"
    record.description = require_text(record.description, "description", label)
    if len(record.description) < MIN_OBSERVATION_CHARS:
        raise _refuse(
            f"Skriv lidt mere under »{label}« (mindst {MIN_OBSERVATION_CHARS} tegn).", "description"
        )
    if record.kind is UseOfForceKind.REPORT:
        _check_incident(record, citizen, now, new=new)
    else:
        _check_permission(record)


def record_use_of_force(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    kind: UseOfForceKind | str,
    now: dt.datetime | None = None,
    **fields: object,
) -> Changed[UseOfForce]:
    """Register an incident (``kind`` indberetning) or a permission (tilladelse)."""
    chosen = parse_kind(kind)
    clean = _clean(fields)
    now = now or dt.datetime.now()
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        record = UseOfForce(
            citizen_id=citizen.id, kind=chosen, description=clean.pop("description", None) or ""
        )
        for key, value in clean.items():
            setattr(record, key, value)
        _check(record, citizen, now, new=True)
        session.add(record)
    return Changed.after(session, record)


def update_use_of_force(
    unit: UnitFile, actor: Actor, record_id: int, *, now: dt.datetime | None = None, **fields: object
) -> Changed[UseOfForce]:
    """Correct a registration: the version before the edit is kept, with who and when."""
    clean = _clean(fields)
    now = now or dt.datetime.now()
    with unit.write(actor) as session:
        record = get_or_refuse(session, UseOfForce, record_id)
        if record.withdrawn_at is not None:
            raise ValidationError("Registreringen er trukket tilbage og kan ikke ændres.")
        for key, value in clean.items():
            setattr(record, key, "" if key == "description" and value is None else value)
        _check(record, get_or_refuse(session, Citizen, record.citizen_id), now, new=False)
    return Changed.after(session, record)


def withdraw_use_of_force(
    unit: UnitFile, actor: Actor, record_id: int, *, reason: str
) -> Changed[UseOfForce]:
    return withdraw(unit, actor, UseOfForce, record_id, reason)


def uses_of_force_for_citizen(
    unit: UnitFile, citizen_id: int, *, include_withdrawn: bool = False
) -> list[UseOfForce]:
    """The citizen's incidents, newest first, then the permissions, latest period first."""
    with unit.read() as session:
        get_or_refuse(session, Citizen, citizen_id)
        live = [] if include_withdrawn else [UseOfForce.withdrawn_at.is_(None)]
        found = list(session.scalars(select(UseOfForce).where(UseOfForce.citizen_id == citizen_id, *live)))
    incidents = sorted(
        (r for r in found if r.kind is UseOfForceKind.REPORT),
        key=lambda r: (r.occurred_on or dt.date.min, r.occurred_time or dt.time.min, r.id),
        reverse=True,
    )
    permissions = sorted(
        (r for r in found if r.kind is UseOfForceKind.PERMISSION),
        key=lambda r: (r.period_start or dt.date.min, r.id),
        reverse=True,
    )
    return incidents + permissions
