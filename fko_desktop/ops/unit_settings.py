"""The unit's own settings: its departments, the areas (children, adults) it serves, how long
its automatic backups are kept and how long a citizen's records are kept after the stay."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, StaffMember, Unit
from fko_desktop.models.authorization import require
from fko_desktop.models.enums import Area
from fko_desktop.models.permissions import Permission
from fko_desktop.ops.base import Changed, clean_text
from fko_desktop.storage.unitfile import UnitFile


def _departments(names: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for name in names:
        department = clean_text(name)
        if department is None:
            continue
        if len(department) > 80:
            raise ValidationError("En afdelings navn kan højst være 80 tegn.", field="departments")
        if department in cleaned:
            raise ValidationError(f"Afdelingen »{department}« står der to gange.", field="departments")
        cleaned.append(department)
    return cleaned


def _areas(values: Sequence[str]) -> list[str]:
    areas: list[str] = []
    for value in values:
        try:
            area = Area(str(value))
        except ValueError:
            raise ValidationError(
                f"»{value}« er ikke et område (vælg children eller adults).", field="areas"
            ) from None
        if area.value not in areas:
            areas.append(area.value)
    if not areas:
        raise ValidationError("Vælg mindst ét område: børn og unge eller voksne.", field="areas")
    return areas


#: The bounds the database's CHECK constraints hold too (migration 0009).
BACKUP_KEEP_DAYS_RANGE = (1, 3650)
RETENTION_YEARS_RANGE = (1, 100)


def _whole_number(value: int, bounds: tuple[int, int], field: str, what: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{what} skal være et helt tal fra {low} til {high}.", field=field)
    return value


def set_unit_settings(
    unit: UnitFile,
    actor: Actor,
    *,
    departments: Sequence[str] | None = None,
    areas: Sequence[str] | None = None,
    backup_keep_days: int | None = None,
    retention_years: int | None = None,
    suppress_small_groups: bool | None = None,
) -> Changed[Unit]:
    """Change the settings given, in one transaction. A department still named by a staff
    member stays: removing it would leave them in a department the unit lacks."""
    # Checked before the transaction: a bad number changes nothing, not even the departments.
    if backup_keep_days is not None:
        _whole_number(backup_keep_days, BACKUP_KEEP_DAYS_RANGE, "backup_keep_days", "Antal dage")
    if retention_years is not None:
        _whole_number(retention_years, RETENTION_YEARS_RANGE, "retention_years", "Antal år")

    with unit.write(actor) as session:
        require(session, Permission.SETTINGS)
        row = session.scalars(select(Unit)).one()
        if departments is not None:
            chosen = _departments(departments)
            in_use = set(session.scalars(select(StaffMember.department).where(StaffMember.active.is_(True))))
            missing = sorted(d for d in in_use if d and d not in chosen)
            if missing:
                raise ValidationError(
                    f"Afdelingen »{missing[0]}« har stadig medarbejdere; flyt dem først.", field="departments"
                )
            row.departments = chosen
        if areas is not None:
            row.areas = _areas(areas)
        if backup_keep_days is not None:
            row.backup_keep_days = backup_keep_days
        if retention_years is not None:
            row.retention_years = retention_years
        if suppress_small_groups is not None:
            row.suppress_small_groups = bool(suppress_small_groups)
        session.flush()
    return Changed.after(session, row)
