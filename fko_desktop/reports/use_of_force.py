"""The status report's "Magtanvendelse i perioden": the period's incidents, counted and listed,
and the permissions in force, with the plan's prevention.

The caseworker reads this section to see how often force was used, what kind, whether it was
reported on time and what the unit does to prevent it; so the count and the kinds come first,
and each incident keeps its time, duration and what was tried before force was used.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether
from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.models import UseOfForce
from fko_desktop.models.catalogs import display_code
from fko_desktop.models.enums import Area, UseOfForceKind
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    LONG_CELL,
    NONE_TEXT,
    date_text,
    grid_table,
    para,
    period_text,
    styles,
    text_block,
)
from fko_desktop.reports.model import UseOfForceItem


def measure_label(area: Area, code: str | None) -> str:
    return display_code("magtanvendelse", code, f"measures_{area.value}") if code else NONE_TEXT


def gather_use_of_force(
    session: Session, citizen_id: int, area: Area, period_from: dt.date, period_to: dt.date
) -> tuple[UseOfForceItem, ...]:
    """Incidents that occurred in the period and permissions whose span touches it."""
    records = session.scalars(
        select(UseOfForce)
        .where(UseOfForce.citizen_id == citizen_id, UseOfForce.withdrawn_at.is_(None))
        .order_by(UseOfForce.occurred_on, UseOfForce.occurred_time, UseOfForce.period_start, UseOfForce.id)
    )
    items = []
    for r in records:
        if r.kind is UseOfForceKind.REPORT:
            inside = r.occurred_on is not None and period_from <= r.occurred_on <= period_to
        else:
            starts_before_end = r.period_start is None or r.period_start <= period_to
            ends_after_start = r.period_end is None or r.period_end >= period_from
            inside = starts_before_end and ends_after_start
        if inside:
            items.append(
                UseOfForceItem(
                    kind=r.kind,
                    occurred_on=r.occurred_on,
                    period_start=r.period_start,
                    period_end=r.period_end,
                    review_date=r.review_date,
                    description=r.description,
                    reported_to=r.reported_to,
                    measure=measure_label(area, r.measure_code),
                    occurred_time=r.occurred_time,
                    duration_minutes=r.duration_minutes,
                    prevention_tried=r.prevention_tried,
                    reported_on=r.reported_on,
                )
            )
    return tuple(items)


def _when(item: UseOfForceItem) -> str:
    when = date_text(item.occurred_on)
    if item.occurred_time is not None:
        when += f" kl. {item.occurred_time.strftime('%H.%M')}"
    return when


def _measure(item: UseOfForceItem) -> str:
    if item.duration_minutes is None:
        return item.measure
    return f"{item.measure}, {item.duration_minutes} min."


def _is_reported(item: UseOfForceItem) -> bool:
    # Before migration 0007 only the authority was kept, not the date.
    return item.reported_on is not None or bool(item.reported_to)


def _reported(item: UseOfForceItem) -> str:
    if item.reported_on is None:
        return f"Til {item.reported_to} (dato ikke registreret)" if item.reported_to else "Ikke indberettet"
    return f"{date_text(item.reported_on)} til {item.reported_to or NONE_TEXT}"


def _cell(text: str | None, label: str, long_texts: list[tuple[str, str]]) -> str:
    """A text too long for a table row is printed under the table (rows never split)."""
    if not text:
        return NONE_TEXT
    if len(text) > LONG_CELL:
        long_texts.append((label, text))
        return "Lang tekst; se under tabellen."
    return text


def count_line(incidents: list[UseOfForceItem]) -> str:
    if not incidents:
        return "Der er ingen indberettede magtanvendelser i perioden."
    kinds = Counter(
        item.measure if item.measure != NONE_TEXT else "Indgreb ikke angivet" for item in incidents
    )
    listed = ", ".join(f"{measure.lower()} {n}" for measure, n in kinds.most_common())
    noun = "magtanvendelse" if len(incidents) == 1 else "magtanvendelser"
    unreported = sum(1 for item in incidents if not _is_reported(item))
    tail = f" {unreported} er ikke indberettet til myndigheden." if unreported else ""
    return f"I perioden er der registreret {len(incidents)} {noun} ({listed}).{tail}"


def use_of_force_section(items: tuple[UseOfForceItem, ...], prevention: str | None) -> list[Flowable]:
    s = styles()
    incidents = [i for i in items if i.kind is UseOfForceKind.REPORT]
    permissions = [i for i in items if i.kind is UseOfForceKind.PERMISSION]
    out: list[Flowable] = [para(count_line(incidents), s.note if not incidents else None)]
    long_texts: list[tuple[str, str]] = []
    if incidents:
        rows = []
        for item in incidents:
            when = _when(item)
            rows.append(
                [
                    when,
                    _measure(item),
                    _cell(item.description, f"Hvad skete der, {when}", long_texts),
                    _cell(item.prevention_tried, f"Forsøgt forebyggelse, {when}", long_texts),
                    _reported(item),
                ]
            )
        out.append(
            grid_table(
                ["Dato og tid", "Indgreb", "Hvad skete der", "Forsøgt først", "Indberettet"],
                rows,
                [27 * mm, 30 * mm, CONTENT_WIDTH - 127 * mm, 40 * mm, 30 * mm],
            )
        )
    if permissions:
        rows = []
        for item in permissions:
            label = f"Tilladelse, {item.measure}"
            rows.append(
                [
                    item.measure,
                    period_text(item.period_start, item.period_end),
                    date_text(item.review_date),
                    _cell(item.description, label, long_texts),
                    item.reported_to or NONE_TEXT,
                ]
            )
        table = grid_table(
            ["Indgreb", "Periode", "Revurderes", "Tilladelsen omfatter", "Givet af"],
            rows,
            [32 * mm, 34 * mm, 24 * mm, CONTENT_WIDTH - 120 * mm, 30 * mm],
        )
        # The caption never stays behind at the foot of a page while its table moves on.
        out.append(KeepTogether([para("Tilladelser, der gælder i perioden:", s.cell_bold), table]))
    else:
        out.append(para("Der er ingen tilladelser til magtanvendelse i perioden.", s.note))
    for label, text in long_texts:
        out += text_block(label, text)
    out += text_block("Forebyggelse (fra planen)", prevention)
    return out
