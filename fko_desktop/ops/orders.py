"""Orders (bestillinger) from the authority and their intervention goals (indsatsmål).

Entering an order by hand from the authority's PDF is the main way orders arrive today, so
``create_order`` takes the whole order with its goals in one call and one transaction, and the
window's order form saves through ``save_order_form``: the order, every goal row and the
services in one transaction, so a refusal of any part leaves the file as it was. The finer
operations (``update_order``, ``add_goal``, ``update_goal``) run the same checks through the same
helpers.

The order's life (seed 001, 3.1.1): it is received; goals that are not SMART go back to the
caseworker (``return_for_reformulation``), whose reformulated goals are typed into the order form
and bring it back to received; the unit accepts it (``accept_order``) once every goal has its
domain, baseline and target; a newer order replaces it (``replaces_order_id``), which ends its
open goals. Every write returns the order's warnings (``order_warnings``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, Citizen, InterventionGoal, Order, OrderService
from fko_desktop.models.catalogs import domain_catalog_for_area, load_catalog
from fko_desktop.models.citizen import ADULTS_HAVE_NO_SCHEMA, outcome_schema_for
from fko_desktop.models.enums import LIVE_ORDER_STATES, MeetingKind, OrderState
from fko_desktop.models.validation import check_goal_scores, goal_count_warning, require_text
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse
from fko_desktop.ops.order_life import refuse_acceptance, replace_earlier
from fko_desktop.ops.order_warnings import order_warnings
from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class GoalInput:
    text: str
    domain_code: str
    start_date: dt.date
    baseline: object = None
    target: object = None
    goal_type_code: str | None = None
    follow_up_date: dt.date | None = None
    responsible_id: int | None = None
    related_themes: Sequence[str] = ()
    justification: str | None = None
    # Defaults to the catalog of the citizen's area (ICS for children, FFB for adults).
    domain_catalog: str | None = None
    #: An ended goal owes no målstatus after this date; the reason is required with it.
    end_date: dt.date | None = None
    end_reason: str | None = None


@dataclasses.dataclass(frozen=True)
class ServiceInput:
    name: str
    legal_basis: str | None = None
    code: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


ORDER_FIELDS = {
    "meeting_date",
    "meeting_kind",
    "received_date",
    "sender_name",
    "sender_organisation",
    "intervention_purpose",
    "agreements",
    "other_needs",
    "support_need_code",
    "external_id",
}


def _check_code(catalog_id: str, set_name: str, code: str | None, field: str, label: str) -> None:
    if code is None:
        return
    entry = load_catalog(catalog_id).set(set_name).get(code)
    if entry is None or not entry.selectable:
        raise ValidationError(f"»{code}« er ikke en gyldig {label}.", field=field)


def _goal_type_catalog(domain_catalog: str) -> str:
    # Only FFB and ICS define goal types; the Århus schemas borrow the ICS ones.
    return "ffb" if domain_catalog == "ffb" else "ics"


def _build_goal(citizen: Citizen, goal: GoalInput, position: int) -> InterventionGoal:
    text = require_text(goal.text, "text", "Målets tekst")
    catalog = goal.domain_catalog or domain_catalog_for_area(citizen.area.value)
    domain_set = "goal_domains" if catalog in ("ffb", "ics") else _aarhus_set(citizen)
    _check_code(catalog, domain_set, goal.domain_code, "domain_code", "målområde")
    _check_code(_goal_type_catalog(catalog), "goal_types", goal.goal_type_code, "goal_type_code", "måltype")
    for theme in goal.related_themes:
        _check_code("ffb", "related_themes", theme, "related_themes", "relateret tema")
    baseline, target = check_goal_scores(goal.baseline, goal.target)
    if goal.follow_up_date and goal.follow_up_date < goal.start_date:
        raise ValidationError("Opfølgningsdatoen ligger før målets startdato.", field="follow_up_date")
    end_reason = clean_text(goal.end_reason)
    if goal.end_date is not None:
        if goal.end_date < goal.start_date:
            raise ValidationError("Slutdatoen ligger før målets startdato.", field="end_date")
        if end_reason is None:
            raise ValidationError("Skriv hvorfor målet afsluttes.", field="end_reason")
    elif end_reason is not None:
        raise ValidationError("Angiv slutdatoen for et afsluttet mål.", field="end_date")
    return InterventionGoal(
        citizen_id=citizen.id,
        position=position,
        text=text,
        domain_catalog=catalog,
        domain_code=goal.domain_code,
        goal_type_code=goal.goal_type_code,
        baseline=baseline,
        target=target,
        start_date=goal.start_date,
        follow_up_date=goal.follow_up_date,
        responsible_id=goal.responsible_id,
        related_themes=list(goal.related_themes),
        justification=clean_text(goal.justification),
        end_date=goal.end_date,
        end_reason=end_reason,
    )


def _aarhus_set(citizen: Citizen) -> str:
    # The child's own schema (seed 003's three are all for children and young people); an
    # adult has none and is refused: their goals follow VUM/FFB.
    schema = outcome_schema_for(citizen.area, citizen.outcome_schema)
    if schema is None:
        raise ValidationError(ADULTS_HAVE_NO_SCHEMA, field="domain_code")
    return schema.value


def _order_fields(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - ORDER_FIELDS
    if unknown:
        raise ValueError(f"unknown order fields: {sorted(unknown)}")
    clean = {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}
    if "meeting_kind" in clean and clean["meeting_kind"] is not None:
        clean["meeting_kind"] = MeetingKind(str(clean["meeting_kind"]))
    if clean.get("intervention_purpose") is None and "intervention_purpose" in clean:
        clean["intervention_purpose"] = ""
    _check_code("ffb", "support_need", clean.get("support_need_code"), "support_need_code", "støttebehov")  # type: ignore[arg-type]
    meeting, received = clean.get("meeting_date"), clean.get("received_date")
    if isinstance(meeting, dt.date) and isinstance(received, dt.date) and received < meeting:
        raise ValidationError("Bestillingen kan ikke være modtaget før mødet.", field="received_date")
    return clean


def _build_service(service: ServiceInput) -> OrderService:
    name = require_text(service.name, "services", "Ydelsens navn")
    if service.start_date and service.end_date and service.end_date < service.start_date:
        raise ValidationError(f"Ydelsen »{name}« slutter før den starter.", field="services")
    return OrderService(
        name=name,
        legal_basis=clean_text(service.legal_basis),
        code=service.code,
        start_date=service.start_date,
        end_date=service.end_date,
    )


def _set_services(order: Order, services: Sequence[ServiceInput]) -> None:
    """Make ``services`` the order's service rows (they are no legal record: replaced, not versioned)."""
    built = [_build_service(service) for service in services]
    facts = ("name", "legal_basis", "code", "start_date", "end_date")

    def rows(items: Sequence[OrderService]) -> list[tuple[object, ...]]:
        return [tuple(getattr(item, fact) for fact in facts) for item in items]

    if rows(order.services) != rows(built):  # an unchanged list is left as it is stored
        order.services = built


def _insert_order(
    session: Session,
    citizen: Citizen,
    clean: dict[str, object],
    services: Sequence[ServiceInput],
    replaces_order_id: int | None,
    today: dt.date,
) -> Order:
    """Add a new order (without goals) for ``citizen``; ``clean`` is what ``_order_fields`` returned."""
    order = Order(citizen_id=citizen.id, **clean)
    order.services = [_build_service(service) for service in services]
    if replaces_order_id is not None:
        earlier = get_or_refuse(session, Order, replaces_order_id)
        replace_earlier(earlier, citizen, order.received_date or today)
        order.replaces_order_id = earlier.id
    session.add(order)
    session.flush()
    return order


def _next_goal_position(session: Session, order_id: int) -> int:
    last = session.scalar(
        select(func.max(InterventionGoal.position)).where(InterventionGoal.order_id == order_id)
    )
    return (last or 0) + 1


def _add_goal(
    session: Session, order: Order, citizen: Citizen, goal: GoalInput, position: int
) -> InterventionGoal:
    built = _build_goal(citizen, goal, position)
    built.order_id = order.id
    session.add(built)
    return built


#: The columns a goal's own fields are stored in (everything ``_build_goal`` checks).
_GOAL_COLUMNS = (
    "text", "domain_catalog", "domain_code", "goal_type_code", "baseline", "target",
    "start_date", "follow_up_date", "responsible_id", "related_themes", "justification",
    "end_date", "end_reason",
)  # fmt: skip


def _update_goal(existing: InterventionGoal, citizen: Citizen, goal: GoalInput) -> None:
    """Check ``goal`` as a whole and write it over ``existing`` (only what differs is set)."""
    built = _build_goal(citizen, goal, existing.position)
    for column in _GOAL_COLUMNS:
        value = getattr(built, column)
        if getattr(existing, column) != value:
            setattr(existing, column, value)


def create_order(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    goals: Sequence[GoalInput] = (),
    services: Sequence[ServiceInput] = (),
    replaces_order_id: int | None = None,
    today: dt.date | None = None,
    **fields: object,
) -> Changed[Order]:
    """Register an order with its goals and services, the order it replaces (if any) replaced;
    what does not fit the FKO cycle is a warning, not a refusal (``order_warnings``)."""
    today = today or dt.date.today()
    clean = _order_fields(fields)
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        order = _insert_order(session, citizen, clean, services, replaces_order_id, today)
        for position, goal in enumerate(goals, start=1):
            _add_goal(session, order, citizen, goal, position)
        session.flush()
        session.refresh(order, ["goals"])
        warnings = order_warnings(order, citizen, today)
    return Changed.after(session, order, warnings)


def update_order(unit: UnitFile, actor: Actor, order_id: int, **fields: object) -> Changed[Order]:
    clean = _order_fields(fields)
    with unit.write(actor) as session:
        order = get_or_refuse(session, Order, order_id)
        for key, value in clean.items():
            setattr(order, key, value)
    return Changed.after(session, order)


def add_goal(unit: UnitFile, actor: Actor, order_id: int, goal: GoalInput) -> Changed[InterventionGoal]:
    with unit.write(actor) as session:
        order = get_or_refuse(session, Order, order_id)
        citizen = get_or_refuse(session, Citizen, order.citizen_id)
        position = _next_goal_position(session, order.id)
        built = _add_goal(session, order, citizen, goal, position)
        session.flush()
        count = session.scalar(
            select(func.count()).select_from(InterventionGoal).where(InterventionGoal.order_id == order_id)
        )
        warning = goal_count_warning(count or 0)
    return Changed.after(session, built, (warning,) if warning else ())


def update_goal(unit: UnitFile, actor: Actor, goal_id: int, goal: GoalInput) -> Changed[InterventionGoal]:
    """Replace a goal's fields (the window's goal editor saves the whole form)."""
    with unit.write(actor) as session:
        existing = get_or_refuse(session, InterventionGoal, goal_id)
        citizen = get_or_refuse(session, Citizen, existing.citizen_id)
        _update_goal(existing, citizen, goal)
    return Changed.after(session, existing)


# -- the order form ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OrderFormGoal:
    """One goal row of the order form.

    ``goal_id`` None adds ``goal`` to the order; otherwise the stored goal is updated with the
    fields the order form shows (``ORDER_FORM_GOAL_FIELDS``) and keeps the rest (goal type,
    follow-up date, responsible, related themes, justification, catalog), which the goal's own
    form edits. ``number`` is how the form numbers the row ("Mål 3") in a refusal; it defaults
    to the row's place in the list.
    """

    goal: GoalInput
    goal_id: int | None = None
    number: int | None = None


#: The goal fields the order form edits; a stored goal keeps its other fields.
ORDER_FORM_GOAL_FIELDS = ("text", "domain_code", "start_date", "baseline", "target")

#: The Danish names of a goal's fields, for a refusal of one goal row among several.
_GOAL_FIELD_NAMES = {
    "text": "tekst",
    "domain_code": "målområde",
    "goal_type_code": "måltype",
    "baseline": "baseline",
    "target": "målscore",
    "start_date": "startdato",
    "follow_up_date": "opfølgningsdato",
    "related_themes": "relateret tema",
}

#: The order form cannot remove a stored goal (the same words as the form's "Fjern" button).
GOAL_NOT_REMOVABLE = "Et gemt mål kan ikke fjernes her; afslut det på målet."


@contextmanager
def _goal_row(number: int) -> Iterator[None]:
    """Say which goal row (and which of its fields) a refusal is about: "Mål 3, målscore: …"."""
    try:
        yield
    except ValidationError as error:
        name = _GOAL_FIELD_NAMES.get(error.field or "")
        prefix = f"Mål {number}, {name}" if name and name not in error.message.lower() else f"Mål {number}"
        raise type(error)(f"{prefix}: {error.message}", field=error.field) from None


def _stored_goal_input(goal: InterventionGoal) -> GoalInput:
    return GoalInput(
        text=goal.text,
        domain_code=goal.domain_code,
        start_date=goal.start_date,
        baseline=goal.baseline,
        target=goal.target,
        goal_type_code=goal.goal_type_code,
        follow_up_date=goal.follow_up_date,
        responsible_id=goal.responsible_id,
        related_themes=tuple(goal.related_themes or ()),
        justification=goal.justification,
        domain_catalog=goal.domain_catalog,
        end_date=goal.end_date,
        end_reason=goal.end_reason,
    )


def _form_goal_ids(order_id: int | None, goals: Sequence[OrderFormGoal]) -> set[int]:
    """The stored goals among the rows, each once (a new order has none)."""
    seen: set[int] = set()
    for item in goals:
        if item.goal_id is not None:
            if order_id is None:
                raise ValidationError("En ny bestilling kan ikke have gemte mål.", field="goals")
            if item.goal_id in seen:
                raise ValidationError("Det samme mål står to gange i bestillingen.", field="goals")
            seen.add(item.goal_id)
    return seen


def _stored_form_order(
    session: Session, order_id: int, citizen_id: int | None, clean: dict[str, object], seen: set[int]
) -> Order:
    """The stored order with the form's fields written; refused unless the rows hold its goals."""
    order = get_or_refuse(session, Order, order_id)
    if citizen_id is not None and citizen_id != order.citizen_id:
        raise ValidationError("Bestillingen tilhører en anden borger.")
    for key, value in clean.items():
        if getattr(order, key) != value:
            setattr(order, key, value)
    stored = {goal.id for goal in order.goals}
    if seen - stored:
        raise ValidationError("Et af målene hører ikke til denne bestilling.", field="goals")
    if stored - seen:
        raise ValidationError(GOAL_NOT_REMOVABLE, field="goals")
    return order


def _save_goal_rows(session: Session, order: Order, citizen: Citizen, goals: Sequence[OrderFormGoal]) -> bool:
    """Add the new rows and update the stored ones that differ; True if any goal changed."""
    stored = {goal.id: goal for goal in order.goals}
    position = _next_goal_position(session, order.id)
    changed = False
    for index, item in enumerate(goals, start=1):
        with _goal_row(item.number or index):
            if item.goal_id is None:
                _add_goal(session, order, citizen, item.goal, position)
                position += 1
                changed = True
            else:
                existing = stored[item.goal_id]
                before = _stored_goal_input(existing)
                wanted = dataclasses.replace(
                    before, **{name: getattr(item.goal, name) for name in ORDER_FORM_GOAL_FIELDS}
                )
                if wanted != before:
                    _update_goal(existing, citizen, wanted)
                    changed = True
            # The length limits are checked when the row is flushed: refused as this row.
            session.flush()
    return changed


def save_order_form(
    unit: UnitFile,
    actor: Actor,
    order_id: int | None,
    *,
    citizen_id: int | None = None,
    goals: Sequence[OrderFormGoal] = (),
    services: Sequence[ServiceInput] | None = None,
    replaces_order_id: int | None = None,
    today: dt.date | None = None,
    **fields: object,
) -> Changed[Order]:
    """The order form's Gem: the order's fields, all its goal rows and its services in ONE
    transaction.

    ``order_id`` None registers a new order for ``citizen_id`` (every row new), replacing the
    order ``replaces_order_id`` if given. Otherwise the order's fields are written, a row with a
    ``goal_id`` updates that goal when it differs from what is stored (only then is it checked
    again, as the goal's own form would), and a row without one adds a goal after the stored
    ones, in the order given. Every stored goal of the order must be among the rows: the form
    cannot remove one (end it on the goal). ``services`` (None: left as they are) become the
    order's service rows. A returned order whose goals change is reformulated: received again,
    waiting for acceptance. Any refusal – an order field, any goal row, a service – leaves the
    file exactly as it was; a goal row's refusal says which row ("Mål 3, målscore: …") and keeps
    the field it concerns. The order's warnings come with the save (``order_warnings``).
    """
    today = today or dt.date.today()
    clean = _order_fields(fields)
    seen = _form_goal_ids(order_id, goals)
    if order_id is not None and replaces_order_id is not None:
        raise ValueError("only a new order replaces another")
    with unit.write(actor) as session:
        if order_id is None:
            if citizen_id is None:
                raise ValueError("a new order needs citizen_id")
            citizen = get_or_refuse(session, Citizen, citizen_id)
            order = _insert_order(session, citizen, clean, services or (), replaces_order_id, today)
        else:
            order = _stored_form_order(session, order_id, citizen_id, clean, seen)
            citizen = get_or_refuse(session, Citizen, order.citizen_id)
            if services is not None:
                _set_services(order, services)
        session.flush()  # the order's own fields are checked (and refused) before any goal
        if _save_goal_rows(session, order, citizen, goals) and order.state is OrderState.RETURNED:
            # The caseworker's answer: reformulated goals, typed in; the order awaits acceptance.
            order.state = OrderState.RECEIVED
            order.reformulated_date = today
        session.refresh(order, ["goals"])
        warnings = order_warnings(order, citizen, today)
    return Changed.after(session, order, warnings)


def return_for_reformulation(
    unit: UnitFile, actor: Actor, order_id: int, *, reason: str, returned_on: dt.date
) -> Changed[Order]:
    """Send non-SMART goals back: the caseworker then has 14 days to reformulate them."""
    reason = require_text(reason, "return_reason", "Begrundelse")
    with unit.write(actor) as session:
        order = get_or_refuse(session, Order, order_id)
        order.state = OrderState.RETURNED
        order.returned_date = returned_on
        order.return_reason = reason
    return Changed.after(session, order)


def accept_order(
    unit: UnitFile, actor: Actor, order_id: int, *, today: dt.date | None = None
) -> Changed[Order]:
    """The unit accepts the order (received or returned: the caseworker may answer by phone)."""
    today = today or dt.date.today()
    with unit.write(actor) as session:
        order = get_or_refuse(session, Order, order_id)
        refuse_acceptance(order)
        order.state = OrderState.ACCEPTED
        order.accepted_date = today
        warnings = order_warnings(order, get_or_refuse(session, Citizen, order.citizen_id), today)
    return Changed.after(session, order, warnings)


def orders_for_citizen(unit: UnitFile, citizen_id: int) -> list[Order]:
    with unit.read() as session:
        query = (
            select(Order)
            .where(Order.citizen_id == citizen_id)
            .options(selectinload(Order.goals).selectinload(InterventionGoal.sub_goals))
            .options(selectinload(Order.services), selectinload(Order.replaced_by))
            .order_by(Order.received_date.desc().nulls_last(), Order.id.desc())
        )
        return list(session.scalars(query))


def current_goals(session: Session, citizen_id: int) -> list[InterventionGoal]:
    """The goals of the citizen's live orders (not replaced, not ended), in order."""
    query = (
        select(InterventionGoal)
        .join(Order)
        .where(
            InterventionGoal.citizen_id == citizen_id,
            Order.state.in_(LIVE_ORDER_STATES),
            InterventionGoal.end_date.is_(None),
        )
        .order_by(Order.id, InterventionGoal.position)
    )
    return list(session.scalars(query))


def get_goal(unit: UnitFile, goal_id: int) -> InterventionGoal:
    with unit.read() as session:
        return get_or_refuse(
            session, InterventionGoal, goal_id, load=[InterventionGoal.sub_goals, InterventionGoal.order]
        )
