"""The declarative base and the column types every entity shares."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Integer, MetaData, SmallInteger, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from fko_desktop.models import scores

# Stable constraint names so Alembic migrations can refer to them on every platform.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware instant stored as UTC ISO text.

    SQLite has no timestamp type; storing UTC text keeps ordering correct across daylight
    saving changes and makes the file readable by other tools.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a timezone")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return dt.datetime.fromisoformat(value)


class ScoreType(TypeDecorator[Any]):
    """An FKO score: 0–4, NOT_ASSESSED, or NULL for "no score given".

    One small-integer column (see ``scores.to_storage``) so a CHECK constraint can guard it.
    """

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        return scores.to_storage(scores.parse_score(value))

    def process_result_value(self, value: int | None, dialect: Any) -> Any:
        return scores.from_storage(value)


def score_check(column: str) -> str:
    """The CHECK clause for a score column: 0–4 or -1 (Ikke vurderet) or NULL."""
    return f"{column} IS NULL OR {column} BETWEEN -1 AND 4"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        str: Text(),
    }


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class Authored:
    """Who created a record and when: everything a person documents keeps its author."""

    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("staff_member.id"), nullable=True)


class Versioned(Authored):
    """A record with legal weight: journal notes, goal status, follow-up assessments, ….

    An edit keeps the earlier content as a ``RecordVersion`` row and bumps ``version``;
    a withdrawal marks the record with a reason. Neither is ever a DELETE (the database
    refuses deletes of these tables by trigger; see the migrations). The mechanics live in
    ``fko_desktop.models.history`` so no operation can forget them.
    """

    # The fields whose earlier values must survive an edit; subclasses list them.
    __versioned_fields__: tuple[str, ...] = ()

    if TYPE_CHECKING:
        # What every versioned record also has (it is an ``IdMixin`` table); declared for the
        # checker only, so the mixin adds no column of its own.
        __tablename__: str
        id: Mapped[int]

    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime | None]
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawal_reason: Mapped[str | None]

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("staff_member.id"), nullable=True)

    @declared_attr
    def withdrawn_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("staff_member.id"), nullable=True)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
