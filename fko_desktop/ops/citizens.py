"""Citizens: create, edit, end, list and find (by id or CPR number)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import FkoError, InvalidCpr, NotFound, ValidationError
from fko_desktop.models import Actor, Citizen, CitizenContact
from fko_desktop.models.cpr import parse_cpr
from fko_desktop.models.enums import Area, ContactKind
from fko_desktop.models.validation import require_text
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse
from fko_desktop.storage.unitfile import UnitFile

# Fields a user may edit directly on a citizen, with their Danish labels for messages.
EDITABLE_FIELDS = {
    "name": "Navn",
    "cpr": "CPR-nummer",
    "area": "Område",
    "department": "Afdeling",
    "intake_date": "Indflytningsdato",
    "end_date": "Fraflytningsdato",
    "caseworker_name": "Sagsbehandler",
    "caseworker_contact": "Sagsbehandlers kontakt",
    "acting_municipality": "Handlekommune",
    "paying_municipality": "Betalingskommune",
    "diagnoses": "Diagnoser",
    "wishes": "Borgerens ønsker",
    "target_groups": "Målgrupper",
}


@dataclasses.dataclass(frozen=True)
class ContactInput:
    kind: ContactKind | str
    name: str
    relation: str | None = None
    phone: str | None = None
    email: str | None = None
    staff_id: int | None = None


def _area(value: Area | str) -> Area:
    try:
        return Area(value)
    except ValueError:
        raise ValidationError(
            "Området skal være »children« (børn og unge) eller »adults« (voksne).", field="area"
        ) from None


def _check_fields(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unknown citizen fields: {sorted(unknown)}")
    clean: dict[str, object] = {}
    for key, value in fields.items():
        if key == "name":
            value = require_text(value, "name", "Navn")  # type: ignore[arg-type]
        elif key == "cpr":
            value = parse_cpr(value)  # type: ignore[arg-type]
        elif key == "area":
            value = _area(value)  # type: ignore[arg-type]
        elif key == "target_groups":
            value = list(value or [])  # type: ignore[call-overload]
        elif isinstance(value, str):
            value = clean_text(value)
        clean[key] = value
    intake, end = clean.get("intake_date"), clean.get("end_date")
    if isinstance(intake, dt.date) and isinstance(end, dt.date) and end < intake:
        raise ValidationError("Fraflytningsdatoen ligger før indflytningsdatoen.", field="end_date")
    return clean


def _refuse_duplicate_cpr(session: Session, cpr: str, citizen_id: int | None) -> None:
    query = select(Citizen).where(Citizen.cpr == cpr)
    existing = session.scalars(query).first()
    if existing is not None and existing.id != citizen_id:
        raise ValidationError(f"CPR-nummeret {cpr} er allerede registreret på {existing.name}.", field="cpr")


def create_citizen(
    unit: UnitFile,
    actor: Actor,
    *,
    name: str,
    cpr: str,
    area: Area | str,
    contacts: Iterable[ContactInput] = (),
    **fields: object,
) -> Changed[Citizen]:
    clean = _check_fields({"name": name, "cpr": cpr, "area": area, **fields})
    contact_rows = [_contact(c) for c in contacts]
    with unit.write(actor) as session:
        _refuse_duplicate_cpr(session, clean["cpr"], None)  # type: ignore[arg-type]
        citizen = Citizen(**clean)
        citizen.contacts = contact_rows
        session.add(citizen)
        session.flush()
    return Changed.after(session, citizen)


def _contact(contact: ContactInput) -> CitizenContact:
    try:
        kind = ContactKind(contact.kind)
    except ValueError:
        raise ValidationError(f"Ukendt kontakttype »{contact.kind}«.", field="contacts") from None
    return CitizenContact(
        kind=kind,
        name=require_text(contact.name, "contacts", "Kontaktens navn"),
        relation=clean_text(contact.relation),
        phone=clean_text(contact.phone),
        email=clean_text(contact.email),
        staff_id=contact.staff_id,
    )


def update_citizen(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    contacts: Iterable[ContactInput] | None = None,
    **fields: object,
) -> Changed[Citizen]:
    """Change the fields given and, with ``contacts``, replace the citizen's contacts — in one
    transaction, so the citizen form is saved whole or not at all."""
    clean = _check_fields(fields)
    contact_rows = None if contacts is None else [_contact(c) for c in contacts]
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        if contact_rows is not None:
            citizen.contacts = contact_rows
        if "cpr" in clean:
            _refuse_duplicate_cpr(session, clean["cpr"], citizen_id)  # type: ignore[arg-type]
        for key, value in clean.items():
            setattr(citizen, key, value)
        if citizen.end_date and citizen.intake_date and citizen.end_date < citizen.intake_date:
            raise ValidationError("Fraflytningsdatoen ligger før indflytningsdatoen.", field="end_date")
    return Changed.after(session, citizen)


def set_contacts(
    unit: UnitFile, actor: Actor, citizen_id: int, contacts: Iterable[ContactInput]
) -> Changed[Citizen]:
    rows = [_contact(c) for c in contacts]
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        citizen.contacts = rows
        session.flush()
        session.refresh(citizen, ["contacts"])
    return Changed.after(session, citizen)


def list_citizens(
    unit: UnitFile,
    *,
    text: str | None = None,
    area: Area | str | None = None,
    active: bool | None = None,
) -> list[Citizen]:
    """Citizens sorted by name; ``text`` matches name or CPR number (digits with or without dash)."""
    query = select(Citizen).options(selectinload(Citizen.contacts)).order_by(Citizen.id)
    if area:
        query = query.where(Citizen.area == _area(area))
    if active is True:
        query = query.where(Citizen.end_date.is_(None))
    elif active is False:
        query = query.where(Citizen.end_date.is_not(None))
    with unit.read() as session:
        found = list(session.scalars(query))
    if text and text.strip():
        # Matched in Python: SQLite's lower() knows only ASCII, and "Ærø" must find "ærø".
        needle = text.strip().casefold()
        digits = needle.replace("-", "")
        found = [
            c
            for c in found
            if needle in c.name.casefold() or (digits.isdigit() and c.cpr.replace("-", "").startswith(digits))
        ]
    return sorted(found, key=lambda c: (c.name.casefold(), c.id))


def find_citizen(unit: UnitFile, reference: str | int) -> Citizen:
    """The citizen a user means by an id ("12") or a CPR number ("010203-1234")."""
    reference = str(reference).strip()
    with unit.read() as session:
        # ASCII digits only: str.isdigit() is also true for "²" and "١٢", which int() refuses
        # or reads as another number than the user sees.
        if reference.isascii() and reference.isdigit() and len(reference) < 10:
            citizen = session.get(Citizen, int(reference))
        else:
            try:
                cpr = parse_cpr(reference)
            except InvalidCpr:
                raise FkoError(
                    f"»{reference}« er hverken et borger-id eller et gyldigt CPR-nummer."
                ) from None
            citizen = session.scalars(select(Citizen).where(Citizen.cpr == cpr)).first()
        if citizen is None:
            raise NotFound(f"Ingen borger med id eller CPR-nummer »{reference}«.")
        session.refresh(citizen, ["contacts"])  # loaded while the session is open
        return citizen


def get_citizen(unit: UnitFile, citizen_id: int) -> Citizen:
    with unit.read() as session:
        return get_or_refuse(session, Citizen, citizen_id, load=[Citizen.contacts])
