"""Citizens: create, edit, end, list and find (by id or CPR number)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import FkoError, InvalidCpr, NotFound, ValidationError
from fko_desktop.models import Actor, Citizen, CitizenContact, InterventionGoal, Order
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.citizen import OutcomeSchema, outcome_schema_for
from fko_desktop.models.cpr import parse_citizen_cpr, parse_cpr
from fko_desktop.models.enums import LIVE_ORDER_STATES, Area, ContactKind
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
    "outcome_schema": "Århus-skema",
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


def _check_fields(fields: dict[str, object], today: dt.date) -> dict[str, object]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unknown citizen fields: {sorted(unknown)}")
    clean: dict[str, object] = {}
    for key, value in fields.items():
        if key == "name":
            value = require_text(value, "name", "Navn")  # type: ignore[arg-type]
        elif key == "cpr":
            value = parse_citizen_cpr(value, today)  # type: ignore[arg-type]
        elif key == "outcome_schema":
            value = clean_text(value) if isinstance(value, str) else value
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
    today: dt.date | None = None,
    **fields: object,
) -> Changed[Citizen]:
    """A new citizen. A child gets the Århus schema asked for (``outcome_schema``), else the
    default; an adult asking for one is refused. ``today`` (default the real one) is the day a
    CPR number's birth date may not come after."""
    clean = _check_fields({"name": name, "cpr": cpr, "area": area, **fields}, today or dt.date.today())
    clean["outcome_schema"] = outcome_schema_for(clean["area"], clean.get("outcome_schema"))  # type: ignore[arg-type]
    contact_rows = [_contact(c) for c in contacts]
    with unit.write(actor) as session:
        _refuse_duplicate_cpr(session, clean["cpr"], None)  # type: ignore[arg-type]
        citizen = Citizen(**clean)
        citizen.contacts = contact_rows
        session.add(citizen)
        session.flush()
    return Changed.after(session, citizen)


def _refuse_schema_under_goals(session: Session, citizen: Citizen, schema: OutcomeSchema | None) -> None:
    """Refuse a schema (or none) that lacks the factor of one of the citizen's live Århus goals:
    the goal would keep a factor its citizen's schema does not have, and could not be saved again."""
    if schema == citizen.outcome_schema:
        return
    live = session.scalars(
        select(InterventionGoal)
        .join(Order, Order.id == InterventionGoal.order_id)
        .where(
            InterventionGoal.citizen_id == citizen.id,
            InterventionGoal.domain_catalog == "aarhus",
            InterventionGoal.end_date.is_(None),
            Order.state.in_(LIVE_ORDER_STATES),
        )
        .order_by(InterventionGoal.position)
    )
    for goal in live:
        text = goal.text if len(goal.text) <= 50 else goal.text[:49] + "…"
        if schema is None:
            raise ValidationError(
                f"Borgeren kan ikke flyttes til voksenområdet: indsatsmålet »{text}« er scoret i et "
                "Århus-skema, og dem har kun børn og unge. Afslut målet først.",
                field="area",
            )
        if load_catalog("aarhus").set(schema.value).get(goal.domain_code) is None:
            raise ValidationError(
                f"Århus-skemaet kan ikke skiftes til {schema.label}: indsatsmålet »{text}« bruger en "
                "faktor, som det skema ikke har. Afslut målet først.",
                field="outcome_schema",
            )


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
    today: dt.date | None = None,
    **fields: object,
) -> Changed[Citizen]:
    """Change the fields given and, with ``contacts``, replace the citizen's contacts — in one
    transaction, so the citizen form is saved whole or not at all.

    A child who becomes an adult loses the Århus schema; an adult who becomes a child gets the
    one asked for or the default. A schema is not changed under goals scored in it: a live Århus
    goal whose factor the new schema lacks refuses the change.
    """
    clean = _check_fields(fields, today or dt.date.today())
    contact_rows = None if contacts is None else [_contact(c) for c in contacts]
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        if "area" in clean or "outcome_schema" in clean:
            area = clean.get("area", citizen.area)
            chosen = clean.get("outcome_schema", citizen.outcome_schema)
            if area == Area.ADULTS and "outcome_schema" not in clean:
                chosen = None  # moving to the adults' area takes the schema away, not a refusal
            clean["outcome_schema"] = outcome_schema_for(area, chosen)  # type: ignore[arg-type]
            _refuse_schema_under_goals(session, citizen, clean["outcome_schema"])  # type: ignore[arg-type]
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
    today: dt.date | None = None,
) -> list[Citizen]:
    """Citizens sorted by name; ``text`` matches name or CPR number (digits with or without dash).

    ``active=True`` keeps those who live at the unit on ``today`` (default the real today),
    including a move-out date still to come; ``active=False`` those who have moved out.
    """
    query = select(Citizen).options(selectinload(Citizen.contacts)).order_by(Citizen.id)
    if area:
        query = query.where(Citizen.area == _area(area))
    if active is not None:
        current = Citizen.lives_here(today or dt.date.today())
        query = query.where(current if active else ~current)
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
