"""The unit's own settings: its departments and the areas (children, adults) it serves."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, StaffMember, Unit
from fko_desktop.models.enums import Area
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


def set_unit_settings(
    unit: UnitFile,
    actor: Actor,
    *,
    departments: Sequence[str] | None = None,
    areas: Sequence[str] | None = None,
) -> Changed[Unit]:
    """Change the departments and/or areas (the ones given). A department still named by a
    staff member stays: removing it would leave them in a department the unit lacks."""

    with unit.write(actor) as session:
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
        session.flush()
    return Changed.after(session, row)
